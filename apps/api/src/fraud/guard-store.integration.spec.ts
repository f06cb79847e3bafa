import { randomUUID } from 'crypto';
import type { CounterSpec, GuardStore, Observation } from './guard-counters';
import { MemoryGuardStore } from './memory-guard-store';
import { RedisGuardStore } from './redis-guard-store';

const WINDOW_MS = 600_000;
const T0 = 1_770_000_000_000;
const DAY_MS = 86_400_000;

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

  beforeEach(async () => {
    store = create();
    tokenId = randomUUID();
    // A new Redis store waits only briefly for its connection (the hook must not wait): on a busy
    // machine the first call can find it still opening, which these tests are not about.
    const deadline = Date.now() + 5000;
    for (;;) {
      try {
        await store.provenCountries(randomUUID(), T0);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
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
      seeded: false,
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
    expect(await store.provenCountries(tokenId, T0 + 7000)).toEqual({ countries: ['GB'], seeded: false });
    expect(await store.provenCountries(randomUUID(), T0 + 7000)).toEqual({ countries: [], seeded: false });
  });

  it('should keep a country proven for 90 days after its own last conversion, whatever other countries convert', async () => {
    const gb = await observe('447400123401', 'GB', T0);
    await store.convert(tokenId, gb.attemptId, T0 + 1000);
    const later = T0 + 1000 + 89 * DAY_MS;
    const uz = await observe('998901234501', 'UZ', later);
    expect(await store.convert(tokenId, uz.attemptId, later + 1000)).toMatchObject({ newlyProven: true });
    expect(await store.provenCountries(tokenId, later + 2000)).toEqual({ countries: expect.arrayContaining(['GB', 'UZ']), seeded: false });

    // 91 days after its last conversion, GB is unproven again; UZ's conversion did not refresh it.
    const after = T0 + 1000 + 91 * DAY_MS;
    expect(await store.provenCountries(tokenId, after)).toEqual({ countries: ['UZ'], seeded: false });
    const again = await observe('447400123402', 'GB', after);
    expect(again.result).toMatchObject({ proven: false, counts: { unproven: { unconverted: 1 } } });
    expect((await observe('998901234502', 'UZ', after + 1)).result).toMatchObject({ proven: true, counts: { unproven: { unconverted: 1 } } });
    expect(await store.convert(tokenId, again.attemptId, after + 2)).toMatchObject({ newlyProven: true });
    expect((await observe('447400123403', 'GB', after + 3)).result).toMatchObject({ proven: true });
  });

  it('should prove the countries seeded from the records for 90 days after their conversion, the later time winning', async () => {
    const uz = await observe('998901234501', 'UZ', T0);
    await store.convert(tokenId, uz.attemptId, T0 + 1000);
    expect((await observe('447400123401', 'GB', T0 + 2000)).result).toMatchObject({ proven: false, seeded: false });
    await store.seedProven(
      tokenId,
      [
        { country: 'GB', atMs: T0 - 80 * DAY_MS },
        { country: 'UZ', atMs: T0 - 60 * DAY_MS },
        { country: 'DE', atMs: T0 - 91 * DAY_MS },
      ],
      T0 + 3000,
    );
    expect((await observe('447400123402', 'GB', T0 + 4000)).result).toMatchObject({ proven: true, seeded: true });
    expect(await store.provenCountries(tokenId, T0 + 5000)).toEqual({ countries: expect.arrayContaining(['GB', 'UZ']), seeded: true });
    expect((await store.provenCountries(tokenId, T0 + 5000)).countries).toHaveLength(2);
    // GB's recorded conversion is 80 days old: 11 days on it is not proven; UZ's live one (not the older record) still holds.
    const later = T0 + 11 * DAY_MS;
    expect(await store.provenCountries(tokenId, later)).toEqual({ countries: ['UZ'], seeded: false });
    expect((await observe('447400123403', 'GB', later)).result).toMatchObject({ proven: false, seeded: false });
  });

  it('should say a gated send was refused before or after a seed', async () => {
    expect((await observe('998901234501', 'UZ', T0, { unprovenGate: true })).result).toEqual({ kind: 'gated', seeded: false });
    await store.seedProven(tokenId, [], T0);
    expect((await observe('998901234501', 'UZ', T0 + 1, { unprovenGate: true })).result).toEqual({ kind: 'gated', seeded: true });
  });

  it('should refuse without counting when the gate of unproven countries is closed', async () => {
    expect((await observe('998901234501', 'UZ', T0, { unprovenGate: true })).result).toEqual({ kind: 'gated', seeded: false });
    expect((await observe('998901234502', 'UZ', T0 + 1)).result).toMatchObject({ counts: { newCountry: { unconverted: 1 } } });
  });

  it('should empty the windows behind a lifted refusal', async () => {
    await observe('998901234501', 'UZ', T0);
    await store.reset(tokenId, [{ name: 'hundredBlock', key: '9989012345xx' }, { name: 'unproven', key: '*' }]);
    expect((await observe('998901234502', 'UZ', T0 + 1)).result).toMatchObject({ counts: { hundredBlock: { unconverted: 1 }, newCountry: { unconverted: 1 }, unproven: { unconverted: 1 } } });
  });
});
