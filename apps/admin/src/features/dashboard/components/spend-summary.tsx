import { Link } from 'react-router-dom';
import type { ReportPeriod, SpendEstimateDto } from '@otc/contracts';
import { Column, DataTable } from '../../../components/data-table';
import { ErrorAlert } from '../../../components/error-alert';
import { formatMoney } from '../../../lib/format';
import { useSpend } from '../api/get-spend';

const TOP_LINES = 8;

type TokenSpend = SpendEstimateDto['byToken'][number];
type SpendLine = SpendEstimateDto['lines'][number];
type Money = (amount: number) => string;

const tokenColumns = (money: Money): Array<Column<TokenSpend>> => [
  { header: 'Token', cell: (t) => <Link to={`/tokens/${t.tokenId}`}>{t.tokenName ?? t.tokenShortId ?? t.tokenId}</Link> },
  { header: 'Est. spend', cell: (t) => money(t.spend), className: 'num' },
  { header: 'Est. spend avoided', cell: (t) => money(t.spendAvoided), className: 'num' },
];

const lineColumns = (money: Money, currency: string): Array<Column<SpendLine>> => [
  { header: 'Country', cell: (l) => l.country ?? 'Unknown' },
  { header: 'Channel', cell: (l) => (l.channel === 'SMS' ? 'SMS' : 'Voice') },
  { header: 'Sent to Vonage', cell: (l) => l.sent.toLocaleString(), className: 'num' },
  { header: 'Refused', cell: (l) => l.refused.toLocaleString(), className: 'num' },
  { header: 'Unit price', cell: (l) => formatMoney(l.unitPrice, currency, 4), className: 'num' },
  { header: 'Est. spend', cell: (l) => money(l.spend), className: 'num' },
  { header: 'Est. spend avoided', cell: (l) => money(l.spendAvoided), className: 'num' },
];

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
            <>
              <h3>By token</h3>
              <DataTable caption={`Estimated spend by token, ${span}`} columns={tokenColumns(money)} rows={data.byToken} rowKey={(t) => t.tokenId} />
            </>
          )}
          {data.lines.length > 0 && (
            <>
              <h3>Costliest destinations</h3>
              <DataTable
                caption={`Costliest destinations, ${span}`}
                columns={lineColumns(money, data.prices.currency)}
                rows={[...data.lines].sort((a, b) => b.spend + b.spendAvoided - (a.spend + a.spendAvoided)).slice(0, TOP_LINES)}
                rowKey={(l) => `${l.country ?? ''}-${l.channel}`}
              />
            </>
          )}
          <PricesNote estimate={data} />
        </>
      )}
    </section>
  );
}
