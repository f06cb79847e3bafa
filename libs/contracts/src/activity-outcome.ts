import type { ActivityStatus, Channel, DeliveryState } from './activity';
import type { DashboardCounters } from './admin';

/**
 * The one status an admin sees for an attempt, everywhere: badge, counters, chart, CSV and filters.
 * Derived from what is recorded (status, reason code, Vonage's delivery state), never stored.
 */
export const ACTIVITY_OUTCOMES = [
  'DELIVERED',
  'DELIVERED_FLAGGED',
  'REFUSED_POLICY',
  'REFUSED_FRAUD_GUARD',
  'BLOCKED_BY_VONAGE',
  'DELIVERY_FAILED',
  'PENDING',
] as const;
export type ActivityOutcome = (typeof ACTIVITY_OUTCOMES)[number];

/** Reason codes of the fraud guard's refusals share this prefix. */
export const FRAUD_GUARD_REASON_PREFIX = 'FRAUD_';

/** The fields an outcome is computed from. */
export interface OutcomeSource {
  status: ActivityStatus;
  reasonCode: string;
  deliveryState: DeliveryState | null;
}

/** One condition; every listed part must hold. */
export interface OutcomeRule {
  outcome: ActivityOutcome;
  status?: readonly ActivityStatus[];
  deliveryState?: readonly DeliveryState[];
  reasonPrefix?: string;
}

/**
 * First matching rule wins; an attempt no rule matches was delivered. The API turns the same table
 * into SQL, so what the database counts and what a badge says cannot drift apart.
 */
export const OUTCOME_RULES: readonly OutcomeRule[] = [
  { outcome: 'PENDING', status: ['PENDING'] },
  { outcome: 'REFUSED_FRAUD_GUARD', status: ['BLOCKED'], reasonPrefix: FRAUD_GUARD_REASON_PREFIX },
  { outcome: 'REFUSED_POLICY', status: ['BLOCKED'] },
  { outcome: 'BLOCKED_BY_VONAGE', deliveryState: ['BLOCKED_BY_VONAGE'] },
  { outcome: 'DELIVERY_FAILED', status: ['FAILED'] },
  { outcome: 'DELIVERY_FAILED', deliveryState: ['FAILED'] },
  { outcome: 'DELIVERED_FLAGGED', status: ['FLAGGED'] },
];
export const DEFAULT_OUTCOME: ActivityOutcome = 'DELIVERED';

function matches(rule: OutcomeRule, source: OutcomeSource): boolean {
  return (
    (!rule.status || rule.status.includes(source.status)) &&
    (!rule.deliveryState || (source.deliveryState !== null && rule.deliveryState.includes(source.deliveryState))) &&
    (!rule.reasonPrefix || source.reasonCode.startsWith(rule.reasonPrefix))
  );
}

export function activityOutcome(source: OutcomeSource): ActivityOutcome {
  return OUTCOME_RULES.find((rule) => matches(rule, source))?.outcome ?? DEFAULT_OUTCOME;
}

export const OUTCOME_LABELS: Record<ActivityOutcome, string> = {
  DELIVERED: 'Delivered',
  DELIVERED_FLAGGED: 'Delivered, flagged',
  REFUSED_POLICY: 'Refused by policy',
  REFUSED_FRAUD_GUARD: 'Refused by fraud guard',
  BLOCKED_BY_VONAGE: 'Blocked by Vonage',
  DELIVERY_FAILED: 'Delivery failed',
  PENDING: 'Pending',
};

/** The headline counters' groups: every outcome belongs to exactly one, so the groups add up to the total. */
export const COUNTER_GROUPS = {
  success: ['DELIVERED', 'DELIVERED_FLAGGED'],
  blocked: ['REFUSED_POLICY', 'REFUSED_FRAUD_GUARD', 'BLOCKED_BY_VONAGE'],
  failed: ['DELIVERY_FAILED'],
  pending: ['PENDING'],
} as const satisfies Record<string, readonly ActivityOutcome[]>;
export type CounterGroup = keyof typeof COUNTER_GROUPS;
export const COUNTER_GROUP_NAMES = Object.keys(COUNTER_GROUPS) as CounterGroup[];

export type OutcomeCounts = Record<ActivityOutcome, number>;

export function emptyOutcomeCounts(): OutcomeCounts {
  return Object.fromEntries(ACTIVITY_OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
}

export interface ChannelCounters {
  total: number;
  success: number;
  /** Part of success: delivered, with flags an admin may want to look at. */
  flagged: number;
  blocked: number;
  failed: number;
  pending: number;
}

/** One channel's counters from its per-outcome counts; success + blocked + failed + pending = total. */
export function channelCounters(counts: OutcomeCounts): ChannelCounters {
  const sum = (outcomes: readonly ActivityOutcome[]) => outcomes.reduce((n, o) => n + counts[o], 0);
  return {
    total: sum(ACTIVITY_OUTCOMES),
    success: sum(COUNTER_GROUPS.success),
    flagged: counts.DELIVERED_FLAGGED,
    blocked: sum(COUNTER_GROUPS.blocked),
    failed: sum(COUNTER_GROUPS.failed),
    pending: sum(COUNTER_GROUPS.pending),
  };
}

/** The six headline counters from the per-outcome counts of each channel. */
export function headlineCounters(outcomes: Record<Channel, OutcomeCounts>): DashboardCounters {
  const sms = channelCounters(outcomes.SMS);
  const voice = channelCounters(outcomes.VOICE);
  return {
    totalSms: sms.total,
    smsSuccess: sms.success,
    smsBlocked: sms.blocked,
    totalVoice: voice.total,
    voiceSuccess: voice.success,
    voiceBlocked: voice.blocked,
  };
}
