import type { TokenStatus } from '@otc/contracts';

export interface TokenTimes {
  expiresAt: Date | null;
  graceEndsAt: Date | null;
  revokedAt: Date | null;
}

/** The one place a token's status is derived; the hook, the API and the CLI all call it. */
export function tokenStatus(token: TokenTimes, now: Date): TokenStatus {
  if (token.revokedAt && token.revokedAt <= now) return 'REVOKED';
  if (token.expiresAt && token.expiresAt <= now) return 'EXPIRED';
  if (token.graceEndsAt) return token.graceEndsAt > now ? 'GRACE_PERIOD' : 'EXPIRED';
  return 'ACTIVE';
}

export function acceptsHookCalls(status: TokenStatus): boolean {
  return status === 'ACTIVE' || status === 'GRACE_PERIOD';
}
