import { ACTIVITY_OUTCOMES, OUTCOME_LABELS } from '@otc/contracts';
import type { DashboardDto } from '@otc/contracts';
import { EmptyState } from '../../../components/empty-state';
import { formatRange } from '../../../lib/format';
import { useElementWidth } from '../../../lib/use-element-width';
import { CHART_CHANNELS, ChartBucket, describeBucket, summarise, timeBuckets, total } from './chart-data';

const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 36 };
const MIN_LABEL_GAP = 64;

function bucketLabel(bucket: ChartBucket, daily: boolean): string {
  return daily
    ? bucket.start.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
    : bucket.start.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

function bucketTitle(bucket: ChartBucket, daily: boolean): string {
  const end = new Date(bucket.start.getTime() + (daily ? 24 : 1) * 3600_000);
  return formatRange(bucket.start.toISOString(), end.toISOString());
}

interface AxisLabel {
  x: number;
  anchor: 'start' | 'middle' | 'end';
  text: string;
}

/** Time labels under their bars: inside the drawing at both edges, and never on top of each other. */
function axisLabels(centres: Array<{ x: number; text: string }>, width: number): AxisLabel[] {
  const half = MIN_LABEL_GAP / 2;
  const labels: AxisLabel[] = [];
  let freeFrom = -Infinity;
  for (const { x, text } of centres) {
    const anchor = x + half > width ? 'end' : x - half < 0 ? 'start' : 'middle';
    const at = anchor === 'end' ? width - 2 : anchor === 'start' ? 2 : x;
    const left = anchor === 'end' ? at - MIN_LABEL_GAP : anchor === 'start' ? at : at - half;
    if (left < freeFrom) continue;
    labels.push({ x: at, anchor, text });
    freeFrom = left + MIN_LABEL_GAP + 4;
  }
  return labels;
}

export function DeliveriesChart({ dashboard, periodLabel }: { dashboard: DashboardDto; periodLabel: string }) {
  const { ref, width } = useElementWidth<HTMLDivElement>(720);
  const daily = dashboard.period.bucket === 'day';
  const buckets = timeBuckets(dashboard.series, dashboard.period);
  const range = (
    <p className="chart__range">
      {formatRange(dashboard.period.from, dashboard.period.to)} · one bar pair per {daily ? 'day' : 'hour'}
    </p>
  );
  if (dashboard.series.length === 0) {
    return (
      <>
        {range}
        <EmptyState title="No attempts in this period.">The chart fills in as Okta sends codes through the connector.</EmptyState>
      </>
    );
  }
  const max = Math.max(1, ...buckets.flatMap((b) => CHART_CHANNELS.map((c) => total(b.values[c]))));
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / buckets.length;
  const barW = Math.max(1.5, Math.min(18, (slot - 2) / 2));
  const scale = (n: number) => (n / max) * plotH;
  const labelEvery = Math.max(1, Math.ceil(MIN_LABEL_GAP / slot));

  return (
    <figure className="chart" ref={ref}>
      {range}
      <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={summarise(buckets, periodLabel)}>
        <line x1={PAD.left} y1={PAD.top + plotH} x2={width - PAD.right} y2={PAD.top + plotH} className="chart__axis" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + plotH} className="chart__axis" />
        <text x={PAD.left - 6} y={PAD.top + 10} textAnchor="end" className="chart__tick">
          {max}
        </text>
        <text x={PAD.left - 6} y={PAD.top + plotH} textAnchor="end" className="chart__tick">
          0
        </text>
        {buckets.map((bucket, i) => {
          const x0 = PAD.left + i * slot + (slot - barW * 2) / 2;
          return (
            <g key={bucket.start.toISOString()} className="chart__bucket">
              <title>{describeBucket(bucket, bucketTitle(bucket, daily))}</title>
              <rect x={PAD.left + i * slot} y={PAD.top} width={slot} height={plotH} className="chart__hover" />
              {CHART_CHANNELS.map((channel, c) => {
                let y = PAD.top + plotH;
                return ACTIVITY_OUTCOMES.map((outcome) => {
                  const h = scale(bucket.values[channel][outcome]);
                  y -= h;
                  return h > 0 ? (
                    <rect key={`${channel}-${outcome}`} x={x0 + c * barW} y={y} width={Math.max(1, barW - 1)} height={h} className={`chart__bar chart__bar--${outcome.toLowerCase()} chart__bar--${channel.toLowerCase()}`} />
                  ) : null;
                });
              })}
            </g>
          );
        })}
        {axisLabels(
          buckets.flatMap((bucket, i) => (i % labelEvery === 0 ? [{ x: PAD.left + i * slot + slot / 2, text: bucketLabel(bucket, daily) }] : [])),
          width,
        ).map((label) => (
          <text key={label.text + label.x} x={label.x} y={HEIGHT - 8} textAnchor={label.anchor} className="chart__tick">
            {label.text}
          </text>
        ))}
      </svg>
      <figcaption className="chart__legend">
        <span>In each pair the left bar is SMS, the lighter right bar Voice. Hover a bar for its numbers.</span>
        {ACTIVITY_OUTCOMES.map((outcome) => (
          <span key={outcome} className="legend-item">
            <span className={`legend-swatch chart__bar--${outcome.toLowerCase()}`} aria-hidden="true" /> {OUTCOME_LABELS[outcome]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
