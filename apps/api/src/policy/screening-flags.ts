import type { ActivityFlag, NumberFactsDto, TokenPolicy } from '@otc/contracts';
import { freeNetworkType, isNetworkTypeAllowed, isNonGeographic } from '../common/number-type';
import type { PhoneNumberFacts } from '../common/phone-number';
import type { CarrierInsight, InsightStatus, NumberInsights } from '../insights/number-insights.client';

export type InsightsOutcome =
  | { kind: 'skipped' }
  | { kind: 'ok'; insights: NumberInsights; elapsedMs: number }
  | { kind: 'unavailable'; cause: string; elapsedMs: number };

export interface ScreeningFindings {
  /** Outside the policy's boundary: never delivered, whatever onFlag says. */
  boundary: ActivityFlag[];
  /** Subject to policy.onFlag, in precedence order. */
  screening: ActivityFlag[];
  /** Subject to policy.insights.onUnavailable. */
  unavailable: ActivityFlag[];
}

type CarrierKey = 'currentCarrier' | 'originalCarrier';

const USABLE: InsightStatus[] = ['OK', 'PARTIAL_SUCCESS'];
const NOT_IDENTIFIED: InsightStatus[] = ['NOT_FOUND', 'NO_COVERAGE'];
const FAILED: InsightStatus[] = ['UNAUTHORIZED', 'INVALID_PURPOSE', 'SUPPLIER_ERROR', 'INTERNAL_ERROR', 'UNKNOWN'];

function requestedCarriers(policy: TokenPolicy): CarrierKey[] {
  // Current first: it reflects porting, so it wins over the numbering plan when both are asked.
  const keys: CarrierKey[] = [];
  if (policy.insights.currentCarrier) keys.push('currentCarrier');
  if (policy.insights.originalCarrier) keys.push('originalCarrier');
  return keys;
}

/** The carrier whose network type counts: current when asked and known, else original. */
function chosenCarrier(policy: TokenPolicy, insights: NumberInsights): CarrierInsight | null {
  const carriers = requestedCarriers(policy).map((key) => insights[key]);
  return carriers.find((c) => c?.networkType != null) ?? carriers.find((c) => c?.name != null) ?? null;
}

function boundaryFlags(policy: TokenPolicy, number: PhoneNumberFacts, country: string | null): ActivityFlag[] {
  if (isNonGeographic(number) && !policy.allowNonGeographicNumbers) return [{ code: 'NON_GEOGRAPHIC_NUMBER', detail: `+${number.callingCode}` }];
  return countryFlag(policy, country);
}

function countryFlag(policy: TokenPolicy, country: string | null): ActivityFlag[] {
  const allowlist = policy.countryAllowlist.map((c) => c.toUpperCase());
  if (allowlist.length === 0) return [];
  // A number whose country nobody can tell cannot be shown to be allowed: fail closed.
  if (!country) return [{ code: 'COUNTRY_NOT_ALLOWED', detail: 'country unknown' }];
  return allowlist.includes(country) ? [] : [{ code: 'COUNTRY_NOT_ALLOWED', detail: country }];
}

function formatFlags(policy: TokenPolicy, insights: NumberInsights): ActivityFlag[] {
  const format = policy.insights.formatValidity ? insights.format : undefined;
  const saysInvalid =
    format?.status === 'INVALID_NUMBER_FORMAT' ||
    (format !== undefined && USABLE.includes(format.status) && format.valid === false) ||
    requestedCarriers(policy).some((key) => insights[key]?.status === 'INVALID_NUMBER_FORMAT');
  return saysInvalid ? [{ code: 'INVALID_FORMAT', detail: format?.status ?? 'INVALID_NUMBER_FORMAT' }] : [];
}

