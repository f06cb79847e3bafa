import { describe, expect, it } from 'vitest';
import { describeBucket, timeBuckets } from './chart-data';

describe('chart time axis', () => {
  const period = { from: '2025-01-01T10:30:00.000Z', to: '2025-01-02T10:30:00.000Z', bucket: 'hour' as const };

  it('should give every hour of the period its own bucket, empty ones included, in order', () => {
    const buckets = timeBuckets(
      [
        { bucket: '2025-01-01T13:00:00.000Z', channel: 'SMS', outcome: 'DELIVERED', count: 2 },
        { bucket: '2025-01-02T02:00:00.000Z', channel: 'VOICE', outcome: 'DELIVERY_FAILED', count: 1 },
      ],
      period,
    );
    expect(buckets).toHaveLength(25);
    expect(buckets[0].start.toISOString()).toBe('2025-01-01T10:00:00.000Z');
    expect(buckets[24].start.toISOString()).toBe('2025-01-02T10:00:00.000Z');
    const at = (iso: string) => buckets.findIndex((b) => b.start.toISOString() === iso);
    // 02:00 and 13:00 are 13 slots apart, not side by side.
    expect(at('2025-01-02T02:00:00.000Z') - at('2025-01-01T13:00:00.000Z')).toBe(13);
    expect(buckets[at('2025-01-01T13:00:00.000Z')].values.SMS.DELIVERED).toBe(2);
    expect(describeBucket(buckets[at('2025-01-02T02:00:00.000Z')], '02:00')).toBe('02:00. SMS: none. Voice: 1 delivery failed.');
  });

  it('should use days for week and month periods', () => {
    const buckets = timeBuckets([], { from: '2025-01-01T10:30:00.000Z', to: '2025-01-08T10:30:00.000Z', bucket: 'day' });
    expect(buckets.map((b) => b.start.toISOString().slice(0, 10))).toEqual(['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05', '2025-01-06', '2025-01-07', '2025-01-08']);
  });
});
