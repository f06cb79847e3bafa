import { MigrationInterface, QueryRunner } from 'typeorm';

// The sections policy version 2 added, at their defaults. A literal, not defaultPolicy(): a
// migration must keep meaning what it meant when it was written, whatever later defaults become.
const V2_SECTIONS = {
  version: 2,
  allowNonGeographicNumbers: false,
  refusalAnswer: 'NO_DELIVERY',
  fraudGuard: { mode: 'ENFORCE', thresholds: {} },
};

/** Stored version 1 policies become version 2: the allowlist turns into a boundary, the fraud guard comes on. */
export class UpgradeTokenPoliciesToV21764175000000 implements MigrationInterface {
  name = 'UpgradeTokenPoliciesToV21764175000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE token SET policy = policy || $1::jsonb, policy_version = 2 WHERE policy_version = 1`, [JSON.stringify(V2_SECTIONS)]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE token SET policy = (policy - 'allowNonGeographicNumbers' - 'refusalAnswer' - 'fraudGuard') || '{"version":1}'::jsonb, policy_version = 1
       WHERE policy_version = 2`,
    );
  }
}
