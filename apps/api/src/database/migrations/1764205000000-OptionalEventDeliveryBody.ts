import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An operator may choose not to keep raw Okta deliveries (`EVENT_DELIVERY_RETENTION_DAYS=0`): the
 * delivery's record (eventId, event count, time) is still stored, so a redelivery is still recognised,
 * without its body. A catalogue change only: no row is rewritten.
 */
export class OptionalEventDeliveryBody1764205000000 implements MigrationInterface {
  name = 'OptionalEventDeliveryBody1764205000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE okta_event_delivery ALTER COLUMN body DROP NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE okta_event_delivery SET body = '' WHERE body IS NULL`);
    await q.query('ALTER TABLE okta_event_delivery ALTER COLUMN body SET NOT NULL');
  }
}
