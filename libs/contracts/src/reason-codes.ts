const FRAUD_END_USER_MESSAGE = 'Codes cannot be sent to this phone number right now. Try again later.';

/**
 * Every decision and failure the connector records carries one of these codes.
 * The table below is the single source for the docs, the dashboard and the Okta answer.
 */
export const REASON_CODES = {
  DELIVERED: { description: 'Sent through Vonage Verify.', endUserMessage: null },
  INVALID_NUMBER: {
    description: 'The phone number cannot be a valid international number; nothing was sent.',
    endUserMessage: 'This phone number cannot receive a code. Check the number and try again.',
  },
  INVALID_FORMAT: {
    description: 'Identity Insights says the number format is not valid.',
    endUserMessage: 'This phone number cannot receive a code. Check the number and try again.',
  },
  COUNTRY_NOT_ALLOWED: {
    description: "The number's country is not in the token's country allowlist; the allowlist is a boundary, so nothing was sent whatever onFlag says.",
    endUserMessage: 'Codes cannot be sent to phone numbers in this country.',
  },
  NON_GEOGRAPHIC_NUMBER: {
    description: 'The number belongs to no country (international or satellite range such as +870, +881, +882, +883, +979); refused unless the policy allows such numbers.',
    endUserMessage: 'Codes cannot be sent to this type of phone number.',
  },
  NETWORK_TYPE_NOT_ALLOWED: {
    description: "The number's network type (e.g. VIRTUAL/VoIP) is not allowed by the token's policy.",
    endUserMessage: 'Codes cannot be sent to this type of phone number.',
  },
  CARRIER_UNKNOWN: {
    description: 'Identity Insights could not identify the carrier of the number.',
    endUserMessage: 'Codes cannot be sent to this phone number.',
  },
  INSIGHTS_UNAVAILABLE: {
    description: 'Identity Insights failed or did not answer in time; the number was not screened.',
    endUserMessage: 'Codes cannot be sent right now. Try again in a few minutes.',
  },
  RATE_LIMITED: {
    description: 'Too many codes were requested for this number in the last 10 minutes.',
    endUserMessage: 'Too many codes were requested for this number. Wait a few minutes and try again.',
  },
  FRAUD_VOICE_REPEATED: {
    description: 'Fraud guard: repeated unconverted voice calls to one number or one 1,000-number block (toll fraud pattern).',
    endUserMessage: FRAUD_END_USER_MESSAGE,
  },
  FRAUD_BLOCK_VELOCITY: {
    description: 'Fraud guard: too many distinct unconverted numbers in one 100- or 1,000-number block (SMS pumping pattern).',
    endUserMessage: FRAUD_END_USER_MESSAGE,
  },
  FRAUD_PREFIX_UNCONVERTED: {
    description: "Fraud guard: too many unconverted sends to one number prefix for the token's own converted traffic there.",
    endUserMessage: FRAUD_END_USER_MESSAGE,
  },
  FRAUD_COUNTRY_UNCONVERTED: {
    description: "Fraud guard: too many unconverted sends to one country for the token's own converted traffic there.",
    endUserMessage: FRAUD_END_USER_MESSAGE,
  },
  FRAUD_UNPROVEN_DESTINATION: {
    description:
      'Fraud guard: too many unconverted sends to a prefix or country, or to all the countries, this token has never converted in; lifts by itself when a real user there signs in.',
    endUserMessage: FRAUD_END_USER_MESSAGE,
  },
  FRAUD_IP_VELOCITY: {
    description: "Fraud guard: too many unconverted sends, or too many destination countries, requested from one client IP.",
    endUserMessage: FRAUD_END_USER_MESSAGE,
  },
  FRAUD_USER_VELOCITY: {
    description: 'Fraud guard: too many distinct unconverted numbers requested for one Okta user.',
    endUserMessage: FRAUD_END_USER_MESSAGE,
  },
  FRAUD_SHED: {
    description: "Fraud guard: the token was over its hook throttle and this request came from a hot block, prefix or IP; shed so that other sign-ins keep flowing.",
    endUserMessage: FRAUD_END_USER_MESSAGE,
  },
  GUARD_TRUSTED: {
    description: 'The fraud guard would have refused this send, but its number, number block or Okta user is on the trusted list; delivered.',
    endUserMessage: null,
  },
  GUARD_UNAVAILABLE: {
    description: "The fraud guard's counter store (Redis) was unreachable; the request was screened by policy only and delivered.",
    endUserMessage: null,
  },
  SPEND_CAP_REACHED: {
    description:
      "The token's estimated spend this calendar month (UTC) reached its monthly cap (policy spend.monthlyCap, priced from the price table); nothing was sent. Raise the cap or wait for the next month.",
    endUserMessage: 'Codes cannot be sent right now. Try again later.',
  },
  SPEND_UNAVAILABLE: {
    description: "The spend counter (Redis, or the database to start it) was unreachable; the monthly cap was not checked and the request was delivered.",
    endUserMessage: null,
  },
  RATE_LIMIT_UNAVAILABLE: {
    description: 'The rate-limit store (Redis) was unreachable; the request was let through unchecked.',
    endUserMessage: null,
  },
  VONAGE_REJECTED: {
    description: 'Vonage Verify refused the request (invalid parameters, sender or number).',
    endUserMessage: 'The code could not be sent to this phone number.',
  },
  VONAGE_THROTTLED: {
    description: 'Vonage answered 429 (rate limit hit).',
    endUserMessage: 'Codes cannot be sent right now. Try again in a few minutes.',
  },
  VONAGE_UNAVAILABLE: {
    description: 'Vonage Verify failed (5xx, network error) or did not answer within the budget.',
    endUserMessage: 'Codes cannot be sent right now. Try again in a few minutes.',
  },
  VONAGE_AUTH_FAILED: {
    description: 'Vonage refused the configured credentials (401/403).',
    endUserMessage: 'Codes cannot be sent right now. Try again in a few minutes.',
  },
  VONAGE_BLOCKED: {
    description: "Vonage's anti-fraud blocked the delivery (network block).",
    endUserMessage: null,
  },
  DELIVERY_FAILED: { description: 'Vonage reported that the message or call failed.', endUserMessage: null },
  EXPIRED: { description: 'The code expired before it was used.', endUserMessage: null },
  HOOK_THROTTLED: {
    description: 'The token sent more hook calls per second than the connector accepts (answered 429, not recorded).',
    endUserMessage: 'Codes cannot be sent right now. Try again in a few minutes.',
  },
  SERVICE_UNAVAILABLE: {
    description: "The connector's database was unreachable; Okta was answered 503 so it falls back to its own providers.",
    endUserMessage: 'Codes cannot be sent right now. Try again in a few minutes.',
  },
  INTERRUPTED: {
    description: 'The connector stopped (crash or restart) before it recorded the outcome; any Verify request it had started is cancelled.',
    endUserMessage: null,
  },
  INVALID_REQUEST: {
    description: "Okta's request was missing a field the connector needs.",
    endUserMessage: 'The code could not be sent. Try again.',
  },
} as const satisfies Record<string, { description: string; endUserMessage: string | null }>;

