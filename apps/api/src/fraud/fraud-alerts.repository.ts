import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FraudAlertSubject } from '@otc/contracts';
import { Repository } from 'typeorm';
import { returningRows } from '../database/returning-rows';
import { FraudAlertEntity } from './fraud-alert.entity';

interface AlertRow {
  id: string;
  subject: FraudAlertSubject;
  attempts: number;
  created_at: Date;
}

@Injectable()
export class FraudAlertsRepository {
  constructor(@InjectRepository(FraudAlertEntity) private readonly repo: Repository<FraudAlertEntity>) {}

  /** Records an alert once per dedupe key, whichever instance gets there first; true when this call did. */
  async enqueue(dedupeKey: string, subject: FraudAlertSubject, now: Date): Promise<boolean> {
    const result = await this.repo.query(
      `INSERT INTO fraud_alert (dedupe_key, kind, token_id, subject, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [dedupeKey, subject.kind, subject.tokenId, JSON.stringify(subject), now],
    );
    return returningRows(result).length > 0;
  }

  /** Leases up to `limit` due alerts to this caller; rows another instance holds are skipped, not waited for. */
  async lease(now: Date, leaseMs: number, limit: number): Promise<Array<Pick<FraudAlertEntity, 'id' | 'subject' | 'attempts' | 'createdAt'>>> {
    const result = await this.repo.query(
      `UPDATE fraud_alert SET leased_until = $2, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM fraud_alert
         WHERE status = 'PENDING' AND next_attempt_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)
         ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING id, subject, attempts, created_at`,
      [now, new Date(now.getTime() + leaseMs), limit],
    );
    return returningRows<AlertRow>(result).map((r) => ({ id: r.id, subject: r.subject, attempts: r.attempts, createdAt: r.created_at }));
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.repo.update({ id }, { status: 'SENT', sentAt: now, leasedUntil: null, lastError: null });
  }

  async markRetry(id: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.repo.update({ id }, { nextAttemptAt, leasedUntil: null, lastError: error.slice(0, 300) });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.repo.update({ id }, { status: 'FAILED', leasedUntil: null, lastError: error.slice(0, 300) });
  }
}
