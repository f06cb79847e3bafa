import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dashboard reads that stay fast on tens of millions of attempts.
 *
 * The hourly rollup reaches up to an hour ago instead of a day: hours older than a day are final
 * (folded once more, then never again), younger whole hours are provisional and refolded every
 * minute, so a dashboard counts at most the last hour or two live; activity_usage_hourly (by token
 * and place) follows the same fold, which now replaces an hour's rows instead of adding to them.
 * Derived data only: both are emptied here and refolded by the job worker.
 *
 * `rolled_until` becomes `final_until`: an instance of an earlier version still running during a
 * rolling upgrade then fails its fold loudly instead of adding its totals to provisional hours.
 *
 * The fraud page lists the last 30 days' attempts carrying a SHADOW finding, a few in a thousand:
 * a partial index holds only those. Its predicate must stay the text of SHADOW_FINDING in
 * delivery/activity-counts.repository.ts (dashboard-rollup.integration.spec.ts checks the plan uses it).
 * Every other write to otp_activity pays one evaluation of the predicate and no index write.
 */
export class DashboardReadsAtScale1764199000000 implements MigrationInterface {
  name = 'DashboardReadsAtScale1764199000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM activity_hourly`);
    await q.query(`DELETE FROM activity_usage_hourly`);
    await q.query(`DELETE FROM activity_rollup_state`);
    await q.query(`ALTER TABLE activity_rollup_state RENAME COLUMN rolled_until TO final_until`);
    await q.query(`ALTER TABLE activity_rollup_state ADD COLUMN provisional_until timestamptz NOT NULL, ADD COLUMN refolded_at timestamptz`);
    await q.query(
      `CREATE INDEX ix_otp_activity_shadow_created ON otp_activity (created_at) WHERE flags @? '$[*].detail ? (@ starts with "SHADOW (delivered): ")'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_otp_activity_shadow_created');
    await q.query(`DELETE FROM activity_hourly`);
    await q.query(`DELETE FROM activity_usage_hourly`);
    await q.query(`DELETE FROM activity_rollup_state`);
    await q.query(`ALTER TABLE activity_rollup_state DROP COLUMN refolded_at, DROP COLUMN provisional_until`);
    await q.query(`ALTER TABLE activity_rollup_state RENAME COLUMN final_until TO rolled_until`);
  }
}
