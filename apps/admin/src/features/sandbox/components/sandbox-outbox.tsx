import { ErrorAlert } from '../../../components/error-alert';
import { formatDateTime } from '../../../lib/format';
import { useSandboxMessages } from '../api/get-sandbox-messages';

/** What the built-in simulator "sent": lets an admin see a test end to end without a phone. */
export function SandboxOutbox() {
  const messages = useSandboxMessages();
  const items = messages.data?.items ?? [];
  return (
    <section aria-labelledby="outbox-title" className="card">
      <h2 id="outbox-title">Simulator outbox</h2>
      <p className="muted">Sandbox only: messages the Vonage simulator would have sent. Nothing reaches a real phone.</p>
      <ErrorAlert error={messages.error} title="The simulator outbox could not be loaded." />
      {messages.isSuccess && items.length === 0 && <p className="muted">Empty. Use Okta's Preview on the inline hook to send a test.</p>}
      {items.length > 0 && (
        <div className="table-wrap table-wrap--cards">
          <table>
            <caption className="visually-hidden">Simulator outbox</caption>
            <thead>
              <tr>
                <th scope="col">Sent</th>
                <th scope="col">Channel</th>
                <th scope="col">To</th>
                <th scope="col">Brand</th>
                <th scope="col">Verify request</th>
              </tr>
            </thead>
            <tbody>
              {items.slice(0, 10).map((m) => (
                <tr key={m.requestId} className="card-row">
                  <td data-label="Sent">{formatDateTime(m.sentAt)}</td>
                  <td data-label="Channel">{m.channel}</td>
                  <td data-label="To" className="mono">{m.destination}</td>
                  <td data-label="Brand">{m.brand}</td>
                  <td data-label="Verify request" className="mono card-row__wide">{m.requestId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
