import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, MoreThan, Repository } from 'typeorm';
import { AdminSessionEntity } from './admin-session.entity';

@Injectable()
export class AdminSessionsRepository {
  constructor(@InjectRepository(AdminSessionEntity) private readonly repo: Repository<AdminSessionEntity>) {}

  async open(session: AdminSessionEntity): Promise<void> {
    await this.repo.insert(session);
  }

  /** The session if it is neither ended nor expired at `now`. */
  findLive(jti: string, now: Date): Promise<AdminSessionEntity | null> {
    return this.repo.findOne({ where: { jti, revokedAt: IsNull(), expiresAt: MoreThan(now) } });
  }

  async end(jti: string, at: Date): Promise<void> {
    await this.repo.update({ jti, revokedAt: IsNull() }, { revokedAt: at });
  }

  async deleteExpiredBefore(cutoff: Date): Promise<void> {
    await this.repo.delete({ expiresAt: LessThan(cutoff) });
  }
}
