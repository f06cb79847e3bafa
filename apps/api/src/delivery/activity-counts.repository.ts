import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Channel } from '@otc/contracts';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { ActivityEntity } from './activity.entity';
import type { Cursor } from '../common/page';
import type { ActivityFilters } from './activity-filters';

export interface ChannelCounts {
  channel: Channel;
  total: number;
  success: number;
  blocked: number;
  sent: number;
  converted: number;
}

export interface SeriesPoint {
  bucket: Date;
  channel: Channel;
  status: string;
  count: number;
}

/** How one attempt counts on the dashboard; the same definitions feed the live count and the hourly rollup. */
export const ACTIVITY_COUNTS = `count(*) AS total,
  count(*) FILTER (WHERE status IN ('SUCCESS', 'FLAGGED') AND (delivery_state IS NULL OR delivery_state NOT IN ('FAILED', 'BLOCKED_BY_VONAGE'))) AS success,
  count(*) FILTER (WHERE status = 'BLOCKED' OR delivery_state = 'BLOCKED_BY_VONAGE') AS blocked,
  count(*) FILTER (WHERE verify_request_id IS NOT NULL) AS sent,
  count(*) FILTER (WHERE converted_at IS NOT NULL) AS converted`;

const HOUR_MS = 3600_000;

/** The whole hours of [from, rolledUntil) that the rollup answers; an empty range when it has none. */
export function splitPeriod(from: Date, rolledUntil: Date | null): { rolledFrom: Date; rolledTo: Date } {
  const firstWholeHour = new Date(Math.ceil(from.getTime() / HOUR_MS) * HOUR_MS);
  if (!rolledUntil || rolledUntil <= firstWholeHour) return { rolledFrom: from, rolledTo: from };
  return { rolledFrom: firstWholeHour, rolledTo: rolledUntil };
}

// Microsecond-exact cursor text: JavaScript dates would round PostgreSQL's timestamps and skip rows.
const CURSOR_AT = `to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Read-only counting and paging over otp_activity, for the admin dashboard. Every query is a range on created_at
 * (the (created_at, id) index covering the counted columns), so history outside
 * the period costs nothing.
 */
@Injectable()
export class ActivityCountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Whole hours before `rolledUntil` come from the hourly rollup; the rest (the period's first partial
   * hour and everything recent) is counted live from otp_activity.
   */
  async counters(from: Date, to: Date, rolledUntil: Date | null): Promise<ChannelCounts[]> {
    const split = splitPeriod(from, rolledUntil);
    const rows = (await this.dataSource.query(
      `SELECT channel, sum(total) AS total, sum(success) AS success, sum(blocked) AS blocked, sum(sent) AS sent, sum(converted) AS converted
         FROM (
           SELECT channel, ${ACTIVITY_COUNTS}
             FROM otp_activity
            WHERE (created_at >= $1 AND created_at < $3) OR (created_at >= $4 AND created_at <= $2)
            GROUP BY channel
           UNION ALL
           SELECT channel, sum(total), sum(success), sum(blocked), sum(sent), sum(converted)
             FROM activity_hourly
            WHERE bucket >= $3 AND bucket < $4
            GROUP BY channel
         ) AS parts
        GROUP BY channel`,
      [from, to, split.rolledFrom, split.rolledTo],
    )) as Array<Record<string, string>>;
    return rows.map((r) => ({
      channel: r.channel as Channel,
      total: Number(r.total),
      success: Number(r.success),
      blocked: Number(r.blocked),
      sent: Number(r.sent),
      converted: Number(r.converted),
    }));
  }

  async series(from: Date, to: Date, bucket: 'hour' | 'day', rolledUntil: Date | null): Promise<SeriesPoint[]> {
    const unit = bucket === 'hour' ? 'hour' : 'day';
    const split = splitPeriod(from, rolledUntil);
    const rows = (await this.dataSource.query(
      `SELECT bucket, channel, status, sum(count) AS count
         FROM (
           SELECT date_trunc('${unit}', created_at, 'UTC') AS bucket, channel, status, count(*) AS count
             FROM otp_activity
            WHERE (created_at >= $1 AND created_at < $3) OR (created_at >= $4 AND created_at <= $2)
            GROUP BY 1, 2, 3
           UNION ALL
           SELECT date_trunc('${unit}', bucket, 'UTC'), channel, status, sum(total)
             FROM activity_hourly
            WHERE bucket >= $3 AND bucket < $4
            GROUP BY 1, 2, 3
         ) AS parts
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3`,
      [from, to, split.rolledFrom, split.rolledTo],
    )) as Array<{ bucket: Date; channel: Channel; status: string; count: string }>;
    return rows.map((r) => ({ bucket: new Date(r.bucket), channel: r.channel, status: r.status, count: Number(r.count) }));
  }

  /** Newest first, keyset on (created_at, id); each entity comes with its exact cursor position. */
  async activityPage(filters: ActivityFilters, after: Cursor | null, limit: number): Promise<Array<{ entity: ActivityEntity; at: string }>> {
    const qb = this.filtered(filters);
    if (after) qb.andWhere('(a.created_at, a.id) < (:afterAt::timestamptz, :afterId::uuid)', { afterAt: after.at, afterId: after.id });
    const { entities, raw } = await qb
      .addSelect(CURSOR_AT, 'cursor_at')
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit)
      .getRawAndEntities<{ cursor_at: string }>();
    return entities.map((entity, i) => ({ entity, at: raw[i].cursor_at }));
  }

  private filtered(filters: ActivityFilters): SelectQueryBuilder<ActivityEntity> {
    const qb = this.dataSource.getRepository(ActivityEntity).createQueryBuilder('a');
    if (filters.status) qb.andWhere('a.status = :status', { status: filters.status });
    if (filters.channel) qb.andWhere('a.channel = :channel', { channel: filters.channel });
    if (filters.tokenId) qb.andWhere('a.token_id = :tokenId', { tokenId: filters.tokenId });
    if (filters.from) qb.andWhere('a.created_at >= :from', { from: filters.from });
    if (filters.to) qb.andWhere('a.created_at < :to', { to: filters.to });
    return qb;
  }
}
