import { createHash, createHmac, timingSafeEqual } from 'crypto';

export type SignatureCheck = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Verifies a Vonage signed callback: `Authorization: Bearer <JWT>`, HS256 with the account's signature
 * secret, and, when the token carries `payload_hash`, that it is the SHA-256 hex of the exact body.
 */
export function verifyVonageSignature(authorization: string | undefined, rawBody: string, secret: string | null): SignatureCheck {
  if (!secret) return { ok: false, reason: 'no signature secret configured' };
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) return { ok: false, reason: 'missing bearer token' };
  const [headerPart, payloadPart, signaturePart] = token.split('.');
  if (!headerPart || !payloadPart || !signaturePart) return { ok: false, reason: 'malformed token' };
  const header = decodeJson(headerPart);
  if (header?.alg !== 'HS256') return { ok: false, reason: 'token is not HS256' };
  const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  const claims = decodeJson(payloadPart);
  if (!claims) return { ok: false, reason: 'malformed claims' };
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) return { ok: false, reason: 'token expired' };
  if (typeof claims.payload_hash === 'string') {
    const actual = createHash('sha256').update(rawBody).digest('hex');
    if (actual !== claims.payload_hash.toLowerCase()) return { ok: false, reason: 'payload_hash does not match the body' };
  }
  return { ok: true, claims };
}
