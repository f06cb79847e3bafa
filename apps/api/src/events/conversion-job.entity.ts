import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type JobKind = 'CONVERT' | 'CANCEL';
export type JobStatus = 'PENDING' | 'DONE' | 'FAILED';

/** Durable work taken off the request path: a Verify check (CONVERT) or cancel of an expired request (CANCEL). */
@Entity('conversion_job')
export class ConversionJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: JobKind;

  @Column({ name: 'auth_event_id', type: 'uuid', nullable: true })
  authEventId!: string | null;

  @Column({ name: 'activity_id', type: 'uuid', nullable: true })
  activityId!: string | null;

  @Column({ type: 'varchar', length: 12 })
  status!: JobStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'lease_id', type: 'uuid', nullable: true })
  leaseId!: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
