import { KeyObject, createHmac, createPublicKey, createVerify, randomUUID } from 'crypto';

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

const base64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

function parseSegment(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const header = parseSegment(parts[0]);
  const claims = parseSegment(parts[1]);
  if (!header || !claims) return null;
  return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
}

// Parsing a PEM costs far more than verifying with it: each key is parsed once.
const publicKeys = new Map<string, KeyObject>();

function publicKeyFor(pem: string): KeyObject {
  let key = publicKeys.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    publicKeys.set(pem, key);
  }
  return key;
}

export function hasValidRs256Signature(jwt: DecodedJwt, publicKeyPem: string): boolean {
  if (jwt.header.alg !== 'RS256') return false;
  try {
    return createVerify('RSA-SHA256').update(jwt.signingInput).verify(publicKeyFor(publicKeyPem), jwt.signature);
  } catch {
    return false;
  }
}

const HS256_HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** Signs claims (plus a fresh `jti`) as an HS256 JWT; `secret` made into a key once by the caller. */
export function signHs256(claims: Record<string, unknown>, secret: KeyObject): string {
  const payload = base64url(JSON.stringify({ jti: randomUUID(), ...claims }));
  const signature = createHmac('sha256', secret).update(`${HS256_HEADER}.${payload}`).digest('base64url');
  return `${HS256_HEADER}.${payload}.${signature}`;
}
