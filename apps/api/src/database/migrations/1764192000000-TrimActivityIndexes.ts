import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every index on otp_activity is written on each hook call (the completion changes indexed columns,
 * so it is never a HOT update): keep only those a query uses (docs/hook-performance.md has an EXPLAIN
 * for each). The keyset page and the dashboard counters share one (created_at, id) index covering
 * the counted columns; the per-token page keeps (token_id, created_at, id); the status and channel
 * filters scan the created_at index (their selectivity is too low for an index of their own). The
 * expiry sweep gets a small partial index for codes stored without an expiry, so it reads only due rows.
 */
export class TrimActivityIndexes1764192000000 implements MigrationInterface {
  name = 'TrimActivityIndexes1764192000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_otp_activity_created_counts ON otp_activity (created_at, id) INCLUDE (channel, status, delivery_state, verify_request_id, converted_at)`,
    );
    await q.query(`CREATE INDEX ix_otp_activity_live_code_untimed ON otp_activity (created_at) WHERE code_ciphertext IS NOT NULL AND otp_expires_at IS NULL`);
    for (const index of ['ix_otp_activity_created', 'ix_otp_activity_dashboard', 'ix_otp_activity_token_created', 'ix_otp_activity_status_created', 'ix_otp_activity_channel_created']) {
      await q.query(`DROP INDEX ${index}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_otp_activity_channel_created ON otp_activity (channel, created_at DESC)`);
    await q.query(`CREATE INDEX ix_otp_activity_status_created ON otp_activity (status, created_at DESC)`);
    await q.query(`CREATE INDEX ix_otp_activity_token_created ON otp_activity (token_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX ix_otp_activity_dashboard ON otp_activity (created_at) INCLUDE (channel, status, delivery_state, verify_request_id, converted_at)`,
    );
    await q.query(`CREATE INDEX ix_otp_activity_created ON otp_activity (created_at DESC, id DESC)`);
    await q.query('DROP INDEX ix_otp_activity_live_code_untimed');
    await q.query('DROP INDEX ix_otp_activity_created_counts');
  }
}
