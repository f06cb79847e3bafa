import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hourly usage per token, destination country, channel and Okta request kind: attempts, what
 * reached Vonage, what refusals stopped, what Okta reported used and the latest such conversion.
 * Folded with activity_hourly in the same run, up to the same watermark, so spend estimates and
 * conversion by place over weeks and months read settled hours from here instead of every attempt.
 * An unknown country is '' (a key column cannot be null). Hours already folded into activity_hourly
 * are backfilled from otp_activity here.
 *
 * The key covers the counts, so a period reads the index alone; that needs the visibility map, so
 * autovacuum visits this insert-only table every 1,000 rows rather than after a fifth of it. The
 * partial index answers "when did this token last convert in this country" with one probe per place.
 * The request kinds are libs/contracts' REQUEST_KIND_OF_TYPE as of this migration.
 */
export class CreateActivityUsageRollup1764196000000 implements MigrationInterface {
  name = 'CreateActivityUsageRollup1764196000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_usage_hourly (
        bucket timestamptz NOT NULL,
        token_id uuid NOT NULL,
        country varchar(2) NOT NULL,
        channel varchar(8) NOT NULL,
        request_kind varchar(16) NOT NULL,
        attempts integer NOT NULL,
        sent integer NOT NULL,
        refused integer NOT NULL,
        converted integer NOT NULL,
        last_converted_at timestamptz,
        CONSTRAINT pk_activity_usage_hourly PRIMARY KEY (bucket, token_id, country, channel, request_kind) INCLUDE (attempts, sent, refused, converted)
      ) WITH (autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0)`);
    await q.query(
      `CREATE INDEX ix_activity_usage_hourly_last_converted ON activity_usage_hourly (token_id, country, last_converted_at DESC) WHERE last_converted_at IS NOT NULL`,
    );
    await q.query(`
      INSERT INTO activity_usage_hourly (bucket, token_id, country, channel, request_kind, attempts, sent, refused, converted, last_converted_at)
      SELECT date_trunc('hour', created_at, 'UTC'), token_id, coalesce(country::text, ''), channel,
             CASE request_type
               WHEN 'com.okta.user.telephony.pre-enrollment' THEN 'ENROLLMENT'
               WHEN 'com.okta.user.telephony.mfa-verification' THEN 'VERIFICATION'
               WHEN 'com.okta.user.telephony.account-unlock' THEN 'ACCOUNT_UNLOCK'
               WHEN 'com.okta.user.telephony.password-reset' THEN 'PASSWORD_RESET'
               ELSE 'OTHER'
             END,
             count(*), count(*) FILTER (WHERE verify_request_id IS NOT NULL), count(*) FILTER (WHERE status = 'BLOCKED'),
             count(*) FILTER (WHERE converted_at IS NOT NULL), max(converted_at)
        FROM otp_activity
       WHERE created_at < (SELECT rolled_until FROM activity_rollup_state WHERE id = 1)
       GROUP BY 1, 2, 3, 4, 5`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE activity_usage_hourly');
  }
}
