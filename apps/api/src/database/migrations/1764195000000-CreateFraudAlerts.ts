import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fraud alerts outbox: one row per event worth telling (a refusal scope opening, a spend
 * threshold crossed), unique by its dedupe key so that every instance may try to record it; leased
 * with SKIP LOCKED by whichever instance posts it; kept after posting as the record.
 */
export class CreateFraudAlerts1764195000000 implements MigrationInterface {
  name = 'CreateFraudAlerts1764195000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fraud_alert (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        dedupe_key varchar(200) NOT NULL,
        kind varchar(24) NOT NULL,
        token_id uuid,
        subject jsonb NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'PENDING',
        attempts smallint NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        leased_until timestamptz,
        last_error varchar(300),
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        CONSTRAINT pk_fraud_alert PRIMARY KEY (id),
        CONSTRAINT uq_fraud_alert_dedupe UNIQUE (dedupe_key),
        CONSTRAINT ck_fraud_alert_status CHECK (status IN ('PENDING', 'SENT', 'FAILED'))
      )`);
    await q.query(`CREATE INDEX ix_fraud_alert_due ON fraud_alert (next_attempt_at) WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE fraud_alert');
  }
}
