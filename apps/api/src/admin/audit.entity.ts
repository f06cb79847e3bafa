import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('admin_audit')
export class AuditEntity {
  // An identity column breaks ties between entries recorded in the same millisecond, in insertion order.
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'varchar', length: 200 })
  actor!: string;

  @Column({ type: 'varchar', length: 40 })
  action!: string;

  @Column({ name: 'target_id', type: 'varchar', length: 64, nullable: true })
  targetId!: string | null;

  @Column({ name: 'client_address', type: 'varchar', length: 64, nullable: true })
  clientAddress!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  detail!: string | null;
}
