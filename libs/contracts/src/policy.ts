/** Version of the policy document stored with each token; bump on breaking changes. */
export const POLICY_VERSION = 1;

export const NETWORK_TYPES = ['MOBILE', 'LANDLINE', 'TOLLFREE', 'PREMIUM', 'VIRTUAL'] as const;
export type NetworkType = (typeof NETWORK_TYPES)[number];

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
  /** ISO 3166-1 alpha-2; empty means every country. Applied even when insights are off. */
  countryAllowlist: string[];
  onFlag: FlagAction;
  rateLimit: { enabled: boolean; maxPerWindow: number };
  /** Overrides the instance's brand name in the message. */
  brandName: string | null;
  smsToVoiceFallback: boolean;
  expiresIn: TokenLifetime;
  /** Present when Okta may also call the hooks with an OAuth 2.0 access token from this authorization server. */
  oauth?: OAuthHookPolicy;
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
    onFlag: 'FLAG_AND_DELIVER',
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
