import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hook's claim inserts one otp_activity row per OTP, and its foreign key to `token` made every
 * claim run PostgreSQL's referential check: a `SELECT 1 FROM token ... FOR KEY SHARE` through the
 * trigger queue, which locks the token's row (a WAL record and a dirtied token page per claim, and a
 * multixact when claims of one token overlap, which they do under load). Measured per OTP in
 * docs/hook-performance.md (bench:claim): about a tenth of PostgreSQL's CPU for the claim and
 * completion together.
 *
 * The key bought nothing: tokens are never deleted (revoking, expiring and rotating a token keep
 * its row; no code path, admin route or CLI command deletes one), and the claim takes token_id from
 * the token that authenticated the call, read from that same table. auth_event dropped its key to
 * `token` for the same reasons (1764201000000). The key between an attempt and its voice fallback
 * (fallback_of) stays: it is checked only for fallback attempts, and those are rare.
 */
export class DropActivityTokenKey1764206000000 implements MigrationInterface {
  name = 'DropActivityTokenKey1764206000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE otp_activity DROP CONSTRAINT fk_otp_activity_token');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE otp_activity ADD CONSTRAINT fk_otp_activity_token FOREIGN KEY (token_id) REFERENCES token (id)');
  }
}
