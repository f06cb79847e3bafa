import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Token policies become editable in place (a revision counter and the time of the last edit); the
 * hourly rollup counts by outcome (what admins see) instead of by raw status, and attempts can be found
 * by the keyed hash of their number or by the user's Okta login. The rollup holds only derived data: it is emptied and refolded.
 */
export class AddPolicyRevisionAndOutcomeRollup1764170000000 implements MigrationInterface {
  name = 'AddPolicyRevisionAndOutcomeRollup1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE token ADD COLUMN policy_revision integer NOT NULL DEFAULT 1, ADD COLUMN policy_updated_at timestamptz`);
    await q.query(`CREATE INDEX ix_token_rotated_from ON token (rotated_from_id) WHERE rotated_from_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_otp_activity_destination_created ON otp_activity (destination_hash, created_at DESC)`);
    await q.query(`ALTER TABLE otp_activity ADD COLUMN okta_login varchar(200)`);
    await q.query(`CREATE INDEX ix_otp_activity_login_created ON otp_activity (lower(okta_login), created_at DESC)`);
    await q.query(`DELETE FROM activity_hourly`);
    await q.query(`DELETE FROM activity_rollup_state`);
    await q.query(`ALTER TABLE activity_hourly DROP CONSTRAINT pk_activity_hourly`);
    await q.query(`ALTER TABLE activity_hourly DROP COLUMN status, DROP COLUMN success, DROP COLUMN blocked`);
    await q.query(`ALTER TABLE activity_hourly ADD COLUMN outcome varchar(24) NOT NULL`);
    await q.query(`ALTER TABLE activity_hourly ADD CONSTRAINT pk_activity_hourly PRIMARY KEY (bucket, channel, outcome)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM activity_hourly`);
    await q.query(`DELETE FROM activity_rollup_state`);
    await q.query(`ALTER TABLE activity_hourly DROP CONSTRAINT pk_activity_hourly`);
    await q.query(`ALTER TABLE activity_hourly DROP COLUMN outcome`);
    await q.query(
      `ALTER TABLE activity_hourly ADD COLUMN status varchar(16) NOT NULL, ADD COLUMN success integer NOT NULL, ADD COLUMN blocked integer NOT NULL`,
    );
    await q.query(`ALTER TABLE activity_hourly ADD CONSTRAINT pk_activity_hourly PRIMARY KEY (bucket, channel, status)`);
    await q.query(`DROP INDEX ix_otp_activity_login_created`);
    await q.query(`ALTER TABLE otp_activity DROP COLUMN okta_login`);
    await q.query(`DROP INDEX ix_otp_activity_destination_created`);
    await q.query(`DROP INDEX ix_token_rotated_from`);
    await q.query(`ALTER TABLE token DROP COLUMN policy_updated_at, DROP COLUMN policy_revision`);
  }
}
