import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, MoreThan, Repository } from 'typeorm';
import type { FraudScopeKind } from '@otc/contracts';
import type { Cursor } from '../common/page';
import { returningRows } from '../database/returning-rows';
import { FraudRefusalEntity } from './fraud-refusal.entity';
import type { RefusalState } from './refusal-ladder';

@Injectable()
export class FraudRefusalsRepository {
  constructor(@InjectRepository(FraudRefusalEntity) private readonly repo: Repository<FraudRefusalEntity>) {}

  findActive(tokenId: string | null, now: Date): Promise<FraudRefusalEntity[]> {
    return this.repo.find({ where: { ...(tokenId ? { tokenId } : {}), until: MoreThan(now) }, order: { since: 'DESC' }, take: 1000 });
  }

  /** Refusals in force at some point since `since` (each scope's last one), newest first. */
  findRecent(tokenId: string | null, since: Date): Promise<FraudRefusalEntity[]> {
    return this.repo.find({ where: { ...(tokenId ? { tokenId } : {}), until: MoreThan(since) }, order: { since: 'DESC' }, take: 1000 });
  }

  /**
   * Refusals in force at some point after `endsAfter`, newest first (ix_fraud_refusal_since), after
   * the cursor; each with its exact keyset position (microseconds: a JavaScript date would round them).
   */
  async page(tokenId: string | null, endsAfter: Date, after: Cursor | null, limit: number): Promise<Array<{ entity: FraudRefusalEntity; at: string }>> {
    const qb = this.repo.createQueryBuilder('r').where('r.until > :endsAfter', { endsAfter });
    if (tokenId) qb.andWhere('r.token_id = :tokenId', { tokenId });
    if (after) qb.andWhere('(r.since, r.id) < (:afterAt::timestamptz, :afterId::uuid)', { afterAt: after.at, afterId: after.id });
    const { entities, raw } = await qb
      .addSelect(`to_char(r.since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'cursor_at')
      .orderBy('r.since', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(limit)
      .getRawAndEntities<{ cursor_at: string }>();
    return entities.map((entity, i) => ({ entity, at: raw[i].cursor_at }));
  }

  findScope(tokenId: string, scopeKind: FraudScopeKind, scopeKey: string): Promise<FraudRefusalEntity | null> {
    return this.repo.findOne({ where: { tokenId, scopeKind, scopeKey } });
  }

  findById(id: string): Promise<FraudRefusalEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  /**
   * Writes the scope's new refusal unless another instance opened one that is still active
   * (then that one stands). Returns the row that is in force.
   */
  async open(state: RefusalState): Promise<FraudRefusalEntity> {
    await this.repo.query(
      `INSERT INTO fraud_refusal (token_id, scope_kind, scope_key, scope_label, reason_code, evidence, level, since, until, requests_stopped, lifted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, NULL)
       ON CONFLICT (token_id, scope_kind, scope_key) DO UPDATE SET
         scope_label = EXCLUDED.scope_label, reason_code = EXCLUDED.reason_code, evidence = EXCLUDED.evidence, level = EXCLUDED.level,
         since = EXCLUDED.since, until = EXCLUDED.until, requests_stopped = 0, lifted_at = NULL
       WHERE fraud_refusal.until <= EXCLUDED.since`,
      [state.tokenId, state.scopeKind, state.scopeKey, state.scopeLabel, state.reasonCode, state.evidence, state.level, state.since, state.until],
    );
    return (await this.findScope(state.tokenId, state.scopeKind, state.scopeKey))!;
  }

  /** Adds stopped requests and lets a refusal that climbed a level last longer, never shorter. */
  async addStops(id: string, stops: number, level: number, until: Date): Promise<void> {
    await this.repo.query(
      `UPDATE fraud_refusal SET requests_stopped = requests_stopped + $2, level = GREATEST(level, $3), until = GREATEST(until, $4)
       WHERE id = $1 AND lifted_at IS NULL`,
      [id, stops, level, until],
    );
  }

  /** Ends a refusal now (in the caller's transaction when given, e.g. with its audit entry); true when it was active. */
  async lift(id: string, now: Date, em?: EntityManager): Promise<boolean> {
    const result = await (em ?? this.repo.manager).query(`UPDATE fraud_refusal SET until = $2, lifted_at = $2 WHERE id = $1 AND until > $2 RETURNING id`, [id, now]);
    return returningRows(result).length > 0;
  }
}