// An empty list restricts nothing (like an empty country allowlist). With a non-empty list a
// network type we do not recognise ('UNKNOWN') is not allowed: new Vonage values are more likely
// virtual ranges than mobiles. A number no source could type is CARRIER_UNKNOWN's business.
function networkTypeFlag(policy: TokenPolicy, type: NumberFactsDto['networkType']): ActivityFlag[] {
  if (type === null || isNetworkTypeAllowed(type, policy.insights.allowedNetworkTypes)) return [];
  return [{ code: 'NETWORK_TYPE_NOT_ALLOWED', detail: type }];
}

// Only when no asked-for carrier identified the number: current carrier covers mobiles only, so a
// landline with current NOT_FOUND but a known original carrier is not "unknown".
function carrierUnknownFlag(policy: TokenPolicy, insights: NumberInsights): ActivityFlag[] {
  const asked = requestedCarriers(policy).map((key) => ({ key, carrier: insights[key] }));
  const missing = asked.filter(({ carrier }) => carrier && NOT_IDENTIFIED.includes(carrier.status));
  const identified = asked.some(({ carrier }) => carrier && USABLE.includes(carrier.status));
  if (missing.length === 0 || identified) return [];
  return [{ code: 'CARRIER_UNKNOWN', detail: missing.map(({ key, carrier }) => `${key}: ${carrier?.status}`).join(', ') }];
}

// An insight we paid for that came back failed or not at all leaves the number unscreened.
function failedInsightFlags(policy: TokenPolicy, insights: NumberInsights): ActivityFlag[] {
  const asked = [...(policy.insights.formatValidity ? (['format'] as const) : []), ...requestedCarriers(policy)];
  const failed = asked.filter((key) => {
    const status = insights[key]?.status;
    return status === undefined || FAILED.includes(status);
  });
  if (failed.length === 0) return [];
  return [{ code: 'INSIGHTS_UNAVAILABLE', detail: failed.map((key) => `${key}: ${insights[key]?.status ?? 'missing'}`).join(', ') }];
}

// Seven or more digits, possibly split by spaces, dots, dashes or brackets: a phone number or
// something like it. Vendor error texts may echo the number; the activity record must not keep it.
const NUMBER_LIKE = /\+?\d(?:[\s().-]?\d){6,}/g;

/** An outbound failure's cause as it may be recorded: short, with anything number-like masked. */
export function recordableCause(cause: string): string {
  return cause.replace(NUMBER_LIKE, '[number]').slice(0, 160);
}

/** Screening findings over the number's facts (toNumberFacts) and the raw insight statuses. */
export function findScreeningFlags(policy: TokenPolicy, number: PhoneNumberFacts, facts: NumberFactsDto, outcome: InsightsOutcome): ScreeningFindings {
  const insights = outcome.kind === 'ok' ? outcome.insights : {};
  const boundary = boundaryFlags(policy, number, facts.country);
  const screening = [
    ...formatFlags(policy, insights),
    ...networkTypeFlag(policy, facts.networkType),
    ...carrierUnknownFlag(policy, insights),
  ];
  if (outcome.kind === 'unavailable') return { boundary, screening, unavailable: [{ code: 'INSIGHTS_UNAVAILABLE', detail: recordableCause(outcome.cause) }] };
  return { boundary, screening, unavailable: outcome.kind === 'ok' ? failedInsightFlags(policy, insights) : [] };
}

export function toNumberFacts(policy: TokenPolicy, number: PhoneNumberFacts, outcome: InsightsOutcome): NumberFactsDto {
  const insights = outcome.kind === 'ok' ? outcome.insights : {};
  const carrier = chosenCarrier(policy, insights);
  return {
    country: number.country ?? insights.format?.country ?? null,
    // A paid carrier lookup knows porting and MVNOs; the numbering plan is the free fallback.
    networkType: carrier?.networkType ?? freeNetworkType(number),
    carrier: carrier?.name ?? null,
    insightsMs: outcome.kind === 'skipped' ? null : outcome.elapsedMs,
  };
}
