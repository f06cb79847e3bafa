import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEventsAndConversions1764130000000 implements MigrationInterface {
  name = 'CreateEventsAndConversions1764130000000';

  async up(q: QueryRunner): Promise<void> {
    // Raw Okta event hook deliveries, kept as received; the unique key dedupes Okta's redeliveries.
    await q.query(`
      CREATE TABLE okta_event_delivery (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        token_id uuid NOT NULL,
        event_id varchar(200) NOT NULL,
        received_at timestamptz NOT NULL,
        event_count integer NOT NULL,
        body jsonb NOT NULL,
        CONSTRAINT pk_okta_event_delivery PRIMARY KEY (id),
        CONSTRAINT uq_okta_event_delivery_event UNIQUE (token_id, event_id),
        CONSTRAINT fk_okta_event_delivery_token FOREIGN KEY (token_id) REFERENCES token (id)
      )`);
    await q.query(`CREATE INDEX ix_okta_event_delivery_received ON okta_event_delivery (received_at)`);
    // One row per System Log event (dedupe on uuid), plus the connector's own CONVERSION records.
    await q.query(`
      CREATE TABLE auth_event (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        token_id uuid NOT NULL,
        delivery_id uuid,
        event_uuid varchar(200) NOT NULL,
        published timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        event_type varchar(200) NOT NULL,
        factor varchar(40),
        outcome varchar(40) NOT NULL,
        okta_user_id varchar(100),
        request_id varchar(200),
        reason text,
        activity_id uuid,
        CONSTRAINT pk_auth_event PRIMARY KEY (id),
        CONSTRAINT uq_auth_event_uuid UNIQUE (token_id, event_uuid),
        CONSTRAINT fk_auth_event_token FOREIGN KEY (token_id) REFERENCES token (id),
        CONSTRAINT fk_auth_event_delivery FOREIGN KEY (delivery_id) REFERENCES okta_event_delivery (id) ON DELETE SET NULL,
        CONSTRAINT fk_auth_event_activity FOREIGN KEY (activity_id) REFERENCES otp_activity (id)
      )`);
    await q.query(`CREATE INDEX ix_auth_event_published ON auth_event (published DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_auth_event_token_published ON auth_event (token_id, published DESC, id DESC)`);
    // "Did this user sign in with SMS/voice since the message went out?" (fallback guard).
    await q.query(`CREATE INDEX ix_auth_event_user_published ON auth_event (okta_user_id, published DESC) WHERE factor IN ('SMS_FACTOR', 'CALL_FACTOR')`);
    // Durable work queue: conversions (Verify check) and cancellations of expired requests.
    await q.query(`
      CREATE TABLE conversion_job (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind varchar(16) NOT NULL,
        auth_event_id uuid,
        activity_id uuid,
        status varchar(12) NOT NULL DEFAULT 'PENDING',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        lease_id uuid,
        last_error text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_conversion_job PRIMARY KEY (id),
        CONSTRAINT ck_conversion_job_kind CHECK (kind IN ('CONVERT', 'CANCEL')),
        CONSTRAINT ck_conversion_job_status CHECK (status IN ('PENDING', 'DONE', 'FAILED')),
        CONSTRAINT fk_conversion_job_auth_event FOREIGN KEY (auth_event_id) REFERENCES auth_event (id),
        CONSTRAINT fk_conversion_job_activity FOREIGN KEY (activity_id) REFERENCES otp_activity (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_conversion_job_convert ON conversion_job (auth_event_id) WHERE kind = 'CONVERT'`);
    await q.query(`CREATE UNIQUE INDEX uq_conversion_job_cancel ON conversion_job (activity_id) WHERE kind = 'CANCEL'`);
    await q.query(`CREATE INDEX ix_conversion_job_due ON conversion_job (next_attempt_at) WHERE status = 'PENDING'`);

    // The destination, encrypted like the code, kept only while a voice fallback may still be needed.
    await q.query(`ALTER TABLE otp_activity ADD COLUMN destination_ciphertext text`);
    // At most one voice fallback per SMS attempt, whoever triggers it and however often.
    await q.query(`CREATE UNIQUE INDEX uq_otp_activity_fallback ON otp_activity (fallback_of) WHERE fallback_of IS NOT NULL`);
    // The expiry sweep reads only rows that still hold a code: a small, hot partial index.
    await q.query(`CREATE INDEX ix_otp_activity_live_code ON otp_activity (otp_expires_at) WHERE code_ciphertext IS NOT NULL`);
    // Dashboard counters and series: an index-only range scan on created_at.
    await q.query(
      `CREATE INDEX ix_otp_activity_dashboard ON otp_activity (created_at) INCLUDE (channel, status, delivery_state, verify_request_id, converted_at)`,
    );
    await q.query(`CREATE INDEX ix_otp_activity_token_created_id ON otp_activity (token_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_otp_activity_token_created_id');
    await q.query('DROP INDEX ix_otp_activity_dashboard');
    await q.query('DROP INDEX ix_otp_activity_live_code');
    await q.query('DROP INDEX uq_otp_activity_fallback');
    await q.query('ALTER TABLE otp_activity DROP COLUMN destination_ciphertext');
    await q.query('DROP TABLE conversion_job');
    await q.query('DROP TABLE auth_event');
    await q.query('DROP TABLE okta_event_delivery');
  }
}
