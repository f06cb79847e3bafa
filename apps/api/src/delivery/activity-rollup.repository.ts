import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ACTIVITY_COUNTS } from './activity-counts.repository';
import { FOLD_USAGE } from './activity-usage.repository';

const HOUR_MS = 3600_000;
const MINUTE_MS = 60_000;
// An attempt settles within minutes (code expiry, Vonage callbacks, conversion); a day is a wide margin.
// Older hours are folded a last time and never again.
export const FINAL_LAG_MS = 24 * HOUR_MS;
// Attempts up to the last whole minute but one are folded too, provisionally: the hour in progress as far
// as that minute, refolded each run (about a minute), the whole hours of the last day about once a minute,
// so a change to an attempt shows within a minute. The hook completes an attempt within seconds of
// recording it, so what is folded has its first outcome; only the last minute or two is counted live.
export const RECENT_LAG_MS = MINUTE_MS;
// A little under the housekeeping period: each run of any instance refolds once.
const REFOLD_EVERY_MS = 55_000;
// Catching up a long history: each hour is its own statements (far below the statement timeout at any
// traffic), a day of them one transaction, and a run stops starting days after its budget, so the job
// worker is not held up for long; the next run goes on.
const HOURS_PER_TRANSACTION = 24;
// Days are folded from final hours: a few hundred rollup rows each, a month of them per transaction.
const DAYS_PER_TRANSACTION = 31;
const DAY_MS = 24 * HOUR_MS;
const RUN_BUDGET_MS = 5_000;

const floorHour = (ms: number) => new Date(Math.floor(ms / HOUR_MS) * HOUR_MS);
const floorMinute = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS;
const floorDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** Where the rollups end: attempts before `until` are folded; whole UTC days before `dailyUntil` are in the daily rollups too. */
export interface RollupMarks {
  until: Date | null;
  dailyUntil: Date | null;
}

interface RollupState {
  final_until: Date;
  /** The end of the whole hours folded (an hour boundary, which earlier versions read and refold). */
  provisional_until: Date;
  /** The end of the attempts folded: provisional_until or later within the hour in progress. */
  recent_until: Date | null;
  refolded_at: Date | null;
  /** The end of the days folded into the daily rollups (a UTC day boundary); null before the first. */
  daily_until: Date | null;
}

/**
 * Folds otp_activity into activity_hourly (the dashboard's counters by channel and
 * outcome) and activity_usage_hourly (usage by token and place: token statistics, spend estimates,
 * conversion by place), both by one fold path up to one watermark. A fold replaces an hour's rows of
 * both tables, so refolding an hour is always right; the hour in progress is folded up to the
 * watermark, and its bucket then holds exactly the attempts before it. The state row is locked for each step and
 * instances that find it locked skip the run, so concurrent instances never fold an hour twice at once.
 */
