import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FraudAlertSubject } from '@otc/contracts';

export type FraudAlertStatus = 'PENDING' | 'SENT' | 'FAILED';

/** One alert in the outbox; see the migration for how it is deduplicated and leased. */
@Entity('fraud_alert')
export class FraudAlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: FraudAlertSubject['kind'];

  @Column({ name: 'token_id', type: 'uuid', nullable: true })
  tokenId!: string | null;

  @Column({ type: 'jsonb' })
  subject!: FraudAlertSubject;

  @Column({ type: 'varchar', length: 10 })
  status!: FraudAlertStatus;

  @Column({ type: 'smallint' })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'leased_until', type: 'timestamptz', nullable: true })
  leasedUntil!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 300, nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
