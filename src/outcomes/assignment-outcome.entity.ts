import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn, RefColumn } from '../database/columns';
import type { AttendanceStatus } from '../rota/rota.types';

/**
 * The final attendance outcome of an assignment: a copy of its current attendance record (the
 * latest by recordedAt, then id: corrections supersede) with the assignment's patient, shift
 * enterprise, start and London week, so the outcomes report aggregates one narrow row per
 * assignment instead of searching the attendance history for the current record.
 *
 * Written only by the database: a trigger on attendance_records (migration
 * AssignmentOutcomes1796450000000) upserts it in the same statement as every attendance record,
 * whoever inserts it, and a trigger on assignments keeps the copied columns in step. The
 * append-only attendance history stays the source of truth; this table can be rebuilt from it.
 */
@Entity('assignment_outcomes')
@Index('ix_assignment_outcomes_start', ['startAt', 'status', 'patientId', 'weekStartOn', 'startOn', 'minutesWorked', 'payPence', 'enterpriseId', 'reasonCode'])
export class AssignmentOutcome {
  @PrimaryColumn({ type: 'varchar', length: 36 }) assignmentId: string;
  /** The attendance record this copies (the current one). */
  @RefColumn() recordId: string;
  @InstantColumn() recordedAt: Date;
  @Column({ type: 'varchar', length: 12 }) status: AttendanceStatus;
  @Column({ type: 'varchar', length: 24, nullable: true }) reasonCode: string | null;
  @Column({ type: 'integer' }) minutesWorked: number;
  @Column({ type: 'integer' }) payPence: number;
  @RefColumn() patientId: string;
  @RefColumn() enterpriseId: string;
  @InstantColumn() startAt: Date;
  /** The London date the shift starts on (YYYY-MM-DD). */
  @Column({ type: 'date' }) startOn: string;
  /** Monday of the shift's London week (YYYY-MM-DD). */
  @Column({ type: 'date' }) weekStartOn: string;
}
