import { REASON_CODE_LIST, REASON_CODES, isFraudReasonCode } from './reason-codes';

describe('reason codes', () => {
  const fraud = REASON_CODE_LIST.filter((code) => code.startsWith('FRAUD_'));

  it('should name the fraud guard in the description of each of its refusals, and tell the user to try later', () => {
    expect(fraud.length).toBeGreaterThanOrEqual(8);
    for (const code of fraud) {
      expect(REASON_CODES[code].description).toMatch(/^Fraud guard: /);
      expect(REASON_CODES[code].endUserMessage).toMatch(/Try again later/);
    }
  });

  it('should tell fraud guard refusals from every other code by their prefix alone', () => {
    expect(REASON_CODE_LIST.filter(isFraudReasonCode)).toEqual(fraud);
    expect(isFraudReasonCode('GUARD_UNAVAILABLE')).toBe(false);
    expect(isFraudReasonCode('FRAUD_NOT_A_CODE')).toBe(false);
  });
});
