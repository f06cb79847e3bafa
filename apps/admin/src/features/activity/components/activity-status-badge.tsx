import type { ActivityStatus } from '@otc/contracts';
import { Badge, type BadgeTone } from '../../../components/badge';

const TONES: Record<ActivityStatus, BadgeTone> = {
  SUCCESS: 'success',
  FAILED: 'danger',
  FLAGGED: 'warning',
  BLOCKED: 'blocked',
  PENDING: 'info',
};

export function ActivityStatusBadge({ status }: { status: ActivityStatus }) {
  return <Badge tone={TONES[status] ?? 'neutral'}>{status}</Badge>;
}
