import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTokensAndActivity1764110000000 implements MigrationInterface {
  name = 'CreateTokensAndActivity1764110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE token (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        short_id varchar(12) NOT NULL,
        secret_hash char(64) NOT NULL,
        auth_header_name varchar(100) NOT NULL DEFAULT 'Authorization',
        policy jsonb NOT NULL,
        policy_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        grace_ends_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        rotated_from_id uuid,
        CONSTRAINT pk_token PRIMARY KEY (id),
        CONSTRAINT uq_token_short_id UNIQUE (short_id),
        CONSTRAINT uq_token_secret_hash UNIQUE (secret_hash),
        CONSTRAINT fk_token_rotated_from FOREIGN KEY (rotated_from_id) REFERENCES token (id)
      )`);
    await q.query(`
      CREATE TABLE otp_activity (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        token_id uuid NOT NULL,
        okta_event_id varchar(200) NOT NULL,
        okta_user_id varchar(100),
        request_type varchar(200),
        channel varchar(8) NOT NULL,
        destination_masked varchar(40) NOT NULL,
        destination_hash char(64) NOT NULL,
        country char(2),
        status varchar(16) NOT NULL,
        reason_code varchar(40) NOT NULL,
        description text NOT NULL DEFAULT '',
        flags jsonb NOT NULL DEFAULT '[]',
        facts jsonb NOT NULL DEFAULT '{}',
        latency_ms integer NOT NULL DEFAULT 0,
        verify_request_id varchar(64),
        delivery_state varchar(24),
        code_ciphertext text,
        otp_expires_at timestamptz,
        converted_at timestamptz,
        fallback_of uuid,
        CONSTRAINT pk_otp_activity PRIMARY KEY (id),
        CONSTRAINT fk_otp_activity_token FOREIGN KEY (token_id) REFERENCES token (id),
        CONSTRAINT fk_otp_activity_fallback FOREIGN KEY (fallback_of) REFERENCES otp_activity (id)
      )`);
    // One attempt per Okta call: a repeated eventId finds the first attempt instead of sending again.
    await q.query(
      `CREATE UNIQUE INDEX uq_otp_activity_event ON otp_activity (token_id, okta_event_id) WHERE fallback_of IS NULL`,
    );
    await q.query(`CREATE INDEX ix_otp_activity_created ON otp_activity (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_otp_activity_token_created ON otp_activity (token_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_otp_activity_status_created ON otp_activity (status, created_at DESC)`);
    await q.query(`CREATE INDEX ix_otp_activity_channel_created ON otp_activity (channel, created_at DESC)`);
    await q.query(`CREATE INDEX ix_otp_activity_user_channel ON otp_activity (okta_user_id, channel, created_at DESC)`);
    await q.query(`CREATE INDEX ix_otp_activity_verify_request ON otp_activity (verify_request_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE otp_activity');
    await q.query('DROP TABLE token');
  }
}
