import { randomUUID } from 'crypto';
import type { CounterSpec, GuardStore, Observation } from './guard-counters';
import { MemoryGuardStore } from './memory-guard-store';
import { RedisGuardStore } from './redis-guard-store';

const WINDOW_MS = 600_000;
const T0 = 1_770_000_000_000;

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// The same behaviour from both stores: in-process for the embedded default, Redis for several instances.
const stores: Array<[string, () => GuardStore & { onApplicationShutdown?: () => Promise<void> }]> = [
  ['memory', () => new MemoryGuardStore()],
  ['redis', () => new RedisGuardStore(REDIS_URL, `otc:test:fg:${randomUUID()}:`)],
];

describe.each(stores)('guard store (%s)', (_name, create) => {
  let store: ReturnType<(typeof stores)[number][1]>;
  let tokenId: string;
  let attempts = 0;

  beforeEach(() => {
    store = create();
    tokenId = randomUUID();
  });

  afterEach(async () => {
    await store.onApplicationShutdown?.();
  });

  function observe(number: string, country: string, nowMs: number, extra: Partial<Observation> = {}) {
    const attemptId = `a${++attempts}`;
    const counters: CounterSpec[] = [
      { name: 'hundredBlock', key: `${number.slice(0, -2)}xx`, member: number },
      { name: 'newCountry', key: country, member: number },
    ];
    return store.observe({ tokenId, attemptId, country, counters, windowMs: WINDOW_MS, unprovenGate: false, nowMs, ...extra }).then((result) => ({ result, attemptId }));
  }

  it('should count distinct numbers in a sliding window', async () => {
    await observe('998901234501', 'UZ', T0);
    await observe('998901234501', 'UZ', T0 + 1000);
    const { result } = await observe('998901234502', 'UZ', T0 + 2000);
    expect(result).toEqual({
      kind: 'counted',
      proven: false,
      counts: {
        hundredBlock: { unconverted: 2, converted: 0, oldestMs: T0 + 1000 },
        newCountry: { unconverted: 2, converted: 0, oldestMs: T0 + 1000 },
        unproven: { unconverted: 2, converted: 0, oldestMs: null },
      },
    });
    const later = await observe('998901234503', 'UZ', T0 + 1000 + WINDOW_MS + 1);
    expect(later.result).toMatchObject({ counts: { hundredBlock: { unconverted: 2 } } });
  });

  it('should move a converted send out of the unconverted windows and prove its country', async () => {
    const first = await observe('447400123401', 'GB', T0);
    await observe('998901234501', 'UZ', T0 + 10);
    const conversion = await store.convert(tokenId, first.attemptId, T0 + 5000);
    expect(conversion).toEqual({
      windows: expect.arrayContaining([
        { name: 'hundredBlock', key: '4474001234xx' },
        { name: 'newCountry', key: 'GB' },
      ]),
      newlyProven: true,
    });
    const { result } = await observe('447400123402', 'GB', T0 + 6000);
    expect(result).toMatchObject({
      proven: true,
      counts: { hundredBlock: { unconverted: 1, converted: 1 }, newCountry: { unconverted: 1, converted: 1 }, unproven: { unconverted: 1 } },
    });
    expect(await store.convert(tokenId, first.attemptId, T0 + 7000)).toBeNull();
    expect(await store.provenCountries(tokenId)).toEqual(['GB']);
    expect(await store.provenCountries(randomUUID())).toEqual([]);
  });

  it('should refuse without counting when the gate of unproven countries is closed', async () => {
    expect((await observe('998901234501', 'UZ', T0, { unprovenGate: true })).result).toEqual({ kind: 'gated' });
    expect((await observe('998901234502', 'UZ', T0 + 1)).result).toMatchObject({ counts: { newCountry: { unconverted: 1 } } });
  });

  it('should empty the windows behind a lifted refusal', async () => {
    await observe('998901234501', 'UZ', T0);
    await store.reset(tokenId, [{ name: 'hundredBlock', key: '9989012345xx' }, { name: 'unproven', key: '*' }]);
    expect((await observe('998901234502', 'UZ', T0 + 1)).result).toMatchObject({ counts: { hundredBlock: { unconverted: 1 }, newCountry: { unconverted: 1 }, unproven: { unconverted: 1 } } });
  });
});
