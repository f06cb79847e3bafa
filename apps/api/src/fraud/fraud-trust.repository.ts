import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, MoreThan, Repository } from 'typeorm';
import { returningRows } from '../database/returning-rows';
import { FraudTrustEntity } from './fraud-trust.entity';

@Injectable()
export class FraudTrustRepository {
  constructor(@InjectRepository(FraudTrustEntity) private readonly repo: Repository<FraudTrustEntity>) {}

  findUnexpired(now: Date): Promise<FraudTrustEntity[]> {
    return this.repo.find({ where: { expiresAt: MoreThan(now) }, order: { createdAt: 'DESC' }, take: 10_000 });
  }

  /** In the caller's transaction when given (e.g. with its audit entry). */
  add(entry: Omit<FraudTrustEntity, 'id'>, em?: EntityManager): Promise<FraudTrustEntity> {
    const repo = em ? em.getRepository(FraudTrustEntity) : this.repo;
    return repo.save(repo.create(entry));
  }

  /** Deletes an entry; the deleted row, or null when there was none. */
  async remove(id: string, em?: EntityManager): Promise<FraudTrustEntity | null> {
    const result = await (em ?? this.repo.manager).query('DELETE FROM fraud_trust WHERE id = $1 RETURNING id, kind, label, token_id AS "tokenId"', [id]);
    return (returningRows(result)[0] as FraudTrustEntity | undefined) ?? null;
  }
}
