import { Injectable } from '@nestjs/common';
import { createHash } from 'crypto';

/** Wrong secrets one address may present per window before it is refused without a lookup. */
export const WRONG_SECRET_LIMIT = 30;
export const WRONG_SECRET_WINDOW_MS = 60_000;
// Bounds the memory an attacker can make this use: addresses and accepted header values.
const MAX_TRACKED = 10_000;

interface Window {
  startedAt: number;
  failures: number;
}

/**
 * The cheap first line against guessing and flooding hook secrets, per instance and in memory: an
 * address that presented WRONG_SECRET_LIMIT wrong secrets in a minute is refused at once, without a
 * database lookup, until the minute is over. Okta calls many orgs from shared addresses, so a header
 * value this instance accepted recently still goes through to the normal lookup (which checks
 * revocation as always): a misconfigured org does not lock out its neighbours.
 */
@Injectable()
export class WrongSecretThrottle {
  private readonly windows = new Map<string, Window>();
  private readonly accepted = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds until this address may try unknown secrets again, or 0 when it may now. */
  retryAfterSeconds(address: string, headerValue: string | undefined): number {
    const window = this.windows.get(address);
    if (!window || window.failures < WRONG_SECRET_LIMIT) return 0;
    const remainingMs = window.startedAt + WRONG_SECRET_WINDOW_MS - this.now();
    if (remainingMs <= 0) return 0;
    if (headerValue !== undefined && (this.accepted.get(digest(headerValue)) ?? 0) > this.now()) return 0;
    return Math.ceil(remainingMs / 1000);
  }

  failed(address: string): void {
    const now = this.now();
    let window = this.windows.get(address);
    if (!window || window.startedAt + WRONG_SECRET_WINDOW_MS <= now) {
      window = { startedAt: now, failures: 0 };
      bounded(this.windows).set(address, window);
    }
    window.failures++;
  }

  succeeded(headerValue: string): void {
    bounded(this.accepted).set(digest(headerValue), this.now() + WRONG_SECRET_WINDOW_MS * 10);
  }
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** Drops the oldest entry first (Map keeps insertion order) once the map is full. */
function bounded<V>(map: Map<string, V>): Map<string, V> {
  if (map.size >= MAX_TRACKED) map.delete(map.keys().next().value as string);
  return map;
}
