import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ACTIVITY_COUNTS } from './activity-counts.repository';
import { FOLD_USAGE } from './activity-usage.repository';

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

/**
 * Folds settled hours of otp_activity into activity_hourly (the dashboard's counters by channel and
 * outcome) and activity_usage_hourly (usage by token and place: spend estimates, conversion by
 * place), both up to one watermark. The state row is locked for the run, so concurrent instances
 * fold each hour exactly once.
 */
@Injectable()
export class ActivityRollupRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rolledUntil(): Promise<Date | null> {
    const rows: Array<{ rolled_until: Date }> = await this.dataSource.query('SELECT rolled_until FROM activity_rollup_state WHERE id = 1');
    return rows[0] ? new Date(rows[0].rolled_until) : null;
  }

  /** Rolls every whole hour older than the lag; returns the new watermark (null: no activity yet). */
  rollUp(now: Date): Promise<Date | null> {
    return this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO activity_rollup_state (id, rolled_until)
         SELECT 1, date_trunc('hour', min(created_at), 'UTC') FROM otp_activity HAVING min(created_at) IS NOT NULL
         ON CONFLICT (id) DO NOTHING`,
      );
      const state: Array<{ rolled_until: Date }> = await em.query('SELECT rolled_until FROM activity_rollup_state WHERE id = 1 FOR UPDATE');
      if (!state[0]) return null;
      const from = new Date(state[0].rolled_until);
      const until = new Date(Math.floor((now.getTime() - ROLLUP_LAG_MS) / 3600_000) * 3600_000);
      if (until <= from) return from;
      await em.query(FOLD_OUTCOMES, [from, until]);
      await em.query(FOLD_USAGE, [from, until]);
      await em.query('UPDATE activity_rollup_state SET rolled_until = $1 WHERE id = 1', [until]);
      return until;
    });
  }
}
