import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sweep that resolves attempts left PENDING by a crash looks only at PENDING rows (a partial
 * index keeps that cheap however large the table grows); readiness proves the database takes a
 * committed write by upserting one row.
 */
export class AddInterruptedSweepAndWriteProbe1764150000000 implements MigrationInterface {
  name = 'AddInterruptedSweepAndWriteProbe1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_otp_activity_pending_created ON otp_activity (created_at) WHERE status = 'PENDING'`);
    await q.query(`
      CREATE TABLE health_write_probe (
        id smallint NOT NULL,
        written_at timestamptz NOT NULL,
        CONSTRAINT pk_health_write_probe PRIMARY KEY (id),
        CONSTRAINT ck_health_write_probe_single CHECK (id = 1)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE health_write_probe');
    await q.query('DROP INDEX ix_otp_activity_pending_created');
  }
}
