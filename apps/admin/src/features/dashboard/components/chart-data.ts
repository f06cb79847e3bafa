import { ACTIVITY_OUTCOMES, CHANNELS, OUTCOME_LABELS, emptyOutcomeCounts } from '@otc/contracts';
import type { Channel, DashboardDto, OutcomeCounts, SeriesBucket } from '@otc/contracts';

export const CHART_CHANNELS: readonly Channel[] = CHANNELS;

export interface ChartBucket {
  start: Date;
  values: Record<Channel, OutcomeCounts>;
}

const STEP_MS: Record<SeriesBucket, number> = { hour: 3600_000, day: 24 * 3600_000 };

/** The UTC start of the bucket holding `at`, as the API's date_trunc(…, 'UTC') computes it. */
export function bucketStart(at: Date, unit: SeriesBucket): Date {
  return new Date(Math.floor(at.getTime() / STEP_MS[unit]) * STEP_MS[unit]);
}

/** Every bucket of the period, in order, empty ones included, so the x axis is real time. */
export function timeBuckets(series: DashboardDto['series'], period: DashboardDto['period']): ChartBucket[] {
  const step = STEP_MS[period.bucket];
  const buckets = new Map<number, ChartBucket>();
  const end = new Date(period.to).getTime();
  for (let t = bucketStart(new Date(period.from), period.bucket).getTime(); t <= end; t += step) {
    buckets.set(t, { start: new Date(t), values: { SMS: emptyOutcomeCounts(), VOICE: emptyOutcomeCounts() } });
  }
  for (const point of series) {
    const bucket = buckets.get(bucketStart(new Date(point.bucket), period.bucket).getTime());
    if (bucket) bucket.values[point.channel][point.outcome] += point.count;
  }
  return [...buckets.values()];
}

export function total(counts: OutcomeCounts): number {
  return ACTIVITY_OUTCOMES.reduce((n, o) => n + counts[o], 0);
}

function describeCounts(counts: OutcomeCounts): string {
  const parts = ACTIVITY_OUTCOMES.filter((o) => counts[o] > 0).map((o) => `${counts[o]} ${OUTCOME_LABELS[o].toLowerCase()}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** One bucket in words: the tooltip. */
export function describeBucket(bucket: ChartBucket, label: string): string {
  return `${label}. SMS: ${describeCounts(bucket.values.SMS)}. Voice: ${describeCounts(bucket.values.VOICE)}.`;
}

/** A sentence that says what the chart shows, for screen readers. */
export function summarise(buckets: ChartBucket[], periodLabel: string): string {
  const parts = CHART_CHANNELS.map((channel) => {
    const sums = emptyOutcomeCounts();
    for (const b of buckets) for (const o of ACTIVITY_OUTCOMES) sums[o] += b.values[channel][o];
    return `${channel === 'SMS' ? 'SMS' : 'Voice'} ${total(sums)} (${describeCounts(sums)})`;
  });
  return `Attempts over the ${periodLabel.toLowerCase()} by channel and status: ${parts.join('; ')}.`;
}
