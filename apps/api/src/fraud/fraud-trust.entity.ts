import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TrustedKind } from '@otc/contracts';

/** One entry of the trusted list: the guard never refuses a send it covers until it expires. */
@Entity('fraud_trust')
export class FraudTrustEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: TrustedKind;

  /** NUMBER and USER: the guard's keyed hash of the scope; BLOCK: the leading E.164 digits. */
  @Column({ type: 'varchar', length: 80 })
  key!: string;

  @Column({ type: 'varchar', length: 60 })
  label!: string;

  /** Null: every token. */
  @Column({ name: 'token_id', type: 'uuid', nullable: true })
  tokenId!: string | null;

  @Column({ type: 'varchar', length: 300 })
  comment!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
