import type { IncomingMessage } from 'http';
import { timingSafeEqual } from 'crypto';
import type { ResolvedOptions } from '../simulator.types';
import { decodeJwt, hasValidRs256Signature } from './jwt.util';

export type AcceptedAuth = 'basic-or-jwt' | 'jwt-only';

// Enough for every client of one simulator; when full it starts over (tokens are re-checked once).
const MAX_REMEMBERED_TOKENS = 64;

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Vonage's credential checks for one simulator. The SDK signs a JWT once and sends it on every call
 * until it nears expiry, so a token whose signature and application were checked once is remembered
 * (with its expiry, still judged on every call) instead of being RSA-verified per request.
 */
export class CredentialsGuard {
  private readonly expiryByToken = new Map<string, number | undefined>();

  constructor(private readonly options: ResolvedOptions) {}

  isAuthorized(req: IncomingMessage, accepted: AcceptedAuth): boolean {
    const header = req.headers.authorization ?? '';
    const [scheme, value] = header.split(' ', 2);
    if (!value) return false;
    if (scheme.toLowerCase() === 'bearer') return this.bearerIsValid(value);
    if (scheme.toLowerCase() === 'basic') return accepted === 'basic-or-jwt' && this.basicIsValid(value);
    return false;
  }

  private basicIsValid(encoded: string): boolean {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    return sameText(decoded, `${this.options.apiKey}:${this.options.apiSecret}`);
  }

  // Token expiry is judged on wall time: the injected clock simulates Vonage-side time, while
  // the SDK stamps tokens with the real clock.
  private bearerIsValid(token: string): boolean {
    if (!this.expiryByToken.has(token)) {
      const accepted = this.acceptedExpiry(token);
      if (accepted === false) return false;
      if (this.expiryByToken.size >= MAX_REMEMBERED_TOKENS) this.expiryByToken.clear();
      this.expiryByToken.set(token, accepted);
    }
    const exp = this.expiryByToken.get(token);
    return exp === undefined || exp * 1000 >= Date.now();
  }

  /**
   * The token's `exp` (undefined when it has none) if everything but its expiry is right, else false.
   * Without a public key the signature cannot be checked, so the claims carry the decision: the SDK's
   * token shape (RS256, application_id) is still enforced.
   */
  private acceptedExpiry(token: string): number | undefined | false {
    const jwt = decodeJwt(token);
    if (!jwt || jwt.header.alg !== 'RS256') return false;
    const appId = jwt.claims.application_id;
    if (typeof appId !== 'string' || appId === '') return false;
    if (this.options.applicationId !== undefined && appId !== this.options.applicationId) return false;
    const exp = jwt.claims.exp;
    if (this.options.publicKey !== undefined && !hasValidRs256Signature(jwt, this.options.publicKey)) return false;
    return typeof exp === 'number' ? exp : undefined;
  }
}
