import { createHash, timingSafeEqual } from 'crypto';

export interface AdminCredentials {
  apiKey: string;
  apiSecret: string;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Compares both halves in constant time over fixed-length digests, and always both of them, so
 * neither the timing nor the answer tells which half was wrong or how long the real secret is.
 */
export function credentialsMatch(given: AdminCredentials, expected: AdminCredentials): boolean {
  const keyMatches = timingSafeEqual(digest(given.apiKey), digest(expected.apiKey));
  const secretMatches = timingSafeEqual(digest(given.apiSecret), digest(expected.apiSecret));
  // An unconfigured instance must not accept empty credentials.
  const configured = expected.apiKey.length > 0 && expected.apiSecret.length > 0;
  return configured && keyMatches && secretMatches;
}
