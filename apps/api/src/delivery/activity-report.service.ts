import { Injectable } from '@nestjs/common';
import type { Cursor } from '../common/page';
import type { ActivityEntity } from './activity.entity';
import { ActivityCountsRepository, BucketCount, OutcomeCount, PageRow } from './activity-counts.repository';
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

  /** Attempts since `since` carrying a SHADOW finding (at most `limit`), newest first. */
  shadowFindings(since: Date, tokenId: string | null, limit: number): Promise<ActivityEntity[]> {
    return this.activity.findShadowFindings(since, tokenId, limit);
  }

  /** Counters per channel and outcome, and the chart series by bucket, over [from, to]; one query. */
  async totals(from: Date, to: Date, bucket: 'hour' | 'day'): Promise<{ counts: OutcomeCount[]; series: BucketCount[] }> {
    const series = await this.counts.totals(from, to, bucket, await this.rollup.rolledUntil());
    const counts = new Map<string, OutcomeCount>();
    for (const point of series) {
      const key = `${point.channel}:${point.outcome}`;
      const sum = counts.get(key) ?? { channel: point.channel, outcome: point.outcome, total: 0, sent: 0, converted: 0 };
      counts.set(key, { ...sum, total: sum.total + point.total, sent: sum.sent + point.sent, converted: sum.converted + point.converted });
    }
    return { counts: [...counts.values()], series };
  }

  /** One token's attempts over [from, to], by channel and outcome. */
  async tokenCounts(tokenId: string, from: Date, to: Date): Promise<OutcomeCount[]> {
    return this.counts.tokenCounts(tokenId, from, to, await this.rollup.rolledUntil());
  }

  /** Newest first; each attempt comes with its exact cursor position. */
  async page(filters: ActivityFilters, after: Cursor | null, limit: number): Promise<PageRow[]> {
    return this.counts.activityPage(filters, after, limit, await this.rollup.rolledUntil());
  }

  /** Folds settled hours into the rollup; safe to run on every instance at once. */
  rollUp(now: Date): Promise<Date | null> {
    return this.rollup.rollUp(now);
  }
}
