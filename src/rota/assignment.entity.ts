import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Patient } from '../patients/patient.entity';
import { Placement } from '../recruitment/placement.entity';
import type { AssignmentStatus, BookingCode } from './rota.types';
import { Shift } from './shift.entity';

/**
 * A patient booked on a shift through their placement. The shift's instants and the London
 * week are copied here so each booking check is one indexed query bounded by time.
 */
@Entity('assignments')
@Index('ix_assignments_shift', ['shiftId', 'status'])
@Index('ix_assignments_patient_start', ['patientId', 'startAt'])
@Index('ix_assignments_patient_week', ['patientId', 'weekStartOn'])
/** The outcomes report's benefits-cap overrides in a period: the range and the filter from the index alone. */
@Index('ix_assignments_start_overrides', ['startAt', 'overriddenCodes'])
@Index('ux_assignments_live', ['shiftId', 'patientId', 'liveKey'], { unique: true })
export class Assignment {
  @IdColumn() id: string;
  @RefColumn() shiftId: string;
  @ManyToOne(() => Shift, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'shiftId' }) shift?: Shift;
  @RefColumn() patientId: string;
  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @RefColumn() placementId: string;
  @ManyToOne(() => Placement, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'placementId' }) placement?: Placement;
  @InstantColumn() startAt: Date;
  @InstantColumn() endAt: Date;
  /** Monday of the shift's week in Europe/London (YYYY-MM-DD). */
  @Column({ type: 'date' }) weekStartOn: string;
  @Column({ type: 'integer' }) plannedMinutes: number;
  @Column({ type: 'integer' }) plannedPayPence: number;
  @Column({ type: 'varchar', length: 14 }) status: AssignmentStatus;
  /** 'L' while booked or under review, the assignment id once cancelled: one live booking per patient and shift. */
  @Column({ type: 'varchar', length: 36 }) liveKey: string;
  /** Why it needs review: the codes and messages of rules it now breaks. */
  @Column({ type: 'simple-json' }) reviewReasons: { code: BookingCode; message: string }[];
  @Column({ type: 'text', nullable: true }) overrideReason: string | null;
  @Column({ type: 'simple-json' }) overriddenCodes: BookingCode[];
  @Column({ type: 'varchar', length: 36, nullable: true }) overriddenByUserId: string | null;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
  @Column({ type: 'text', nullable: true }) cancelReason: string | null;
  @InstantColumn({ nullable: true }) cancelledAt: Date | null;
}
