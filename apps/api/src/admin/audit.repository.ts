import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditEntity } from './audit.entity';

export interface AuditPosition {
  at: Date;
  id: string;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditEntity) private readonly repo: Repository<AuditEntity>) {}

  async append(entry: Omit<AuditEntity, 'id'>, em?: EntityManager): Promise<void> {
    await (em ? em.getRepository(AuditEntity) : this.repo).insert(entry);
  }

  /** Newest first, strictly after `after` in that order (keyset pagination on (at, id)). */
  listNewestFirst(limit: number, after: AuditPosition | null): Promise<AuditEntity[]> {
    const query = this.repo.createQueryBuilder('a').orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').limit(limit);
    if (after) query.where('(a.at, a.id) < (:at, :id)', { at: after.at, id: after.id });
    return query.getMany();
  }
}
