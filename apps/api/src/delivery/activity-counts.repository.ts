import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SHADOW_FLAG_PREFIX } from '@otc/contracts';
import type { ActivityOutcome, Channel } from '@otc/contracts';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { ActivityEntity } from './activity.entity';
import { outcomeInSql, outcomeSql } from './activity-outcome.sql';
import type { Cursor } from '../common/page';
import type { ActivityFilters } from './activity-filters';
import type { RollupMarks } from './activity-rollup.repository';

/** Attempts of one channel and outcome; `sent` reached Vonage, `converted` were used. */
export interface OutcomeCount {
  channel: Channel;
  outcome: ActivityOutcome;
  total: number;
  sent: number;
  converted: number;
}

/** An attempt of a page with its exact keyset position. */
export interface PageRow {
  entity: ActivityEntity;
  at: string;
}

/** Attempts of one time bucket (hour or day), channel and outcome. */
export interface BucketCount extends OutcomeCount {
  bucket: Date;
}

/** Attempts that reached Vonage, and those Okta reported used: every report counts them alike. */
export const SENT_COUNT = 'count(*) FILTER (WHERE verify_request_id IS NOT NULL)';
export const CONVERTED_COUNT = 'count(*) FILTER (WHERE converted_at IS NOT NULL)';
/** Refused by the token's policy or by the fraud guard. */
export const REFUSED_COUNT = `count(*) FILTER (WHERE ${outcomeInSql(['REFUSED_POLICY', 'REFUSED_FRAUD_GUARD'])})`;

/** A token's attempts over a period: how many, refused (policy or fraud guard), sent through Vonage, converted. */
export interface TokenTotals {
  attempts: number;
  refused: number;
  sent: number;
  converted: number;
}

/** How attempts count on the dashboard, grouped by channel and outcome; the live count and the hourly rollup share it. */
export const ACTIVITY_COUNTS = `${outcomeSql()} AS outcome,
  count(*) AS total,
  ${SENT_COUNT} AS sent,
  ${CONVERTED_COUNT} AS converted`;

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

function toOutcomeCount(r: Record<string, string>): OutcomeCount {
  return { channel: r.channel as Channel, outcome: r.outcome as ActivityOutcome, total: Number(r.total), sent: Number(r.sent), converted: Number(r.converted) };
}

/**
 * The part of [from, to] that the rollup answers, from its first whole hour: up to `rolledUntil` when the
 * period reaches it (the buckets before it hold exactly the attempts before it, the hour in progress
 * included), else up to the period's last whole hour; an empty range when it has none.
 */
export function splitPeriod(from: Date, to: Date, rolledUntil: Date | null): { rolledFrom: Date; rolledTo: Date } {
  const firstWholeHour = new Date(Math.ceil(from.getTime() / HOUR_MS) * HOUR_MS);
  const lastWholeHour = new Date(Math.floor(to.getTime() / HOUR_MS) * HOUR_MS);
  const rolledTo = rolledUntil && rolledUntil <= to ? rolledUntil : lastWholeHour;
  if (!rolledUntil || rolledTo <= firstWholeHour) return { rolledFrom: from, rolledTo: from };
  return { rolledFrom: firstWholeHour, rolledTo };
}

/**
 * Within the rolled part of a period, the whole UTC days the daily rollups answer (those before
 * `dailyUntil`); the hours before and after them come from the hourly rollups. With no such day, an
 * empty range at `rolledTo`, so the hours cover the whole rolled part.
 */
export function splitDays(rolled: { rolledFrom: Date; rolledTo: Date }, dailyUntil: Date | null): { daysFrom: Date; daysTo: Date } {
  const firstDay = Math.ceil(rolled.rolledFrom.getTime() / DAY_MS) * DAY_MS;
  const lastDay = Math.min(Math.floor(rolled.rolledTo.getTime() / DAY_MS) * DAY_MS, dailyUntil ? dailyUntil.getTime() : 0);
  if (lastDay <= firstDay) return { daysFrom: rolled.rolledTo, daysTo: rolled.rolledTo };
  return { daysFrom: new Date(firstDay), daysTo: new Date(lastDay) };
}

/**
 * The parameters of a period split over live rows, hours and days, in this order: from, to, the
 * rolled part's start and end, the days' start and end. The SQL reads [from, rolledFrom) and
 * [rolledTo, to] live, [rolledFrom, daysFrom) and [daysTo, rolledTo) from the hours, [daysFrom, daysTo)
 * from the days (`dailyUntil` null: no days, e.g. for an hourly chart).
 */
export function periodParts(from: Date, to: Date, marks: RollupMarks): Date[] {
  const rolled = splitPeriod(from, to, marks.until);
  const days = splitDays(rolled, marks.dailyUntil);
  return [from, to, rolled.rolledFrom, rolled.rolledTo, days.daysFrom, days.daysTo];
}

