import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fraud guard's temporary refusals, one row per token and scope: the row keeps the scope's
 * last refusal (and its level) after it expires, so a pattern that comes back escalates.
 */
export class CreateFraudRefusals1764180000000 implements MigrationInterface {
  name = 'CreateFraudRefusals1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fraud_refusal (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        token_id uuid NOT NULL,
        scope_kind varchar(24) NOT NULL,
        scope_key varchar(80) NOT NULL,
        scope_label varchar(60) NOT NULL,
        reason_code varchar(40) NOT NULL,
        evidence text NOT NULL,
        level smallint NOT NULL,
        since timestamptz NOT NULL,
        until timestamptz NOT NULL,
        requests_stopped integer NOT NULL DEFAULT 0,
        lifted_at timestamptz,
        CONSTRAINT pk_fraud_refusal PRIMARY KEY (id),
        CONSTRAINT uq_fraud_refusal_scope UNIQUE (token_id, scope_kind, scope_key),
        CONSTRAINT fk_fraud_refusal_token FOREIGN KEY (token_id) REFERENCES token (id) ON DELETE CASCADE,
        CONSTRAINT ck_fraud_refusal_level CHECK (level >= 1)
      )`);
    await q.query('CREATE INDEX ix_fraud_refusal_token_until ON fraud_refusal (token_id, until)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE fraud_refusal');
  }
}
