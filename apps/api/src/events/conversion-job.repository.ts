import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { Repository } from 'typeorm';
import { returningRows } from '../database/returning-rows';
import { ConversionJobEntity, JobStatus } from './conversion-job.entity';

interface JobRow {
  id: string;
  kind: ConversionJobEntity['kind'];
  auth_event_id: string | null;
  activity_id: string | null;
  attempts: number;
  lease_id: string;
}

export type ClaimedJob = Pick<ConversionJobEntity, 'id' | 'kind' | 'authEventId' | 'activityId' | 'attempts'> & { leaseId: string };

/** How a leased job's run ends: finished, failed for good, or due again (null: unchanged). */
export interface JobOutcome {
  job: ClaimedJob;
  status: JobStatus;
  nextAttemptAt: Date | null;
  error: string | null;
  uncounted: boolean;
}

@Injectable()
export class ConversionJobRepository {
  constructor(@InjectRepository(ConversionJobEntity) private readonly repo: Repository<ConversionJobEntity>) {}

  /**
   * Leases due jobs in one statement: SKIP LOCKED keeps concurrent instances on disjoint jobs and the
   * lease (next_attempt_at pushed to `leaseUntil`) hides them until finished, or until a crashed
   * holder's lease runs out and another instance takes over.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedJob[]> {
    const leaseId = randomUUID();
    const rows = returningRows<JobRow>(
      await this.repo.query(
        `UPDATE conversion_job j
            SET attempts = j.attempts + 1, next_attempt_at = $2, lease_id = $3, updated_at = $1
          WHERE j.id IN (
            SELECT id FROM conversion_job
             WHERE status = 'PENDING' AND next_attempt_at <= $1
             ORDER BY next_attempt_at
             LIMIT $4
             FOR UPDATE SKIP LOCKED)
          RETURNING j.id, j.kind, j.auth_event_id, j.activity_id, j.attempts, j.lease_id`,
        [now, leaseUntil, leaseId, limit],
      ),
    );
    return rows.map((r) => ({ id: r.id, kind: r.kind, authEventId: r.auth_event_id, activityId: r.activity_id, attempts: r.attempts, leaseId: r.lease_id }));
  }

  /**
   * Ends each leased job's run in one statement: DONE, FAILED, or PENDING again at `nextAttemptAt`
   * (`uncounted`: the run does not count as an attempt). Jobs whose lease was taken over are left
   * alone; returns the ids that were settled.
   */
  async settle(outcomes: JobOutcome[], now: Date): Promise<Set<string>> {
    if (outcomes.length === 0) return new Set();
    const column = <T>(pick: (o: JobOutcome) => T) => outcomes.map(pick);
    const rows = returningRows<{ id: string }>(
      await this.repo.query(
        `UPDATE conversion_job j
            SET status = o.status, attempts = j.attempts - o.uncounted, next_attempt_at = COALESCE(o.next_attempt_at, j.next_attempt_at),
                last_error = o.error, lease_id = NULL, updated_at = $1
           FROM unnest($2::uuid[], $3::uuid[], $4::varchar[], $5::integer[], $6::timestamptz[], $7::text[])
             AS o(id, lease_id, status, uncounted, next_attempt_at, error)
          WHERE j.id = o.id AND j.lease_id = o.lease_id
          RETURNING j.id`,
        [
          now,
          column((o) => o.job.id),
          column((o) => o.job.leaseId),
          column((o) => o.status),
          column((o) => (o.uncounted ? 1 : 0)),
          column((o) => o.nextAttemptAt),
          column((o) => o.error?.slice(0, 500) ?? null),
        ],
      ),
    );
    return new Set(rows.map((r) => r.id));
  }

  async enqueueCancels(activityIds: string[], now: Date): Promise<void> {
    if (activityIds.length === 0) return;
    await this.repo.query(
      `INSERT INTO conversion_job (kind, activity_id, status, attempts, next_attempt_at, created_at, updated_at)
       SELECT 'CANCEL', id, 'PENDING', 0, $2, $2, $2 FROM unnest($1::uuid[]) AS id
       ON CONFLICT DO NOTHING`,
      [activityIds, now],
    );
  }

  async countPendingByKind(): Promise<Record<string, number>> {
    const rows: Array<{ kind: string; count: string }> = await this.repo.query(
      `SELECT kind, count(*) AS count FROM conversion_job WHERE status = 'PENDING' GROUP BY kind`,
    );
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.count)]));
  }
}
