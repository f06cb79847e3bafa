import type { TrustedEntryDto } from '@otc/contracts';
import { DataTable, type Column } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { formatDateTime } from '../../../lib/format';
import { useTrusted } from '../api/get-trusted';
import { useRemoveTrusted } from '../api/trust';
import { AddTrustedForm } from './add-trusted-form';
import type { TokenOption } from './fraud-page';

/** Numbers, blocks and Okta users the guard never refuses, until each entry expires. */
export function TrustedList({ tokens, tokenLabel }: { tokens: TokenOption[]; tokenLabel: (id: string) => string }) {
  const trusted = useTrusted();
  const remove = useRemoveTrusted();
  const columns: Array<Column<TrustedEntryDto>> = [
    { header: 'Trusted', className: 'mono card-row__wide', cell: (e) => e.label },
    { header: 'Token', cell: (e) => (e.tokenId ? tokenLabel(e.tokenId) : 'Every token') },
    { header: 'Why', className: 'card-row__wide', cell: (e) => e.comment },
    { header: 'Expires', cell: (e) => formatDateTime(e.expiresAt) },
    { header: 'Added by', cell: (e) => e.createdBy },
    {
      header: 'Actions',
      className: 'card-row__actions',
      cell: (e) => (
        <button
          type="button"
          className="button button--small button--danger"
          aria-label={`Remove ${e.label} from the trusted list`}
          onClick={() => remove.mutate(e.id)}
          disabled={remove.isPending}
        >
          Remove
        </button>
      ),
    },
  ];
  return (
    <section aria-labelledby="trusted-title">
      <h2 id="trusted-title">Trusted list</h2>
      <p className="muted">The guard never refuses these, whatever it counts: test devices, an office number range, a travelling executive.</p>
      <AddTrustedForm tokens={tokens} />
      <ErrorAlert error={trusted.error ?? remove.error} title="The trusted list could not be loaded or changed." />
      {trusted.isSuccess && trusted.data.length === 0 && <EmptyState title="Nothing is trusted." />}
      {trusted.isSuccess && trusted.data.length > 0 && <DataTable caption="Trusted list" columns={columns} rows={trusted.data} rowKey={(e) => e.id} />}
    </section>
  );
}
