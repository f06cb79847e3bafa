import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One Okta event hook delivery, stored as received before we answer Okta. */
@Entity('okta_event_delivery')
export class OktaEventDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'token_id', type: 'uuid' })
  tokenId!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 200 })
  eventId!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'event_count', type: 'integer' })
  eventCount!: number;

  /**
   * The delivery's JSON text as Okta sent it (text that PostgreSQL cannot store replaced by U+FFFD);
   * null when raw deliveries are not kept (EVENT_DELIVERY_RETENTION_DAYS=0).
   */
  @Column({ type: 'text', nullable: true })
  body!: string | null;
}
