import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, Clock } from '../common/clock';
import { ActivityService } from '../delivery/activity.service';
import { ConversionJobRepository, ClaimedJob, JobOutcome } from './conversion-job.repository';
import { ConversionService, JobResult } from './conversion.service';
import { ConnectorMetrics } from '../metrics/metrics';
import { ActivityReportService } from '../delivery/activity-report.service';
import { RetentionRepository } from './retention.repository';

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
  batchSize: 100,
  leaseMs: 60_000,
  maxAttempts: 10,
  baseBackoffMs: 2000,
  maxBackoffMs: 5 * 60_000,
};

// Folding settled hours into the dashboard rollup and deleting expired rows need doing about once a minute, not every poll.
const HOUSEKEEPING_EVERY_MS = 60_000;

const BACKLOG_EVERY_MS = 1000;

// The expiry sweep reads every attempt once, when its erase time passes (most stored no code): up to
// this many per statement, and so many statements per poll before the rest waits for the next one.
const EXPIRY_PASS_ROWS = 1000;
const MAX_EXPIRY_PASSES = 10;

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
  private lastHousekeepingAt = 0;
  private lastBacklogAt = 0;

  constructor(
    private readonly jobs: ConversionJobRepository,
    private readonly conversions: ConversionService,
    private readonly activity: ActivityService,
    private readonly metrics: ConnectorMetrics,
    private readonly report: ActivityReportService,
    private readonly retention: RetentionRepository,
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

  /** A run that found a full batch is followed at once by the next, so a backlog drains at the speed of the work, not of the poll. */
  private schedule(delayMs = this.options.pollMs): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runOnce().then(
        (ran) => this.schedule(ran >= this.options.batchSize ? 0 : this.options.pollMs),
        (error: Error) => {
          this.logger.error(`Job worker run failed: ${error.message}`);
          this.schedule();
        },
      );
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<number> {
    const now = this.clock.now();
    for (let pass = 0, more = true; more && pass < MAX_EXPIRY_PASSES; pass++) {
      const expired = await this.activity.claimExpired(now, EXPIRY_PASS_ROWS);
      await this.jobs.enqueueCancels(expired.changed.filter((e) => e.verifyRequestId).map((e) => e.id), now);
      more = expired.more;
    }
    const claimed = await this.jobs.claimDue(now, new Date(now.getTime() + this.options.leaseMs), this.options.batchSize);
    const results = await this.runAll(claimed);
    await this.settle(claimed, results);
    if (now.getTime() - this.lastHousekeepingAt >= HOUSEKEEPING_EVERY_MS) {
      await this.report.rollUp(now);
      await this.retention.prune(now);
      this.lastHousekeepingAt = now.getTime();
    }
    // While draining a backlog the worker runs back to back: the gauge needs no more than one count a second.
    if (now.getTime() - this.lastBacklogAt >= BACKLOG_EVERY_MS || claimed.length < this.options.batchSize) {
      const pending = await this.jobs.countPendingByKind();
      for (const kind of ['CONVERT', 'CANCEL']) this.metrics.backlog.set({ kind }, pending[kind] ?? 0);
      this.lastBacklogAt = now.getTime();
    }
    return claimed.length;
  }

  /** Conversions as one batch, cancellations one by one (few, and each its own Vonage call); results in job order. */
  private async runAll(jobs: ClaimedJob[]): Promise<JobResult[]> {
    const failed = (error: unknown): JobResult => ({ done: false, retry: true, error: (error as Error).message });
    const converts = jobs.filter((job) => job.kind === 'CONVERT');
    const [converted, cancelled] = await Promise.all([
      this.conversions.convertAll(converts.map((job) => ({ authEventId: job.authEventId!, attempt: job.attempts }))).catch((error) => converts.map(() => failed(error))),
      Promise.all(jobs.filter((job) => job.kind === 'CANCEL').map((job) => this.conversions.cancelExpired(job.activityId!).catch(failed))),
    ]);
    return jobs.map((job) => (job.kind === 'CONVERT' ? converted : cancelled).shift()!);
  }

  /** Finishes, retries or gives up each job in one statement; a job whose lease was taken over is left alone. */
  private async settle(jobs: ClaimedJob[], results: JobResult[]): Promise<void> {
    const now = this.clock.now();
    const outcomes = jobs.map((job, i): JobOutcome => {
      const result = results[i];
      if (result.done) return { job, status: 'DONE', nextAttemptAt: null, error: null, uncounted: false };
      if (result.uncounted) return { job, status: 'PENDING', nextAttemptAt: now, error: result.error, uncounted: true };
      if (job.attempts < this.options.maxAttempts) {
        return { job, status: 'PENDING', nextAttemptAt: new Date(now.getTime() + backoffMs(job.attempts, this.options)), error: result.error, uncounted: false };
      }
      this.logger.error(`Job ${job.id} (${job.kind}) gave up after ${job.attempts} attempts: ${result.error}`);
      return { job, status: 'FAILED', nextAttemptAt: null, error: result.error, uncounted: false };
    });
    const settled = await this.jobs.settle(outcomes, now);
    for (const { job, status, error } of outcomes) {
      if (status === 'FAILED' && job.kind === 'CONVERT' && settled.has(job.id)) await this.conversions.gaveUp(job.authEventId!, error!);
    }
  }
}
