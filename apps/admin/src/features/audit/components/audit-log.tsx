import { usePageTitle } from '../../../lib/use-page-title';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { formatDateTime } from '../../../lib/format';
import { useAudit } from '../api/get-audit';

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
      {items.length > 0 && (
        <div className="table-wrap table-wrap--cards">
          <table>
            <caption className="visually-hidden">Audit log</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Client address</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <tr key={entry.id} className="card-row">
                  <td data-label="When">{formatDateTime(entry.at)}</td>
                  <td data-label="Who">{entry.actor}</td>
                  <td data-label="What" className="card-row__wide">
                    <span className="mono">{entry.action}</span>
                    {entry.detail && <span className="muted"> {entry.detail}</span>}
                  </td>
                  <td data-label="Target" className="mono card-row__wide">{entry.targetId ?? '—'}</td>
                  <td data-label="Address" className="mono">{entry.clientAddress ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {audit.hasNextPage && (
        <button type="button" className="button" onClick={() => audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
          {audit.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
