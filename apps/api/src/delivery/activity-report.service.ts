import { Injectable } from '@nestjs/common';
import type { Channel } from '@otc/contracts';
import type { Cursor } from '../common/page';
import type { ActivityEntity } from './activity.entity';
import { ActivityCountsRepository, BucketCount, OutcomeCount, PageRow, TokenTotals, rollupNarrows } from './activity-counts.repository';
import type { ActivityFilters } from './activity-filters';
import { ActivityRollupRepository } from './activity-rollup.repository';
import { ActivityUsageRepository, LastConversion, PlaceCount } from './activity-usage.repository';

export type { LastConversion, PlaceCount };

/** Attempts of one token, destination country (null: unknown) and channel: sent through Vonage, or refused (policy or fraud guard). */
export interface UsageCount {
  tokenId: string;
  country: string | null;
  channel: Channel;
  sent: number;
  refused: number;
}

/** The read side of otp_activity for reports: counters, chart series, usage by place, keyset pages and the hourly rollups. */
@Injectable()
export class ActivityReportService {
  constructor(
    private readonly counts: ActivityCountsRepository,
    private readonly rollup: ActivityRollupRepository,
    private readonly usageByPlace: ActivityUsageRepository,
  ) {}

  /** Attempts since `since` carrying a SHADOW finding (at most `limit`), newest first. */
  shadowFindings(since: Date, tokenId: string | null, limit: number): Promise<ActivityEntity[]> {
    return this.counts.findShadowFindings(since, tokenId, limit);
  }

  /** Counters per channel and outcome, and the chart series by bucket, over [from, to]; one query. */
  async totals(from: Date, to: Date, bucket: 'hour' | 'day'): Promise<{ counts: OutcomeCount[]; series: BucketCount[] }> {
    const series = await this.counts.totals(from, to, bucket, await this.rollup.marks());
    const counts = new Map<string, OutcomeCount>();
    for (const point of series) {
      const key = `${point.channel}:${point.outcome}`;
      const sum = counts.get(key) ?? { channel: point.channel, outcome: point.outcome, total: 0, sent: 0, converted: 0 };
      counts.set(key, { ...sum, total: sum.total + point.total, sent: sum.sent + point.sent, converted: sum.converted + point.converted });
    }
    return { counts: [...counts.values()], series };
  }

  /** Sent and refused attempts over [from, to] per token, country and channel (one token's when tokenId is set); settled days and hours from the rollups. */
  async usage(from: Date, to: Date, tokenId: string | null): Promise<UsageCount[]> {
    const byPlace = await this.usageByPlace.counts(from, to, tokenId, await this.rollup.marks());
    const usage = new Map<string, UsageCount>();
    for (const { tokenId: id, country, channel, sent, refused } of byPlace) {
      const key = `${id}|${country}|${channel}`;
      const line = usage.get(key) ?? { tokenId: id, country, channel, sent: 0, refused: 0 };
      usage.set(key, { ...line, sent: line.sent + sent, refused: line.refused + refused });
    }
    // One order whatever the rows' (live or rolled up), so equal lines list alike.
    return [...usage.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, line]) => line);
  }

  /**
   * Attempts, sends and conversions over [from, to] by token, country, channel and request kind
   * (one token's, or all when null), and each token's last conversion since `lastSince` in the countries found.
   */
  async byPlace(from: Date, to: Date, tokenId: string | null, lastSince: Date): Promise<{ counts: PlaceCount[]; lastConversions: LastConversion[] }> {
    const marks = await this.rollup.marks();
    const counts = await this.usageByPlace.counts(from, to, tokenId, marks);
    const places = new Map(counts.map((c) => [`${c.tokenId}|${c.country}`, { tokenId: c.tokenId, country: c.country }]));
    return { counts, lastConversions: await this.usageByPlace.lastConversions([...places.values()], lastSince, marks.until) };
  }

  /** One token's latest conversion since `since` in each country it converted in (the fraud guard's proven countries come from it). */
  async lastConversionsOf(tokenId: string, since: Date): Promise<LastConversion[]> {
    return this.usageByPlace.lastConversionsOf(tokenId, since, await this.rollup.rolledUntil());
  }

  /** One token's attempts over [from, to]: how many, refused, sent through Vonage and converted. */
  async tokenTotals(tokenId: string, from: Date, to: Date): Promise<TokenTotals> {
    return this.counts.tokenTotals(tokenId, from, to, await this.rollup.marks());
  }

  /** Newest first; each attempt comes with its exact cursor position. The rollup's watermark is read only for filters it narrows. */
  async page(filters: ActivityFilters, after: Cursor | null, limit: number): Promise<PageRow[]> {
    return this.counts.activityPage(filters, after, limit, rollupNarrows(filters) ? await this.rollup.rolledUntil() : null);
  }

  /** Folds settled hours into the rollups; safe to run on every instance at once. */
  rollUp(now: Date): Promise<Date | null> {
    return this.rollup.rollUp(now);
  }
}
