import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ActivityFlag, ActivityStatus, Channel, DeliveryState, NumberFactsDto, ReasonCode } from '@otc/contracts';

@Entity('otp_activity')
export class ActivityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'token_id', type: 'uuid' })
  tokenId!: string;

  @Column({ name: 'okta_event_id', type: 'varchar', length: 200 })
  oktaEventId!: string;

  @Column({ name: 'okta_user_id', type: 'varchar', length: 100, nullable: true })
  oktaUserId!: string | null;

  @Column({ name: 'okta_login', type: 'varchar', length: 200, nullable: true })
  oktaLogin!: string | null;

  @Column({ name: 'request_type', type: 'varchar', length: 200, nullable: true })
  requestType!: string | null;

  @Column({ type: 'varchar', length: 8 })
  channel!: Channel;

  @Column({ name: 'destination_masked', type: 'varchar', length: 40 })
  destinationMasked!: string;

  @Column({ name: 'destination_hash', type: 'char', length: 64 })
  destinationHash!: string;

  @Column({ type: 'char', length: 2, nullable: true })
  country!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ActivityStatus;

  @Column({ name: 'reason_code', type: 'varchar', length: 40 })
  reasonCode!: ReasonCode;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'jsonb' })
  flags!: ActivityFlag[];

  @Column({ type: 'jsonb' })
  facts!: NumberFactsDto;

  @Column({ name: 'latency_ms', type: 'integer' })
  latencyMs!: number;

  @Column({ name: 'verify_request_id', type: 'varchar', length: 64, nullable: true })
  verifyRequestId!: string | null;

  @Column({ name: 'delivery_state', type: 'varchar', length: 24, nullable: true })
  deliveryState!: DeliveryState | null;

  @Column({ name: 'code_ciphertext', type: 'text', nullable: true, select: false })
  codeCiphertext!: string | null;

  /** The destination digits, encrypted, kept only while an SMS-to-voice fallback may still be needed. */
  @Column({ name: 'destination_ciphertext', type: 'text', nullable: true, select: false })
  destinationCiphertext!: string | null;

  @Column({ name: 'otp_expires_at', type: 'timestamptz', nullable: true })
  otpExpiresAt!: Date | null;

  /** When a stored code is erased (delivery/code-erase-time.ts); set by the claim, read only by the expiry sweep. */
  @Column({ name: 'code_erase_at', type: 'timestamptz', nullable: true, select: false, default: () => "(now() + '00:15:00')" })
  codeEraseAt!: Date | null;

  @Column({ name: 'converted_at', type: 'timestamptz', nullable: true })
  convertedAt!: Date | null;

  @Column({ name: 'fallback_of', type: 'uuid', nullable: true })
  fallbackOf!: string | null;
}
