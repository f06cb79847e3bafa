import type { Channel, DashboardDto } from '@otc/contracts';

export const CHART_STATUSES = ['SUCCESS', 'FLAGGED', 'FAILED', 'BLOCKED', 'PENDING'] as const;
export const CHART_CHANNELS: Channel[] = ['SMS', 'VOICE'];

export interface ChartBucket {
  bucket: string;
  values: Record<Channel, Record<string, number>>;
}

/** Groups the flat series by bucket, then channel, then status. */
export function groupSeries(series: DashboardDto['series']): ChartBucket[] {
  const byBucket = new Map<string, ChartBucket>();
  for (const point of series) {
    let entry = byBucket.get(point.bucket);
    if (!entry) {
      entry = { bucket: point.bucket, values: { SMS: {}, VOICE: {} } };
      byBucket.set(point.bucket, entry);
    }
    const channel = entry.values[point.channel] ?? {};
    channel[point.status] = (channel[point.status] ?? 0) + point.count;
    entry.values[point.channel] = channel;
  }
  return [...byBucket.values()].sort((a, b) => a.bucket.localeCompare(b.bucket));
}

export function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((total, n) => total + n, 0);
}

/** A sentence that says what the chart shows, for screen readers. */
export function summarise(series: DashboardDto['series'], periodLabel: string): string {
  const parts = CHART_CHANNELS.map((channel) => {
    const points = series.filter((p) => p.channel === channel);
    const total = points.reduce((n, p) => n + p.count, 0);
    const byStatus = CHART_STATUSES.map((status) => {
      const count = points.filter((p) => p.status === status).reduce((n, p) => n + p.count, 0);
      return `${count} ${status.toLowerCase()}`;
    }).join(', ');
    return `${channel === 'SMS' ? 'SMS' : 'Voice'} ${total} (${byStatus})`;
  });
  return `Deliveries over the ${periodLabel.toLowerCase()} by channel and status: ${parts.join('; ')}.`;
}
