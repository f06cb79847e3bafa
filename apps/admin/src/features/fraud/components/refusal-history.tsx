import { RECENT_FRAUD_DAYS } from '@otc/contracts';
import type { FraudRefusalDto } from '@otc/contracts';
import { Badge } from '../../../components/badge';
import { DataTable, type Column } from '../../../components/data-table';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { formatDateTime, formatMoney } from '../../../lib/format';
import { useFraudRefusals } from '../api/get-fraud-refusals';
import { LoadMoreRefusals } from './load-more-refusals';
import { REFUSAL_STATE_BADGE, RefusalState, SCOPE_KIND_LABEL, refusalState } from './refusal-state';

const ENDS_PREFIX: Record<RefusalState, string> = { ACTIVE: 'until', LIFTED: 'lifted', EXPIRED: 'expired' };

function historyColumns(tokenLabel: (id: string) => string, now: Date): Array<Column<FraudRefusalDto>> {
  return [
    {
      header: 'State',
      className: 'card-row__status',
      cell: (r) => <Badge tone={REFUSAL_STATE_BADGE[refusalState(r, now)].tone}>{REFUSAL_STATE_BADGE[refusalState(r, now)].label}</Badge>,
    },
    {
      header: 'Scope',
      className: 'card-row__wide',
      cell: (r) => (
        <>
          <span className="muted">{SCOPE_KIND_LABEL[r.scopeKind]}</span> <span className="mono">{r.scopeLabel}</span>
        </>
      ),
    },
    { header: 'Reason', className: 'mono card-row__wide', cell: (r) => r.reasonCode },
    { header: 'Since', cell: (r) => formatDateTime(r.since) },
    { header: 'Ends', cell: (r) => `${ENDS_PREFIX[refusalState(r, now)]} ${formatDateTime(r.liftedAt ?? r.until)}` },
    { header: 'Stopped', className: 'num', cell: (r) => r.requestsStopped },
    { header: 'Est. spend avoided', className: 'num', cell: (r) => (r.estimatedSpendAvoided ? formatMoney(r.estimatedSpendAvoided.amount, r.estimatedSpendAvoided.currency) : '—') },
    { header: 'Token', cell: (r) => tokenLabel(r.tokenId) },
  ];
}

/** Every refusal of the last 30 days: each scope's last one, lifted and expired included. */
export function RefusalHistory({ tokenLabel }: { tokenLabel: (id: string) => string }) {
  const refusals = useFraudRefusals('RECENT');
  const items = refusals.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="refusal-history-title">
      <h2 id="refusal-history-title">Last {RECENT_FRAUD_DAYS} days</h2>
      <ErrorAlert error={refusals.error} title="The refusal history could not be loaded." />
      {refusals.isSuccess && items.length === 0 && <EmptyState title={`No refusals in the last ${RECENT_FRAUD_DAYS} days.`} />}
      {items.length > 0 && (
        <DataTable caption={`Refusals of the last ${RECENT_FRAUD_DAYS} days`} columns={historyColumns(tokenLabel, new Date())} rows={items} rowKey={(r) => r.id} />
      )}
      <LoadMoreRefusals refusals={refusals} label={`Load more refusals of the last ${RECENT_FRAUD_DAYS} days`} />
    </section>
  );
}
