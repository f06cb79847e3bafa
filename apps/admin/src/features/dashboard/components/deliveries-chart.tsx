import type { DashboardDto } from '@otc/contracts';
import { EmptyState } from '../../../components/empty-state';
import { CHART_CHANNELS, CHART_STATUSES, groupSeries, summarise, sum } from './chart-data';

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 40 };

function bucketLabel(bucket: string, long: boolean): string {
  const date = new Date(bucket);
  if (Number.isNaN(date.getTime())) return bucket;
  return long ? date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' }) : date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function DeliveriesChart({ series, periodLabel }: { series: DashboardDto['series']; periodLabel: string }) {
  const buckets = groupSeries(series);
  if (buckets.length === 0) {
    return <EmptyState title="No deliveries in this period.">The chart fills in as Okta sends codes through the connector.</EmptyState>;
  }
  const max = Math.max(1, ...buckets.flatMap((b) => CHART_CHANNELS.map((c) => sum(b.values[c]))));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / buckets.length;
  const barW = Math.max(2, Math.min(24, (slot - 4) / 2));
  const scale = (n: number) => (n / max) * plotH;
  const long = periodLabel !== 'Last 24 hours';
  const labelEvery = Math.ceil(buckets.length / 6);

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summarise(series, periodLabel)} preserveAspectRatio="xMidYMid meet">
        <line x1={PAD.left} y1={PAD.top + plotH} x2={WIDTH - PAD.right} y2={PAD.top + plotH} className="chart__axis" />
        <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" className="chart__tick">{max}</text>
        <text x={PAD.left - 6} y={PAD.top + plotH} textAnchor="end" className="chart__tick">0</text>
        {buckets.map((bucket, i) => {
          const x0 = PAD.left + i * slot + (slot - barW * 2) / 2;
          return (
            <g key={bucket.bucket}>
              {CHART_CHANNELS.map((channel, c) => {
                let y = PAD.top + plotH;
                return CHART_STATUSES.map((status) => {
                  const h = scale(bucket.values[channel][status] ?? 0);
                  y -= h;
                  return h > 0 ? (
                    <rect key={`${channel}-${status}`} x={x0 + c * barW} y={y} width={barW - 1} height={h} className={`chart__bar chart__bar--${status.toLowerCase()} chart__bar--${channel.toLowerCase()}`} />
                  ) : null;
                });
              })}
              {i % labelEvery === 0 && (
                <text x={PAD.left + i * slot + slot / 2} y={HEIGHT - 8} textAnchor="middle" className="chart__tick">
                  {bucketLabel(bucket.bucket, long)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart__legend">
        <span>In each pair, the left bar is SMS and the lighter right bar is Voice.</span>
        {CHART_STATUSES.map((status) => (
          <span key={status} className="legend-item">
            <span className={`legend-swatch chart__bar--${status.toLowerCase()}`} aria-hidden="true" /> {status}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
