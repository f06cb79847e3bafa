import { PROVEN_COUNTRY_DAYS } from '@otc/contracts';
import type { FraudScopeKind } from '@otc/contracts';
import type { SendScopes } from './guard-scopes';

/** A country stays proven this long after its last conversion. */
export const PROVEN_MS = PROVEN_COUNTRY_DAYS * 24 * 3600_000;

/**
 * How long a seed from the records holds: a store without one (a restart of the in-process store,
 * a Redis flush, or a day passed) is seeded again, which also brings in conversions that reached
 * the records but not the counters (reported after their send had left its windows).
 */
export const SEED_FRESH_MS = 24 * 3600_000;

/**
 * The counters one send touches. Each is a sliding window of members; a conversion removes the
 * send's members. newPrefix and newCountry count only sends to new numbers (not an enrolled
 * factor); 'unproven' is derived: their country windows summed over every country not yet proven.
 */
export const COUNTER_NAMES = [
  'hundredBlock',
  'thousandBlock',
  'prefix',
  'country',
  'newPrefix',
  'newCountry',
  'unproven',
  'ipSends',
  'ipCountries',
  'user',
  'voiceNumber',
  'voiceBlock',
] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];

export interface CounterSpec {
  name: CounterName;
  /** The scope key the window belongs to (a block, a country, a hashed IP ...). */
  key: string;
  /** Distinct numbers count numbers; plain sends count attempts. */
  member: string;
}

/** What the store is asked to do for one send. */
export interface Observation {
  tokenId: string;
  attemptId: string;
  /** Country (or +code) that becomes proven when this send converts. */
  country: string;
  counters: CounterSpec[];
  windowMs: number;
  /** A refusal of all unproven countries is active: refuse a send to one without counting it. */
  unprovenGate: boolean;
  nowMs: number;
}

export interface WindowCount {
  /** Members sent in the window and not converted (this send included). */
  unconverted: number;
  /** Members converted in the window. */
  converted: number;
  /** When the oldest unconverted member was sent, for evidence. */
  oldestMs: number | null;
}

/** `seeded`: the token's proven countries were seeded from the records within SEED_FRESH_MS. */
export type ObservationResult =
  | { kind: 'counted'; proven: boolean; seeded: boolean; counts: Partial<Record<CounterName, WindowCount>> }
  /** The gate applied: nothing was counted. */
  | { kind: 'gated'; seeded: boolean };

/** The counters of one send, from its scopes. */
export function countersOf(scopes: SendScopes, attemptId: string): CounterSpec[] {
  const number = scopes.number.key;
  const counters: CounterSpec[] = [
    { name: 'hundredBlock', key: scopes.hundredBlock.key, member: number },
    { name: 'thousandBlock', key: scopes.thousandBlock.key, member: number },
    { name: 'prefix', key: scopes.prefix.key, member: number },
    { name: 'country', key: scopes.country.key, member: number },
  ];
  if (scopes.newNumber) {
    counters.push({ name: 'newPrefix', key: scopes.prefix.key, member: number }, { name: 'newCountry', key: scopes.country.key, member: number });
  }
  if (scopes.ip) {
    counters.push({ name: 'ipSends', key: scopes.ip.key, member: attemptId }, { name: 'ipCountries', key: scopes.ip.key, member: scopes.country.key });
  }
  if (scopes.user) counters.push({ name: 'user', key: scopes.user.key, member: number });
  if (scopes.channel === 'VOICE') {
    counters.push({ name: 'voiceNumber', key: number, member: attemptId }, { name: 'voiceBlock', key: scopes.thousandBlock.key, member: attemptId });
  }
  return counters;
}

/**
 * Shared by every instance when Redis is configured; one round trip per hook call.
 * Implementations never throw for a send: a failing store rejects, and the guard fails open.
 */
export interface Conversion {
  windows: Array<Pick<CounterSpec, 'name' | 'key'>>;
  /** The first conversion in its country for the token. */
  newlyProven: boolean;
}

/** A token's last conversion in a country, as the records hold it. */
export interface RecordedConversion {
  country: string;
  atMs: number;
}

export interface ProvenCountries {
  /** Converted in within PROVEN_MS. */
  countries: string[];
  /** Seeded from the records within SEED_FRESH_MS; when not, the records may prove more. */
  seeded: boolean;
}

export interface GuardStore {
  observe(observation: Observation): Promise<ObservationResult>;
  /**
   * Okta reported the sign-in of this attempt: its members leave the unconverted windows and its
   * country's last conversion is now. Answers the windows it touched and whether this proved the
   * country (no conversion there within PROVEN_MS before; null for an attempt it does not know).
   */
  convert(tokenId: string, attemptId: string, nowMs: number): Promise<Conversion | null>;
  /** Empties windows (a person lifted their refusal as a false alarm). */
  reset(tokenId: string, windows: Array<Pick<CounterSpec, 'name' | 'key'>>): Promise<void>;
  /** The countries (or +codes) this token converted in within PROVEN_MS before nowMs. */
  provenCountries(tokenId: string, nowMs: number): Promise<ProvenCountries>;
  /**
   * Merges the records' last conversions (a later one already held wins) and marks the token
   * seeded for SEED_FRESH_MS.
   */
  seedProven(tokenId: string, conversions: RecordedConversion[], nowMs: number): Promise<void>;
}

/** The windows behind a refusal of a scope: what a lift empties. */
export function windowsOfScope(kind: FraudScopeKind, key: string): Array<Pick<CounterSpec, 'name' | 'key'>> {
  if (kind === 'BLOCK') return windowsOfBlock(key);
  const names: Record<Exclude<FraudScopeKind, 'BLOCK'>, CounterName[]> = {
    NUMBER: ['voiceNumber'],
    PREFIX: ['prefix', 'newPrefix'],
    COUNTRY: ['country', 'newCountry'],
    UNPROVEN_COUNTRIES: ['unproven'],
    IP: ['ipSends', 'ipCountries'],
    USER: ['user'],
  };
  return names[kind].map((name) => ({ name, key }));
}

/**
 * A block's numbers also fill the windows of the block around it or inside it (a 100-block lies in a
 * 1,000-block, keys `…xx` and `…xxx`), so a lift empties those too: otherwise the numbers just judged a
 * false alarm would open a refusal of the wider block with the next send or two. The windows hold
 * hashed numbers, so lifting a 100-block empties its whole 1,000-block, the other 100-blocks' numbers
 * included; each of those keeps its own 100-block window.
 */
function windowsOfBlock(key: string): Array<Pick<CounterSpec, 'name' | 'key'>> {
  const kept = key.replace(/x+$/, '');
  if (key.endsWith('xxx')) {
    const hundreds = [...'0123456789'].map((digit) => ({ name: 'hundredBlock' as const, key: `${kept}${digit}xx` }));
    return [{ name: 'thousandBlock', key }, { name: 'voiceBlock', key }, ...hundreds];
  }
  const thousand = `${kept.slice(0, -1)}xxx`;
  return [
    { name: 'hundredBlock', key },
    { name: 'thousandBlock', key: thousand },
    { name: 'voiceBlock', key: thousand },
  ];
}

export const GUARD_STORE = Symbol('GUARD_STORE');
