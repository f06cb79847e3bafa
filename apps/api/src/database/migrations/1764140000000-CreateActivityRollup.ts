import { MigrationInterface, QueryRunner } from 'typeorm';

/** Hourly totals of settled activity, so week- and month-long dashboards do not scan every attempt. */
export class CreateActivityRollup1764140000000 implements MigrationInterface {
  name = 'CreateActivityRollup1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE activity_hourly (
        bucket timestamptz NOT NULL,
        channel varchar(8) NOT NULL,
        status varchar(16) NOT NULL,
        total integer NOT NULL,
        success integer NOT NULL,
        blocked integer NOT NULL,
        sent integer NOT NULL,
        converted integer NOT NULL,
        CONSTRAINT pk_activity_hourly PRIMARY KEY (bucket, channel, status)
      )`);
    await q.query(`
      CREATE TABLE activity_rollup_state (
        id smallint NOT NULL,
        rolled_until timestamptz NOT NULL,
        CONSTRAINT pk_activity_rollup_state PRIMARY KEY (id),
        CONSTRAINT ck_activity_rollup_state_single CHECK (id = 1)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE activity_rollup_state');
    await q.query('DROP TABLE activity_hourly');
  }
}
