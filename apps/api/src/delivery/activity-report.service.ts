import { Injectable } from '@nestjs/common';
import type { Cursor } from '../common/page';
import type { ActivityEntity } from './activity.entity';
import { ActivityCountsRepository, OutcomeCount, SeriesPoint, UsageCount } from './activity-counts.repository';
import type { ActivityFilters } from './activity-filters';
import { ActivityRollupRepository } from './activity-rollup.repository';
import { ActivityRepository } from './activity.repository';

/** The read side of otp_activity for reports: counters, chart series, keyset pages and the hourly rollup. */
@Injectable()
export class ActivityReportService {
  constructor(
    private readonly counts: ActivityCountsRepository,
    private readonly rollup: ActivityRollupRepository,
    private readonly activity: ActivityRepository,
  ) {}

  /** Attempts since `since` with a flag whose detail starts with `detailPrefix` (at most `limit`), newest first. */
  flagged(detailPrefix: string, since: Date, tokenId: string | null, limit: number): Promise<ActivityEntity[]> {
    return this.activity.findFlagged(detailPrefix, since, tokenId, limit);
  }

  /** Counters per channel and the chart series over [from, to]; settled hours come from the rollup. */
  async totals(from: Date, to: Date, bucket: 'hour' | 'day'): Promise<{ counts: OutcomeCount[]; series: SeriesPoint[] }> {
    const rolledUntil = await this.rollup.rolledUntil();
    const [counts, series] = await Promise.all([this.counts.counters(from, to, rolledUntil), this.counts.series(from, to, bucket, rolledUntil)]);
    return { counts, series };
  }

  /** Sent and refused attempts over [from, to] per token, country and channel (one token's when tokenId is set); settled hours from the rollup. */
  async usage(from: Date, to: Date, tokenId: string | null): Promise<UsageCount[]> {
    return this.counts.usage(from, to, await this.rollup.rolledUntil(), tokenId);
  }

  /** One token's attempts over [from, to], by channel and outcome. */
  tokenCounts(tokenId: string, from: Date, to: Date): Promise<OutcomeCount[]> {
    return this.counts.tokenCounts(tokenId, from, to);
  }

  /** Newest first; each attempt comes with its exact cursor position. */
  page(filters: ActivityFilters, after: Cursor | null, limit: number): Promise<Array<{ entity: ActivityEntity; at: string }>> {
    return this.counts.activityPage(filters, after, limit);
  }

  /** Folds settled hours into the rollup; safe to run on every instance at once. */
  rollUp(now: Date): Promise<Date | null> {
    return this.rollup.rollUp(now);
  }
}
