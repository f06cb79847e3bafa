import { RefusalState, STOPS_PER_LEVEL, coveringRefusal, isActive, openRefusal, recordStop } from './refusal-ladder';

const EXPIRIES = [15, 60, 720];
const T0 = new Date('2026-03-01T10:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const FINDING = {
  tokenId: 't1',
  scopeKind: 'BLOCK' as const,
  scopeKey: '998901234xxx',
  scopeLabel: '+998901234xxx',
  reasonCode: 'FRAUD_BLOCK_VELOCITY' as const,
  evidence: '7 unconverted distinct numbers in +998901234xxx in 1 min, none converted (limit 6)',
};

describe('refusal ladder', () => {
  it('should open a first refusal at level 1 for the first expiry', () => {
    const refusal = openRefusal(null, FINDING, T0, EXPIRIES);
    expect(refusal).toMatchObject({ level: 1, since: T0, until: minutes(15), requestsStopped: 0 });
    expect(isActive(refusal, minutes(14))).toBe(true);
    expect(isActive(refusal, minutes(15))).toBe(false);
  });

  it('should climb 15 min -> 1 h -> 12 h while the pattern keeps coming back, and stay at the top', () => {
    let refusal: RefusalState = openRefusal(null, FINDING, T0, EXPIRIES);
    refusal = openRefusal(refusal, FINDING, minutes(20), EXPIRIES);
    expect(refusal).toMatchObject({ level: 2, until: minutes(80) });
    refusal = openRefusal(refusal, FINDING, minutes(90), EXPIRIES);
    expect(refusal).toMatchObject({ level: 3, until: minutes(90 + 720) });
    refusal = openRefusal(refusal, FINDING, minutes(900), EXPIRIES);
    expect(refusal.level).toBe(3);
  });

  it('should start again at level 1 when the pattern returns after a quiet day, or after an admin lifted it', () => {
    const second = openRefusal(openRefusal(null, FINDING, T0, EXPIRIES), FINDING, minutes(20), EXPIRIES);
    expect(openRefusal(second, FINDING, minutes(80 + 24 * 60), EXPIRIES).level).toBe(1);
    expect(openRefusal({ ...second, liftedAt: minutes(30) }, FINDING, minutes(31), EXPIRIES).level).toBe(1);
  });

  it('should count stopped requests and climb a level while the attack goes on against the refusal', () => {
    let refusal = openRefusal(null, FINDING, T0, EXPIRIES);
    for (let i = 1; i < STOPS_PER_LEVEL; i++) refusal = recordStop(refusal, minutes(1), EXPIRIES);
    expect(refusal).toMatchObject({ level: 1, requestsStopped: STOPS_PER_LEVEL - 1, until: minutes(15) });
    refusal = recordStop(refusal, minutes(2), EXPIRIES);
    expect(refusal).toMatchObject({ level: 2, requestsStopped: STOPS_PER_LEVEL, until: minutes(62) });
  });

  it('should find the narrowest active refusal covering a send and ignore expired ones', () => {
    const block = { ...openRefusal(null, FINDING, T0, EXPIRIES), id: 'b' };
    const country = { ...openRefusal(null, { ...FINDING, scopeKind: 'COUNTRY', scopeKey: 'UZ' }, T0, [120]), id: 'c' };
    const scopes = [
      { kind: 'BLOCK' as const, key: '998901234xxx' },
      { kind: 'COUNTRY' as const, key: 'UZ' },
    ];
    expect(coveringRefusal([country, block], scopes, minutes(1))?.id).toBe('b');
    expect(coveringRefusal([country, block], scopes, minutes(16))?.id).toBe('c');
    expect(coveringRefusal([country, block], scopes, minutes(121))).toBeNull();
    expect(coveringRefusal([block], [{ kind: 'BLOCK', key: '998901235xxx' }], minutes(1))).toBeNull();
  });
});