export type ReasonCode = keyof typeof REASON_CODES;
export const REASON_CODE_LIST = Object.keys(REASON_CODES) as ReasonCode[];

/** Codes of the fraud guard's refusals share this prefix (and only they do). */
export const FRAUD_REASON_PREFIX = 'FRAUD_';
export type FraudReasonCode = Extract<ReasonCode, `FRAUD_${string}`>;

export function isFraudReasonCode(code: string): code is FraudReasonCode {
  return code.startsWith(FRAUD_REASON_PREFIX) && code in REASON_CODES;
}

/** What each Identity Insights status means for screening (per insight, case-insensitive). */
export const INSIGHT_STATUS_DESCRIPTIONS: Record<string, string> = {
  OK: 'The insight answered.',
  PARTIAL_SUCCESS: 'Some fields of the insight are missing; what is there is used.',
  INVALID_NUMBER_FORMAT: 'Vonage finds the number malformed: flagged INVALID_FORMAT.',
  NO_COVERAGE: 'Vonage has no data for this number range: a carrier check counts as CARRIER_UNKNOWN.',
  NOT_FOUND: 'No record for this number: a carrier check counts as CARRIER_UNKNOWN.',
  UNAUTHORIZED: 'The Vonage account may not use this insight: INSIGHTS_UNAVAILABLE.',
  INVALID_PURPOSE: 'The purpose sent does not allow this insight: INSIGHTS_UNAVAILABLE.',
  SUPPLIER_ERROR: "Vonage's data supplier failed: INSIGHTS_UNAVAILABLE.",
  INTERNAL_ERROR: 'Vonage failed: INSIGHTS_UNAVAILABLE.',
  UNKNOWN: 'A status Vonage added after this release: INSIGHTS_UNAVAILABLE.',
};
