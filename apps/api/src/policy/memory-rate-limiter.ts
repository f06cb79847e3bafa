import { Clock, systemClock } from '../common/clock';
import type { RateLimiter, RateLimitOutcome } from './rate-limiter';

const DEFAULT_MAX_KEYS = 100_000;

/** Single-instance fallback when no Redis is configured. */
export class MemoryRateLimiter implements RateLimiter {
  // Map keeps insertion order, which makes "evict the oldest key" cheap.
  private readonly sends = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly maxKeys = DEFAULT_MAX_KEYS,
  ) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitOutcome> {
    const now = this.clock.now().getTime();
    const since = now - windowSeconds * 1000;
    const recent = (this.sends.get(key) ?? []).filter((at) => at > since);
    if (recent.length >= limit) {
      this.sends.set(key, recent);
      return { kind: 'exceeded', count: recent.length };
    }
    recent.push(now);
    this.sends.delete(key);
    this.sends.set(key, recent);
    this.enforceBound(since);
    return { kind: 'allowed', count: recent.length };
  }

  get size(): number {
    return this.sends.size;
  }

  private enforceBound(since: number): void {
    if (this.sends.size <= this.maxKeys) return;
    for (const [key, times] of this.sends) {
      if (times[times.length - 1] <= since) this.sends.delete(key);
    }
    // Still full of live keys (a flood of distinct numbers): forget the least recently sent ones,
    // with headroom so the sweep above does not run on every following hit.
    const target = Math.floor(this.maxKeys * 0.9);
    for (const key of this.sends.keys()) {
      if (this.sends.size <= target) break;
      this.sends.delete(key);
    }
  }
}
