import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hourly attempts, sends and conversions by token, country, channel and request kind, so the fraud
 * page's conversion by place reads months of history without scanning every attempt. It has a
 * watermark of its own: an installation that upgrades starts it from its first attempt, folded by
 * the job worker (not here, so a large history does not hold up the start). The key covers the
 * counts, so a period reads the index alone; that needs the visibility map, so autovacuum visits
 * this insert-only table every 1,000 rows rather than after a fifth of it. `last_converted_at` is the latest conversion of the
 * bucket's sends; the partial index answers "when did this token last convert in this country"
 * with one probe per place.
 */
export class CreateActivityPlaceRollup1764197500000 implements MigrationInterface {
  name = 'CreateActivityPlaceRollup1764197500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_place_hourly (
        bucket timestamptz NOT NULL,
        token_id uuid NOT NULL,
        country varchar(2) NOT NULL,
        channel varchar(8) NOT NULL,
        request_kind varchar(16) NOT NULL,
        attempts integer NOT NULL,
        sent integer NOT NULL,
        converted integer NOT NULL,
        last_converted_at timestamptz,
        CONSTRAINT pk_activity_place_hourly PRIMARY KEY (bucket, token_id, country, channel, request_kind) INCLUDE (attempts, sent, converted)
      ) WITH (autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0)`);
    await q.query(
      `CREATE INDEX ix_activity_place_hourly_last_converted ON activity_place_hourly (token_id, country, last_converted_at DESC) WHERE last_converted_at IS NOT NULL`,
    );
    await q.query(`ALTER TABLE activity_rollup_state ADD COLUMN place_rolled_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE activity_rollup_state DROP COLUMN place_rolled_until');
    await q.query('DROP TABLE activity_place_hourly');
  }
}
