import { isObject } from '@otc/contracts';
import { createHash, createSecretKey, type KeyObject } from 'crypto';
import { errors, jwtVerify } from 'jose';

export type SignatureCheck = { ok: true; jti: string; issuedAt: Date } | { ok: false; reason: string };

/** How far `iat` may lie from our clock, either way: a captured callback is worthless after this. */
export const CALLBACK_MAX_AGE_MS = 5 * 60_000;

function decodeJson(part: string | undefined): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as unknown;
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

// @vonage/jwt takes the secret as a string and hands it to jsonwebtoken, which tries to parse it as
// a public key (a PEM parse that throws) before making a secret key of it, on every callback: that
// was 6-13 % of the connector's CPU with callbacks arriving. The key is made once per secret instead
// and verified with jose (HS256 only; signature, exp and nbf as before).
let lastKey: { secret: string; key: KeyObject } | null = null;

function secretKeyFor(secret: string): KeyObject {
  if (lastKey?.secret !== secret) lastKey = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  return lastKey.key;
}

async function hasValidHs256Signature(token: string, secret: string): Promise<boolean> {
  try {
    await jwtVerify(token, secretKeyFor(secret), { algorithms: ['HS256'] });
    return true;
  } catch (error) {
    // A wrong signature, an expired token or a malformed one is a refusal; anything else is a bug.
    if (error instanceof errors.JOSEError) return false;
    throw error;
  }
}

/**
 * Verifies a Vonage signed callback: `Authorization: Bearer <JWT>`, HS256 with the account's signature
 * secret (signature, exp and nbf checked), `payload_hash` the SHA-256 hex of the exact body, `iat`
 * within CALLBACK_MAX_AGE_MS of `nowMs` either way, and a `jti` for the replay check.
 */
export async function verifyVonageSignature(authorization: string | undefined, rawBody: string, secret: string | null, nowMs = Date.now()): Promise<SignatureCheck> {
  if (!secret) return { ok: false, reason: 'no signature secret configured' };
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) return { ok: false, reason: 'missing bearer token' };
  const [headerPart, payloadPart] = token.split('.');
  // A shared secret only ever signs HS256; refuse any other algorithm before verifying.
  if (decodeJson(headerPart)?.alg !== 'HS256') return { ok: false, reason: 'token is not HS256' };
  if (!(await hasValidHs256Signature(token, secret))) return { ok: false, reason: 'bad signature, or the token expired' };
  const claims = decodeJson(payloadPart);
  if (!claims) return { ok: false, reason: 'malformed claims' };
  // Without payload_hash the signature covers no body: any body could ride on a captured token.
  if (typeof claims.payload_hash !== 'string') return { ok: false, reason: 'token has no payload_hash' };
  const actual = createHash('sha256').update(rawBody).digest('hex');
  if (actual !== claims.payload_hash.toLowerCase()) return { ok: false, reason: 'payload_hash does not match the body' };
  if (typeof claims.iat !== 'number' || !Number.isFinite(claims.iat)) return { ok: false, reason: 'token has no iat' };
  if (Math.abs(nowMs - claims.iat * 1000) > CALLBACK_MAX_AGE_MS) return { ok: false, reason: 'token iat is not within 5 minutes of now' };
  if (typeof claims.jti !== 'string' || claims.jti.length === 0 || claims.jti.length > 200) return { ok: false, reason: 'token has no usable jti' };
  return { ok: true, jti: claims.jti, issuedAt: new Date(claims.iat * 1000) };
}
