import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fraud page lists the last 30 days' attempts carrying a SHADOW finding: a few in a thousand.
 * Without an index that read walks every attempt of the month (millions at scale); this partial
 * index holds only those attempts. Its predicate must stay the text of SHADOW_FINDING in
 * delivery/activity.repository.ts (an integration spec checks the plan uses it). Costs each other
 * insert and update one evaluation of the predicate, no index write.
 */
export class IndexShadowFindings1764199100000 implements MigrationInterface {
  name = 'IndexShadowFindings1764199100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_otp_activity_shadow_created ON otp_activity (created_at) WHERE flags @? '$[*].detail ? (@ starts with "SHADOW (delivered): ")'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_otp_activity_shadow_created');
  }
}
