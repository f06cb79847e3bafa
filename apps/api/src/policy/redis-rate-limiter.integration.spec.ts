import { randomBytes } from 'crypto';
import Redis from 'ioredis';
import { RedisRateLimiter } from './redis-rate-limiter';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DEAD_URL = 'redis://127.0.0.1:6390';

describe('RedisRateLimiter', () => {
  const prefix = `test:rate:${randomBytes(6).toString('hex')}:`;
  const limiters: RedisRateLimiter[] = [];
  const limiter = (url = REDIS_URL, connectionName?: string): RedisRateLimiter => {
    const created = new RedisRateLimiter(url, { keyPrefix: prefix, connectionName });
    limiters.push(created);
    return created;
  };
  // A new limiter waits only 150 ms for its connection (the hook must not): on a busy machine the
  // first call can find it still opening, which these tests are not about.
  const connectedLimiter = async (connectionName?: string): Promise<RedisRateLimiter> => {
    const created = limiter(REDIS_URL, connectionName);
    const deadline = Date.now() + 5000;
    while ((await created.hit(`warm-up-${randomBytes(4).toString('hex')}`, 1, 1)).kind === 'unavailable' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return created;
  };

  afterAll(async () => {
    await Promise.all(limiters.map((l) => l.onApplicationShutdown()));
    const admin = new Redis(REDIS_URL);
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  it('should refuse the 6th send in the window', async () => {
    const rl = await connectedLimiter();
    for (let i = 1; i <= 5; i++) await expect(rl.hit('a', 5, 600)).resolves.toEqual({ kind: 'allowed', count: i });
    await expect(rl.hit('a', 5, 600)).resolves.toEqual({ kind: 'exceeded', count: 5 });
    await expect(rl.hit('a', 5, 600)).resolves.toEqual({ kind: 'exceeded', count: 5 });
  });

  it('should share one limit between two instances, atomically', async () => {
    const [one, two] = [await connectedLimiter(), await connectedLimiter()];
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).hit('shared', 5, 600)));
    expect(outcomes.filter((o) => o.kind === 'allowed')).toHaveLength(5);
    expect(outcomes.filter((o) => o.kind === 'exceeded')).toHaveLength(15);
  });

  it('should let sends through again once the window slides, refused attempts not counting', async () => {
    const rl = await connectedLimiter();
    await rl.hit('slide', 2, 1);
    await rl.hit('slide', 2, 1);
    await new Promise((r) => setTimeout(r, 600));
    await expect(rl.hit('slide', 2, 1)).resolves.toMatchObject({ kind: 'exceeded' });
    await new Promise((r) => setTimeout(r, 500));
    await expect(rl.hit('slide', 2, 1)).resolves.toEqual({ kind: 'allowed', count: 1 });
  });

  it('should store only the given key under the prefix, with an expiry', async () => {
    const rl = await connectedLimiter();
    await rl.hit('ttl', 5, 600);
    const admin = new Redis(REDIS_URL);
    const ttl = await admin.pttl(`${prefix}ttl`);
    await admin.quit();
    expect(ttl).toBeGreaterThan(590_000);
    expect(ttl).toBeLessThanOrEqual(600_000);
  });

  it('should answer unavailable quickly when Redis is unreachable', async () => {
    const rl = limiter(DEAD_URL);
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const outcome = await rl.hit('dead', 5, 600);
      expect(outcome.kind).toBe('unavailable');
      expect(Date.now() - started).toBeLessThan(300);
    }
  });

  it('should reconnect on its own after losing its connection', async () => {
    const name = `test-rl-${randomBytes(4).toString('hex')}`;
    const rl = await connectedLimiter(name);
    await expect(rl.hit('reconnect', 100, 600)).resolves.toMatchObject({ kind: 'allowed' });
    const admin = new Redis(REDIS_URL);
    const list = (await admin.client('LIST')) as string;
    const id = list.split('\n').find((line) => line.includes(`name=${name}`))?.match(/id=(\d+)/)?.[1];
    expect(id).toBeDefined();
    await admin.client('KILL', 'ID', id as string);
    await admin.quit();
    const deadline = Date.now() + 3000;
    let outcome = await rl.hit('reconnect', 100, 600);
    while (outcome.kind !== 'allowed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      outcome = await rl.hit('reconnect', 100, 600);
    }
    expect(outcome.kind).toBe('allowed');
  });
});
