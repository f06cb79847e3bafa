import { Link } from 'react-router-dom';
import { COUNTER_GROUPS, channelCounters } from '@otc/contracts';
import type { ActivityOutcome, Channel, DashboardDto } from '@otc/contracts';
import { formatPercent } from '../../../lib/format';

const CHANNEL_NAMES: Record<Channel, string> = { SMS: 'SMS', VOICE: 'Voice' };

/** The activity page, filtered to exactly what a counter counts in the dashboard's period. */
export function activityLink(dashboard: DashboardDto, channel: Channel, outcomes?: readonly ActivityOutcome[]): string {
  const params = new URLSearchParams({ channel, from: dashboard.period.from, to: dashboard.period.to });
  if (outcomes) params.set('outcome', outcomes.join(','));
  return `/activity?${params.toString()}`;
}

function Counter({ label, value, tone, to }: { label: string; value: number; tone: string; to: string }) {
  return (
    <li className={`counter counter--${tone}`}>
      <Link to={to} className="counter__link" aria-label={`${label}: ${value.toLocaleString()}, show these attempts`}>
        <span className="counter__label">{label}</span>
        <span className="counter__value">{value.toLocaleString()}</span>
      </Link>
    </li>
  );
}

function ChannelCounters({ dashboard, channel }: { dashboard: DashboardDto; channel: Channel }) {
  const c = channelCounters(dashboard.outcomes[channel]);
  const name = CHANNEL_NAMES[channel];
  const link = (outcomes?: readonly ActivityOutcome[]) => activityLink(dashboard, channel, outcomes);
  return (
    <div className="channel-counters" role="group" aria-label={`${name} counters`}>
      <ul className="counters">
        <Counter label={`Total ${name}`} value={c.total} tone="neutral" to={link()} />
        <Counter label={`${name} Success`} value={c.success} tone="success" to={link(COUNTER_GROUPS.success)} />
        <Counter label={`${name} Blocked`} value={c.blocked} tone="blocked" to={link(COUNTER_GROUPS.blocked)} />
      </ul>
      <p className="counter-parts">
        <Link to={link(COUNTER_GROUPS.failed)}>{c.failed.toLocaleString()} failed</Link>
        {' · '}
        <Link to={link(COUNTER_GROUPS.pending)}>{c.pending.toLocaleString()} pending</Link>
        {' · '}
        <Link to={link(['DELIVERED_FLAGGED'])}>{c.flagged.toLocaleString()} of the successes flagged</Link>
        <span className="muted">
          {' '}
          ({c.success} success + {c.blocked} blocked + {c.failed} failed + {c.pending} pending = {c.total} total)
        </span>
      </p>
    </div>
  );
}

export function DashboardCounters({ dashboard }: { dashboard: DashboardDto }) {
  return (
    <>
      <div className="counter-grid" aria-label="Delivery counters" role="region">
        <ChannelCounters dashboard={dashboard} channel="SMS" />
        <ChannelCounters dashboard={dashboard} channel="VOICE" />
      </div>
      <dl className="conversion" aria-label="Conversion rate">
        <div>
          <dt>SMS conversion</dt>
          <dd>{formatPercent(dashboard.conversionRate.SMS)}</dd>
        </div>
        <div>
          <dt>Voice conversion</dt>
          <dd>{formatPercent(dashboard.conversionRate.VOICE)}</dd>
        </div>
      </dl>
      <p className="muted conversion__hint">
        Share of codes sent through Vonage that Okta later reported as used (from the event hook). “—” means nothing was sent in this
        period.
      </p>
    </>
  );
}
