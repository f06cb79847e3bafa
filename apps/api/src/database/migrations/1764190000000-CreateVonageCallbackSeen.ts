import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each signed Vonage callback is taken once: its token id (jti) is kept, in the database every
 * instance shares, until its iat is too old to be accepted anyway.
 */
export class CreateVonageCallbackSeen1764190000000 implements MigrationInterface {
  name = 'CreateVonageCallbackSeen1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vonage_callback_seen (
        jti text NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT pk_vonage_callback_seen PRIMARY KEY (jti)
      )`);
    await q.query('CREATE INDEX ix_vonage_callback_seen_expires ON vonage_callback_seen (expires_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE vonage_callback_seen');
  }
}
