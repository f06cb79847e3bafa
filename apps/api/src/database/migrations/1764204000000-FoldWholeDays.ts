import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily rollups beside the hourly ones, so reads over 7 and 30 days sum a row per day instead of 24:
 * activity_daily (by channel and outcome, the dashboard's counters and chart) and activity_usage_daily
 * (by token and place: token statistics, spend estimates, conversion by place). A day is folded from
 * its final hours (older than a day, never refolded) once all of them are final, and `daily_until`
 * (a UTC day boundary) says how far the days reach; reads take whole days before it from here, and
 * hours from the hourly rollups as before.
 *
 * A watermark of its own rather than folding days with `final_until`: an instance of an earlier
 * version running during a rolling upgrade advances `final_until` without writing days, and the days
 * it left out are then read from the hours until an instance of this version folds them.
 *
 * Derived data only: both start empty and the job worker folds the days from the hourly rollups.
 * The fraud page's recent refusals come in pages, newest first: an index in that order.
 */
export class FoldWholeDays1764204000000 implements MigrationInterface {
  name = 'FoldWholeDays1764204000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_daily (
        bucket timestamptz NOT NULL,
        channel varchar(8) NOT NULL,
        outcome varchar(24) NOT NULL,
        total integer NOT NULL,
        sent integer NOT NULL,
        converted integer NOT NULL,
        CONSTRAINT pk_activity_daily PRIMARY KEY (bucket, channel, outcome)
      )`);
    await q.query(`
      CREATE TABLE activity_usage_daily (
        bucket timestamptz NOT NULL,
        token_id uuid NOT NULL,
        country varchar(2) NOT NULL,
        channel varchar(8) NOT NULL,
        request_kind varchar(16) NOT NULL,
        attempts integer NOT NULL,
        sent integer NOT NULL,
        refused integer NOT NULL,
        converted integer NOT NULL,
        CONSTRAINT pk_activity_usage_daily PRIMARY KEY (bucket, token_id, country, channel, request_kind) INCLUDE (attempts, sent, refused, converted)
      ) WITH (autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0)`);
    await q.query(`ALTER TABLE activity_rollup_state ADD COLUMN daily_until timestamptz`);
    await q.query(`CREATE INDEX ix_fraud_refusal_since ON fraud_refusal (since DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_fraud_refusal_since');
    await q.query(`ALTER TABLE activity_rollup_state DROP COLUMN daily_until`);
    await q.query('DROP TABLE activity_usage_daily');
    await q.query('DROP TABLE activity_daily');
  }
}
