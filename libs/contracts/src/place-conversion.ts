import type { Channel } from './activity';
import type { ReportPeriod } from './admin';
import type { FraudGuardMode } from './fraud-guard';

/** Conversion by place covers a week unless asked otherwise: a day is too little traffic to judge a country by. */
export const DEFAULT_CONVERSION_PERIOD: ReportPeriod = '7d';

/**
 * Okta's `requestType`, grouped by what it says about the number. Okta activates a phone factor only
 * once its code came back, so a verification, unlock or reset goes to a number a person proved to
 * hold; an enrollment (and anything Okta adds later) goes to a number somebody typed in.
 */
export const REQUEST_KINDS = ['ENROLLMENT', 'VERIFICATION', 'ACCOUNT_UNLOCK', 'PASSWORD_RESET', 'OTHER'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const REQUEST_KIND_OF_TYPE: Readonly<Record<string, Exclude<RequestKind, 'OTHER'>>> = {
  'com.okta.user.telephony.pre-enrollment': 'ENROLLMENT',
  'com.okta.user.telephony.mfa-verification': 'VERIFICATION',
  'com.okta.user.telephony.account-unlock': 'ACCOUNT_UNLOCK',
  'com.okta.user.telephony.password-reset': 'PASSWORD_RESET',
};

export function requestKindOf(requestType: string | null): RequestKind {
  return (requestType !== null && Object.hasOwn(REQUEST_KIND_OF_TYPE, requestType) && REQUEST_KIND_OF_TYPE[requestType]) || 'OTHER';
}

/** Sends of these kinds go to an enrolled factor; the fraud guard treats every other send as one to a new number. */
export const ENROLLED_NUMBER_KINDS: ReadonlySet<RequestKind> = new Set<RequestKind>(['VERIFICATION', 'ACCOUNT_UNLOCK', 'PASSWORD_RESET']);

export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  ENROLLMENT: 'Enrollment',
  VERIFICATION: 'Verification',
  ACCOUNT_UNLOCK: 'Account unlock',
  PASSWORD_RESET: 'Password reset',
  OTHER: 'Other or unknown',
};

/** A country stays proven for a token (the guard's tighter floors for new numbers no longer apply) this long after its last conversion. */
export const PROVEN_COUNTRY_DAYS = 90;

/**
 * Attempts Okta asked for (refused ones included), sends that reached Vonage, those Okta reported
 * used (conversions), and converted over sent (null: nothing sent).
 */
export interface ConversionCountsDto {
  attempts: number;
  sent: number;
  converted: number;
  rate: number | null;
}

export function conversionCounts(attempts: number, sent: number, converted: number): ConversionCountsDto {
  return { attempts, sent, converted, rate: sent > 0 ? converted / sent : null };
}

/** A place needs this many sends before its rate can stand out. */
export const LOW_CONVERSION_MIN_SENDS = 20;

/**
 * One truth for "stands out" on the fraud page, the CLI and the API: enough sends, and under half
 * the conversion rate of all the sends compared with it. Real users convert alike everywhere;
 * pumped numbers never do.
 */
export function isLowConversion(place: ConversionCountsDto, overall: ConversionCountsDto): boolean {
  return place.sent >= LOW_CONVERSION_MIN_SENDS && place.rate !== null && overall.rate !== null && place.rate < overall.rate / 2;
}

/**
 * Distinct unconverted numbers the guard lets through in one window before refusing, before
 * conversion widening; the `newNumbers…` floors apply only while the country is unproven (null once proven).
 */
export interface PlaceFloorsDto {
  windowMinutes: number;
  perCountry: number;
  perPrefix: number;
  newNumbersPerCountry: number | null;
  newNumbersPerPrefix: number | null;
  /** Token-wide, over every country never converted in. */
  newNumbersAllUnproven: number | null;
  /** Each converted send in the same window and scope raises a floor by this much. */
  conversionWidening: number;
}

/** What the guard holds about one token in one country. */
export interface PlaceBaselineDto {
  tokenId: string;
  mode: FraudGuardMode;
  /**
   * The guard counts the country as proven (converted in within 90 days) for this token: read from
   * its counters; null when they could not be read (or are another process's memory).
   */
  proven: boolean | null;
  /** The token's last converted send there in the last 90 days, from the activity records. */
  lastConvertedAt: string | null;
  /** Null when the guard is OFF for the token. */
  floors: PlaceFloorsDto | null;
}

export interface CountryConversionDto extends ConversionCountsDto {
  /** ISO 3166-1 alpha-2; null for numbers of no country (+800, +882 …). */
  country: string | null;
  /** Enough sends, and under half the overall rate (isLowConversion). */
  lowConversion: boolean;
  /** One per token that sent there in the period. */
  baselines: PlaceBaselineDto[];
}

export interface ConversionByPlaceDto {
  period: { from: string; to: string };
  /** Null: every token. */
  tokenId: string | null;
  total: ConversionCountsDto;
  /** Most unconverted sends first. */
  byCountry: CountryConversionDto[];
  byChannel: Array<ConversionCountsDto & { channel: Channel }>;
  byRequestKind: Array<ConversionCountsDto & { requestKind: RequestKind }>;
}
