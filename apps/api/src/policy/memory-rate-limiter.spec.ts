import { MemoryRateLimiter } from './memory-rate-limiter';

const WINDOW = 600;
const MINUTE = 60_000;

function fakeClock(start = 1_700_000_000_000): { now(): Date; advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

describe('MemoryRateLimiter', () => {
  it('should refuse the 6th send in 10 minutes and allow again once the window slides', async () => {
    const clock = fakeClock();
    const limiter = new MemoryRateLimiter(clock);
    for (let i = 1; i <= 5; i++) {
      await expect(limiter.hit('k', 5, WINDOW)).resolves.toEqual({ kind: 'allowed', count: i });
      clock.advance(MINUTE);
    }
    // t = 5 min
    await expect(limiter.hit('k', 5, WINDOW)).resolves.toEqual({ kind: 'exceeded', count: 5 });
    clock.advance(5 * MINUTE); // t = 10 min: the first send (t = 0) leaves the window
    await expect(limiter.hit('k', 5, WINDOW)).resolves.toEqual({ kind: 'allowed', count: 5 });
    await expect(limiter.hit('k', 5, WINDOW)).resolves.toEqual({ kind: 'exceeded', count: 5 });
  });

  it('should not extend the block for refused attempts', async () => {
    const clock = fakeClock();
    const limiter = new MemoryRateLimiter(clock);
    for (let i = 0; i < 5; i++) await limiter.hit('k', 5, WINDOW);
    for (let i = 0; i < 9; i++) {
      clock.advance(MINUTE);
      expect((await limiter.hit('k', 5, WINDOW)).kind).toBe('exceeded');
    }
    clock.advance(MINUTE + 1);
    expect((await limiter.hit('k', 5, WINDOW)).kind).toBe('allowed');
  });

  it('should count keys separately', async () => {
    const limiter = new MemoryRateLimiter(fakeClock());
    await limiter.hit('a', 1, WINDOW);
    await expect(limiter.hit('a', 1, WINDOW)).resolves.toMatchObject({ kind: 'exceeded' });
    await expect(limiter.hit('b', 1, WINDOW)).resolves.toMatchObject({ kind: 'allowed' });
  });

  it('should keep memory bounded, dropping expired keys first', async () => {
    const clock = fakeClock();
    const limiter = new MemoryRateLimiter(clock, 100);
    for (let i = 0; i < 100; i++) await limiter.hit(`old-${i}`, 5, WINDOW);
    clock.advance(11 * MINUTE);
    for (let i = 0; i < 50; i++) await limiter.hit(`new-${i}`, 5, WINDOW);
    expect(limiter.size).toBeLessThanOrEqual(100);
    // Live keys survive the sweep of expired ones.
    await expect(limiter.hit('new-0', 5, WINDOW)).resolves.toEqual({ kind: 'allowed', count: 2 });
    for (let i = 0; i < 1000; i++) await limiter.hit(`flood-${i}`, 5, WINDOW);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });
});
