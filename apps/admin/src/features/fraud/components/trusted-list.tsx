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
  return (
    <section aria-labelledby="trusted-title">
      <h2 id="trusted-title">Trusted list</h2>
      <p className="muted">The guard never refuses these, whatever it counts: test devices, an office number range, a travelling executive.</p>
      <AddTrustedForm tokens={tokens} />
      <ErrorAlert error={trusted.error ?? remove.error} title="The trusted list could not be loaded or changed." />
      {trusted.isSuccess && trusted.data.length === 0 && <EmptyState title="Nothing is trusted." />}
      {trusted.isSuccess && trusted.data.length > 0 && (
        <div className="table-wrap">
          <table className="fraud-table">
            <caption className="visually-hidden">Trusted list</caption>
            <thead>
              <tr>
                <th scope="col">Trusted</th>
                <th scope="col">Token</th>
                <th scope="col">Why</th>
                <th scope="col">Expires</th>
                <th scope="col">Added by</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {trusted.data.map((entry) => (
                <tr key={entry.id}>
                  <td className="mono">{entry.label}</td>
                  <td>{entry.tokenId ? tokenLabel(entry.tokenId) : 'Every token'}</td>
                  <td className="wide-cell">{entry.comment}</td>
                  <td className="nowrap">{formatDateTime(entry.expiresAt)}</td>
                  <td>{entry.createdBy}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--small button--danger"
                      aria-label={`Remove ${entry.label} from the trusted list`}
                      onClick={() => remove.mutate(entry.id)}
                      disabled={remove.isPending}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
