import type { ActivityFlag, ActivityStatus, NumberFactsDto, ReasonCode, TokenPolicy } from '@otc/contracts';
import type { PhoneNumberFacts } from '../common/phone-number';
import type { RateLimitOutcome } from './rate-limiter';
import { InsightsOutcome, findScreeningFlags, recordableCause, toNumberFacts } from './screening-flags';

export type { InsightsOutcome } from './screening-flags';

export interface DecisionInput {
  policy: TokenPolicy;
  number: PhoneNumberFacts;
  insights: InsightsOutcome;
  rateLimit: RateLimitOutcome;
}

export interface Decision {
  deliver: boolean;
  /** SUCCESS, FLAGGED or BLOCKED. */
  status: ActivityStatus;
  /** The primary reason; DELIVERED when nothing was flagged (or only logged). */
  reasonCode: ReasonCode;
  /** Every finding, including those LOG_ONLY keeps off the dashboard. */
  flags: ActivityFlag[];
  facts: NumberFactsDto;
}

function rateLimitFlags(outcome: RateLimitOutcome, policy: TokenPolicy): { exceeded: ActivityFlag[]; unavailable: ActivityFlag[] } {
  if (outcome.kind === 'exceeded') {
    return { exceeded: [{ code: 'RATE_LIMITED', detail: `${outcome.count}/${policy.rateLimit.maxPerWindow} in window` }], unavailable: [] };
  }
  if (outcome.kind === 'unavailable') return { exceeded: [], unavailable: [{ code: 'RATE_LIMIT_UNAVAILABLE', detail: recordableCause(outcome.cause) }] };
  return { exceeded: [], unavailable: [] };
}

/**
 * Precedence, first match wins:
 *  1. INVALID_NUMBER blocks alone: nothing else is checked for a number that cannot exist.
 *  2. Blocking reasons: the boundary (NON_GEOGRAPHIC_NUMBER, COUNTRY_NOT_ALLOWED) and RATE_LIMITED,
 *     whatever onFlag says; then the screening flags when onFlag is BLOCK (INVALID_FORMAT,
 *     NETWORK_TYPE_NOT_ALLOWED, CARRIER_UNKNOWN, in that order), then INSIGHTS_UNAVAILABLE when
 *     onUnavailable is BLOCK.
 *  3. Amber reasons (delivered, FLAGGED): screening flags under FLAG_AND_DELIVER, then
 *     INSIGHTS_UNAVAILABLE under DELIVER_AND_FLAG, then RATE_LIMIT_UNAVAILABLE (fail open).
 *  4. Otherwise SUCCESS/DELIVERED; LOG_ONLY findings stay in `flags`.
 */
export function decide(input: DecisionInput): Decision {
  const { policy, number } = input;
  const facts = toNumberFacts(policy, number, input.insights);
  if (!number.valid) return { deliver: false, status: 'BLOCKED', reasonCode: 'INVALID_NUMBER', flags: [{ code: 'INVALID_NUMBER' }], facts };

  const { boundary, screening, unavailable } = findScreeningFlags(policy, number, facts, input.insights);
  const rate = rateLimitFlags(input.rateLimit, policy);
  const flags = [...boundary, ...rate.exceeded, ...screening, ...unavailable, ...rate.unavailable];

  const blocking = [
    ...boundary,
    ...rate.exceeded,
    ...(policy.onFlag === 'BLOCK' ? screening : []),
    ...(policy.insights.onUnavailable === 'BLOCK' ? unavailable : []),
  ][0];
  if (blocking) return { deliver: false, status: 'BLOCKED', reasonCode: blocking.code, flags, facts };

  const amber = [...(policy.onFlag === 'FLAG_AND_DELIVER' ? screening : []), ...unavailable, ...rate.unavailable][0];
  if (amber) return { deliver: true, status: 'FLAGGED', reasonCode: amber.code, flags, facts };
  return { deliver: true, status: 'SUCCESS', reasonCode: 'DELIVERED', flags, facts };
}
