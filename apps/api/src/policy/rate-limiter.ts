export const RATE_LIMITER = Symbol('RATE_LIMITER');

export type RateLimitOutcome =
  | { kind: 'disabled' }
  | { kind: 'allowed'; count: number }
  | { kind: 'exceeded'; count: number }
  | { kind: 'unavailable'; cause: string };

/** Sliding-window counter of OTP sends per key (an HMAC of the phone number, never the number). */
export interface RateLimiter {
  /**
   * Counts one send for `key` unless `limit` sends already happened in the last `windowSeconds`.
   * Refused attempts are not counted, so retrying while blocked never extends the block.
   * `count` is the number of counted sends in the window (including this one when allowed).
   * Never throws: a store failure resolves to `{ kind: 'unavailable' }`.
   */
  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitOutcome>;
}
