import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PreparedStatement } from '../database/prepared-statement';
import type { OktaAuthEvent } from './event-hook-request';

/** One delivery as the intake stores it: its events deduplicated by uuid, each marked convertible or not. */
export interface DeliveryToStore {
  tokenId: string;
  /** Okta's eventId, or a digest of the body when Okta sent none. */
  eventId: string;
  /** The body as received; null when raw deliveries are not kept. */
  bodyText: string | null;
  receivedAt: Date;
  /** Usable events in the delivery as received (before deduplication). */
  eventCount: number;
  events: OktaAuthEvent[];
  convertible: boolean[];
}

export interface IntakeCounts {
  /** False when this delivery (token, eventId) was stored before: nothing else was written. */
  newDelivery: boolean;
  stored: number;
  conversionsQueued: number;
}

/**
 * The delivery, its events not seen before (token, uuid) and a CONVERT job for each new convertible
 * one, in one statement: atomic without a transaction block, one round trip and one plan per
 * connection whatever the batch size. The body is stored as the text received (the connector parsed it).
 */
const STORE_DELIVERY = new PreparedStatement<{ deliveries: string; stored: string; queued: string }>(
  'otc_event_intake',
  `WITH delivery AS (
     INSERT INTO okta_event_delivery (token_id, event_id, received_at, event_count, body)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT ON CONSTRAINT uq_okta_event_delivery_event DO NOTHING
     RETURNING id
   ), input AS (
     SELECT *
       FROM unnest($6::varchar[], $7::timestamptz[], $8::varchar[], $9::varchar[], $10::varchar[], $11::varchar[], $12::varchar[], $13::text[], $14::boolean[])
         AS u(event_uuid, published, event_type, factor, outcome, okta_user_id, request_id, reason, convertible)
   ), events AS (
     INSERT INTO auth_event (token_id, delivery_id, event_uuid, published, received_at, event_type, factor, outcome, okta_user_id, request_id, reason)
     SELECT $1, d.id, u.event_uuid, COALESCE(u.published, $3), $3, u.event_type, u.factor, u.outcome, u.okta_user_id, u.request_id, u.reason
       FROM delivery d CROSS JOIN input u
     ON CONFLICT ON CONSTRAINT uq_auth_event_uuid DO NOTHING
     RETURNING id, event_uuid
   ), jobs AS (
     INSERT INTO conversion_job (kind, auth_event_id, status, attempts, next_attempt_at, created_at, updated_at)
     SELECT 'CONVERT', e.id, 'PENDING', 0, $3, $3, $3
       FROM events e JOIN input u ON u.event_uuid = e.event_uuid
      WHERE u.convertible
     ON CONFLICT DO NOTHING
     RETURNING 1
   )
   SELECT (SELECT count(*) FROM delivery) AS deliveries, (SELECT count(*) FROM events) AS stored, (SELECT count(*) FROM jobs) AS queued`,
);

@Injectable()
export class EventIntakeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores a delivery unless its (token, eventId) was seen; events already stored add nothing. */
  async store(d: DeliveryToStore): Promise<IntakeCounts> {
    const column = <K extends keyof OktaAuthEvent>(key: K) => d.events.map((e) => e[key]);
    const [row] = await STORE_DELIVERY.run(this.dataSource, [
      d.tokenId,
      d.eventId,
      d.receivedAt,
      d.eventCount,
      d.bodyText,
      column('uuid'),
      // ISO text: the driver's own Date formatting costs more per element.
      d.events.map((e) => e.published?.toISOString() ?? null),
      column('eventType'),
      column('factor'),
      column('outcome'),
      column('oktaUserId'),
      column('requestId'),
      column('reason'),
      d.convertible,
    ]);
    return { newDelivery: Number(row.deliveries) > 0, stored: Number(row.stored), conversionsQueued: Number(row.queued) };
  }
}
