import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Numbers, number blocks and Okta users the fraud guard never refuses. Numbers and users are stored
 * as keyed hashes (the guard's own scope keys), blocks as their leading digits; each entry expires.
 */
export class CreateFraudTrust1764194000000 implements MigrationInterface {
  name = 'CreateFraudTrust1764194000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fraud_trust (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind varchar(8) NOT NULL,
        key varchar(80) NOT NULL,
        label varchar(60) NOT NULL,
        token_id uuid,
        comment varchar(300) NOT NULL,
        created_by varchar(200) NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT pk_fraud_trust PRIMARY KEY (id),
        CONSTRAINT fk_fraud_trust_token FOREIGN KEY (token_id) REFERENCES token (id) ON DELETE CASCADE,
        CONSTRAINT ck_fraud_trust_kind CHECK (kind IN ('NUMBER', 'BLOCK', 'USER'))
      )`);
    await q.query('CREATE INDEX ix_fraud_trust_expires ON fraud_trust (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE fraud_trust');
  }
}
