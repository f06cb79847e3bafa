import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hourly usage per token, destination country and channel (what reached Vonage, what refusals
 * stopped), folded with activity_hourly in the same run, so spend estimates over weeks and months
 * read settled hours from here instead of every attempt. An unknown country is ''. Hours already
 * folded into activity_hourly are backfilled from otp_activity here.
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
        sent integer NOT NULL,
        refused integer NOT NULL,
        CONSTRAINT pk_activity_usage_hourly PRIMARY KEY (bucket, token_id, country, channel)
      )`);
    await q.query(`
      INSERT INTO activity_usage_hourly (bucket, token_id, country, channel, sent, refused)
      SELECT date_trunc('hour', created_at, 'UTC'), token_id, coalesce(country, ''), channel,
             count(*) FILTER (WHERE verify_request_id IS NOT NULL), count(*) FILTER (WHERE status = 'BLOCKED')
        FROM otp_activity
       WHERE created_at < (SELECT rolled_until FROM activity_rollup_state WHERE id = 1)
       GROUP BY 1, 2, 3, 4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE activity_usage_hourly');
  }
}
