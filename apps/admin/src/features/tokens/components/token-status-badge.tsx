import type { TokenStatus } from '@otc/contracts';
import { Badge, type BadgeTone } from '../../../components/badge';

const DISPLAY: Record<TokenStatus, { label: string; tone: BadgeTone }> = {
  ACTIVE: { label: 'Active', tone: 'success' },
  GRACE_PERIOD: { label: 'Grace Period', tone: 'warning' },
  EXPIRED: { label: 'Expired', tone: 'neutral' },
  REVOKED: { label: 'Revoked', tone: 'danger' },
};

export function TokenStatusBadge({ status }: { status: TokenStatus }) {
  const display = DISPLAY[status] ?? { label: status, tone: 'neutral' as const };
  return <Badge tone={display.tone}>{display.label}</Badge>;
}
