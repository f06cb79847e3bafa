import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rollups reach up to the last whole minute but one instead of the last whole hour but one: the
 * hour in progress is folded as far as `recent_until` (its bucket then holds [hour, recent_until)
 * and is refolded each minute), so a dashboard counts only the last minute or two live.
 *
 * A column of its own rather than a finer `provisional_until`: an instance of an earlier version
 * running during a rolling upgrade keeps reading and refolding whole hours up to `provisional_until`,
 * which stays an hour boundary, and never reads the partial bucket at or after it.
 */
export class FoldRecentMinutes1764202000000 implements MigrationInterface {
  name = 'FoldRecentMinutes1764202000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE activity_rollup_state ADD COLUMN recent_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The partial hour's rows; the earlier version folds that hour whole when its time comes.
    await q.query(`DELETE FROM activity_hourly WHERE bucket >= (SELECT provisional_until FROM activity_rollup_state WHERE id = 1)`);
    await q.query(`DELETE FROM activity_usage_hourly WHERE bucket >= (SELECT provisional_until FROM activity_rollup_state WHERE id = 1)`);
    await q.query(`ALTER TABLE activity_rollup_state DROP COLUMN recent_until`);
  }
}
