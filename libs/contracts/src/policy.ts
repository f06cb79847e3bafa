import type { FraudGuardPolicy, RefusalAnswer } from './fraud-guard';
import type { SpendPolicy } from './spend';

/**
 * Version of the policy document stored with each token; bump on breaking changes.
 * 2: the country allowlist became a boundary; refusalAnswer, allowNonGeographicNumbers, fraudGuard.
 */
export const POLICY_VERSION = 2;

/**
 * PREMIUM covers every range the caller pays extra for (premium rate, shared cost, UAN);
 * VIRTUAL covers numbers that are not a handset (VoIP, personal/forwarding numbers, voicemail).
 */
export const NETWORK_TYPES = ['MOBILE', 'LANDLINE', 'TOLLFREE', 'PREMIUM', 'VIRTUAL', 'PAGER'] as const;
export type NetworkType = (typeof NETWORK_TYPES)[number];

/**
 * A number's network type as the connector knows it. MOBILE_OR_LANDLINE is what the numbering
 * plan says of ranges that hold both (all of +1): allowed when either MOBILE or LANDLINE is.
 */
export type KnownNetworkType = NetworkType | 'MOBILE_OR_LANDLINE';

export const FLAG_ACTIONS = ['BLOCK', 'FLAG_AND_DELIVER', 'LOG_ONLY'] as const;
export type FlagAction = (typeof FLAG_ACTIONS)[number];

export const TOKEN_LIFETIMES = ['24h', '7d', '30d', '90d', 'never'] as const;
export type TokenLifetime = (typeof TOKEN_LIFETIMES)[number];

export const INSIGHTS_FAILURE_ACTIONS = ['DELIVER_AND_FLAG', 'BLOCK'] as const;
export type InsightsFailureAction = (typeof INSIGHTS_FAILURE_ACTIONS)[number];

export interface TokenPolicy {
  version: typeof POLICY_VERSION;
  insights: {
    /** Master switch for Vonage Identity Insights (Layer 1). */
    enabled: boolean;
    /** Free format/validity insight. */
    formatValidity: boolean;
    /** Charged by Vonage. Carrier from the numbering plan. */
    originalCarrier: boolean;
    /** Charged by Vonage. Carrier after porting (mobiles). */
    currentCarrier: boolean;
    /** Numbers whose network type is not listed are flagged. */
    allowedNetworkTypes: NetworkType[];
    /** What to do when Insights fails or times out. */
    onUnavailable: InsightsFailureAction;
  };
  /** ISO 3166-1 alpha-2; empty means every country. A boundary: outside it nothing is delivered. */
  countryAllowlist: string[];
  /** Numbers of no country (+800, +870, +881, +882, +883, +979 ...) are refused unless true. */
  allowNonGeographicNumbers: boolean;
  onFlag: FlagAction;
  /** What a refusal answers Okta; outages always let Okta fall back. */
  refusalAnswer: RefusalAnswer;
  fraudGuard: FraudGuardPolicy;
  rateLimit: { enabled: boolean; maxPerWindow: number };
  /** Overrides the instance's brand name in the message. */
  brandName: string | null;
  smsToVoiceFallback: boolean;
  expiresIn: TokenLifetime;
  /** Present when Okta may also call the hooks with an OAuth 2.0 access token from this authorization server. */
  oauth?: OAuthHookPolicy;
  /** Present when the token has a monthly spend cap or a spend alert (estimated from the price table). */
  spend?: SpendPolicy;
}

/** The access tokens a token accepts beside its secret: issued by `issuer`, for `audience`, carrying `scope`. */
export interface OAuthHookPolicy {
  /** The authorization server's issuer URL (https; http only for a local issuer). Its JWKS is found by OpenID discovery. */
  issuer: string;
  audience: string;
  scope: string;
}

export const RATE_LIMIT_WINDOW_SECONDS = 600;
export const BRAND_NAME_MAX_LENGTH = 16;

export function defaultPolicy(): TokenPolicy {
  return {
    version: POLICY_VERSION,
    insights: {
      enabled: true,
      formatValidity: true,
      originalCarrier: false,
      currentCarrier: false,
      allowedNetworkTypes: ['MOBILE', 'LANDLINE'],
      onUnavailable: 'DELIVER_AND_FLAG',
    },
    countryAllowlist: [],
    allowNonGeographicNumbers: false,
    onFlag: 'FLAG_AND_DELIVER',
    refusalAnswer: 'NO_DELIVERY',
    fraudGuard: { mode: 'ENFORCE', thresholds: {} },
    rateLimit: { enabled: true, maxPerWindow: 5 },
    brandName: null,
    smsToVoiceFallback: false,
    expiresIn: '90d',
  };
}

export const TOKEN_LIFETIME_SECONDS: Record<TokenLifetime, number | null> = {
  '24h': 24 * 3600,
  '7d': 7 * 24 * 3600,
  '30d': 30 * 24 * 3600,
  '90d': 90 * 24 * 3600,
  never: null,
};
