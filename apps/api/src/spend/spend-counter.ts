/**
 * Month-to-date spend per token in whole millionths of the price table's currency, shared by every
 * instance when Redis is configured. A key that is missing (new month, new cap, idle, restart) is
 * started from the database by the caller, so the counter is a cache of what the records say.
 */
export type ReserveResult =
  /** The key is unknown: call again with `seed` (the month so far, from the database). */
  | { kind: 'miss' }
  /** Under the cap: the send's price was added. */
  | { kind: 'reserved'; before: number; after: number }
  /** At or over the cap: nothing added. */
  | { kind: 'capped'; total: number };

export interface SpendCounter {
  /**
   * Atomically: when the month so far is under `cap` (null: no cap), adds `price`. `seed` starts a
   * missing key (only if it is still missing). Every call keeps the key `idleMs` longer.
   */
  reserve(key: string, price: number, cap: number | null, idleMs: number, seed: number | null): Promise<ReserveResult>;
  /** Adds (or, negative, takes back) an amount on a key that exists; a missing key is left to its next seed. */
  add(key: string, amount: number): Promise<void>;
}

export const SPEND_COUNTER = Symbol('SPEND_COUNTER');

/** Amounts are counted in whole millionths, so that thousands of fractional prices add up exactly. */
export function toMicros(amount: number): number {
  return Math.round(amount * 1_000_000);
}

export function fromMicros(micros: number): number {
  return micros / 1_000_000;
}
