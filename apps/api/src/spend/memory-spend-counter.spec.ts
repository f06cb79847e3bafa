import { MemorySpendCounter } from './memory-spend-counter';

describe('in-process spend counter', () => {
  let now = Date.parse('2026-11-26T10:00:00Z');
  const counter = new MemorySpendCounter({ now: () => new Date(now) });

  it('should ask for the month so far once, then add each send until the cap is reached, and refuse from there', async () => {
    expect(await counter.reserve('t:2026-11', 40_000, 100_000, 60_000, null)).toEqual({ kind: 'miss' });
    expect(await counter.reserve('t:2026-11', 40_000, 100_000, 60_000, 30_000)).toEqual({ kind: 'reserved', before: 30_000, after: 70_000 });
    expect(await counter.reserve('t:2026-11', 40_000, 100_000, 60_000, null)).toEqual({ kind: 'reserved', before: 70_000, after: 110_000 });
    expect(await counter.reserve('t:2026-11', 40_000, 100_000, 60_000, null)).toEqual({ kind: 'capped', total: 110_000 });
    await counter.add('t:2026-11', -40_000);
    expect(await counter.reserve('t:2026-11', 40_000, 100_000, 60_000, null)).toEqual({ kind: 'reserved', before: 70_000, after: 110_000 });
  });

  it('should not let a late seed overwrite a counter another request started', async () => {
    expect(await counter.reserve('u:2026-11', 1, null, 60_000, 500)).toEqual({ kind: 'reserved', before: 500, after: 501 });
    expect(await counter.reserve('u:2026-11', 1, null, 60_000, 0)).toEqual({ kind: 'reserved', before: 501, after: 502 });
  });

  it('should forget a counter left idle, so that the next send starts it again from the records', async () => {
    await counter.reserve('v:2026-11', 1, null, 60_000, 10);
    now += 60_001;
    expect(await counter.reserve('v:2026-11', 1, null, 60_000, null)).toEqual({ kind: 'miss' });
    await counter.add('v:2026-11', 5);
    expect(await counter.reserve('v:2026-11', 1, null, 60_000, null)).toEqual({ kind: 'miss' });
  });
});
