import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FraudReasonCode, FraudScopeKind } from '@otc/contracts';

/** The last refusal of one token and scope; kept after it ends so that a returning pattern escalates. */
@Entity('fraud_refusal')
export class FraudRefusalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'token_id', type: 'uuid' })
  tokenId!: string;

  @Column({ name: 'scope_kind', type: 'varchar', length: 24 })
  scopeKind!: FraudScopeKind;

  /** A keyed hash for numbers, addresses and users; the block, prefix or country itself otherwise. */
  @Column({ name: 'scope_key', type: 'varchar', length: 80 })
  scopeKey!: string;

  @Column({ name: 'scope_label', type: 'varchar', length: 60 })
  scopeLabel!: string;

  @Column({ name: 'reason_code', type: 'varchar', length: 40 })
  reasonCode!: FraudReasonCode;

  @Column({ type: 'text' })
  evidence!: string;

  @Column({ type: 'smallint' })
  level!: number;

  @Column({ type: 'timestamptz' })
  since!: Date;

  @Column({ type: 'timestamptz' })
  until!: Date;

  @Column({ name: 'requests_stopped', type: 'integer' })
  requestsStopped!: number;

  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true })
  liftedAt!: Date | null;
}
