import { Auth } from '@vonage/auth';

const JWT_TTL_SECONDS = 300;
const REUSE_MS = 60_000;

/**
 * Vonage's SDK signs a fresh RS256 JWT for every request (about 1-2 ms of CPU each, twice per OTP).
 * A JWT stays valid for its whole lifetime, so one is reused for a minute, well inside its 5 minutes.
 */
export class CachedJwtAuth extends Auth {
  constructor(params: { applicationId: string; privateKey: string }, now: () => number = Date.now) {
    super({ ...params, jwtOptions: { ttl: JWT_TTL_SECONDS } });
    const generate = this.createBearerHeader;
    let cached: { header: string; until: number } | null = null;
    this.createBearerHeader = async () => {
      if (!cached || cached.until <= now()) cached = { header: await generate(), until: now() + REUSE_MS };
      return cached.header;
    };
  }
}
