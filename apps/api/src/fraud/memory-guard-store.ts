import type { Conversion, CounterSpec, GuardStore, Observation, ObservationResult, WindowCount } from './guard-counters';

interface PendingSend {
  country: string;
  counters: CounterSpec[];
  expiresMs: number;
}

/** Members of one window and when each was last added, oldest first. */
type Window = Map<string, number>;

function trim(window: Window, fromMs: number): void {
  for (const [member, at] of window) {
    if (at > fromMs) return;
    window.delete(member);
  }
}

// Sweeping every window on every call would cost more than the call; this often is enough to
// keep memory bounded by the traffic of the last window.
const SWEEP_EVERY = 1000;

/**
 * The guard's counters in this process: the embedded default, one instance only. Same semantics
 * as the Redis store, which is what several instances must use.
 */
export class MemoryGuardStore implements GuardStore {
  private readonly sent = new Map<string, Window>();
  private readonly converted = new Map<string, Window>();
  private readonly proven = new Map<string, Set<string>>();
  private readonly unproven = new Map<string, Set<string>>();
  private readonly pending = new Map<string, PendingSend>();
  private calls = 0;

  async observe(o: Observation): Promise<ObservationResult> {
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(o.nowMs, o.windowMs);
    const provenCountries = this.proven.get(o.tokenId);
    const proven = provenCountries?.has(o.country) ?? false;
    if (o.unprovenGate && !proven) return { kind: 'gated' };
    const counters = o.counters;
    if (!proven) this.unprovenCountries(o.tokenId).add(o.country);
    const counts: Record<string, WindowCount> = {};
    for (const c of counters) {
      const sent = this.window(this.sent, this.keyOf(o.tokenId, c), o.nowMs - o.windowMs);
      // Delete first so that insertion order stays time order, and trimming stops at the first young member.
      sent.delete(c.member);
      sent.set(c.member, o.nowMs);
      const converted = this.window(this.converted, this.keyOf(o.tokenId, c), o.nowMs - o.windowMs);
      counts[c.name] = { unconverted: sent.size, converted: converted.size, oldestMs: sent.values().next().value ?? null };
    }
    this.pending.set(`${o.tokenId}:${o.attemptId}`, { country: o.country, counters, expiresMs: o.nowMs + o.windowMs });
    counts.unproven = this.unprovenTotal(o.tokenId, o.nowMs - o.windowMs);
    return { kind: 'counted', proven, counts };
  }

  // Countries with unconverted sends while unproven; a country leaves once proven (or empty).
  private unprovenTotal(tokenId: string, fromMs: number): WindowCount {
    const countries = this.unprovenCountries(tokenId);
    let unconverted = 0;
    for (const country of countries) {
      const window = this.sent.get(`${tokenId}:newCountry:${country}`);
      if (window) trim(window, fromMs);
      if (!window || window.size === 0 || this.proven.get(tokenId)?.has(country)) countries.delete(country);
      else unconverted += window.size;
    }
    return { unconverted, converted: 0, oldestMs: null };
  }

  private unprovenCountries(tokenId: string): Set<string> {
    if (!this.unproven.has(tokenId)) this.unproven.set(tokenId, new Set());
    return this.unproven.get(tokenId)!;
  }

  async convert(tokenId: string, attemptId: string, nowMs: number): Promise<Conversion | null> {
    const send = this.pending.get(`${tokenId}:${attemptId}`);
    if (!send) return null;
    this.pending.delete(`${tokenId}:${attemptId}`);
    for (const c of send.counters) {
      const key = this.keyOf(tokenId, c);
      this.sent.get(key)?.delete(c.member);
      if (!this.converted.has(key)) this.converted.set(key, new Map());
      this.converted.get(key)!.delete(c.member);
      this.converted.get(key)!.set(c.member, nowMs);
    }
    if (!this.proven.has(tokenId)) this.proven.set(tokenId, new Set());
    const newlyProven = !this.proven.get(tokenId)!.has(send.country);
    this.proven.get(tokenId)!.add(send.country);
    return { windows: send.counters.map(({ name, key }) => ({ name, key })), newlyProven };
  }

  async reset(tokenId: string, windows: Array<Pick<CounterSpec, 'name' | 'key'>>): Promise<void> {
    for (const w of windows) {
      if (w.name === 'unproven') for (const country of this.unprovenCountries(tokenId)) this.sent.delete(`${tokenId}:newCountry:${country}`);
      else this.sent.delete(this.keyOf(tokenId, w));
    }
  }

  async provenCountries(tokenId: string): Promise<string[]> {
    return [...(this.proven.get(tokenId) ?? [])];
  }

  private keyOf(tokenId: string, c: Pick<CounterSpec, 'name' | 'key'>): string {
    return `${tokenId}:${c.name}:${c.key}`;
  }

  private window(windows: Map<string, Window>, key: string, fromMs: number): Window {
    let window = windows.get(key);
    if (!window) {
      window = new Map();
      windows.set(key, window);
    }
    trim(window, fromMs);
    return window;
  }

  private sweep(nowMs: number, windowMs: number): void {
    for (const windows of [this.sent, this.converted]) {
      for (const [key, window] of windows) {
        trim(window, nowMs - windowMs);
        if (window.size === 0) windows.delete(key);
      }
    }
    for (const [key, send] of this.pending) if (send.expiresMs <= nowMs) this.pending.delete(key);
  }
}
