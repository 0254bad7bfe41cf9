import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Ward } from '../wards/ward.entity';

export const PATIENT_STATUSES = ['ACTIVE', 'DISCHARGED', 'TRANSFERRED'] as const;
export type PatientStatus = (typeof PATIENT_STATUSES)[number];

/** A patient: special category health data. Every read is audited; never logged. */
@Entity('patients')
@Index('ix_patients_ward', ['wardId'])
export class Patient {
  @IdColumn() id: string;
  @RefColumn() wardId: string;
  @ManyToOne(() => Ward, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'wardId' }) ward?: Ward;
  @Column({ type: 'varchar', length: 120 }) displayName: string;
  @Column({ type: 'varchar', length: 40, unique: true }) hospitalNumber: string;
  @Column({ type: 'varchar', length: 12, default: 'ACTIVE' }) status: PatientStatus;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
