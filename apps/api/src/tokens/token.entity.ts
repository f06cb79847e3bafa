import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TokenPolicy } from '@otc/contracts';

@Entity('token')
export class TokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'short_id', type: 'varchar', length: 12 })
  shortId!: string;

  @Column({ name: 'secret_hash', type: 'char', length: 64, select: false })
  secretHash!: string;

  @Column({ name: 'auth_header_name', type: 'varchar', length: 100 })
  authHeaderName!: string;

  @Column({ type: 'jsonb' })
  policy!: TokenPolicy;

  @Column({ name: 'policy_version', type: 'integer' })
  policyVersion!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'grace_ends_at', type: 'timestamptz', nullable: true })
  graceEndsAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'rotated_from_id', type: 'uuid', nullable: true })
  rotatedFromId!: string | null;

  @Column({ name: 'policy_revision', type: 'integer', default: 1 })
  policyRevision!: number;

  @Column({ name: 'policy_updated_at', type: 'timestamptz', nullable: true })
  policyUpdatedAt!: Date | null;
}
