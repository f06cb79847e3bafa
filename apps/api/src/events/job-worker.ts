import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, Clock } from '../common/clock';
import { ActivityService } from '../delivery/activity.service';
import { ConversionJobRepository, ClaimedJob } from './conversion-job.repository';
import { ConversionService, JobResult } from './conversion.service';
import { ConnectorMetrics } from '../metrics/metrics';
import { ActivityReportService } from '../delivery/activity-report.service';

export const JOB_WORKER_OPTIONS = Symbol('JOB_WORKER_OPTIONS');

export interface JobWorkerOptions {
  /** Pause between polls; 0 disables the timer (tests then call runOnce()). */
  pollMs: number;
  batchSize: number;
  /** How long a claimed job stays hidden from other instances. */
  leaseMs: number;
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_JOB_WORKER_OPTIONS: JobWorkerOptions = {
  pollMs: 1000,
  batchSize: 20,
  leaseMs: 60_000,
  maxAttempts: 10,
  baseBackoffMs: 2000,
  maxBackoffMs: 5 * 60_000,
};

// Folding settled hours into the dashboard rollup needs doing about once a minute, not every poll.
const ROLLUP_EVERY_MS = 60_000;

// Without otpExpires, a stored code is erased this long after the send.
const CODE_TTL_WITHOUT_EXPIRY_MS = 15 * 60_000;

/** Exponential backoff: base * 2^(attempt-1), capped. */
export function backoffMs(attempt: number, options: Pick<JobWorkerOptions, 'baseBackoffMs' | 'maxBackoffMs'>): number {
  return Math.min(options.maxBackoffMs, options.baseBackoffMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Works the durable job table inside the app: sweeps expired codes into CANCEL jobs, then leases due
 * jobs and runs them. Every instance may run one; leases make each job's effect happen once.
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobWorker.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;
  private lastRollupAt = 0;

  constructor(
    private readonly jobs: ConversionJobRepository,
    private readonly conversions: ConversionService,
    private readonly activity: ActivityService,
    private readonly metrics: ConnectorMetrics,
    private readonly report: ActivityReportService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JOB_WORKER_OPTIONS) private readonly options: JobWorkerOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.pollMs > 0) this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop();
    await this.running?.catch(() => undefined);
  }

  /** Stops polling; jobs already leased finish, the rest wait in the table for the next start. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One sweep and one batch; returns how many jobs ran. Safe to call concurrently with the timer. */
  runOnce(): Promise<number> {
    if (!this.running) this.running = this.tick().finally(() => (this.running = null));
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runOnce()
        .catch((error: Error) => this.logger.error(`Job worker run failed: ${error.message}`))
        .finally(() => this.schedule());
    }, this.options.pollMs);
    this.timer.unref();
  }

  private async tick(): Promise<number> {
    const now = this.clock.now();
    const expired = await this.activity.claimExpired(now, new Date(now.getTime() - CODE_TTL_WITHOUT_EXPIRY_MS), 200);
    await this.jobs.enqueueCancels(expired.filter((e) => e.verifyRequestId).map((e) => e.id), now);
    const claimed = await this.jobs.claimDue(now, new Date(now.getTime() + this.options.leaseMs), this.options.batchSize);
    await Promise.all(claimed.map((job) => this.run(job)));
    if (now.getTime() - this.lastRollupAt >= ROLLUP_EVERY_MS) {
      await this.report.rollUp(now);
      this.lastRollupAt = now.getTime();
    }
    const pending = await this.jobs.countPendingByKind();
    for (const kind of ['CONVERT', 'CANCEL']) this.metrics.backlog.set({ kind }, pending[kind] ?? 0);
    return claimed.length;
  }

  private async run(job: ClaimedJob): Promise<void> {
    let result: JobResult;
    try {
      result =
        job.kind === 'CONVERT' ? await this.conversions.convert(job.authEventId!, job.attempts) : await this.conversions.cancelExpired(job.activityId!);
    } catch (error) {
      result = { done: false, retry: true, error: (error as Error).message };
    }
    const now = this.clock.now();
    if (result.done) {
      await this.jobs.finish(job, 'DONE', now);
    } else if (job.attempts >= this.options.maxAttempts) {
      this.logger.error(`Job ${job.id} (${job.kind}) gave up after ${job.attempts} attempts: ${result.error}`);
      if (await this.jobs.finish(job, 'FAILED', now, result.error)) {
        if (job.kind === 'CONVERT') await this.conversions.gaveUp(job.authEventId!, result.error);
      }
    } else {
      await this.jobs.retryAt(job, new Date(now.getTime() + backoffMs(job.attempts, this.options)), now, result.error);
    }
  }
}
