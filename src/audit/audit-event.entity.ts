import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn } from '../database/columns';

/** Append-only (database triggers refuse UPDATE and DELETE). */
@Entity('audit_events')
@Index('ix_audit_events_occurred', ['occurredAt'])
@Index('ix_audit_events_patient', ['patientId', 'occurredAt'])
@Index('ix_audit_events_user', ['userId', 'occurredAt'])
export class AuditEvent {
  @IdColumn() id: string;
  @InstantColumn() occurredAt: Date;
  @Column({ type: 'varchar', length: 36, nullable: true }) userId: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) username: string | null;
  /** e.g. patient.read, user.create, auth.sign-in */
  @Column({ type: 'varchar', length: 64 }) action: string;
  @Column({ type: 'varchar', length: 48, nullable: true }) entityType: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) entityId: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) patientId: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) requestId: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip: string | null;
  /** Small JSON detail; never a patient's name or hospital number. */
  @Column({ type: 'text', nullable: true }) detail: string | null;
}
