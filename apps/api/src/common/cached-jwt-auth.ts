import { Auth } from '@vonage/auth';

const JWT_TTL_SECONDS = 300;
const REUSE_MS = 60_000;

/**
 * Vonage's SDK signs a fresh RS256 JWT for every request (about 1-2 ms of CPU each, twice per OTP).
 * A JWT stays valid for its whole lifetime, so one is reused for a minute, well inside its 5 minutes.
 * The signing itself is shared too: a batch of conversions asks for a header 100 times at once, and
 * each caller signing its own when the minute is up cost a tenth of the worker's CPU.
 */
export class CachedJwtAuth extends Auth {
  constructor(params: { applicationId: string; privateKey: string }, now: () => number = Date.now) {
    super({ ...params, jwtOptions: { ttl: JWT_TTL_SECONDS } });
    const generate = this.createBearerHeader;
    let cached: { header: Promise<string>; until: number } | null = null;
    this.createBearerHeader = () => {
      if (!cached || cached.until <= now()) {
        const entry = { header: generate(), until: now() + REUSE_MS };
        cached = entry;
        // A failed signing is not kept: the next caller tries again.
        entry.header.catch(() => {
          if (cached === entry) cached = null;
        });
      }
      return cached.header;
    };
  }
}
