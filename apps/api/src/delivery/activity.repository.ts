import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ActivityEntity } from './activity.entity';

export type NewActivity = Omit<ActivityEntity, 'id' | 'convertedAt' | 'deliveryState'> & Partial<Pick<ActivityEntity, 'deliveryState'>>;

@Injectable()
export class ActivityRepository {
  constructor(@InjectRepository(ActivityEntity) private readonly repo: Repository<ActivityEntity>) {}

  /**
   * Claims an Okta call: inserts its first attempt unless one exists for the same token and eventId.
   * Returns null when the call was already claimed (Okta or a proxy repeated it).
   */
  async claim(activity: NewActivity): Promise<ActivityEntity | null> {
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .into(ActivityEntity)
      .values(activity)
      .orIgnore()
      .returning('*')
      .execute();
    const row = result.raw[0] as Record<string, unknown> | undefined;
    return row ? this.repo.findOneByOrFail({ id: row.id as string }) : null;
  }

  insert(activity: NewActivity): Promise<ActivityEntity> {
    return this.repo.save(this.repo.create(activity));
  }

  findFirstAttempt(tokenId: string, oktaEventId: string): Promise<ActivityEntity | null> {
    return this.repo
      .createQueryBuilder('a')
      .where('a.token_id = :tokenId AND a.okta_event_id = :oktaEventId AND a.fallback_of IS NULL', { tokenId, oktaEventId })
      .getOne();
  }

  findById(id: string): Promise<ActivityEntity | null> {
    return this.repo.findOneBy({ id });
  }

  async update(id: string, changes: Partial<ActivityEntity>): Promise<void> {
    await this.repo.update({ id }, changes);
  }
}
