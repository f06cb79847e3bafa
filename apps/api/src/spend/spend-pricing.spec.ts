import { parsePriceTable, PriceTable } from '../config/price-table';
import { countryOfScope, priceByToken, priceLines, refusalSpendAvoided, sentSpend } from './spend-pricing';

const parsed = parsePriceTable(
  { currency: 'EUR', asOf: '2026-11-01', source: 'test', default: { sms: 0.1, voice: 0.2 }, countries: { GB: { sms: 0.04, voice: 0.02 }, UZ: { sms: 0.26, voice: 0.25 }, JM: { sms: 0.09, voice: 0.3 } } },
  null,
);
const table = (parsed as { table: PriceTable }).table;

describe('spend pricing', () => {
  const usage = [
    { tokenId: 'a', country: 'GB', channel: 'SMS' as const, sent: 10, refused: 1 },
    { tokenId: 'a', country: 'GB', channel: 'VOICE' as const, sent: 2, refused: 0 },
    { tokenId: 'b', country: 'UZ', channel: 'SMS' as const, sent: 1, refused: 40 },
    { tokenId: 'b', country: 'GB', channel: 'SMS' as const, sent: 5, refused: 0 },
    { tokenId: 'b', country: null, channel: 'SMS' as const, sent: 0, refused: 3 },
  ];

  it('should price what was sent and what refusals stopped per country and channel, each SMS and each voice call once', () => {
    expect(priceLines(table, usage)).toEqual([
      { country: 'GB', channel: 'SMS', sent: 15, refused: 1, unitPrice: 0.04, spend: 0.6, spendAvoided: 0.04 },
      { country: 'UZ', channel: 'SMS', sent: 1, refused: 40, unitPrice: 0.26, spend: 0.26, spendAvoided: 10.4 },
      { country: 'GB', channel: 'VOICE', sent: 2, refused: 0, unitPrice: 0.02, spend: 0.04, spendAvoided: 0 },
      { country: null, channel: 'SMS', sent: 0, refused: 3, unitPrice: 0.1, spend: 0, spendAvoided: 0.3 },
    ]);
  });

  it('should add up to the same totals per token (largest spend first) as per line', () => {
    const byToken = priceByToken(table, usage);
    expect(byToken).toEqual([
      { tokenId: 'b', spend: 0.46, spendAvoided: 10.7 },
      { tokenId: 'a', spend: 0.44, spendAvoided: 0.04 },
    ]);
    const lines = priceLines(table, usage);
    const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 10_000) / 10_000;
    expect(sum(byToken.map((t) => t.spend))).toBe(sum(lines.map((l) => l.spend)));
    expect(sum(byToken.map((t) => t.spendAvoided))).toBe(sum(lines.map((l) => l.spendAvoided)));
    expect(sentSpend(table, usage.filter((u) => u.tokenId === 'a'))).toBeCloseTo(0.44, 10);
  });

  it("should price a refusal's stopped requests at its scope's country: voice for voice reasons, SMS otherwise, the default where the scope spans countries", () => {
    expect(countryOfScope({ scopeKind: 'BLOCK', scopeLabel: '+9989012340xx' })).toBe('UZ');
    expect(countryOfScope({ scopeKind: 'PREFIX', scopeLabel: '+1876…' })).toBe('JM');
    expect(countryOfScope({ scopeKind: 'NUMBER', scopeLabel: '+44•••••••56' })).toBe('GB');
    expect(countryOfScope({ scopeKind: 'COUNTRY', scopeLabel: 'UZ' })).toBe('UZ');
    expect(countryOfScope({ scopeKind: 'IP', scopeLabel: '81.2.69.x' })).toBeNull();
    expect(refusalSpendAvoided(table, { scopeKind: 'BLOCK', scopeLabel: '+9989012340xx', reasonCode: 'FRAUD_BLOCK_VELOCITY', requestsStopped: 100 })).toBe(26);
    expect(refusalSpendAvoided(table, { scopeKind: 'NUMBER', scopeLabel: '+1876•••••••12', reasonCode: 'FRAUD_VOICE_REPEATED', requestsStopped: 10 })).toBe(3);
    expect(refusalSpendAvoided(table, { scopeKind: 'USER', scopeLabel: '00u1', reasonCode: 'FRAUD_USER_VELOCITY', requestsStopped: 7 })).toBe(0.7);
  });
});
