import { RECENT_FRAUD_DAYS } from '@otc/contracts';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { formatDateTime } from '../../../lib/format';
import { useShadowFindings } from '../api/get-shadow-findings';

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
        <div className="table-wrap">
          <table className="fraud-table">
            <caption className="visually-hidden">Sends SHADOW mode would have refused</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Destination</th>
                <th scope="col">Reason</th>
                <th scope="col">Finding</th>
                <th scope="col">Token</th>
              </tr>
            </thead>
            <tbody>
              {findings.data.map((finding) => (
                <tr key={finding.activityId}>
                  <td>{formatDateTime(finding.at)}</td>
                  <td className="mono">
                    {finding.destination} <span className="muted">{finding.channel}</span>
                  </td>
                  <td className="mono">{finding.reasonCode}</td>
                  <td className="wide-cell">{finding.finding}</td>
                  <td>{tokenLabel(finding.tokenId)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
