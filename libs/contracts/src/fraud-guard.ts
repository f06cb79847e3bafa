import type { MoneyDto } from './spend';
/** What the fraud guard does with what it finds. */
export const FRAUD_GUARD_MODES = ['ENFORCE', 'SHADOW', 'OFF'] as const;
export type FraudGuardMode = (typeof FRAUD_GUARD_MODES)[number];

/** What a refusal (policy or fraud guard) answers Okta. */
export const REFUSAL_ANSWERS = ['NO_DELIVERY', 'LET_OKTA_RETRY'] as const;
export type RefusalAnswer = (typeof REFUSAL_ANSWERS)[number];

/** What a guard decision covers, narrowest first. */
export const FRAUD_SCOPE_KINDS = ['NUMBER', 'BLOCK', 'PREFIX', 'COUNTRY', 'UNPROVEN_COUNTRIES', 'IP', 'USER'] as const;
export type FraudScopeKind = (typeof FRAUD_SCOPE_KINDS)[number];

/**
 * Every limit of the guard. "Unconverted" counts sends in the window that Okta has not (yet)
 * reported as a successful sign-in; each converted send in the same window widens the limit by
 * `conversionWidening`, so a token's own verified traffic buys it room.
 */
export interface FraudGuardThresholds {
  /** Sliding window of the velocity signals. */
  windowMinutes: number;
  /** Distinct unconverted numbers in one 100-number block (E.164 without its last 2 digits). */
  numbersPerHundredBlock: number;
  /** Distinct unconverted numbers in one 1,000-number block (E.164 without its last 3 digits). */
  numbersPerThousandBlock: number;
  /** Distinct unconverted numbers in one prefix (country code and the first national digits). */
  unconvertedPerPrefix: number;
  /** Distinct unconverted numbers in one country the token has converted in before. */
  unconvertedPerCountry: number;
  /** Distinct unconverted numbers in one prefix of a country the token has never converted in. */
  unconvertedPerUnprovenPrefix: number;
  /** Distinct unconverted numbers in one country the token has never converted in. */
  unconvertedPerUnprovenCountry: number;
  /** Distinct unconverted numbers, token-wide, in countries the token has never converted in. */
  unconvertedToUnprovenCountries: number;
  /** Unconverted sends requested from one client IP. */
  sendsPerIp: number;
  /** Distinct destination countries requested from one client IP. */
  countriesPerIp: number;
  /** Distinct unconverted numbers requested for one Okta user. */
  numbersPerUser: number;
  /** Unconverted voice calls to one number. */
  voiceCallsPerNumber: number;
  /** Unconverted voice calls to one 1,000-number block. */
  voiceCallsPerBlock: number;
  /** How much each converted send in the window raises a limit. */
  conversionWidening: number;
  /** How long a refusal lasts at each level; a pattern that goes on moves it to the next level. */
  expiryMinutes: number[];
}

export const DEFAULT_FRAUD_GUARD_THRESHOLDS: FraudGuardThresholds = {
  windowMinutes: 10,
  numbersPerHundredBlock: 4,
  numbersPerThousandBlock: 6,
  unconvertedPerPrefix: 10,
  unconvertedPerCountry: 25,
  unconvertedPerUnprovenPrefix: 2,
  unconvertedPerUnprovenCountry: 6,
  unconvertedToUnprovenCountries: 25,
  sendsPerIp: 15,
  countriesPerIp: 3,
  numbersPerUser: 4,
  voiceCallsPerNumber: 3,
  voiceCallsPerBlock: 8,
  conversionWidening: 1,
  expiryMinutes: [15, 60, 720],
};

/** Validation bounds of each threshold (inclusive); `integer` false allows fractions. */
export const FRAUD_GUARD_THRESHOLD_BOUNDS: Record<Exclude<keyof FraudGuardThresholds, 'expiryMinutes'>, { min: number; max: number; integer: boolean }> = {
  windowMinutes: { min: 1, max: 1440, integer: true },
  numbersPerHundredBlock: { min: 2, max: 100, integer: true },
  numbersPerThousandBlock: { min: 2, max: 1000, integer: true },
  unconvertedPerPrefix: { min: 2, max: 100_000, integer: true },
  unconvertedPerCountry: { min: 2, max: 1_000_000, integer: true },
  unconvertedPerUnprovenPrefix: { min: 1, max: 100_000, integer: true },
  unconvertedPerUnprovenCountry: { min: 1, max: 100_000, integer: true },
  unconvertedToUnprovenCountries: { min: 1, max: 1_000_000, integer: true },
  sendsPerIp: { min: 2, max: 1_000_000, integer: true },
  countriesPerIp: { min: 1, max: 250, integer: true },
  numbersPerUser: { min: 1, max: 1000, integer: true },
  voiceCallsPerNumber: { min: 1, max: 1000, integer: true },
  voiceCallsPerBlock: { min: 1, max: 100_000, integer: true },
  conversionWidening: { min: 0, max: 100, integer: false },
};

export const MAX_EXPIRY_MINUTES = 7 * 24 * 60;

export interface FraudGuardPolicy {
  mode: FraudGuardMode;
  /** Only the thresholds this token overrides; the rest follow the defaults of the release. */
  thresholds: Partial<FraudGuardThresholds>;
}

/** The thresholds a token runs with: the release's defaults under its own overrides. */
export function effectiveThresholds(guard: FraudGuardPolicy): FraudGuardThresholds {
  return { ...DEFAULT_FRAUD_GUARD_THRESHOLDS, ...guard.thresholds };
}

/** A temporary refusal as the admin API lists it. */
export interface FraudRefusalDto {
  id: string;
  tokenId: string;
  scopeKind: FraudScopeKind;
  /** What a person sees: a block like +99890123xxx, a country, a masked IP; never a full number. */
  scopeLabel: string;
  reasonCode: string;
  evidence: string;
  since: string;
  until: string;
  level: number;
  requestsStopped: number;
  /** When an admin (or a conversion) ended it early; null when it ran or runs its course. */
  liftedAt: string | null;
  /**
   * The fraud page's estimate of what the stopped requests would have cost (the scope's country, or
   * the price table's default; a voice call for voice reasons, an SMS otherwise). Absent elsewhere.
   */
  estimatedSpendAvoided?: MoneyDto;
}
