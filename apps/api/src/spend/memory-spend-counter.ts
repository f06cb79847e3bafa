import type { Clock } from '../common/clock';
import type { ReserveResult, SpendCounter } from './spend-counter';

/** In-process counter (no REDIS_URL: one instance); the same semantics as the Redis one. */
export class MemorySpendCounter implements SpendCounter {
  private readonly entries = new Map<string, { micros: number; expiresAt: number }>();

  constructor(private readonly clock: Clock) {}

  async reserve(key: string, price: number, cap: number | null, idleMs: number, seed: number | null): Promise<ReserveResult> {
    const now = this.clock.now().getTime();
    let entry = this.entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(key);
      entry = undefined;
    }
    if (!entry) {
      if (seed === null) return { kind: 'miss' };
      entry = { micros: seed, expiresAt: 0 };
      this.entries.set(key, entry);
    }
    entry.expiresAt = now + idleMs;
    if (cap !== null && entry.micros >= cap) return { kind: 'capped', total: entry.micros };
    const before = entry.micros;
    entry.micros += price;
    return { kind: 'reserved', before, after: entry.micros };
  }

  async add(key: string, amount: number): Promise<void> {
    const entry = this.entries.get(key);
    if (entry) entry.micros += amount;
  }
}
