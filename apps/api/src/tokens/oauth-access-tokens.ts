import { Injectable, Logger } from '@nestjs/common';
import type { OAuthHookPolicy } from '@otc/contracts';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';

const FETCH_TIMEOUT_MS = 1500;
// A key set is kept this long; an unknown kid refetches it, at most once per cooldown per issuer
// (Okta publishes a new key before signing with it, so an unknown kid is rare and mostly forged).
const JWKS_MAX_AGE_MS = 10 * 60_000;
export const JWKS_COOLDOWN_MS = 10_000;
const DISCOVERY_MAX_AGE_MS = 60 * 60_000;
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
const BEARER_JWT = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

/** The access token in an Authorization header value and the issuer it claims (unverified), or null. */
export function claimedIssuer(headerValue: string | undefined): { jwt: string; issuer: string } | null {
  const jwt = headerValue?.trim().match(BEARER_JWT)?.[1];
  if (!jwt) return null;
  try {
    const { iss } = decodeJwt(jwt);
    return typeof iss === 'string' && iss.length <= 500 ? { jwt, issuer: iss } : null;
  } catch {
    return null;
  }
}

function scopesOf(payload: JWTPayload): string[] {
  if (Array.isArray(payload.scp)) return payload.scp.filter((s): s is string => typeof s === 'string');
  return typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
}

/**
 * Validates OAuth 2.0 access tokens Okta sends to the hooks (it obtains them by client_secret_post or
 * private_key_jwt; the connector only validates): signature against the issuer's JWKS (found by
 * OpenID discovery, fetched with a timeout, cached, refetched on an unknown kid at most every 10 s),
 * expiry, issuer, audience and scope.
 */
@Injectable()
export class OAuthAccessTokens {
  private readonly logger = new Logger(OAuthAccessTokens.name);
  private readonly keySets = new Map<string, { keys: JWTVerifyGetKey; until: number }>();

  async verify(jwt: string, policy: OAuthHookPolicy): Promise<boolean> {
    try {
      const keys = await this.keySetOf(policy.issuer);
      const { payload } = await jwtVerify(jwt, keys, { issuer: policy.issuer, audience: policy.audience, algorithms: ALGORITHMS, clockTolerance: 30 });
      return scopesOf(payload).includes(policy.scope);
    } catch (error) {
      this.logger.warn(`OAuth access token refused for issuer ${policy.issuer}: ${(error as Error).message}`);
      return false;
    }
  }

  private async keySetOf(issuer: string): Promise<JWTVerifyGetKey> {
    const cached = this.keySets.get(issuer);
    if (cached && cached.until > Date.now()) return cached.keys;
    const discovery = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!discovery.ok) throw new Error(`discovery answered ${discovery.status}`);
    const { jwks_uri: jwksUri } = (await discovery.json()) as { jwks_uri?: unknown };
    if (typeof jwksUri !== 'string') throw new Error('discovery names no jwks_uri');
    const keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: FETCH_TIMEOUT_MS, cooldownDuration: JWKS_COOLDOWN_MS, cacheMaxAge: JWKS_MAX_AGE_MS });
    this.keySets.set(issuer, { keys, until: Date.now() + DISCOVERY_MAX_AGE_MS });
    return keys;
  }
}
