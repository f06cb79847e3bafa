import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A System Log event from Okta, or (factor CONVERSION) the connector's record of a conversion attempt. */
@Entity('auth_event')
export class AuthEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'token_id', type: 'uuid' })
  tokenId!: string;

  /** The raw delivery it came from, while retention keeps that (EVENT_DELIVERY_RETENTION_DAYS); null on conversion records. */
  @Column({ name: 'delivery_id', type: 'uuid', nullable: true })
  deliveryId!: string | null;

  @Column({ name: 'event_uuid', type: 'varchar', length: 200 })
  eventUuid!: string;

  @Column({ type: 'timestamptz' })
  published!: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'event_type', type: 'varchar', length: 200 })
  eventType!: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  factor!: string | null;

  @Column({ type: 'varchar', length: 40 })
  outcome!: string;

  @Column({ name: 'okta_user_id', type: 'varchar', length: 100, nullable: true })
  oktaUserId!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 200, nullable: true })
  requestId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'activity_id', type: 'uuid', nullable: true })
  activityId!: string | null;
}
