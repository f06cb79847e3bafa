import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One signed-in admin session; the JWT carries its `jti`, so ending the row ends the session everywhere. */
@Entity('admin_session')
export class AdminSessionEntity {
  @PrimaryColumn({ type: 'uuid' })
  jti!: string;

  @Column({ type: 'varchar', length: 200 })
  actor!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
