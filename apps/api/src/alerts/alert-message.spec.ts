import type { FraudAlertSubject } from '@otc/contracts';
import { alertBody } from './alert-message';

const opened: FraudAlertSubject = {
  kind: 'REFUSAL_OPENED',
  tokenId: '3f0c7a52-2b1e-4a51-9d55-0a6f1c2e9b11',
  scopeKind: 'BLOCK',
  scopeLabel: '+9989012370xx',
  reasonCode: 'FRAUD_BLOCK_VELOCITY',
  evidence: '5 unconverted distinct numbers in +9989012370xx in 2 min, none converted',
  since: '2026-03-01T10:00:00.000Z',
  until: '2026-03-01T10:15:00.000Z',
};
const alert = { id: 'a1', createdAt: new Date('2026-03-01T10:00:01Z'), subject: opened };

describe('alert bodies', () => {
  it('should post Slack incoming-webhook JSON by default: one text line naming the scope, the reason and where to act', () => {
    expect(alertBody('slack', alert, 'https://otc.example.com')).toEqual({
      text: 'Fraud guard is refusing +9989012370xx (FRAUD_BLOCK_VELOCITY) on token 3f0c7a52-2b1e-4a51-9d55-0a6f1c2e9b11 until 2026-03-01T10:15:00.000Z: 5 unconverted distinct numbers in +9989012370xx in 2 min, none converted. Lift or trust it at https://otc.example.com/fraud',
    });
  });

  it('should post the alert fields with a stable id in the json format', () => {
    expect(alertBody('json', alert, 'https://otc.example.com')).toMatchObject({ id: 'a1', at: '2026-03-01T10:00:01.000Z', kind: 'REFUSAL_OPENED', scopeLabel: '+9989012370xx', text: expect.any(String) });
  });

  it('should describe a spend threshold crossed', () => {
    const spend = { ...alert, subject: { kind: 'SPEND_THRESHOLD' as const, tokenId: null, period: '24h', spend: 120.5, threshold: 100, currency: 'EUR' } };
    expect(alertBody('slack', spend, 'https://otc.example.com').text).toBe(
      'Estimated spend of all tokens in the 24h period is 120.50 EUR, past the alert threshold of 100.00 EUR. See https://otc.example.com/fraud',
    );
  });
});

describe('spend cap alert', () => {
  it('should say which token reached its cap, by how much, what happens to its sends and where to raise it', () => {
    const capped = { ...alert, subject: { kind: 'SPEND_CAP_REACHED' as const, tokenId: 't-1', period: '2026-11', spend: 50.04, cap: 50, currency: 'EUR' } };
    expect(alertBody('slack', capped, 'https://otc.example.com').text).toBe(
      'Token t-1 reached its monthly spend cap: estimated spend in 2026-11 is 50.04 EUR, cap 50.00 EUR. Its sends are refused (SPEND_CAP_REACHED) until the month ends or the cap is raised at https://otc.example.com/tokens/t-1',
    );
  });
});
