import { DASHBOARD_PERIODS, type DashboardPeriod } from '../api/get-dashboard';

const LABELS: Record<DashboardPeriod, string> = { '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };

export function periodLabel(period: DashboardPeriod): string {
  return LABELS[period];
}

export function PeriodSelect({ value, onChange }: { value: DashboardPeriod; onChange: (period: DashboardPeriod) => void }) {
  return (
    <div className="field field--inline">
      <label htmlFor="dashboard-period">Period</label>
      <select id="dashboard-period" value={value} onChange={(e) => onChange(e.target.value as DashboardPeriod)}>
        {DASHBOARD_PERIODS.map((period) => (
          <option key={period} value={period}>
            {LABELS[period]}
          </option>
        ))}
      </select>
    </div>
  );
}
