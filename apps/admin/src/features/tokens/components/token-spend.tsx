import type { MonthToDateDto } from '@otc/contracts';
import { ErrorAlert } from '../../../components/error-alert';
import { formatMoney } from '../../../lib/format';
import { useTokenSpend } from '../api/get-token-spend';

function MonthToDate({ month, currency }: { month: MonthToDateDto; currency: string }) {
  const money = (amount: number) => formatMoney(amount, currency);
  if (month.monthlyCap === null) {
    return (
      <p>
        {month.month} so far (UTC): {money(month.spend)}; no monthly cap{month.alertAt !== null && `, alert at ${money(month.alertAt)}`}.
      </p>
    );
  }
  const used = Math.min(month.spend / month.monthlyCap, 1);
  return (
    <div className="month-to-date">
      <label htmlFor="month-to-date-meter">
        {month.month} so far (UTC): {money(month.spend)} of a {money(month.monthlyCap)} cap{month.alertAt !== null && `, alert at ${money(month.alertAt)}`}
      </label>
      <meter id="month-to-date-meter" min={0} max={1} value={used} low={0.8} high={0.99} optimum={0}>
        {Math.round(used * 100)} %
      </meter>
      {month.capReached && (
        <p role="status" className="alert alert--error">
          Cap reached: this token's codes are refused (SPEND_CAP_REACHED) until the month ends or the cap is raised.
        </p>
      )}
    </div>
  );
}

/** The token's estimated spend over 30 days, what refusals saved, and the month so far against its cap. */
export function TokenSpend({ tokenId }: { tokenId: string | undefined }) {
  const spend = useTokenSpend(tokenId);
  const data = spend.data;
  return (
    <section aria-labelledby="token-spend-title">
      <h2 id="token-spend-title">Estimated spend</h2>
      <ErrorAlert error={spend.error} title="The spend estimate could not be loaded." />
      {data && (
        <>
          <dl className="stats" aria-label="Estimated spend, last 30 days">
            <div>
              <dt>Est. spend, 30 days</dt>
              <dd>{formatMoney(data.spend, data.prices.currency)}</dd>
            </div>
            <div>
              <dt>Est. spend avoided, 30 days</dt>
              <dd>{formatMoney(data.spendAvoided, data.prices.currency)}</dd>
            </div>
          </dl>
          {data.monthToDate && <MonthToDate month={data.monthToDate} currency={data.prices.currency} />}
          <p className="hint">
            Estimates from {data.prices.file ? 'the configured price table' : "the shipped indicative price table (override it with your contract's prices)"}, {data.prices.currency} as of {data.prices.asOf}.
          </p>
        </>
      )}
    </section>
  );
}
