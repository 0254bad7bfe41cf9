import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Patient } from '../patients/patient.entity';
import type { OpportunityEndReason, OpportunityKind } from './employment.types';

/** A job, course, training or volunteering role outside the hospital. */
@Entity('outside_opportunities')
@Index('ix_outside_opportunities_patient', ['patientId', 'startsOn'])
@Index('ix_outside_opportunities_start', ['startsOn'])
export class OutsideOpportunity {
  @IdColumn() id: string;
  @RefColumn() patientId: string;
  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @Column({ type: 'varchar', length: 14 }) kind: OpportunityKind;
  @RefColumn({ nullable: true }) employerId: string | null;
  @Column({ type: 'varchar', length: 160 }) title: string;
  @Column({ type: 'date' }) startsOn: string;
  @Column({ type: 'date', nullable: true }) endsOn: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) endReason: OpportunityEndReason | null;
  @Column({ type: 'integer' }) minutesPerWeek: number;
  @Column({ type: 'integer', nullable: true }) hourlyPayPence: number | null;
  /** Open to anyone and paid at least the minimum wage. */
  @Column({ type: 'boolean' }) competitive: boolean;
  /** Jobs: the day the first 4 hours of paid work were done; a job start counts from then (IPS). */
  @Column({ type: 'date', nullable: true }) fourHoursWorkedOn: string | null;
  /** Detained at the start (so unescorted community leave was checked). */
  @Column({ type: 'boolean' }) detainedAtStart: boolean;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
