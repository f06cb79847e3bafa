export const CLOCK = Symbol('CLOCK');

/** Milliseconds since the epoch; injected so tests move time instead of sleeping. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
