import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Assignment } from './assignment.entity';
import type { AttendanceStatus } from './rota.types';

/**
 * Attendance for an assignment. Append-only: a correction is a new record that supersedes
 * the earlier one, which is kept.
 */
@Entity('attendance_records')
@Index('ix_attendance_assignment', ['assignmentId', 'recordedAt'])
export class AttendanceRecord {
  @IdColumn() id: string;
  @RefColumn() assignmentId: string;
  @ManyToOne(() => Assignment, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'assignmentId' }) assignment?: Assignment;
  @Column({ type: 'varchar', length: 12 }) status: AttendanceStatus;
  @InstantColumn({ nullable: true }) actualStartAt: Date | null;
  @InstantColumn({ nullable: true }) actualEndAt: Date | null;
  @Column({ type: 'varchar', length: 24, nullable: true }) reasonCode: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'integer' }) minutesWorked: number;
  @Column({ type: 'integer' }) payPence: number;
  /** The rate this record was paid at: a later change of the role's rate does not rewrite it. */
  @Column({ type: 'integer' }) hourlyRatePence: number;
  @Column({ type: 'varchar', length: 36, nullable: true }) supersedesId: string | null;
  @RefColumn() recordedByUserId: string;
  @InstantColumn() recordedAt: Date;
}
