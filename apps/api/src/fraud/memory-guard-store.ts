import { PROVEN_MS, SEED_FRESH_MS } from './guard-counters';
import type { Conversion, CounterSpec, GuardStore, Observation, ObservationResult, ProvenCountries, RecordedConversion, WindowCount } from './guard-counters';

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
  /** Per token, each country's last conversion. */
  private readonly proven = new Map<string, Map<string, number>>();
  /** Per token, until when its seed from the records holds. */
  private readonly seededUntil = new Map<string, number>();
  private readonly unproven = new Map<string, Set<string>>();
  private readonly pending = new Map<string, PendingSend>();
  private calls = 0;

  async observe(o: Observation): Promise<ObservationResult> {
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(o.nowMs, o.windowMs);
    const proven = this.isProven(o.tokenId, o.country, o.nowMs);
    const seeded = this.isSeeded(o.tokenId, o.nowMs);
    if (o.unprovenGate && !proven) return { kind: 'gated', seeded };
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
    counts.unproven = this.unprovenTotal(o.tokenId, o.nowMs - o.windowMs, o.nowMs);
    return { kind: 'counted', proven, seeded, counts };
  }

  private isProven(tokenId: string, country: string, nowMs: number): boolean {
    const at = this.proven.get(tokenId)?.get(country);
    return at !== undefined && at > nowMs - PROVEN_MS;
  }

  private isSeeded(tokenId: string, nowMs: number): boolean {
    return (this.seededUntil.get(tokenId) ?? 0) > nowMs;
  }

  /** A later conversion already held wins. */
  private noteConversion(tokenId: string, country: string, atMs: number): void {
    let countries = this.proven.get(tokenId);
    if (!countries) {
      countries = new Map();
      this.proven.set(tokenId, countries);
    }
    countries.set(country, Math.max(atMs, countries.get(country) ?? atMs));
  }

  // Countries with unconverted sends while unproven; a country leaves once proven (or empty).
  private unprovenTotal(tokenId: string, fromMs: number, nowMs: number): WindowCount {
    const countries = this.unprovenCountries(tokenId);
    let unconverted = 0;
    for (const country of countries) {
      const window = this.sent.get(`${tokenId}:newCountry:${country}`);
      if (window) trim(window, fromMs);
      if (!window || window.size === 0 || this.isProven(tokenId, country, nowMs)) countries.delete(country);
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
    const newlyProven = !this.isProven(tokenId, send.country, nowMs);
    this.noteConversion(tokenId, send.country, nowMs);
    return { windows: send.counters.map(({ name, key }) => ({ name, key })), newlyProven };
  }

  async reset(tokenId: string, windows: Array<Pick<CounterSpec, 'name' | 'key'>>): Promise<void> {
    for (const w of windows) {
      if (w.name === 'unproven') for (const country of this.unprovenCountries(tokenId)) this.sent.delete(`${tokenId}:newCountry:${country}`);
      else this.sent.delete(this.keyOf(tokenId, w));
    }
  }

  async provenCountries(tokenId: string, nowMs: number): Promise<ProvenCountries> {
    const countries = [...(this.proven.get(tokenId)?.keys() ?? [])].filter((country) => this.isProven(tokenId, country, nowMs));
    return { countries, seeded: this.isSeeded(tokenId, nowMs) };
  }

  async seedProven(tokenId: string, conversions: RecordedConversion[], nowMs: number): Promise<void> {
    for (const { country, atMs } of conversions) if (atMs > nowMs - PROVEN_MS) this.noteConversion(tokenId, country, atMs);
    this.seededUntil.set(tokenId, nowMs + SEED_FRESH_MS);
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
    for (const [tokenId, countries] of this.proven) {
      for (const [country, at] of countries) if (at <= nowMs - PROVEN_MS) countries.delete(country);
      if (countries.size === 0) this.proven.delete(tokenId);
    }
    for (const [tokenId, until] of this.seededUntil) if (until <= nowMs) this.seededUntil.delete(tokenId);
  }
}
