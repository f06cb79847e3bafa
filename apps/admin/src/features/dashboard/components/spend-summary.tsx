import { Link } from 'react-router-dom';
import type { ReportPeriod, SpendEstimateDto } from '@otc/contracts';
import { ErrorAlert } from '../../../components/error-alert';
import { formatMoney } from '../../../lib/format';
import { useSpend } from '../api/get-spend';

const TOP_LINES = 8;

function PricesNote({ estimate }: { estimate: SpendEstimateDto }) {
  const { prices } = estimate;
  return (
    <p className="hint">
      Estimates from {prices.file ? 'the configured price table' : 'the shipped indicative price table'} ({prices.currency}, as of {prices.asOf}), not Vonage's invoice: an SMS and its voice fallback
      count twice; refusals are priced as what would have been sent.
    </p>
  );
}

/** Estimated spend and spend avoided over the dashboard's period: overall, per token, and the costliest destinations. */
export function SpendSummary({ period, periodLabel }: { period: ReportPeriod; periodLabel: string }) {
  const spend = useSpend(period);
  const data = spend.data;
  const money = (amount: number) => formatMoney(amount, data?.prices.currency ?? 'EUR');
  const span = periodLabel.toLowerCase();
  return (
    <section aria-labelledby="spend-title" className="card spend-section">
      <h2 id="spend-title">Estimated spend</h2>
      <ErrorAlert error={spend.error} title="The spend estimate could not be loaded." />
      {spend.isPending && <p role="status">Loading spend…</p>}
      {data && (
        <>
          <dl className="stats" aria-label={`Estimated spend, ${span}`}>
            <div>
              <dt>Est. spend</dt>
              <dd>{money(data.spend)}</dd>
            </div>
            <div>
              <dt>Est. spend avoided</dt>
              <dd>{money(data.spendAvoided)}</dd>
            </div>
          </dl>
          {data.byToken.length > 0 && (
            <div className="table-wrap table-wrap--cards">
              <table>
                <caption>Estimated spend by token, {span}</caption>
                <thead>
                  <tr>
                    <th scope="col">Token</th>
                    <th scope="col">Est. spend</th>
                    <th scope="col">Est. spend avoided</th>
                  </tr>
                </thead>
                <tbody>
                  {data.byToken.map((t) => (
                    <tr key={t.tokenId} className="card-row">
                      <td data-label="Token">
                        <Link to={`/tokens/${t.tokenId}`}>{t.tokenName ?? t.tokenShortId ?? t.tokenId}</Link>
                      </td>
                      <td data-label="Est. spend">{money(t.spend)}</td>
                      <td data-label="Est. spend avoided">{money(t.spendAvoided)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data.lines.length > 0 && (
            <div className="table-wrap table-wrap--cards">
              <table>
                <caption>Costliest destinations, {span}</caption>
                <thead>
                  <tr>
                    <th scope="col">Country</th>
                    <th scope="col">Channel</th>
                    <th scope="col">Sent</th>
                    <th scope="col">Refused</th>
                    <th scope="col">Unit price</th>
                    <th scope="col">Est. spend</th>
                    <th scope="col">Est. spend avoided</th>
                  </tr>
                </thead>
                <tbody>
                  {[...data.lines]
                    .sort((a, b) => b.spend + b.spendAvoided - (a.spend + a.spendAvoided))
                    .slice(0, TOP_LINES)
                    .map((l) => (
                      <tr key={`${l.country ?? ''}-${l.channel}`} className="card-row">
                        <td data-label="Country">{l.country ?? 'Unknown'}</td>
                        <td data-label="Channel">{l.channel === 'SMS' ? 'SMS' : 'Voice'}</td>
                        <td data-label="Sent">{l.sent.toLocaleString()}</td>
                        <td data-label="Refused">{l.refused.toLocaleString()}</td>
                        <td data-label="Unit price">{formatMoney(l.unitPrice, data.prices.currency, 4)}</td>
                        <td data-label="Est. spend">{money(l.spend)}</td>
                        <td data-label="Est. spend avoided">{money(l.spendAvoided)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          )}
          <PricesNote estimate={data} />
        </>
      )}
    </section>
  );
}
