import type { ActivityReportService } from '../delivery/activity-report.service';
import type { ActivityService } from '../delivery/activity.service';
import { ConnectorMetrics } from '../metrics/metrics';
import type { ClaimedJob, ConversionJobRepository, JobOutcome } from './conversion-job.repository';
import type { ConversionJob, ConversionService, JobResult } from './conversion.service';
import { backoffMs, DEFAULT_JOB_WORKER_OPTIONS, JobWorker, JobWorkerOptions } from './job-worker';
import type { RetentionRepository } from './retention.repository';

describe('backoffMs', () => {
  it('should double from the base and stop at the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, DEFAULT_JOB_WORKER_OPTIONS))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(30, DEFAULT_JOB_WORKER_OPTIONS)).toBe(DEFAULT_JOB_WORKER_OPTIONS.maxBackoffMs);
  });
});

const NOW = new Date('2026-01-01T00:00:00.000Z');

function job(n: number, attempts = 1): ClaimedJob {
  return { id: `job-${n}`, kind: 'CONVERT', authEventId: `event-${n}`, activityId: null, attempts, leaseId: `lease-${n}` };
}

/** The job table as the worker sees it: batches handed out in turn, and every settlement written down. */
class FakeJobTable {
  settled: JobOutcome[] = [];
  claims = 0;
  constructor(private readonly batches: ClaimedJob[][]) {}

  asRepository(): ConversionJobRepository {
    return {
      claimDue: async () => {
        this.claims += 1;
        return this.batches.shift() ?? [];
      },
      settle: async (outcomes: JobOutcome[]) => {
        this.settled.push(...outcomes);
        return new Set(outcomes.map((o) => o.job.id));
      },
      enqueueCancels: async () => undefined,
      countPendingByKind: async () => ({}),
    } as unknown as ConversionJobRepository;
  }
}

function worker(table: FakeJobTable, convert: (jobs: ConversionJob[]) => JobResult[], options: Partial<JobWorkerOptions> = {}) {
  const gaveUp: string[] = [];
  const conversions = {
    convertAll: async (jobs: ConversionJob[]) => convert(jobs),
    cancelExpired: async () => ({ done: true, note: 'nothing to cancel' }),
    gaveUp: async (authEventId: string) => void gaveUp.push(authEventId),
  } as unknown as ConversionService;
  const activity = { claimExpired: async () => ({ changed: [], more: false }) } as unknown as ActivityService;
  const report = { rollUp: async () => null } as unknown as ActivityReportService;
  const retention = { prune: async () => ({ deliveries: 0, jobs: 0 }) } as unknown as RetentionRepository;
  const w = new JobWorker(table.asRepository(), conversions, activity, new ConnectorMetrics(), report, retention, { now: () => NOW }, {
    ...DEFAULT_JOB_WORKER_OPTIONS,
    ...options,
  });
  return { worker: w, gaveUp };
}

describe('JobWorker', () => {
  afterEach(() => jest.useRealTimers());

  it('should take the next batch at once while batches come back full, and wait for the poll after a partial one', async () => {
    jest.useFakeTimers();
    const table = new FakeJobTable([[job(1), job(2)], [job(3), job(4)], [job(5)], [job(6)]]);
    const { worker: w } = worker(table, (jobs) => jobs.map(() => ({ done: true, note: 'ok' })), { pollMs: 60_000, batchSize: 2 });
    w.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(60_000);
    await jest.advanceTimersByTimeAsync(10);
    expect(table.claims).toBe(3);
    expect(table.settled.map((o) => o.job.id)).toEqual(['job-1', 'job-2', 'job-3', 'job-4', 'job-5']);
    await jest.advanceTimersByTimeAsync(59_000);
    expect(table.claims).toBe(3);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(table.claims).toBe(4);
    w.stop();
  });

  it('should finish, retry with backoff, requeue without counting, or give up each job of a batch', async () => {
    const table = new FakeJobTable([[job(1), job(2), job(3), job(4, DEFAULT_JOB_WORKER_OPTIONS.maxAttempts)]]);
    const results: JobResult[] = [
      { done: true, note: 'SUCCESS' },
      { done: false, retry: true, error: 'Vonage unavailable' },
      { done: false, retry: true, error: 'another sign-in of this batch matched the same send', uncounted: true },
      { done: false, retry: true, error: 'Vonage unavailable' },
    ];
    const { worker: w, gaveUp } = worker(table, () => results);
    expect(await w.runOnce()).toBe(4);
    expect(table.settled.map(({ job: { id }, status, nextAttemptAt, uncounted }) => ({ id, status, nextAttemptAt, uncounted }))).toEqual([
      { id: 'job-1', status: 'DONE', nextAttemptAt: null, uncounted: false },
      { id: 'job-2', status: 'PENDING', nextAttemptAt: new Date(NOW.getTime() + DEFAULT_JOB_WORKER_OPTIONS.baseBackoffMs), uncounted: false },
      { id: 'job-3', status: 'PENDING', nextAttemptAt: NOW, uncounted: true },
      { id: 'job-4', status: 'FAILED', nextAttemptAt: null, uncounted: false },
    ]);
    expect(gaveUp).toEqual(['event-4']);
  });

  it('should retry the whole batch later when the batch itself fails', async () => {
    const table = new FakeJobTable([[job(1), job(2)]]);
    const { worker: w } = worker(table, () => {
      throw new Error('database unavailable');
    });
    await w.runOnce();
    expect(table.settled.map((o) => [o.job.id, o.status, o.error])).toEqual([
      ['job-1', 'PENDING', 'database unavailable'],
      ['job-2', 'PENDING', 'database unavailable'],
    ]);
  });
});
