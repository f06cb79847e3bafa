import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AUTH_VIA_MFA } from './event-hook-request';
import { CONVERTIBLE_FACTORS } from './convertible';
import { AuthEventEntity } from './auth-event.entity';
import type { Cursor } from '../common/page';
import type { AuthEventFilters } from './auth-event-filters';

/** The event type of the connector's own conversion records, kept apart from Okta's events. */
export const CONVERSION_EVENT_TYPE = 'connector.conversion';

export interface ConversionRecord {
  tokenId: string;
  source: AuthEventEntity;
  outcome: 'SUCCESS' | 'FAILURE' | 'UNMATCHED';
  reason: string;
  activityId: string | null;
  at: Date;
}

@Injectable()
export class AuthEventRepository {
  constructor(@InjectRepository(AuthEventEntity) private readonly repo: Repository<AuthEventEntity>) {}

  findById(id: string): Promise<AuthEventEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** The events with these ids, by id (missing ids are absent). */
  async findByIds(ids: string[]): Promise<Map<string, AuthEventEntity>> {
    const found = ids.length > 0 ? await this.repo.findBy({ id: In(ids) }) : [];
    return new Map(found.map((e) => [e.id, e]));
  }

  /**
   * The connector's own records of conversion attempts, shown with the auth events (factor
   * CONVERSION), in one statement; a source event's record is written once (its uuid is unique).
   */
  async recordConversions(records: ConversionRecord[]): Promise<void> {
    if (records.length === 0) return;
    const column = <T>(pick: (r: ConversionRecord) => T) => records.map(pick);
    await this.repo.query(
      `INSERT INTO auth_event (token_id, delivery_id, event_uuid, published, received_at, event_type, factor, outcome, okta_user_id, request_id, reason, activity_id)
       SELECT r.token_id, NULL, r.event_uuid, r.at, r.at, $1, 'CONVERSION', r.outcome, r.okta_user_id, r.request_id, r.reason, r.activity_id
         FROM unnest($2::uuid[], $3::varchar[], $4::timestamptz[], $5::varchar[], $6::varchar[], $7::varchar[], $8::text[], $9::uuid[])
           AS r(token_id, event_uuid, at, outcome, okta_user_id, request_id, reason, activity_id)
       ON CONFLICT DO NOTHING`,
      [
        CONVERSION_EVENT_TYPE,
        column((r) => r.tokenId),
        column((r) => `conversion:${r.source.eventUuid}`.slice(0, 200)),
        column((r) => r.at),
        column((r) => r.outcome),
        column((r) => r.source.oktaUserId),
        column((r) => r.source.requestId),
        column((r) => r.reason),
        column((r) => r.activityId),
      ],
    );
  }

  async signedInSince(tokenId: string, oktaUserId: string, since: Date): Promise<boolean> {
    const row = await this.repo
      .createQueryBuilder('e')
      .select('e.id')
      .where('e.token_id = :tokenId AND e.okta_user_id = :oktaUserId AND e.published >= :since', { tokenId, oktaUserId, since })
      .andWhere("e.factor IN (:...factors) AND e.outcome = 'SUCCESS' AND e.event_type = :type", { factors: CONVERTIBLE_FACTORS, type: AUTH_VIA_MFA })
      .limit(1)
      .getOne();
    return row !== null;
  }

  /** Newest first, keyset on (published, id). */
  page(filters: AuthEventFilters, after: Cursor | null, limit: number): Promise<AuthEventEntity[]> {
    const qb = this.repo.createQueryBuilder('e');
    if (filters.kind === 'okta') qb.andWhere('e.event_type <> :conversion', { conversion: CONVERSION_EVENT_TYPE });
    if (filters.kind === 'conversion') qb.andWhere('e.event_type = :conversion', { conversion: CONVERSION_EVENT_TYPE });
    if (filters.tokenId) qb.andWhere('e.token_id = :tokenId', { tokenId: filters.tokenId });
    if (filters.eventType) qb.andWhere('e.event_type = :eventType', { eventType: filters.eventType.toLowerCase() });
    if (filters.from) qb.andWhere('e.published >= :from', { from: filters.from });
    if (filters.to) qb.andWhere('e.published < :to', { to: filters.to });
    if (after) qb.andWhere('(e.published, e.id) < (:afterAt::timestamptz, :afterId::uuid)', { afterAt: after.at, afterId: after.id });
    return qb.orderBy('e.published', 'DESC').addOrderBy('e.id', 'DESC').limit(limit).getMany();
  }
}
