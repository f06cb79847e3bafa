import type { SandboxMessageDto } from '@otc/contracts';
import { DataTable, type Column } from '../../../components/data-table';
import { ErrorAlert } from '../../../components/error-alert';
import { formatDateTime } from '../../../lib/format';
import { useSandboxMessages } from '../api/get-sandbox-messages';

const columns: Array<Column<SandboxMessageDto>> = [
  { header: 'Sent', cell: (m) => formatDateTime(m.sentAt) },
  { header: 'Channel', cell: (m) => m.channel },
  { header: 'To', className: 'mono', cell: (m) => m.destination },
  { header: 'Brand', cell: (m) => m.brand },
  { header: 'Verify request', className: 'mono card-row__wide', cell: (m) => m.requestId },
];

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
      {items.length > 0 && <DataTable caption="Simulator outbox" columns={columns} rows={items.slice(0, 10)} rowKey={(m) => m.requestId} />}
    </section>
  );
}
