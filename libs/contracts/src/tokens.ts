import type { TokenPolicy } from './policy';

export const TOKEN_STATUSES = ['ACTIVE', 'GRACE_PERIOD', 'EXPIRED', 'REVOKED'] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

export const TOKEN_SECRET_PREFIX = 'otc_';
export const DEFAULT_AUTH_HEADER_NAME = 'Authorization';
export const GRACE_PERIOD_SECONDS = 24 * 3600;
export const TOKEN_NAME_MAX_LENGTH = 100;

/** Why a token name cannot be used, or null: names are trimmed and 1 to TOKEN_NAME_MAX_LENGTH characters. */
export function tokenNameProblem(name: string): string | null {
  const length = name.trim().length;
  return length >= 1 && length <= TOKEN_NAME_MAX_LENGTH ? null : `name must be 1 to ${TOKEN_NAME_MAX_LENGTH} characters`;
}

export interface TokenDto {
  id: string;
  name: string;
  shortId: string;
  status: TokenStatus;
  createdAt: string;
  expiresAt: string | null;
  graceEndsAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  rotatedFromId: string | null;
  /** The token this one was rotated into, if any. */
  rotatedToId: string | null;
  policy: TokenPolicy;
  /** Starts at 1; each policy edit adds one. */
  policyRevision: number;
  policyUpdatedAt: string | null;
}

/** Edits the policy in place: same secret, same id. `revision` is the one the edit was based on. */
export interface UpdateTokenPolicyRequest {
  policy: Partial<TokenPolicy>;
  revision: number;
}

/** A token's traffic over a period (refusals: refused by policy or fraud guard). */
export interface TokenStatsDto {
  from: string;
  to: string;
  attempts: number;
  refused: number;
  refusalRate: number | null;
  sent: number;
  converted: number;
  conversionRate: number | null;
}

/** Returned once, by create and rotate: the four values an admin pastes into Okta. */
export interface TokenCreatedDto {
  id: string;
  token: TokenDto;
  telephonyWebhookUrl: string;
  eventWebhookUrl: string;
  authHeaderName: string;
  tokenSecret: string;
}

export interface CreateTokenRequest {
  name: string;
  policy?: Partial<TokenPolicy>;
}
