import { backoffMs, DEFAULT_JOB_WORKER_OPTIONS } from './job-worker';

describe('backoffMs', () => {
  it('should double from the base and stop at the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, DEFAULT_JOB_WORKER_OPTIONS))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(30, DEFAULT_JOB_WORKER_OPTIONS)).toBe(DEFAULT_JOB_WORKER_OPTIONS.maxBackoffMs);
  });
});