/** Whether the rollup can tell where a filtered page's attempts lie: outcome and channel filters (a token's pages and searches have indexes of their own). */
export function rollupNarrows(filters: ActivityFilters): boolean {
  return Boolean(filters.outcomes || filters.channel) && !filters.tokenId && !filters.destinationHash && !filters.oktaUser;
}

/**
 * A flag whose detail starts with SHADOW_FLAG_PREFIX, as a jsonpath literal: the predicate of the
 * partial index ix_otp_activity_shadow_created (migration 1764199000000), which only a query using
 * this exact text can use.
 */
export const SHADOW_FINDING = `'$[*].detail ? (@ starts with "${SHADOW_FLAG_PREFIX}")'`;

// Microsecond-exact cursor text: JavaScript dates would round PostgreSQL's timestamps and skip rows.
const CURSOR_AT = `to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Read-only counting and paging over otp_activity, for the admin dashboard. Counting reads the hourly
 * rollups for folded hours and ranges of created_at for the rest, so history outside the period
 * costs nothing and the period itself costs little more than its first partial hour and last minute or two.
 */
@Injectable()
export class ActivityCountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Counts per time bucket (hour or day), channel and outcome over [from, to]: the days and hours the
   * rollups hold come from them (days only for a chart by day), the rest (the period's first partial
   * hour and the minute or two not folded yet) is counted live, each part a range scan of its own.
   * Counters are the sums over buckets.
   */
  async totals(from: Date, to: Date, unit: 'hour' | 'day', marks: RollupMarks): Promise<BucketCount[]> {
    const params = periodParts(from, to, unit === 'day' ? marks : { ...marks, dailyUntil: null });
    const live = (range: string) =>
      `SELECT date_trunc('${unit}', created_at, 'UTC') AS bucket, channel, ${ACTIVITY_COUNTS} FROM otp_activity WHERE ${range} GROUP BY 1, 2, 3`;
    const rolled = (table: string, range: string) =>
      `SELECT date_trunc('${unit}', bucket, 'UTC'), channel, outcome, total, sent, converted FROM ${table} WHERE ${range}`;
    const rows = (await this.dataSource.query(
      `SELECT bucket, channel, outcome, sum(total) AS total, sum(sent) AS sent, sum(converted) AS converted
         FROM (
           ${live('created_at >= $1 AND created_at < $3')}
           UNION ALL
           ${live('created_at >= $4 AND created_at <= $2')}
           UNION ALL
           ${rolled('activity_hourly', 'bucket >= $3 AND bucket < $5')}
           UNION ALL
           ${rolled('activity_hourly', 'bucket >= $6 AND bucket < $4')}
           UNION ALL
           ${rolled('activity_daily', 'bucket >= $5 AND bucket < $6')}
         ) AS parts
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3`,
      params,
    )) as Array<Record<string, string> & { bucket: Date }>;
    return rows.map((r) => ({ bucket: new Date(r.bucket), ...toOutcomeCount(r) }));
  }

  /** One token's attempts over [from, to]: its folded days and hours from the usage rollups (by token and place), the rest live. */
  async tokenTotals(tokenId: string, from: Date, to: Date, marks: RollupMarks): Promise<TokenTotals> {
    const live = (range: string) =>
      `SELECT count(*) AS attempts, ${REFUSED_COUNT} AS refused, ${SENT_COUNT} AS sent, ${CONVERTED_COUNT} AS converted FROM otp_activity WHERE token_id = $7 AND ${range}`;
    const rolled = (table: string, range: string) => `SELECT attempts, refused, sent, converted FROM ${table} WHERE token_id = $7 AND ${range}`;
    const [row] = (await this.dataSource.query(
      `SELECT sum(attempts) AS attempts, sum(refused) AS refused, sum(sent) AS sent, sum(converted) AS converted
         FROM (
           ${live('created_at >= $1 AND created_at < $3')}
           UNION ALL
           ${live('created_at >= $4 AND created_at <= $2')}
           UNION ALL
           ${rolled('activity_usage_hourly', 'bucket >= $3 AND bucket < $5')}
           UNION ALL
           ${rolled('activity_usage_hourly', 'bucket >= $6 AND bucket < $4')}
           UNION ALL
           ${rolled('activity_usage_daily', 'bucket >= $5 AND bucket < $6')}
         ) AS parts`,
      [...periodParts(from, to, marks), tokenId],
    )) as Array<Record<keyof TokenTotals, string | null>>;
    return { attempts: Number(row.attempts ?? 0), refused: Number(row.refused ?? 0), sent: Number(row.sent ?? 0), converted: Number(row.converted ?? 0) };
  }

  /**
   * Newest first, keyset on (created_at, id); each entity comes with its exact cursor position. With
   * filters the rollup can answer (outcome and channel; a token's pages have their own index) the unfolded hours
   * and the newest folded one are read first, which fills a page for any filter matching a percent
   * of attempts. Otherwise the rollup tells from which hour on enough attempts match (hours without
   * a match are never read: a filter matching nothing in a month reads the last two or three hours).
   * Should the rollup promise more than the scan finds (an attempt changed since its hour was last
   * folded), the scan goes on below, so a page never ends early.
   */
  async activityPage(filters: ActivityFilters, after: Cursor | null, limit: number, rolledUntil: Date | null): Promise<PageRow[]> {
    if (!rolledUntil || !rollupNarrows(filters)) return this.scan(filters, after, null, null, limit);
    const tops = [rolledUntil.getTime(), ...(after ? [Date.parse(after.at)] : []), ...(filters.to ? [filters.to.getTime()] : [])];
    let top = new Date(Math.floor(Math.min(...tops) / HOUR_MS) * HOUR_MS - HOUR_MS);
    const rows = await this.scan(filters, after, null, filters.from && filters.from > top ? filters.from : top, limit);
    for (let below = top; rows.length < limit && !(filters.from && filters.from >= below); below = top) {
      const bound = await this.matchesFrom(filters, top, limit - rows.length);
      rows.push(...(await this.scan(filters, after, below, filters.from && filters.from > bound.from ? filters.from : bound.from, limit - rows.length)));
      if (!bound.moreBelow) break;
      top = bound.from;
    }
    return rows;
  }

  /**
   * From the rollup, over the folded hours before `top` (and from the filter's `from`): the start of
   * the newest hour from which at least `need` attempts match (else of the oldest hour with a match,
   * else `top`), and whether matching hours lie below it.
   */
  private async matchesFrom(filters: ActivityFilters, top: Date, need: number): Promise<{ from: Date; moreBelow: boolean }> {
    const conditions = ['bucket < $1', 'bucket >= $2'];
    const params: unknown[] = [top, filters.from ? new Date(Math.floor(filters.from.getTime() / HOUR_MS) * HOUR_MS) : new Date(0), need];
    if (filters.outcomes) conditions.push(`outcome = ANY($${params.push(filters.outcomes)})`);
    if (filters.channel) conditions.push(`channel = $${params.push(filters.channel)}`);
    const [row] = (await this.dataSource.query(
      `WITH hours AS (
         SELECT bucket, sum(total) AS n FROM activity_hourly
          WHERE ${conditions.join(' AND ')}
          GROUP BY bucket HAVING sum(total) > 0
       ), running AS (SELECT bucket, sum(n) OVER (ORDER BY bucket DESC) AS cum FROM hours)
       SELECT max(bucket) FILTER (WHERE cum >= $3) AS enough, min(bucket) AS oldest FROM running`,
      params,
    )) as Array<{ enough: Date | null; oldest: Date | null }>;
    if (!row.enough) return { from: row.oldest ? new Date(row.oldest) : top, moreBelow: false };
    return { from: new Date(row.enough), moreBelow: row.oldest !== null && new Date(row.oldest) < new Date(row.enough) };
  }

  /** The attempts matching the filters after the cursor, below `below` and from `from` (each when given), newest first. */
  private async scan(filters: ActivityFilters, after: Cursor | null, below: Date | null, from: Date | null, limit: number): Promise<PageRow[]> {
    const qb = this.filtered(filters);
    if (after) qb.andWhere('(a.created_at, a.id) < (:afterAt::timestamptz, :afterId::uuid)', { afterAt: after.at, afterId: after.id });
    if (below) qb.andWhere('a.created_at < :below', { below });
    if (from) qb.andWhere('a.created_at >= :skipFrom', { skipFrom: from });
    const { entities, raw } = await qb
      .addSelect(CURSOR_AT, 'cursor_at')
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit)
      .getRawAndEntities<{ cursor_at: string }>();
    return entities.map((entity, i) => ({ entity, at: raw[i].cursor_at }));
  }

  /** Attempts since `since` carrying a SHADOW finding, newest first: read from their own partial index. */
  findShadowFindings(since: Date, tokenId: string | null, limit: number): Promise<ActivityEntity[]> {
    const query = this.dataSource
      .getRepository(ActivityEntity)
      .createQueryBuilder('a')
      .where('a.created_at >= :since', { since })
      .andWhere(`a.flags @? ${SHADOW_FINDING}`)
      .orderBy('a.created_at', 'DESC')
      .limit(limit);
    if (tokenId) query.andWhere('a.token_id = :tokenId', { tokenId });
    return query.getMany();
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
