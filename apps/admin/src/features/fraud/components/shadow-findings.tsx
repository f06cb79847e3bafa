import { RECENT_FRAUD_DAYS } from '@otc/contracts';
import type { ShadowFindingDto } from '@otc/contracts';
import { DataTable, type Column } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { formatDateTime } from '../../../lib/format';
import { useShadowFindings } from '../api/get-shadow-findings';

function findingColumns(tokenLabel: (id: string) => string): Array<Column<ShadowFindingDto>> {
  return [
    { header: 'Time', cell: (f) => formatDateTime(f.at) },
    {
      header: 'Destination',
      className: 'mono',
      cell: (f) => (
        <>
          {f.destination} <span className="muted">{f.channel}</span>
        </>
      ),
    },
    { header: 'Reason', className: 'mono card-row__wide', cell: (f) => f.reasonCode },
    { header: 'Finding', className: 'card-row__wide', cell: (f) => f.finding },
    { header: 'Token', cell: (f) => tokenLabel(f.tokenId) },
  ];
}

/** What tokens in SHADOW mode delivered but would have refused under ENFORCE. */
export function ShadowFindings({ tokenLabel }: { tokenLabel: (id: string) => string }) {
  const findings = useShadowFindings();
  return (
    <section aria-labelledby="shadow-title">
      <h2 id="shadow-title">Would have been refused (SHADOW mode)</h2>
      <p className="muted">Tokens whose fraud guard runs in SHADOW deliver everything and record what ENFORCE would have refused.</p>
      <ErrorAlert error={findings.error} title="The SHADOW findings could not be loaded." />
      {findings.isSuccess && findings.data.length === 0 && <EmptyState title={`No SHADOW findings in the last ${RECENT_FRAUD_DAYS} days.`} />}
      {findings.isSuccess && findings.data.length > 0 && (
        <DataTable caption="Sends SHADOW mode would have refused" columns={findingColumns(tokenLabel)} rows={findings.data} rowKey={(f) => f.activityId} />
      )}
    </section>
  );
}
