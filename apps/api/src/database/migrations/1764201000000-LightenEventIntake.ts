import { MigrationInterface, QueryRunner } from 'typeorm';
import { lz4Available } from './1764199100000-StoreEventDeliveriesAsSent';

/**
 * The event intake stores 100 auth_event rows (10 of them with a conversion job) and a raw body of
 * about 190 kB per Okta delivery. Measured per delivery (docs/hook-performance.md, bench:intake):
 *
 * - Foreign keys from auth_event to `token` and `okta_event_delivery`, and from conversion_job to
 *   auth_event, were checked one row at a time (210 lookups) and bought nothing: the intake takes
 *   them from the authenticated token and from rows it inserts in the same statement, tokens and
 *   auth events are never deleted. The delivery key also made retention slow: each deleted raw
 *   delivery set `delivery_id` to NULL on its events through an unindexed scan of auth_event. The
 *   id now names the raw delivery while retention keeps it.
 * - The raw body was checked as JSON by the server after the connector had parsed it: now text.
 *   This rewrites okta_event_delivery (the raw deliveries retention keeps) once.
 */
export class LightenEventIntake1764201000000 implements MigrationInterface {
  name = 'LightenEventIntake1764201000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE auth_event DROP CONSTRAINT fk_auth_event_token, DROP CONSTRAINT fk_auth_event_delivery');
    await q.query('ALTER TABLE conversion_job DROP CONSTRAINT fk_conversion_job_auth_event');
    await q.query('ALTER TABLE okta_event_delivery ALTER COLUMN body TYPE text USING body::text');
    // A new type starts with the default compression.
    if (await lz4Available(q)) await q.query('ALTER TABLE okta_event_delivery ALTER COLUMN body SET COMPRESSION lz4');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE okta_event_delivery ALTER COLUMN body TYPE json USING body::json');
    if (await lz4Available(q)) await q.query('ALTER TABLE okta_event_delivery ALTER COLUMN body SET COMPRESSION lz4');
    // What ON DELETE SET NULL would have done for the deliveries retention removed since.
    await q.query(`UPDATE auth_event e SET delivery_id = NULL WHERE delivery_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM okta_event_delivery d WHERE d.id = e.delivery_id)`);
    await q.query('ALTER TABLE conversion_job ADD CONSTRAINT fk_conversion_job_auth_event FOREIGN KEY (auth_event_id) REFERENCES auth_event (id)');
    await q.query('ALTER TABLE auth_event ADD CONSTRAINT fk_auth_event_token FOREIGN KEY (token_id) REFERENCES token (id)');
    await q.query('ALTER TABLE auth_event ADD CONSTRAINT fk_auth_event_delivery FOREIGN KEY (delivery_id) REFERENCES okta_event_delivery (id) ON DELETE SET NULL');
  }
}
