import type { AuthEventDto } from '@otc/contracts';
import { Badge, type BadgeTone } from '../../../components/badge';
import { DataTable, type Column } from '../../../components/data-table';
import { formatDateTime } from '../../../lib/format';

const CONVERSION_WORDS: Record<string, string> = { SUCCESS: 'Code use confirmed', FAILURE: 'Not confirmed', UNMATCHED: 'No matching send' };

function outcomeTone(outcome: string): BadgeTone {
  const value = outcome.toUpperCase();
  if (value === 'SUCCESS' || value === 'ALLOW') return 'success';
  if (value === 'FAILURE' || value === 'DENY') return 'danger';
  return 'neutral';
}

/** Okta's sign-in outcome in words; for the connector's conversion checks, what the check found. */
function outcomeWords(event: AuthEventDto): string {
  const value = event.outcome.toUpperCase();
  if (event.factor === 'CONVERSION') return CONVERSION_WORDS[value] ?? event.outcome;
  return value === 'SUCCESS' ? 'Signed in' : value === 'FAILURE' ? 'Sign-in failed' : event.outcome.toLowerCase();
}

const columns: Array<Column<AuthEventDto>> = [
  { header: 'Time', cell: (e) => formatDateTime(e.published) },
  { header: 'Token', className: 'mono', cell: (e) => e.tokenShortId ?? '—' },
  { header: 'Event', className: 'mono', cell: (e) => e.eventType },
  { header: 'Factor', cell: (e) => e.factor ?? '—' },
  {
    header: 'Outcome',
    className: 'card-row__status',
    cell: (e) => (
      <>
        <Badge tone={outcomeTone(e.outcome)}>{outcomeWords(e)}</Badge>
        {e.reason && <span className="muted"> {e.reason}</span>}
      </>
    ),
  },
  { header: 'Okta user', className: 'mono', cell: (e) => e.oktaUserId ?? '—' },
  { header: 'Request id', className: 'mono', cell: (e) => e.requestId ?? '—' },
];

export function AuthEventsTable({ items, caption }: { items: AuthEventDto[]; caption: string }) {
  return <DataTable caption={caption} columns={columns} rows={items} rowKey={(e) => e.id} />;
}
