import type { DashboardDto } from '@otc/contracts';
import { formatPercent } from '../../../lib/format';

const COUNTERS: Array<{ key: keyof DashboardDto['counters']; label: string; tone: string }> = [
  { key: 'totalSms', label: 'Total SMS', tone: 'neutral' },
  { key: 'smsSuccess', label: 'SMS Success', tone: 'success' },
  { key: 'smsBlocked', label: 'SMS Blocked', tone: 'blocked' },
  { key: 'totalVoice', label: 'Total Voice', tone: 'neutral' },
  { key: 'voiceSuccess', label: 'Voice Success', tone: 'success' },
  { key: 'voiceBlocked', label: 'Voice Blocked', tone: 'blocked' },
];

export function DashboardCounters({ dashboard }: { dashboard: DashboardDto }) {
  return (
    <>
      <ul className="counters" aria-label="Delivery counters">
        {COUNTERS.map(({ key, label, tone }) => (
          <li key={key} className={`counter counter--${tone}`}>
            <span className="counter__label" id={`counter-${key}`}>
              {label}
            </span>
            <span className="counter__value" aria-labelledby={`counter-${key}`}>
              {dashboard.counters[key].toLocaleString()}
            </span>
          </li>
        ))}
      </ul>
      <dl className="conversion" aria-label="Conversion rate">
        <div>
          <dt>SMS conversion</dt>
          <dd>{formatPercent(dashboard.conversionRate.SMS)}</dd>
        </div>
        <div>
          <dt>Voice conversion</dt>
          <dd>{formatPercent(dashboard.conversionRate.VOICE)}</dd>
        </div>
        <p className="muted conversion__hint">
          Share of delivered codes that Okta later reported as used (from the event hook). “—” means no deliveries yet in
          this period.
        </p>
      </dl>
    </>
  );
}
