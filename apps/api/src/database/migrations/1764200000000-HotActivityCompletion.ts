import { MigrationInterface, QueryRunner } from 'typeorm';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Settling an attempt becomes a HOT update: PostgreSQL rewrites the row in its page and writes no
 * index entry, as long as no index names a column the update changes and the page has room. The
 * completion changes status, reason, description, flags, facts, latency, request id, delivery state
 * and the stored secrets; status callbacks and conversions change the delivery state, converted_at
 * and the secrets. So the indexes naming those go, and what they served is read another way:
 *
 * - callbacks find their attempt through verify_request_attempt (request id -> attempt), written by
 *   the statement that gives the attempt its request id; backfilled here from the existing rows;
 * - the expiry sweep reads ix_otp_activity_code_erase on code_erase_at, an erase time each claim sets
 *   (delivery/code-erase-time.ts), from a watermark kept in activity_sweep_mark; rows that stored
 *   a code before this migration get theirs here, the rest stay NULL (out of the partial index);
 * - the interrupted sweep scans (created_at, id) from its own watermark, so the (created_at, id)
 *   index stays and loses the columns it carried for index-only counting (channel and created_at
 *   are fixed, but status, delivery state, request id and converted_at change).
 *
 * fillfactor 80 leaves a fifth of each new page for the updated versions of its rows. The partial
 * index of SHADOW findings stays: its predicate reads flags, so a completion that adds flags is not
 * HOT, but most completions leave them as the claim wrote them (`[]`), which keeps them HOT.
 *
 * The watermarks start below the oldest row each sweep may still have to act on (read through the
 * indexes dropped here), so nothing already due is skipped and the first polls do not walk the
 * history; on an empty table, at the beginning of time (whatever clock the instances keep).
 */
export class HotActivityCompletion1764200000000 implements MigrationInterface {
  name = 'HotActivityCompletion1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE verify_request_attempt (
        verify_request_id varchar(64) NOT NULL,
        activity_id uuid NOT NULL,
        CONSTRAINT pk_verify_request_attempt PRIMARY KEY (verify_request_id)
      )`);
    await q.query(`
      INSERT INTO verify_request_attempt (verify_request_id, activity_id)
      SELECT DISTINCT ON (verify_request_id) verify_request_id, id FROM otp_activity
       WHERE verify_request_id IS NOT NULL
       ORDER BY verify_request_id, created_at, id`);

    await q.query(`ALTER TABLE otp_activity ADD COLUMN code_erase_at timestamptz`);
    // Only for rows an instance of the previous version inserts during a rolling upgrade: new claims set it.
    await q.query(`ALTER TABLE otp_activity ALTER COLUMN code_erase_at SET DEFAULT now() + interval '15 minutes'`);
    await q.query(`
      UPDATE otp_activity SET code_erase_at = GREATEST(COALESCE(otp_expires_at, created_at + interval '15 minutes'), created_at + interval '1 minute')
       WHERE code_ciphertext IS NOT NULL`);
    await q.query(`CREATE INDEX ix_otp_activity_code_erase ON otp_activity (code_erase_at, id) WHERE code_erase_at IS NOT NULL`);

    await q.query(`
      CREATE TABLE activity_sweep_mark (
        sweep varchar(32) NOT NULL,
        swept_until timestamptz NOT NULL,
        swept_until_id uuid NOT NULL,
        CONSTRAINT pk_activity_sweep_mark PRIMARY KEY (sweep)
      )`);
    await q.query(
      `INSERT INTO activity_sweep_mark (sweep, swept_until, swept_until_id)
       SELECT 'code_erase', COALESCE((SELECT min(code_erase_at) FROM otp_activity WHERE code_ciphertext IS NOT NULL) - interval '1 minute', '-infinity'), $1::uuid
       UNION ALL
       SELECT 'interrupted', COALESCE(COALESCE((SELECT min(created_at) FROM otp_activity WHERE status = 'PENDING'), (SELECT max(created_at) FROM otp_activity)) - interval '1 minute', '-infinity'), $1::uuid`,
      [NIL_UUID],
    );

    await q.query(`CREATE INDEX ix_otp_activity_created_id ON otp_activity (created_at, id)`);
    for (const index of ['ix_otp_activity_created_counts', 'ix_otp_activity_verify_request', 'ix_otp_activity_pending_created', 'ix_otp_activity_live_code', 'ix_otp_activity_live_code_untimed']) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query(`ALTER TABLE otp_activity SET (fillfactor = 80)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE otp_activity RESET (fillfactor)`);
    await q.query(`CREATE INDEX ix_otp_activity_live_code_untimed ON otp_activity (created_at) WHERE code_ciphertext IS NOT NULL AND otp_expires_at IS NULL`);
    await q.query(`CREATE INDEX ix_otp_activity_live_code ON otp_activity (otp_expires_at) WHERE code_ciphertext IS NOT NULL`);
    await q.query(`CREATE INDEX ix_otp_activity_pending_created ON otp_activity (created_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX ix_otp_activity_verify_request ON otp_activity (verify_request_id)`);
    await q.query(
      `CREATE INDEX ix_otp_activity_created_counts ON otp_activity (created_at, id) INCLUDE (channel, status, delivery_state, verify_request_id, converted_at)`,
    );
    await q.query('DROP INDEX ix_otp_activity_created_id');
    await q.query('DROP TABLE activity_sweep_mark');
    await q.query('DROP INDEX ix_otp_activity_code_erase');
    await q.query('ALTER TABLE otp_activity DROP COLUMN code_erase_at');
    await q.query('DROP TABLE verify_request_attempt');
  }
}
