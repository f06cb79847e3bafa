import { GRACE_PERIOD_SECONDS } from '@otc/contracts';
import { FakeClock } from '../../test/support/fake-clock';
import { acceptsHookCalls, tokenStatus, TokenTimes } from './token-status';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const DAY = 24 * 3600 * 1000;

function token(times: Partial<TokenTimes> = {}): TokenTimes {
  return { expiresAt: null, graceEndsAt: null, revokedAt: null, ...times };
}

describe('tokenStatus', () => {
  let clock: FakeClock;
  beforeEach(() => (clock = new FakeClock(T0)));

  it('should keep a token without expiry active forever', () => {
    clock.advance(10 * 365 * DAY);
    expect(tokenStatus(token(), clock.now())).toBe('ACTIVE');
  });

  it('should be active until the last millisecond before expiresAt and expired from expiresAt on', () => {
    const t = token({ expiresAt: at(7 * DAY) });
    clock.set(at(7 * DAY - 1));
    expect(tokenStatus(t, clock.now())).toBe('ACTIVE');
    clock.advance(1);
    expect(tokenStatus(t, clock.now())).toBe('EXPIRED');
  });

  it('should keep the old secret valid until the grace period ends, then expire it', () => {
    const t = token({ expiresAt: at(90 * DAY), graceEndsAt: at(GRACE_PERIOD_SECONDS * 1000) });
    expect(tokenStatus(t, clock.now())).toBe('GRACE_PERIOD');
    clock.set(at(GRACE_PERIOD_SECONDS * 1000 - 1));
    expect(tokenStatus(t, clock.now())).toBe('GRACE_PERIOD');
    clock.advance(1);
    expect(tokenStatus(t, clock.now())).toBe('EXPIRED');
  });

  it('should expire a token in grace at its own expiry when that comes first', () => {
    const t = token({ expiresAt: at(DAY / 2), graceEndsAt: at(DAY) });
    clock.set(at(DAY / 2));
    expect(tokenStatus(t, clock.now())).toBe('EXPIRED');
  });

  it('should report revoked over every other state, from the revocation instant', () => {
    const t = token({ expiresAt: at(DAY), graceEndsAt: at(DAY), revokedAt: at(1000) });
    clock.set(at(999));
    expect(tokenStatus(t, clock.now())).toBe('GRACE_PERIOD');
    clock.set(at(1000));
    expect(tokenStatus(t, clock.now())).toBe('REVOKED');
    clock.set(at(2 * DAY));
    expect(tokenStatus(t, clock.now())).toBe('REVOKED');
  });

  it('should accept hook calls only when active or in grace', () => {
    expect(acceptsHookCalls('ACTIVE')).toBe(true);
    expect(acceptsHookCalls('GRACE_PERIOD')).toBe(true);
    expect(acceptsHookCalls('EXPIRED')).toBe(false);
    expect(acceptsHookCalls('REVOKED')).toBe(false);
  });
});
