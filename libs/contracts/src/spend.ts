import type { Channel } from './activity';
import { isObject } from './values';

/**
 * A token's spend limits, in the currency of the instance's price table (estimates, not invoices).
 * Absent from a policy: no cap and no spend alert.
 */
export interface SpendPolicy {
  /** Once the token's estimated spend in the calendar month (UTC) reaches this, sends are refused (SPEND_CAP_REACHED). Null: no cap. */
  monthlyCap: number | null;
  /** A SPEND_THRESHOLD alert when the month's estimated spend passes this; null: SPEND_ALERT_DEFAULT_SHARE of the cap. */
  alertAt: number | null;
}

/** Where the spend alert sits when the policy names a cap but no alertAt. */
export const SPEND_ALERT_DEFAULT_SHARE = 0.8;
/** Largest cap or alert amount a policy accepts. */
export const MAX_SPEND_AMOUNT = 10_000_000;

/** The amount past which a SPEND_THRESHOLD alert is recorded for the month; null: none. */
export function spendAlertThreshold(spend: SpendPolicy | undefined): number | null {
  if (!spend) return null;
  if (spend.alertAt !== null) return spend.alertAt;
  return spend.monthlyCap !== null ? roundMoney(spend.monthlyCap * SPEND_ALERT_DEFAULT_SHARE) : null;
}

/** Money is shown and compared to the cent's hundredth: estimates add thousands of fractional prices. */
export function roundMoney(amount: number): number {
  return Math.round(amount * 10_000) / 10_000;
}

/** The calendar month (UTC) of an instant, as `YYYY-MM`: the period a monthly cap counts over. */
export function spendMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The first instant of the calendar month (UTC) of `at`. */
export function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

type Problem = { field: string; message: string };

function readAmount(errors: Problem[], field: string, value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_SPEND_AMOUNT) {
    errors.push({ field, message: `${field} must be a number above 0 and at most ${MAX_SPEND_AMOUNT}, or null` });
    return null;
  }
  return roundMoney(value);
}

/** `spend` is optional: absent, null, or both amounts null leave the policy without one. */
export function readSpendPolicy(errors: Problem[], value: unknown): { spend?: SpendPolicy } {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    errors.push({ field: 'spend', message: 'spend must be an object {monthlyCap, alertAt}' });
    return {};
  }
  for (const key of Object.keys(value)) {
    if (key !== 'monthlyCap' && key !== 'alertAt') errors.push({ field: `spend.${key}`, message: `spend.${key} is not a spend field` });
  }
  const monthlyCap = readAmount(errors, 'spend.monthlyCap', value.monthlyCap);
  const alertAt = readAmount(errors, 'spend.alertAt', value.alertAt);
  if (monthlyCap !== null && alertAt !== null && alertAt > monthlyCap) {
    errors.push({ field: 'spend.alertAt', message: 'spend.alertAt must not be above spend.monthlyCap (sends stop at the cap)' });
  }
  return monthlyCap === null && alertAt === null ? {} : { spend: { monthlyCap, alertAt } };
}

/** One destination country (null: unknown) and channel: what was sent and what refusals stopped, priced. */
export interface SpendLineDto {
  country: string | null;
  channel: Channel;
  /** Attempts that reached Vonage (an SMS and its voice fallback are two). */
  sent: number;
  /** Attempts refused by policy or the fraud guard: what would have been sent. */
  refused: number;
  /** The price table's estimate for one SMS message or one voice call there. */
  unitPrice: number;
  spend: number;
  spendAvoided: number;
}

export interface TokenSpendDto {
  tokenId: string;
  tokenShortId: string | null;
  tokenName: string | null;
  spend: number;
  spendAvoided: number;
}

/** Where the prices come from: the shipped indicative list or the customer's PRICE_TABLE_FILE. */
export interface PriceTableInfoDto {
  currency: string;
  asOf: string;
  source: string;
  /** PRICE_TABLE_FILE's path, or null for the shipped table. */
  file: string | null;
}

/** A token's month (UTC) so far, against its cap. */
export interface MonthToDateDto {
  month: string;
  spend: number;
  monthlyCap: number | null;
  alertAt: number | null;
  capReached: boolean;
}

/** Estimated spend and spend avoided over a period, overall and per token (all tokens or one). */
export interface SpendEstimateDto {
  from: string;
  to: string;
  prices: PriceTableInfoDto;
  spend: number;
  spendAvoided: number;
  byToken: TokenSpendDto[];
  /** By country and channel, largest spend first. */
  lines: SpendLineDto[];
  /** Present when the estimate is for one token. */
  monthToDate?: MonthToDateDto;
}

/** An estimate of what a refusal's stopped requests would have cost. */
export interface MoneyDto {
  amount: number;
  currency: string;
}
