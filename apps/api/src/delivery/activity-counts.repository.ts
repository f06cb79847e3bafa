import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ActivityOutcome, Channel } from '@otc/contracts';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { ActivityEntity } from './activity.entity';
import { outcomeInSql, outcomeSql } from './activity-outcome.sql';
import type { Cursor } from '../common/page';
import type { ActivityFilters } from './activity-filters';

/** Attempts of one channel and outcome; `sent` reached Vonage, `converted` were used. */
export interface OutcomeCount {
  channel: Channel;
  outcome: ActivityOutcome;
  total: number;
  sent: number;
  converted: number;
}

export interface SeriesPoint {
  bucket: Date;
  channel: Channel;
  outcome: ActivityOutcome;
  count: number;
}

/** How attempts count on the dashboard, grouped by channel and outcome; the live count and the hourly rollup share it. */
export const ACTIVITY_COUNTS = `${outcomeSql()} AS outcome,
  count(*) AS total,
  count(*) FILTER (WHERE verify_request_id IS NOT NULL) AS sent,
  count(*) FILTER (WHERE converted_at IS NOT NULL) AS converted`;

/** Attempts of one token, destination country (null: unknown) and channel: sent through Vonage, or refused (policy or fraud guard). */
export interface UsageCount {
  tokenId: string;
  country: string | null;
  channel: Channel;
  sent: number;
  refused: number;
}

/** How attempts count for spend estimates; the live count and the hourly usage rollup share it. */
export const USAGE_COUNTS = `count(*) FILTER (WHERE verify_request_id IS NOT NULL) AS sent,
  count(*) FILTER (WHERE ${outcomeInSql(['REFUSED_POLICY', 'REFUSED_FRAUD_GUARD'])}) AS refused`;

const HOUR_MS = 3600_000;

function toOutcomeCount(r: Record<string, string>): OutcomeCount {
  return { channel: r.channel as Channel, outcome: r.outcome as ActivityOutcome, total: Number(r.total), sent: Number(r.sent), converted: Number(r.converted) };
}

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
  async counters(from: Date, to: Date, rolledUntil: Date | null): Promise<OutcomeCount[]> {
    const split = splitPeriod(from, rolledUntil);
    const rows = (await this.dataSource.query(
      `SELECT channel, outcome, sum(total) AS total, sum(sent) AS sent, sum(converted) AS converted
         FROM (
           SELECT channel, ${ACTIVITY_COUNTS}
             FROM otp_activity
            WHERE (created_at >= $1 AND created_at < $3) OR (created_at >= $4 AND created_at <= $2)
            GROUP BY 1, 2
           UNION ALL
           SELECT channel, outcome, sum(total), sum(sent), sum(converted)
             FROM activity_hourly
            WHERE bucket >= $3 AND bucket < $4
            GROUP BY 1, 2
         ) AS parts
        GROUP BY 1, 2`,
      [from, to, split.rolledFrom, split.rolledTo],
    )) as Array<Record<string, string>>;
    return rows.map(toOutcomeCount);
  }

  /** One token's attempts since `from`, by channel and outcome (live: a token's page is not a hot path). */
  async tokenCounts(tokenId: string, from: Date, to: Date): Promise<OutcomeCount[]> {
    const rows = (await this.dataSource.query(
      `SELECT channel, ${ACTIVITY_COUNTS}
         FROM otp_activity
        WHERE token_id = $1 AND created_at >= $2 AND created_at <= $3
        GROUP BY 1, 2`,
      [tokenId, from, to],
    )) as Array<Record<string, string>>;
    return rows.map(toOutcomeCount);
  }

  /**
   * Usage per token, country and channel over [from, to] (one token's, or every token's): settled
   * hours from activity_usage_hourly, the rest counted live, as `counters` does.
   */
  async usage(from: Date, to: Date, rolledUntil: Date | null, tokenId: string | null): Promise<UsageCount[]> {
    const split = splitPeriod(from, rolledUntil);
    const rows = (await this.dataSource.query(
      `SELECT token_id, country, channel, sum(sent) AS sent, sum(refused) AS refused
         FROM (
           SELECT token_id, coalesce(country, '') AS country, channel, ${USAGE_COUNTS}
             FROM otp_activity
            WHERE ((created_at >= $1 AND created_at < $3) OR (created_at >= $4 AND created_at <= $2)) AND ($5::uuid IS NULL OR token_id = $5::uuid)
            GROUP BY 1, 2, 3
           UNION ALL
           SELECT token_id, country, channel, sum(sent), sum(refused)
             FROM activity_usage_hourly
            WHERE bucket >= $3 AND bucket < $4 AND ($5::uuid IS NULL OR token_id = $5::uuid)
            GROUP BY 1, 2, 3
         ) AS parts
        GROUP BY 1, 2, 3`,
      [from, to, split.rolledFrom, split.rolledTo, tokenId],
    )) as Array<Record<string, string>>;
    return rows.map((r) => ({ tokenId: r.token_id, country: r.country || null, channel: r.channel as Channel, sent: Number(r.sent), refused: Number(r.refused) }));
  }

  async series(from: Date, to: Date, bucket: 'hour' | 'day', rolledUntil: Date | null): Promise<SeriesPoint[]> {
    const unit = bucket === 'hour' ? 'hour' : 'day';
    const split = splitPeriod(from, rolledUntil);
    const rows = (await this.dataSource.query(
      `SELECT bucket, channel, outcome, sum(count) AS count
         FROM (
           SELECT date_trunc('${unit}', created_at, 'UTC') AS bucket, channel, ${outcomeSql()} AS outcome, count(*) AS count
             FROM otp_activity
            WHERE (created_at >= $1 AND created_at < $3) OR (created_at >= $4 AND created_at <= $2)
            GROUP BY 1, 2, 3
           UNION ALL
           SELECT date_trunc('${unit}', bucket, 'UTC'), channel, outcome, sum(total)
             FROM activity_hourly
            WHERE bucket >= $3 AND bucket < $4
            GROUP BY 1, 2, 3
         ) AS parts
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3`,
      [from, to, split.rolledFrom, split.rolledTo],
    )) as Array<{ bucket: Date; channel: Channel; outcome: ActivityOutcome; count: string }>;
    return rows.map((r) => ({ bucket: new Date(r.bucket), channel: r.channel, outcome: r.outcome, count: Number(r.count) }));
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
    if (filters.outcomes) qb.andWhere(outcomeInSql(filters.outcomes, 'a'));
    if (filters.destinationHash) qb.andWhere('a.destination_hash = :destinationHash', { destinationHash: filters.destinationHash });
    if (filters.oktaUser) qb.andWhere('(a.okta_user_id = :oktaUser OR lower(a.okta_login) = lower(:oktaUser))', { oktaUser: filters.oktaUser });
    if (filters.channel) qb.andWhere('a.channel = :channel', { channel: filters.channel });
    if (filters.tokenId) qb.andWhere('a.token_id = :tokenId', { tokenId: filters.tokenId });
    if (filters.from) qb.andWhere('a.created_at >= :from', { from: filters.from });
    if (filters.to) qb.andWhere('a.created_at < :to', { to: filters.to });
    return qb;
  }
}
