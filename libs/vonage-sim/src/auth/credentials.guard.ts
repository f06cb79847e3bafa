import type { IncomingMessage } from 'http';
import { timingSafeEqual } from 'crypto';
import type { ResolvedOptions } from '../simulator.types';
import { decodeJwt, hasValidRs256Signature } from './jwt.util';

export type AcceptedAuth = 'basic-or-jwt' | 'jwt-only';

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

function basicIsValid(encoded: string, options: ResolvedOptions): boolean {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  return sameText(decoded, `${options.apiKey}:${options.apiSecret}`);
}

// Without a public key the signature cannot be checked, so the claims carry the decision:
// the SDK's token shape (RS256, application_id, unexpired) is still enforced.
function bearerIsValid(token: string, options: ResolvedOptions): boolean {
  const jwt = decodeJwt(token);
  if (!jwt || jwt.header.alg !== 'RS256') return false;
  const appId = jwt.claims.application_id;
  if (typeof appId !== 'string' || appId === '') return false;
  if (options.applicationId !== undefined && appId !== options.applicationId) return false;
  // Token expiry is judged on wall time: the injected clock simulates Vonage-side time, while
  // the SDK stamps tokens with the real clock.
  const exp = jwt.claims.exp;
  if (typeof exp === 'number' && exp * 1000 < Date.now()) return false;
  return options.publicKey === undefined || hasValidRs256Signature(jwt, options.publicKey);
}

export function isAuthorized(req: IncomingMessage, options: ResolvedOptions, accepted: AcceptedAuth): boolean {
  const header = req.headers.authorization ?? '';
  const [scheme, value] = header.split(' ', 2);
  if (!value) return false;
  if (scheme.toLowerCase() === 'bearer') return bearerIsValid(value, options);
  if (scheme.toLowerCase() === 'basic') return accepted === 'basic-or-jwt' && basicIsValid(value, options);
  return false;
}
