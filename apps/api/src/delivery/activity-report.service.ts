import { Injectable } from '@nestjs/common';
import type { Cursor } from '../common/page';
import type { ActivityEntity } from './activity.entity';
import { ActivityCountsRepository, OutcomeCount, SeriesPoint } from './activity-counts.repository';
import type { ActivityFilters } from './activity-filters';
import { ActivityPlaceRepository, LastConversion, PlaceCount } from './activity-place.repository';
import { ActivityRollupRepository } from './activity-rollup.repository';

/** The read side of otp_activity for reports: counters, chart series, conversion by place, keyset pages and the hourly rollups. */
@Injectable()
export class ActivityReportService {
  constructor(
    private readonly counts: ActivityCountsRepository,
    private readonly rollup: ActivityRollupRepository,
    private readonly places: ActivityPlaceRepository,
  ) {}

  /** Attempts since `since` with a flag whose detail starts with `detailPrefix` (at most `limit`), newest first. */
  flagged(detailPrefix: string, since: Date, tokenId: string | null, limit: number): Promise<ActivityEntity[]> {
    return this.counts.findFlagged(detailPrefix, since, tokenId, limit);
  }

  /** Counters per channel and the chart series over [from, to]; settled hours come from the rollup. */
  async totals(from: Date, to: Date, bucket: 'hour' | 'day'): Promise<{ counts: OutcomeCount[]; series: SeriesPoint[] }> {
    const rolledUntil = await this.rollup.rolledUntil();
    const [counts, series] = await Promise.all([this.counts.counters(from, to, rolledUntil), this.counts.series(from, to, bucket, rolledUntil)]);
    return { counts, series };
  }

  /**
   * Sends and conversions over [from, to] by token, country, channel and request kind (one token,
   * or all when null), and each token's last conversion since `lastSince` in the countries found.
   */
  async byPlace(from: Date, to: Date, tokenId: string | null, lastSince: Date): Promise<{ counts: PlaceCount[]; lastConversions: LastConversion[] }> {
    const rolledUntil = await this.rollup.placeRolledUntil();
    const counts = await this.places.counts(from, to, tokenId, rolledUntil);
    const seen = new Map(counts.map((c) => [`${c.tokenId}|${c.country}`, { tokenId: c.tokenId, country: c.country }]));
    return { counts, lastConversions: await this.places.lastConversions([...seen.values()], lastSince, rolledUntil) };
  }

  /** One token's attempts over [from, to], by channel and outcome. */
  tokenCounts(tokenId: string, from: Date, to: Date): Promise<OutcomeCount[]> {
    return this.counts.tokenCounts(tokenId, from, to);
  }

  /** Newest first; each attempt comes with its exact cursor position. */
  page(filters: ActivityFilters, after: Cursor | null, limit: number): Promise<Array<{ entity: ActivityEntity; at: string }>> {
    return this.counts.activityPage(filters, after, limit);
  }

  /** Folds settled hours into the rollups; safe to run on every instance at once. */
  rollUp(now: Date): Promise<Date | null> {
    return this.rollup.rollUp(now);
  }
}
