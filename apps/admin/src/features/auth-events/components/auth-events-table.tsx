import type { AuthEventDto } from '@otc/contracts';
import { Badge } from '../../../components/badge';
import { formatDateTime } from '../../../lib/format';

function outcomeTone(outcome: string) {
  const value = outcome.toUpperCase();
  if (value === 'SUCCESS' || value === 'ALLOW') return 'success';
  if (value === 'FAILURE' || value === 'DENY') return 'danger';
  return 'neutral';
}

export function AuthEventsTable({ items, caption }: { items: AuthEventDto[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Token</th>
            <th scope="col">Event</th>
            <th scope="col">Factor</th>
            <th scope="col">Outcome</th>
            <th scope="col">Okta user</th>
            <th scope="col">Request id</th>
          </tr>
        </thead>
        <tbody>
          {items.map((event) => (
            <tr key={event.id}>
              <td>{formatDateTime(event.published)}</td>
              <td className="mono">{event.tokenShortId ?? '—'}</td>
              <td className="mono">{event.eventType}</td>
              <td>{event.factor ?? '—'}</td>
              <td>
                <Badge tone={outcomeTone(event.outcome)}>{event.outcome}</Badge>
                {event.reason && <span className="muted"> {event.reason}</span>}
              </td>
              <td className="mono">{event.oktaUserId ?? '—'}</td>
              <td className="mono">{event.requestId ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
