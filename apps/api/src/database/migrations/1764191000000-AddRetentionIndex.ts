import { MigrationInterface, QueryRunner } from 'typeorm';

/** Retention deletes finished conversion jobs by age: this keeps finding them cheap on a large table. */
export class AddRetentionIndex1764191000000 implements MigrationInterface {
  name = 'AddRetentionIndex1764191000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_conversion_job_finished_updated ON conversion_job (updated_at) WHERE status <> 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_conversion_job_finished_updated');
  }
}
