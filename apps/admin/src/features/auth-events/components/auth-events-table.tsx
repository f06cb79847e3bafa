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
    <div className="table-wrap table-wrap--cards">
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
            <tr key={event.id} className="card-row">
              <td data-label="Time">{formatDateTime(event.published)}</td>
              <td data-label="Token" className="mono">{event.tokenShortId ?? '—'}</td>
              <td data-label="Event" className="mono">{event.eventType}</td>
              <td data-label="Factor">{event.factor ?? '—'}</td>
              <td data-label="Outcome" className="card-row__status">
                <Badge tone={outcomeTone(event.outcome)}>{event.outcome}</Badge>
                {event.reason && <span className="muted"> {event.reason}</span>}
              </td>
              <td data-label="Okta user" className="mono">{event.oktaUserId ?? '—'}</td>
              <td data-label="Request id" className="mono">{event.requestId ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
