import { isObject } from '@otc/contracts';
import { verifySignature } from '@vonage/jwt';
import { createHash } from 'crypto';

export type SignatureCheck = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

function decodeJson(part: string | undefined): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as unknown;
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Verifies a Vonage signed callback: `Authorization: Bearer <JWT>`, HS256 with the account's signature
 * secret (signature, exp and nbf checked by @vonage/jwt), and, when the token carries `payload_hash`,
 * that it is the SHA-256 hex of the exact body.
 */
export function verifyVonageSignature(authorization: string | undefined, rawBody: string, secret: string | null): SignatureCheck {
  if (!secret) return { ok: false, reason: 'no signature secret configured' };
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) return { ok: false, reason: 'missing bearer token' };
  const [headerPart, payloadPart] = token.split('.');
  // A shared secret only ever signs HS256; refuse any other algorithm before verifying.
  if (decodeJson(headerPart)?.alg !== 'HS256') return { ok: false, reason: 'token is not HS256' };
  if (!verifySignature(token, secret)) return { ok: false, reason: 'bad signature, or the token expired' };
  const claims = decodeJson(payloadPart);
  if (!claims) return { ok: false, reason: 'malformed claims' };
  if (typeof claims.payload_hash === 'string') {
    const actual = createHash('sha256').update(rawBody).digest('hex');
    if (actual !== claims.payload_hash.toLowerCase()) return { ok: false, reason: 'payload_hash does not match the body' };
  }
  return { ok: true, claims };
}
