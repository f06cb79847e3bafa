import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hourly rollup reaches up to an hour ago instead of a day: hours older than a day are final
 * (folded once more, then never again), younger whole hours are provisional and refolded every
 * minute, so a dashboard counts at most the last hour or two live. A second table keeps the same
 * totals per token, for a token's statistics. Derived data only: emptied here and refolded by the
 * job worker.
 *
 * `rolled_until` becomes `final_until`: an instance of an earlier version still running during a
 * rolling upgrade then fails its fold loudly instead of adding its totals to provisional hours.
 */
export class RollupRecentHoursAndTokens1764199000000 implements MigrationInterface {
  name = 'RollupRecentHoursAndTokens1764199000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM activity_hourly`);
    await q.query(`DELETE FROM activity_rollup_state`);
    await q.query(`ALTER TABLE activity_rollup_state RENAME COLUMN rolled_until TO final_until`);
    await q.query(`ALTER TABLE activity_rollup_state ADD COLUMN provisional_until timestamptz NOT NULL, ADD COLUMN refolded_at timestamptz`);
    await q.query(`
      CREATE TABLE activity_token_hourly (
        token_id uuid NOT NULL,
        bucket timestamptz NOT NULL,
        channel varchar(8) NOT NULL,
        outcome varchar(24) NOT NULL,
        total integer NOT NULL,
        sent integer NOT NULL,
        converted integer NOT NULL,
        CONSTRAINT pk_activity_token_hourly PRIMARY KEY (token_id, bucket, channel, outcome),
        CONSTRAINT fk_activity_token_hourly_token FOREIGN KEY (token_id) REFERENCES token (id) ON DELETE CASCADE
      )`);
    // Each fold replaces one hour of every token.
    await q.query(`CREATE INDEX ix_activity_token_hourly_bucket ON activity_token_hourly (bucket)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE activity_token_hourly');
    await q.query(`DELETE FROM activity_hourly`);
    await q.query(`DELETE FROM activity_rollup_state`);
    await q.query(`ALTER TABLE activity_rollup_state DROP COLUMN refolded_at, DROP COLUMN provisional_until`);
    await q.query(`ALTER TABLE activity_rollup_state RENAME COLUMN final_until TO rolled_until`);
  }
}
