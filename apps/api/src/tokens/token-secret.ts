import { createHash, randomBytes } from 'crypto';
import { TOKEN_SECRET_PREFIX } from '@otc/contracts';

/** 32 random bytes (256 bits) behind a recognisable prefix, so leaked secrets are easy to scan for. */
export function generateTokenSecret(random: (size: number) => Buffer = randomBytes): string {
  return `${TOKEN_SECRET_PREFIX}${random(32).toString('base64url')}`;
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Okta sends the configured secret verbatim; admins may or may not have typed a scheme in front.
 * Returns the candidate secrets: the value itself and, when it starts with Bearer/Basic, the rest.
 */
export function secretCandidates(headerValue: string | undefined): string[] {
  if (!headerValue) return [];
  const value = headerValue.trim();
  const match = /^(bearer|basic)\s+(.+)$/i.exec(value);
  return match ? [match[2].trim(), value] : [value];
}
