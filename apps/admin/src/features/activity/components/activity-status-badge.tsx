import { OUTCOME_LABELS, activityOutcome } from '@otc/contracts';
import type { ActivityOutcome, OutcomeSource } from '@otc/contracts';
import { Badge, BadgeTone } from '../../../components/badge';

export const OUTCOME_TONES: Record<ActivityOutcome, BadgeTone> = {
  DELIVERED: 'success',
  DELIVERED_FLAGGED: 'warning',
  REFUSED_POLICY: 'blocked',
  REFUSED_FRAUD_GUARD: 'blocked',
  BLOCKED_BY_VONAGE: 'danger',
  DELIVERY_FAILED: 'danger',
  PENDING: 'info',
};

/** The attempt's one status, from the same function the counters, chart and CSV use. */
export function ActivityStatusBadge({ activity }: { activity: OutcomeSource }) {
  const outcome = activityOutcome(activity);
  return <Badge tone={OUTCOME_TONES[outcome]}>{OUTCOME_LABELS[outcome]}</Badge>;
}
