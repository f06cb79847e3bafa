export const CLOCK = Symbol('CLOCK');

/** Injected wherever time matters, so tests can move through expiry and grace periods without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
