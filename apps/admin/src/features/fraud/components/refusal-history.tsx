import { RECENT_FRAUD_DAYS } from '@otc/contracts';
import { Badge } from '../../../components/badge';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { formatDateTime, formatMoney } from '../../../lib/format';
import { useFraudRefusals } from '../api/get-fraud-refusals';
import { REFUSAL_STATE_BADGE, RefusalState, SCOPE_KIND_LABEL, refusalState } from './refusal-state';

const ENDS_PREFIX: Record<RefusalState, string> = { ACTIVE: 'until', LIFTED: 'lifted', EXPIRED: 'expired' };

/** Every refusal of the last 30 days: each scope's last one, lifted and expired included. */
export function RefusalHistory({ tokenLabel }: { tokenLabel: (id: string) => string }) {
  const refusals = useFraudRefusals('RECENT');
  const now = new Date();
  return (
    <section aria-labelledby="refusal-history-title">
      <h2 id="refusal-history-title">Last {RECENT_FRAUD_DAYS} days</h2>
      <ErrorAlert error={refusals.error} title="The refusal history could not be loaded." />
      {refusals.isSuccess && refusals.data.length === 0 && <EmptyState title={`No refusals in the last ${RECENT_FRAUD_DAYS} days.`} />}
      {refusals.isSuccess && refusals.data.length > 0 && (
        <div className="table-wrap">
          <table className="fraud-table">
            <caption className="visually-hidden">Refusals of the last {RECENT_FRAUD_DAYS} days</caption>
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Scope</th>
                <th scope="col">Reason</th>
                <th scope="col">Since</th>
                <th scope="col">Ends</th>
                <th scope="col">Stopped</th>
                <th scope="col">Est. spend avoided</th>
                <th scope="col">Token</th>
              </tr>
            </thead>
            <tbody>
              {refusals.data.map((refusal) => {
                const current = refusalState(refusal, now);
                const state = REFUSAL_STATE_BADGE[current];
                return (
                  <tr key={refusal.id}>
                    <td>
                      <Badge tone={state.tone}>{state.label}</Badge>
                    </td>
                    <td>
                      <span className="muted">{SCOPE_KIND_LABEL[refusal.scopeKind]}</span> <span className="mono">{refusal.scopeLabel}</span>
                    </td>
                    <td className="mono">{refusal.reasonCode}</td>
                    <td className="nowrap">{formatDateTime(refusal.since)}</td>
                    <td>{`${ENDS_PREFIX[current]} ${formatDateTime(refusal.liftedAt ?? refusal.until)}`}</td>
                    <td>{refusal.requestsStopped}</td>
                    <td className="nowrap">{refusal.estimatedSpendAvoided ? formatMoney(refusal.estimatedSpendAvoided.amount, refusal.estimatedSpendAvoided.currency) : '—'}</td>
                    <td>{tokenLabel(refusal.tokenId)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
