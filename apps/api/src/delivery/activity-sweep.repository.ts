import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { returningRows } from '../database/returning-rows';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** What one pass of a sweep did: the rows it changed, and whether rows past its scan may be due already. */
export interface SweepPass<T> {
  changed: T[];
  more: boolean;
}

// One sweep, one row of activity_sweep_mark: the (time, id) up to which every row was read. A pass
// reads the rows after the mark in (time, id) order, up to the limit and up to its bound, changes
// those that need it, and moves the mark to the last row it read (the bound when it read fewer than
// the limit), but never past `ceiling` nor backwards. `more`: the limit was reached below the ceiling,
// so rows past the scan may be due already. The mark's row is locked for the statement (SKIP LOCKED:
// instances polling together leave the pass to one of them).
function watermarkPass(sweep: string, scanned: string, changed: string, limit: string, ceiling: string): string {
  return `WITH mark AS (
      SELECT swept_until, swept_until_id FROM activity_sweep_mark WHERE sweep = '${sweep}' FOR UPDATE SKIP LOCKED
    ), scanned AS (${scanned}
    ), changed AS (${changed}
    ), last AS (
      SELECT key_at, id FROM scanned ORDER BY key_at DESC, id DESC LIMIT 1
    ), next AS (
      SELECT CASE WHEN f.advance THEN l.key_at ELSE c.ceiling END AS key_at, CASE WHEN f.advance THEN l.id ELSE '${NIL_UUID}'::uuid END AS id, f.advance
        FROM (SELECT ${ceiling} AS ceiling) c
        LEFT JOIN last l ON true
       CROSS JOIN LATERAL (SELECT COALESCE((SELECT count(*) FROM scanned) >= ${limit} AND (l.key_at, l.id) <= (c.ceiling, '${NIL_UUID}'::uuid), false) AS advance) f
    ), moved AS (
      UPDATE activity_sweep_mark m SET swept_until = next.key_at, swept_until_id = next.id
        FROM next, mark
       WHERE m.sweep = '${sweep}' AND (next.key_at, next.id) > (mark.swept_until, mark.swept_until_id)
    )
    SELECT changed.*, (SELECT advance FROM next) AS more FROM (VALUES (1)) AS one LEFT JOIN changed ON true`;
}

// The expiry sweep: attempts whose erase time (set by the claim) passed and that still store a code.
// Erase times are never earlier than a minute after the claim, when the code is stored (code-erase-time.ts).
const CLAIM_EXPIRED = watermarkPass(
  'code_erase',
  `SELECT a.id, a.code_erase_at AS key_at, a.code_ciphertext IS NOT NULL AS stored FROM otp_activity a
      WHERE (a.code_erase_at, a.id) > ((SELECT swept_until FROM mark), (SELECT swept_until_id FROM mark)) AND a.code_erase_at <= $1
      ORDER BY a.code_erase_at, a.id
      LIMIT $2`,
  `UPDATE otp_activity a
        SET code_ciphertext = NULL, destination_ciphertext = NULL,
            delivery_state = CASE WHEN a.delivery_state IN ('PENDING', 'DELIVERED') THEN 'EXPIRED' ELSE a.delivery_state END
       FROM scanned s
      WHERE a.id = s.id AND s.stored AND a.code_ciphertext IS NOT NULL
      RETURNING a.id, a.verify_request_id`,
  '$2',
  // Never past the database's clock: a test clock ahead of it must not hide rows claimed later.
  'LEAST($1::timestamptz, now())',
);

// The interrupted sweep: attempts still PENDING long after their hook call ended. Its mark stays
// $3 behind the staleness bound: a row claimed by an instance whose clock runs behind may appear
// with a created_at below the bound, and is still read once that row is committed.
const INTERRUPT_STALE = watermarkPass(
  'interrupted',
  `SELECT a.id, a.created_at AS key_at, a.status = 'PENDING' AS pending FROM otp_activity a
      WHERE (a.created_at, a.id) > ((SELECT swept_until FROM mark), (SELECT swept_until_id FROM mark)) AND a.created_at < $1
      ORDER BY a.created_at, a.id
      LIMIT $2`,
  `UPDATE otp_activity a
        SET status = 'FAILED', reason_code = 'INTERRUPTED', description = $4
       FROM scanned s
      WHERE a.id = s.id AND s.pending AND a.status = 'PENDING'
      RETURNING a.id`,
  '$2',
  'LEAST($1::timestamptz, now()) - $3::interval',
);

/** The background sweeps over otp_activity: each reads only rows past its watermark, O(new rows) per poll. */
@Injectable()
export class ActivitySweepRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Erases the stored code and destination of attempts whose erase time is at or before `now`,
   * marking them EXPIRED, in one statement; returns them (what to cancel at Vonage).
   */
  async claimExpired(now: Date, limit: number): Promise<SweepPass<{ id: string; verifyRequestId: string | null }>> {
    const rows = await this.run<{ id: string | null; verify_request_id: string | null }>(CLAIM_EXPIRED, [now, limit]);
    return { changed: rows.changed.map((r) => ({ id: r.id!, verifyRequestId: r.verify_request_id })), more: rows.more };
  }

  /** Marks attempts PENDING since before `staleBefore` FAILED with INTERRUPTED; returns their ids. */
  async interruptStale(staleBefore: Date, skewMs: number, limit: number, description: string): Promise<SweepPass<string>> {
    const rows = await this.run<{ id: string | null }>(INTERRUPT_STALE, [staleBefore, limit, `${skewMs} milliseconds`, description]);
    return { changed: rows.changed.map((r) => r.id!), more: rows.more };
  }

  private async run<Row extends { id: string | null }>(sql: string, values: unknown[]): Promise<SweepPass<Row>> {
    const rows = returningRows<Row & { more: boolean }>(await this.dataSource.query(sql, values));
    return { changed: rows.filter((r) => r.id !== null), more: rows[0]?.more ?? false };
  }
}

/** The sweeps' statements as they run (for bench/activity-indexes.js, which explains them). */
export const SWEEP_STATEMENTS = { claimExpired: CLAIM_EXPIRED, interruptStale: INTERRUPT_STALE };
