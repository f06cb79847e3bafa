import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'crypto';
import { EntityManager, Repository } from 'typeorm';
import type { OktaEventDelivery } from './event-hook-request';
import { AUTH_VIA_MFA } from './event-hook-request';
import { CONVERTIBLE_FACTORS } from './convertible';
import { AuthEventEntity } from './auth-event.entity';
import type { Cursor } from '../common/page';
import type { AuthEventFilters } from './auth-event-filters';

/** The event type of the connector's own conversion records, kept apart from Okta's events. */
export const CONVERSION_EVENT_TYPE = 'connector.conversion';

export interface IngestResult {
  duplicateDelivery: boolean;
  stored: number;
  conversionsQueued: number;
}

export interface StoredEvent {
  id: string;
  eventType: string;
  factor: string | null;
  outcome: string;
  oktaUserId: string | null;
}

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

  /**
   * Stores a delivery and its new events inside the caller's transaction: a redelivery (same eventId)
   * or a repeated event (same uuid) adds nothing. Null for a redelivery.
   */
  async store(em: EntityManager, tokenId: string, delivery: OktaEventDelivery, body: unknown, receivedAt: Date): Promise<StoredEvent[] | null> {
    const bodyText = JSON.stringify(body);
    const eventId = delivery.eventId ?? `sha256:${createHash('sha256').update(bodyText).digest('hex')}`;
    const inserted = (await em.query(
      `INSERT INTO okta_event_delivery (token_id, event_id, received_at, event_count, body)
       VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT ON CONSTRAINT uq_okta_event_delivery_event DO NOTHING RETURNING id`,
      [tokenId, eventId, receivedAt, delivery.events.length, bodyText],
    )) as Array<{ id: string }>;
    if (inserted.length === 0) return null;
    const unique = [...new Map(delivery.events.map((e) => [e.uuid, e])).values()];
    if (unique.length === 0) return [];
    const column = <K extends keyof (typeof unique)[number]>(key: K) => unique.map((e) => e[key]);
    const stored = (await em.query(
      `INSERT INTO auth_event (token_id, delivery_id, event_uuid, published, received_at, event_type, factor, outcome, okta_user_id, request_id, reason)
       SELECT $1, $2, u.event_uuid, COALESCE(u.published, $3), $3, u.event_type, u.factor, u.outcome, u.okta_user_id, u.request_id, u.reason
         FROM unnest($4::varchar[], $5::timestamptz[], $6::varchar[], $7::varchar[], $8::varchar[], $9::varchar[], $10::varchar[], $11::text[])
           AS u(event_uuid, published, event_type, factor, outcome, okta_user_id, request_id, reason)
       ON CONFLICT ON CONSTRAINT uq_auth_event_uuid DO NOTHING
       RETURNING id, event_type, factor, outcome, okta_user_id`,
      [
        tokenId,
        inserted[0].id,
        receivedAt,
        column('uuid'),
        column('published'),
        column('eventType'),
        column('factor'),
        column('outcome'),
        column('oktaUserId'),
        column('requestId'),
        column('reason'),
      ],
    )) as Array<{ id: string; event_type: string; factor: string | null; outcome: string; okta_user_id: string | null }>;
    return stored.map((e) => ({ id: e.id, eventType: e.event_type, factor: e.factor, outcome: e.outcome, oktaUserId: e.okta_user_id }));
  }

  findById(id: string): Promise<AuthEventEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** The connector's own record of a conversion attempt, shown with the auth events (factor CONVERSION). */
  async recordConversion(record: ConversionRecord): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .insert()
      .into(AuthEventEntity)
      .values({
        tokenId: record.tokenId,
        deliveryId: null,
        eventUuid: `conversion:${record.source.eventUuid}`.slice(0, 200),
        published: record.at,
        receivedAt: record.at,
        eventType: CONVERSION_EVENT_TYPE,
        factor: 'CONVERSION',
        outcome: record.outcome,
        oktaUserId: record.source.oktaUserId,
        requestId: record.source.requestId,
        reason: record.reason,
        activityId: record.activityId,
      })
      .orIgnore()
      .execute();
  }

  async signedInSince(oktaUserId: string, since: Date): Promise<boolean> {
    const row = await this.repo
      .createQueryBuilder('e')
      .select('e.id')
      .where('e.okta_user_id = :oktaUserId AND e.published >= :since', { oktaUserId, since })
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
