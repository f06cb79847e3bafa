import { Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { closeRedis, createFailFastRedis, whenRedisReady } from '../common/fail-fast-redis';
import type { RateLimiter, RateLimitOutcome } from './rate-limiter';

export interface RedisRateLimiterOptions {
  keyPrefix?: string;
  /** Past this a command counts as failed; keeps a dead Redis from eating the hook budget. */
  commandTimeoutMs?: number;
  /** Shown by CLIENT LIST. */
  connectionName?: string;
}

// One round trip, atomic across instances. Redis's own clock is used so instances with skewed
// clocks still share one window. Refused attempts are not added (see RateLimiter.hit).
const SLIDING_WINDOW_HIT = `
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window_ms = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window_ms)
local count = redis.call('ZCARD', key)
if count >= limit then
  return {0, count}
end
redis.call('ZADD', key, now, now .. '-' .. ARGV[3])
redis.call('PEXPIRE', key, window_ms)
return {1, count + 1}
`;

type SlidingWindowRedis = Redis & {
  slidingWindowHit(key: string, limit: number, windowMs: number, nonce: string): Promise<[number, number]>;
};

export class RedisRateLimiter implements RateLimiter, OnApplicationShutdown {
  private readonly logger = new Logger(RedisRateLimiter.name);
  private readonly redis: SlidingWindowRedis;
  private readonly keyPrefix: string;
  private readonly commandTimeoutMs: number;
  private degraded = false;

  constructor(url: string, options: RedisRateLimiterOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? 'otc:rate:';
    this.commandTimeoutMs = options.commandTimeoutMs ?? 150;
    const redis = createFailFastRedis(url, options.connectionName ?? 'otc-rate-limiter', this.commandTimeoutMs);
    redis.defineCommand('slidingWindowHit', { numberOfKeys: 1, lua: SLIDING_WINDOW_HIT });
    // Without a listener ioredis reports every reconnect failure as an unhandled error event.
    redis.on('error', (error: Error) => this.noteError(error.message));
    redis.on('ready', () => {
      if (this.degraded) this.logger.log('Redis is back; rate limits are enforced again');
      this.degraded = false;
    });
    this.redis = redis as SlidingWindowRedis;
  }

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitOutcome> {
    try {
      await whenRedisReady(this.redis, this.commandTimeoutMs);
      const nonce = Math.random().toString(36).slice(2);
      const [allowed, count] = await this.redis.slidingWindowHit(this.keyPrefix + key, limit, windowSeconds * 1000, nonce);
      return allowed === 1 ? { kind: 'allowed', count } : { kind: 'exceeded', count };
    } catch (error) {
      const cause = error instanceof Error ? error.message : String(error);
      this.noteError(cause);
      return { kind: 'unavailable', cause };
    }
  }

  // After the HTTP server has drained (not onModuleDestroy): calls in flight still count against the limit.
  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.redis);
  }

  // Once per outage: a dead Redis under load would otherwise log on every request.
  private noteError(cause: string): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(`Redis rate-limit store unavailable (${cause}); letting requests through unchecked`);
  }
}
