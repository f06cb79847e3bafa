import { roundMoney } from '@otc/contracts';
import type { Channel, FraudRefusalDto, SpendLineDto, TokenSpendDto } from '@otc/contracts';
import { countryOfLeadingDigits } from '../common/phone-number';
import { PriceTable, unitPrice } from '../config/price-table';
import type { UsageCount } from '../delivery/activity-report.service';

/** Usage priced per country and channel, largest spend first; what was sent, and what refusals stopped. */
export function priceLines(table: PriceTable, usage: UsageCount[]): SpendLineDto[] {
  const lines = new Map<string, SpendLineDto>();
  for (const u of usage) {
    const key = `${u.country ?? ''}:${u.channel}`;
    const line = lines.get(key) ?? { country: u.country, channel: u.channel, sent: 0, refused: 0, unitPrice: unitPrice(table, u.country, u.channel), spend: 0, spendAvoided: 0 };
    line.sent += u.sent;
    line.refused += u.refused;
    lines.set(key, line);
  }
  return [...lines.values()]
    .map((l) => ({ ...l, spend: roundMoney(l.sent * l.unitPrice), spendAvoided: roundMoney(l.refused * l.unitPrice) }))
    .sort((a, b) => b.spend - a.spend || b.spendAvoided - a.spendAvoided || (a.country ?? '').localeCompare(b.country ?? ''));
}

/** Usage priced per token, largest spend first. */
export function priceByToken(table: PriceTable, usage: UsageCount[]): Array<Omit<TokenSpendDto, 'tokenShortId' | 'tokenName'>> {
  const tokens = new Map<string, { spend: number; spendAvoided: number }>();
  for (const u of usage) {
    const price = unitPrice(table, u.country, u.channel);
    const total = tokens.get(u.tokenId) ?? { spend: 0, spendAvoided: 0 };
    total.spend += u.sent * price;
    total.spendAvoided += u.refused * price;
    tokens.set(u.tokenId, total);
  }
  return [...tokens.entries()]
    .map(([tokenId, t]) => ({ tokenId, spend: roundMoney(t.spend), spendAvoided: roundMoney(t.spendAvoided) }))
    .sort((a, b) => b.spend - a.spend || b.spendAvoided - a.spendAvoided);
}

/** What was sent, priced: the month-to-date a cap is checked against. */
export function sentSpend(table: PriceTable, usage: UsageCount[]): number {
  return usage.reduce((sum, u) => sum + u.sent * unitPrice(table, u.country, u.channel), 0);
}

// Reasons that stop voice calls; every other refusal is priced as an SMS.
const VOICE_REASONS = new Set(['FRAUD_VOICE_REPEATED']);

/**
 * The country a refusal's scope lies in: a COUNTRY scope names it, a number, block or prefix scope
 * shows its leading digits; address, user and unproven-countries scopes span countries (null).
 */
export function countryOfScope(refusal: Pick<FraudRefusalDto, 'scopeKind' | 'scopeLabel'>): string | null {
  if (refusal.scopeKind === 'COUNTRY') return /^[A-Z]{2}$/.test(refusal.scopeLabel) ? refusal.scopeLabel : countryOfLeadingDigits(refusal.scopeLabel.replace(/\D/g, ''));
  if (refusal.scopeKind === 'NUMBER' || refusal.scopeKind === 'BLOCK' || refusal.scopeKind === 'PREFIX') {
    const leading = /^\+(\d+)/.exec(refusal.scopeLabel)?.[1];
    return leading ? countryOfLeadingDigits(leading) : null;
  }
  return null;
}

/** What the requests a refusal stopped would have cost: one send each, at its scope's country (the default price otherwise). */
export function refusalSpendAvoided(table: PriceTable, refusal: Pick<FraudRefusalDto, 'scopeKind' | 'scopeLabel' | 'reasonCode' | 'requestsStopped'>): number {
  const channel: Channel = VOICE_REASONS.has(refusal.reasonCode) ? 'VOICE' : 'SMS';
  return roundMoney(refusal.requestsStopped * unitPrice(table, countryOfScope(refusal), channel));
}
