import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { returningRows } from '../database/returning-rows';
import { FraudTrustEntity } from './fraud-trust.entity';

@Injectable()
export class FraudTrustRepository {
  constructor(@InjectRepository(FraudTrustEntity) private readonly repo: Repository<FraudTrustEntity>) {}

  findUnexpired(now: Date): Promise<FraudTrustEntity[]> {
    return this.repo.find({ where: { expiresAt: MoreThan(now) }, order: { createdAt: 'DESC' }, take: 10_000 });
  }

  add(entry: Omit<FraudTrustEntity, 'id'>): Promise<FraudTrustEntity> {
    return this.repo.save(this.repo.create(entry));
  }

  /** Deletes an entry; the deleted row, or null when there was none. */
  async remove(id: string): Promise<FraudTrustEntity | null> {
    const result = await this.repo.query('DELETE FROM fraud_trust WHERE id = $1 RETURNING id, kind, label, token_id AS "tokenId"', [id]);
    return (returningRows(result)[0] as FraudTrustEntity | undefined) ?? null;
  }
}
