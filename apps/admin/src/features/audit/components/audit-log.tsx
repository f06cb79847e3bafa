import type { AuditEntryDto } from '@otc/contracts';
import { usePageTitle } from '../../../lib/use-page-title';
import { DataTable, type Column } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { formatDateTime } from '../../../lib/format';
import { useAudit } from '../api/get-audit';

const columns: Array<Column<AuditEntryDto>> = [
  { header: 'Time', cell: (e) => formatDateTime(e.at) },
  { header: 'Actor', cell: (e) => e.actor },
  {
    header: 'Action',
    className: 'card-row__wide',
    cell: (e) => (
      <>
        <span className="mono">{e.action}</span>
        {e.detail && <span className="muted"> {e.detail}</span>}
      </>
    ),
  },
  { header: 'Target', className: 'mono card-row__wide', cell: (e) => e.targetId ?? '—' },
  { header: 'Client address', className: 'mono', cell: (e) => e.clientAddress ?? '—' },
];

export function AuditLog() {
  usePageTitle('Audit log');
  const audit = useAudit();
  const items = audit.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <p className="muted">Every sign-in, token change and fraud guard override made by an admin, newest first.</p>
      <ErrorAlert error={audit.error} title="The audit log could not be loaded." />
      {audit.isPending && <p role="status">Loading audit log…</p>}
      {audit.isSuccess && items.length === 0 && <EmptyState title="No admin actions recorded yet." />}
      {items.length > 0 && <DataTable caption="Audit log" columns={columns} rows={items} rowKey={(e) => e.id} />}
      {audit.hasNextPage && (
        <button type="button" className="button" onClick={() => audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
          {audit.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