@Injectable()
export class ActivityRollupRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The end of what the rollups answer: attempts before it are folded, and a bucket at or after its
   * hour does not exist; null before the first fold.
   */
  async rolledUntil(): Promise<Date | null> {
    const rows: Array<{ until: Date }> = await this.dataSource.query(
      'SELECT GREATEST(provisional_until, recent_until) AS until FROM activity_rollup_state WHERE id = 1',
    );
    return rows[0] ? new Date(rows[0].until) : null;
  }

  /** Both watermarks in one read; nulls before the first fold. */
  async marks(): Promise<RollupMarks> {
    const rows: Array<{ until: Date; daily_until: Date | null }> = await this.dataSource.query(
      'SELECT GREATEST(provisional_until, recent_until) AS until, daily_until FROM activity_rollup_state WHERE id = 1',
    );
    if (!rows[0]) return { until: null, dailyUntil: null };
    return { until: new Date(rows[0].until), dailyUntil: rows[0].daily_until ? new Date(rows[0].daily_until) : null };
  }

  /**
   * Folds every whole hour older than a day for the last time, younger whole hours and the hour in
   * progress up to the last whole minute but one provisionally, and refolds the provisional hours when
   * their last fold is a minute old, and each day whose hours are all final into the daily rollups; a
   * long catch-up goes on in the next run once this run's budget is spent. Returns the end of the
   * folded attempts (null: no activity yet).
   */
  async rollUp(now: Date): Promise<Date | null> {
    await this.dataSource.query(
      `INSERT INTO activity_rollup_state (id, final_until, provisional_until)
       SELECT 1, first_hour, first_hour FROM (SELECT date_trunc('hour', min(created_at), 'UTC') AS first_hour FROM otp_activity) AS m
        WHERE first_hour IS NOT NULL
       ON CONFLICT (id) DO NOTHING`,
    );
    const started = Date.now();
    while ((await this.dataSource.transaction((em) => this.step(em, now))) && Date.now() - started < RUN_BUDGET_MS);
    return this.rolledUntil();
  }

  /** One step under the state row's lock; true when there is more to fold. */
  private async step(em: EntityManager, now: Date): Promise<boolean> {
    const [state] = (await em.query(
      'SELECT final_until, provisional_until, recent_until, refolded_at, daily_until FROM activity_rollup_state WHERE id = 1 FOR UPDATE SKIP LOCKED',
    )) as RollupState[];
    if (!state) return false;
    const finalUntil = new Date(state.final_until).getTime();
    const provisionalUntil = Math.max(new Date(state.provisional_until).getTime(), finalUntil);
    const recentUntil = Math.max(state.recent_until ? new Date(state.recent_until).getTime() : 0, provisionalUntil);
    const finalTarget = floorHour(now.getTime() - FINAL_LAG_MS).getTime();
    const recentTarget = floorMinute(now.getTime() - RECENT_LAG_MS);
    const provisionalTarget = floorHour(recentTarget).getTime();
    if (finalUntil < finalTarget) {
      const until = Math.min(finalTarget, finalUntil + HOURS_PER_TRANSACTION * HOUR_MS);
      await this.fold(em, finalUntil, until);
      await em.query('UPDATE activity_rollup_state SET final_until = $1, provisional_until = $2 WHERE id = 1', [
        new Date(until),
        new Date(Math.max(until, provisionalUntil)),
      ]);
      return true;
    }
    if (provisionalUntil < provisionalTarget) {
      const until = Math.min(provisionalTarget, provisionalUntil + HOURS_PER_TRANSACTION * HOUR_MS);
      await this.fold(em, provisionalUntil, until);
      await em.query('UPDATE activity_rollup_state SET provisional_until = $1 WHERE id = 1', [new Date(until)]);
      return true;
    }
    if (await this.foldDays(em, state.daily_until, finalUntil)) return true;
    if (recentUntil < recentTarget) {
      await this.fold(em, provisionalTarget, recentTarget);
      await em.query('UPDATE activity_rollup_state SET recent_until = $1 WHERE id = 1', [new Date(recentTarget)]);
    }
    if (state.refolded_at && new Date(state.refolded_at).getTime() > now.getTime() - REFOLD_EVERY_MS) return false;
    await this.fold(em, finalUntil, provisionalUntil);
    await em.query('UPDATE activity_rollup_state SET refolded_at = $1 WHERE id = 1', [now]);
    return false;
  }

  /**
   * Folds the next days whose hours are all final (before `finalUntil`) from the hourly rollups, from
   * `dailyUntil` on (before the first: from the first hour folded). True when it folded any.
   */
  private async foldDays(em: EntityManager, dailyUntil: Date | null, finalUntil: number): Promise<boolean> {
    let from = dailyUntil ? new Date(dailyUntil).getTime() : null;
    if (from === null) {
      const [first] = (await em.query('SELECT min(bucket) AS bucket FROM activity_hourly')) as Array<{ bucket: Date | null }>;
      if (!first.bucket) return false;
      from = floorDay(new Date(first.bucket).getTime());
    }
    const until = Math.min(floorDay(finalUntil), from + DAYS_PER_TRANSACTION * DAY_MS);
    if (until <= from) return false;
    const range = [new Date(from), new Date(until)];
    await em.query(
      `WITH usage AS (DELETE FROM activity_usage_daily WHERE bucket >= $1 AND bucket < $2)
       DELETE FROM activity_daily WHERE bucket >= $1 AND bucket < $2`,
      range,
    );
    await em.query(
      `INSERT INTO activity_daily (bucket, channel, outcome, total, sent, converted)
       SELECT date_trunc('day', bucket, 'UTC'), channel, outcome, sum(total), sum(sent), sum(converted)
         FROM activity_hourly WHERE bucket >= $1 AND bucket < $2
        GROUP BY 1, 2, 3`,
      range,
    );
    await em.query(
      `INSERT INTO activity_usage_daily (bucket, token_id, country, channel, request_kind, attempts, sent, refused, converted)
       SELECT date_trunc('day', bucket, 'UTC'), token_id, country, channel, request_kind, sum(attempts), sum(sent), sum(refused), sum(converted)
         FROM activity_usage_hourly WHERE bucket >= $1 AND bucket < $2
        GROUP BY 1, 2, 3, 4, 5`,
      range,
    );
    await em.query('UPDATE activity_rollup_state SET daily_until = $1 WHERE id = 1', [range[1]]);
    return true;
  }

  /**
   * Replaces both rollups' rows of each hour from `from` (an hour boundary) with a fresh count of its
   * attempts before `until`, hour by hour: the last hour is cut at `until` when that is within it.
   */
  private async fold(em: EntityManager, from: number, until: number): Promise<void> {
    for (let hour = from; hour < until; hour += HOUR_MS) {
      const range = [new Date(hour), new Date(Math.min(hour + HOUR_MS, until))];
      await em.query(
        `WITH usage AS (DELETE FROM activity_usage_hourly WHERE bucket = $1)
         DELETE FROM activity_hourly WHERE bucket = $1`,
        [range[0]],
      );
      await em.query(
        `INSERT INTO activity_hourly (bucket, channel, outcome, total, sent, converted)
         SELECT date_trunc('hour', created_at, 'UTC'), channel, ${ACTIVITY_COUNTS}
           FROM otp_activity
          WHERE created_at >= $1 AND created_at < $2
          GROUP BY 1, 2, 3`,
        range,
      );
      await em.query(FOLD_USAGE, range);
    }
  }
}
