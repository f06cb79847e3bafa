import type { AuthEventDto } from '@otc/contracts';
import { Badge, type BadgeTone } from '../../../components/badge';
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
                <Badge tone={outcomeTone(event.outcome)}>{outcomeWords(event)}</Badge>
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
