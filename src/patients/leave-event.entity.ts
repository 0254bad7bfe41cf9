import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { User } from '../users/user.entity';
import type { LeaveEventKind, LeaveLevel } from './leave';
import { Patient } from './patient.entity';

/** Section 17 leave history: grants, suspensions, reinstatements. Append-only. */
@Entity('leave_events')
@Index('ix_leave_events_patient', ['patientId', 'effectiveFrom'])
export class LeaveEvent {
  @IdColumn() id: string;
  @RefColumn() patientId: string;
  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @Column({ type: 'varchar', length: 10 }) kind: LeaveEventKind;
  /** The granted level (GRANT only). */
  @Column({ type: 'varchar', length: 24, nullable: true }) level: LeaveLevel | null;
  @Column({ type: 'date' }) effectiveFrom: string;
  @Column({ type: 'date', nullable: true }) effectiveUntil: string | null;
  /** Who authorised it (the responsible clinician), as written on the leave form. */
  @Column({ type: 'varchar', length: 120, nullable: true }) grantedBy: string | null;
  /** Note, or the reason for a suspension or reinstatement. */
  @Column({ type: 'text', nullable: true }) note: string | null;
  @RefColumn() recordedByUserId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'recordedByUserId' }) recordedBy?: User;
  @InstantColumn() recordedAt: Date;
}
