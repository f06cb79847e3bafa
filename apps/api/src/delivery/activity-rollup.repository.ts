import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ACTIVITY_COUNTS } from './activity-counts.repository';
import { FOLD_PLACES } from './activity-place.repository';

// An attempt settles within minutes (code expiry, Vonage callbacks, conversion); a day is a wide margin.
export const ROLLUP_LAG_MS = 24 * 3600_000;

const FOLD_OUTCOMES = `INSERT INTO activity_hourly (bucket, channel, outcome, total, sent, converted)
  SELECT date_trunc('hour', created_at, 'UTC'), channel, ${ACTIVITY_COUNTS}
    FROM otp_activity
   WHERE created_at >= $1 AND created_at < $2
   GROUP BY 1, 2, 3
  ON CONFLICT (bucket, channel, outcome) DO UPDATE SET
    total = activity_hourly.total + EXCLUDED.total,
    sent = activity_hourly.sent + EXCLUDED.sent,
    converted = activity_hourly.converted + EXCLUDED.converted`;

const FIRST_HOUR = `SELECT date_trunc('hour', min(created_at), 'UTC') AS first FROM otp_activity`;

/**
 * Folds settled hours of otp_activity into activity_hourly (by channel and outcome, for the
 * dashboard) and activity_place_hourly (by token and place, for the fraud page), each up to a
 * watermark of its own. The state row is locked for the run, so concurrent instances fold each
 * hour exactly once.
 */
@Injectable()
export class ActivityRollupRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rolledUntil(): Promise<Date | null> {
    return (await this.watermarks()).outcomes;
  }

  async placeRolledUntil(): Promise<Date | null> {
    return (await this.watermarks()).places;
  }

  /** Rolls every whole hour older than the lag; returns the dashboard's new watermark (null: no activity yet). */
  rollUp(now: Date): Promise<Date | null> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`INSERT INTO activity_rollup_state (id, rolled_until, place_rolled_until) SELECT 1, first, first FROM (${FIRST_HOUR}) AS f WHERE first IS NOT NULL ON CONFLICT (id) DO NOTHING`);
      const state: Array<{ rolled_until: Date; place_rolled_until: Date | null }> = await em.query(
        'SELECT rolled_until, place_rolled_until FROM activity_rollup_state WHERE id = 1 FOR UPDATE',
      );
      if (!state[0]) return null;
      const until = new Date(Math.floor((now.getTime() - ROLLUP_LAG_MS) / 3600_000) * 3600_000);
      const outcomes = await this.fold(em, FOLD_OUTCOMES, new Date(state[0].rolled_until), until);
      // An installation that had the dashboard rollup before the place rollup existed starts it from its first attempt.
      const placesFrom = state[0].place_rolled_until ?? ((await em.query(FIRST_HOUR)) as Array<{ first: Date }>)[0].first;
      const places = await this.fold(em, FOLD_PLACES, new Date(placesFrom), until);
      await em.query('UPDATE activity_rollup_state SET rolled_until = $1, place_rolled_until = $2 WHERE id = 1', [outcomes, places]);
      return outcomes;
    });
  }

  /** Folds [from, until) when it holds a whole hour; returns the watermark after it. */
  private async fold(em: EntityManager, sql: string, from: Date, until: Date): Promise<Date> {
    if (until <= from) return from;
    await em.query(sql, [from, until]);
    return until;
  }

  private async watermarks(): Promise<{ outcomes: Date | null; places: Date | null }> {
    const rows: Array<{ rolled_until: Date; place_rolled_until: Date | null }> = await this.dataSource.query(
      'SELECT rolled_until, place_rolled_until FROM activity_rollup_state WHERE id = 1',
    );
    const date = (value: Date | null | undefined) => (value ? new Date(value) : null);
    return { outcomes: date(rows[0]?.rolled_until), places: date(rows[0]?.place_rolled_until) };
  }
}
