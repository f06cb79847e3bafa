import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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

// Every statement must finish inside the pool's 1.5 s statement timeout, on a busy machine too: a
// chunk folds about this many attempts (never less than one hour), and a run stops starting chunks
// after its budget, so a long history (a first run, a catch-up after downtime) is folded over a few
// runs instead of failing on the timeout forever, and the job worker is not held up meanwhile.
const CHUNK_ATTEMPTS = 50_000;
const RUN_BUDGET_MS = 5_000;
const HOUR_MS = 3600_000;

/**
 * Folds settled hours of otp_activity into activity_hourly (the dashboard's counters by channel and
 * outcome) and activity_usage_hourly (usage by token and place: spend estimates, conversion by
 * place), both up to one watermark, one chunk per transaction. The state row is locked for each
 * chunk, so concurrent instances fold each hour exactly once.
 */
@Injectable()
export class ActivityRollupRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rolledUntil(): Promise<Date | null> {
    const rows: Array<{ rolled_until: Date }> = await this.dataSource.query('SELECT rolled_until FROM activity_rollup_state WHERE id = 1');
    return rows[0] ? new Date(rows[0].rolled_until) : null;
  }

  /**
   * Rolls whole hours older than the lag, chunk by chunk until done or out of this run's budget;
   * returns the watermark reached (null: no activity yet).
   */
  async rollUp(now: Date): Promise<Date | null> {
    const target = new Date(Math.floor((now.getTime() - ROLLUP_LAG_MS) / HOUR_MS) * HOUR_MS);
    const started = Date.now();
    for (;;) {
      const { watermark, done } = await this.foldNextChunk(target);
      if (done || Date.now() - started > RUN_BUDGET_MS) return watermark;
    }
  }

  private foldNextChunk(target: Date): Promise<{ watermark: Date | null; done: boolean }> {
    return this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO activity_rollup_state (id, rolled_until)
         SELECT 1, date_trunc('hour', min(created_at), 'UTC') FROM otp_activity HAVING min(created_at) IS NOT NULL
         ON CONFLICT (id) DO NOTHING`,
      );
      const state: Array<{ rolled_until: Date }> = await em.query('SELECT rolled_until FROM activity_rollup_state WHERE id = 1 FOR UPDATE');
      if (!state[0]) return { watermark: null, done: true };
      const from = new Date(state[0].rolled_until);
      if (target <= from) return { watermark: from, done: true };
      const until = await this.chunkEnd(em, from, target);
      await em.query(FOLD_OUTCOMES, [from, until]);
      await em.query(FOLD_USAGE, [from, until]);
      await em.query('UPDATE activity_rollup_state SET rolled_until = $1 WHERE id = 1', [until]);
      return { watermark: until, done: until >= target };
    });
  }

  /** The hour after `from` that about CHUNK_ATTEMPTS attempts reach (read off the created_at index), at least one hour on, at most `target`. */
  private async chunkEnd(em: EntityManager, from: Date, target: Date): Promise<Date> {
    const rows: Array<{ at: Date }> = await em.query('SELECT created_at AS at FROM otp_activity WHERE created_at >= $1 ORDER BY created_at OFFSET $2 LIMIT 1', [from, CHUNK_ATTEMPTS]);
    const reached = rows[0] ? Math.floor(new Date(rows[0].at).getTime() / HOUR_MS) * HOUR_MS : target.getTime();
    return new Date(Math.min(target.getTime(), Math.max(from.getTime() + HOUR_MS, reached)));
  }
}
