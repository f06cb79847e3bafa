import { REPORT_PERIODS, type ReportPeriod } from '@otc/contracts';

const LABELS: Record<ReportPeriod, string> = { '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };

export function periodLabel(period: ReportPeriod): string {
  return LABELS[period];
}

/** The period a report covers, from a search parameter; anything else is the report's default. */
export function periodOf(value: string | null, fallback: ReportPeriod): ReportPeriod {
  return REPORT_PERIODS.find((p) => p === value) ?? fallback;
}

export function PeriodSelect({ id, value, onChange }: { id: string; value: ReportPeriod; onChange: (period: ReportPeriod) => void }) {
  return (
    <div className="field field--inline">
      <label htmlFor={id}>Period</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as ReportPeriod)}>
        {REPORT_PERIODS.map((period) => (
          <option key={period} value={period}>
            {LABELS[period]}
          </option>
        ))}
      </select>
    </div>
  );
}
