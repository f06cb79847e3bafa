import { LOW_CONVERSION_MIN_SENDS } from '@otc/contracts';
import type { ReportPeriod } from '@otc/contracts';
import { EmptyState } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { PeriodSelect, periodLabel } from '../../../components/period-select';
import { TokenOptions } from '../../../components/token-options';
import { formatPercent } from '../../../lib/format';
import { useConversionByPlace } from '../api/get-conversion-by-place';
import { ConversionBreakdowns } from './conversion-breakdowns';
import { ConversionChart } from './conversion-chart';
import { CountryConversionTable } from './country-conversion-table';
import type { TokenOption } from './fraud-page';

export interface ConversionFilters {
  period: ReportPeriod;
  /** Null: every token. */
  tokenId: string | null;
}

interface ConversionByPlaceProps {
  tokens: TokenOption[];
  tokenLabel: (id: string) => string;
  filters: ConversionFilters;
  onFiltersChange: (filters: ConversionFilters) => void;
}

/** Where codes are sent and whether they come back: the evidence the guard judges places by. */
export function ConversionByPlace({ tokens, tokenLabel, filters, onFiltersChange }: ConversionByPlaceProps) {
  const report = useConversionByPlace(filters.period, filters.tokenId);
  const data = report.data;
  return (
    <section aria-labelledby="conversion-title">
      <div className="section-header">
        <h2 id="conversion-title">Conversion by place</h2>
        <div className="filters filters--compact">
          <PeriodSelect id="conversion-period" value={filters.period} onChange={(period) => onFiltersChange({ ...filters, period })} />
          <div className="field field--inline">
            <label htmlFor="conversion-token">Token</label>
            <select id="conversion-token" value={filters.tokenId ?? ''} onChange={(e) => onFiltersChange({ ...filters, tokenId: e.target.value || null })}>
              <TokenOptions tokens={tokens} />
            </select>
          </div>
        </div>
      </div>
      <p className="muted">
        Codes sent to each country, and how many Okta reported used. Real users use their codes everywhere alike; where many are sent and few used is where
        pumping goes. A country with at least {LOW_CONVERSION_MIN_SENDS} sends and under half the overall rate is marked.
      </p>
      <ErrorAlert error={report.error} title="Conversion by place could not be loaded." />
      {report.isPending && <p role="status">Loading conversion by place…</p>}
      {data && data.byCountry.length === 0 && <EmptyState title="No attempts in this period." />}
      {data && data.byCountry.length > 0 && (
        <>
          <p className="conversion-total">
            {periodLabel(filters.period)}, {filters.tokenId ? tokenLabel(filters.tokenId) : 'all tokens'}: {data.total.sent} sent, {data.total.converted} converted (
            {formatPercent(data.total.rate)}).
          </p>
          <div className="card">
            <ConversionChart report={data} periodLabel={periodLabel(filters.period)} />
          </div>
          <CountryConversionTable report={data} tokenLabel={tokenLabel} />
          <ConversionBreakdowns report={data} />
        </>
      )}
    </section>
  );
}
