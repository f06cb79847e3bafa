import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { EntityManager, Repository } from 'typeorm';
import { returningRows } from '../database/returning-rows';
import { ConversionJobEntity } from './conversion-job.entity';

interface JobRow {
  id: string;
  kind: ConversionJobEntity['kind'];
  auth_event_id: string | null;
  activity_id: string | null;
  attempts: number;
  lease_id: string;
}

export type ClaimedJob = Pick<ConversionJobEntity, 'id' | 'kind' | 'authEventId' | 'activityId' | 'attempts'> & { leaseId: string };

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

  /** Finishes a leased job; a holder whose lease was taken over finishes nothing. */
  async finish(job: ClaimedJob, status: 'DONE' | 'FAILED', now: Date, error: string | null = null): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(ConversionJobEntity)
      .set({ status, lastError: error, leaseId: null, updatedAt: now })
      .where('id = :id AND lease_id = :leaseId', { id: job.id, leaseId: job.leaseId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async retryAt(job: ClaimedJob, nextAttemptAt: Date, now: Date, error: string): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update(ConversionJobEntity)
      .set({ nextAttemptAt, lastError: error.slice(0, 500), leaseId: null, updatedAt: now })
      .where('id = :id AND lease_id = :leaseId', { id: job.id, leaseId: job.leaseId })
      .execute();
  }

  /** Queues a conversion per auth event inside the caller's transaction; an event already queued is skipped. */
  async enqueueConversions(em: EntityManager, authEventIds: string[], now: Date): Promise<void> {
    if (authEventIds.length === 0) return;
    await em.query(
      `INSERT INTO conversion_job (kind, auth_event_id, status, attempts, next_attempt_at, created_at, updated_at)
       SELECT 'CONVERT', id, 'PENDING', 0, $2, $2, $2 FROM unnest($1::uuid[]) AS id
       ON CONFLICT DO NOTHING`,
      [authEventIds, now],
    );
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
