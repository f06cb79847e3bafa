import { CODE_TTL_WITHOUT_EXPIRY_MS, MIN_CODE_LIFETIME_MS, codeEraseAt } from './code-erase-time';

const SENT = new Date('2026-11-26T10:00:00.000Z');
const after = (ms: number) => new Date(SENT.getTime() + ms);

describe('codeEraseAt', () => {
  it("should erase a stored code when Okta's OTP expires", () => {
    expect(codeEraseAt(SENT, after(5 * 60_000))).toEqual(after(5 * 60_000));
  });

  it('should erase a code Okta gave no expiry for 15 minutes after the send', () => {
    expect(codeEraseAt(SENT, null)).toEqual(after(CODE_TTL_WITHOUT_EXPIRY_MS));
  });

  it('should never erase a code before the hook could have stored it, even when Okta says it expires sooner or expired', () => {
    expect(codeEraseAt(SENT, after(10_000))).toEqual(after(MIN_CODE_LIFETIME_MS));
    expect(codeEraseAt(SENT, after(-60_000))).toEqual(after(MIN_CODE_LIFETIME_MS));
  });
});
