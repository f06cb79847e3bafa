import type { FraudGuardThresholds, FraudReasonCode, PlaceFloorsDto } from '@otc/contracts';
import type { CounterName, WindowCount } from './guard-counters';
import { Scope, SendScopes, UNPROVEN_COUNTRIES_SCOPE } from './guard-scopes';

/** A signal over its limit: what to refuse, why, and what a person reads about it. */
export interface Finding {
  scope: Scope;
  reasonCode: FraudReasonCode;
  evidence: string;
}

export interface JudgeInput {
  scopes: SendScopes;
  counts: Partial<Record<CounterName, WindowCount>>;
  /** The destination country has converted for this token before. */
  proven: boolean;
  thresholds: FraudGuardThresholds;
  nowMs: number;
}

interface Rule {
  counter: CounterName;
  /** The scope refused when the rule fires; null skips the rule for this send. */
  scope: (s: SendScopes) => Scope | null;
  limit: (t: FraudGuardThresholds, proven: boolean) => number;
  reasonCode: FraudReasonCode;
  /** "distinct numbers", "voice calls" ... */
  noun: string;
  /** Whether the rule judges a send, from whether its country is proven and whether it goes to a new number. */
  applies?: (proven: boolean, newNumber: boolean) => boolean;
}

// Narrowest scope first: the first rule over its limit names what is refused, so an attack on one
// block refuses that block and leaves the rest of its prefix and country alone.
const RULES: Rule[] = [
  { counter: 'voiceNumber', scope: (s) => s.number, limit: (t) => t.voiceCallsPerNumber, reasonCode: 'FRAUD_VOICE_REPEATED', noun: 'voice calls' },
  { counter: 'hundredBlock', scope: (s) => s.hundredBlock, limit: (t) => t.numbersPerHundredBlock, reasonCode: 'FRAUD_BLOCK_VELOCITY', noun: 'distinct numbers' },
  { counter: 'voiceBlock', scope: (s) => s.thousandBlock, limit: (t) => t.voiceCallsPerBlock, reasonCode: 'FRAUD_VOICE_REPEATED', noun: 'voice calls' },
  { counter: 'thousandBlock', scope: (s) => s.thousandBlock, limit: (t) => t.numbersPerThousandBlock, reasonCode: 'FRAUD_BLOCK_VELOCITY', noun: 'distinct numbers' },
  { counter: 'user', scope: (s) => s.user, limit: (t) => t.numbersPerUser, reasonCode: 'FRAUD_USER_VELOCITY', noun: 'distinct numbers' },
  { counter: 'ipSends', scope: (s) => s.ip, limit: (t) => t.sendsPerIp, reasonCode: 'FRAUD_IP_VELOCITY', noun: 'sends' },
  { counter: 'ipCountries', scope: (s) => s.ip, limit: (t) => t.countriesPerIp, reasonCode: 'FRAUD_IP_VELOCITY', noun: 'destination countries' },
  {
    counter: 'newPrefix',
    scope: (s) => s.prefix,
    limit: (t) => t.unconvertedPerUnprovenPrefix,
    reasonCode: 'FRAUD_UNPROVEN_DESTINATION',
    noun: 'new numbers',
    applies: (proven) => !proven,
  },
  { counter: 'prefix', scope: (s) => s.prefix, limit: (t) => t.unconvertedPerPrefix, reasonCode: 'FRAUD_PREFIX_UNCONVERTED', noun: 'distinct numbers' },
  {
    counter: 'newCountry',
    scope: (s) => s.country,
    limit: (t) => t.unconvertedPerUnprovenCountry,
    reasonCode: 'FRAUD_UNPROVEN_DESTINATION',
    noun: 'new numbers',
    applies: (proven) => !proven,
  },
  { counter: 'country', scope: (s) => s.country, limit: (t) => t.unconvertedPerCountry, reasonCode: 'FRAUD_COUNTRY_UNCONVERTED', noun: 'distinct numbers' },
  {
    counter: 'unproven',
    scope: () => UNPROVEN_COUNTRIES_SCOPE,
    limit: (t) => t.unconvertedToUnprovenCountries,
    reasonCode: 'FRAUD_UNPROVEN_DESTINATION',
    noun: 'new numbers',
    applies: (proven, newNumber) => !proven && newNumber,
  },
];

/**
 * Refusals of destinations the token never converted in cover new numbers only (an enrolled factor
 * is a number a person proved to hold), and stand only until a real user there signs in.
 */
export const LIFTED_BY_CONVERSION: FraudReasonCode = 'FRAUD_UNPROVEN_DESTINATION';

function minutesSince(oldestMs: number | null, nowMs: number): number {
  return oldestMs === null ? 1 : Math.max(1, Math.ceil((nowMs - oldestMs) / 60_000));
}

function describe(rule: Rule, scope: Scope, count: WindowCount, limit: number, input: JudgeInput): string {
  const converted = count.converted === 0 ? 'none converted' : `${count.converted} converted`;
  const where = rule.counter === 'unproven' ? 'to countries this token never converted in' : `${rule.counter.startsWith('ip') || rule.counter === 'user' ? 'from' : 'in'} ${scope.label}`;
  const news = rule.counter === 'newCountry' || rule.counter === 'newPrefix' ? ', a country this token never converted in' : '';
  return `${count.unconverted} unconverted ${rule.noun} ${where} in ${minutesSince(count.oldestMs, input.nowMs)} min, ${converted}${news} (limit ${limit})`;
}

/**
 * The first signal over its limit, or null. A limit is the rule's floor plus
 * `conversionWidening` for each converted send in the same window and scope.
 */
export function judge(input: JudgeInput): Finding | null {
  const { thresholds: t, proven } = input;
  for (const rule of RULES) {
    const count = input.counts[rule.counter];
    const scope = rule.scope(input.scopes);
    if (!count || !scope || (rule.applies && !rule.applies(proven, input.scopes.newNumber))) continue;
    const limit = Math.floor(rule.limit(t, proven) + t.conversionWidening * count.converted);
    if (count.unconverted > limit) return { scope, reasonCode: rule.reasonCode, evidence: describe(rule, scope, count, limit, input) };
  }
  return null;
}

/**
 * The floors a new number's send to a country meets (before conversion widening), read from the
 * rules themselves: what the fraud page shows as a place's baseline.
 */
export function placeFloors(t: FraudGuardThresholds, proven: boolean): PlaceFloorsDto {
  const floor = (counter: CounterName): number | null => {
    const rule = RULES.find((r) => r.counter === counter)!;
    return !rule.applies || rule.applies(proven, true) ? rule.limit(t, proven) : null;
  };
  return {
    windowMinutes: t.windowMinutes,
    perCountry: floor('country')!,
    perPrefix: floor('prefix')!,
    newNumbersPerCountry: floor('newCountry'),
    newNumbersPerPrefix: floor('newPrefix'),
    newNumbersAllUnproven: floor('unproven'),
    conversionWidening: t.conversionWidening,
  };
}
