import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Ward } from '../wards/ward.entity';
import { Patient } from './patient.entity';

/**
 * A patient's dated ward history: one row per stay on a ward, from `fromAt` until `toAt` (open
 * while `toAt` is null). A transfer closes the open row and opens the next in one unit of work;
 * rows are never overwritten otherwise, so reports attribute a record to the ward the patient
 * was on at the time of the record. The open row's ward is always `patients.wardId`.
 */
@Entity('patient_ward_stays')
@Index('ix_ward_stays_patient', ['patientId', 'fromAt'])
@Index('ix_ward_stays_ward', ['wardId', 'fromAt'])
export class WardStay {
  @IdColumn() id: string;
  @RefColumn() patientId: string;
  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @RefColumn() wardId: string;
  @ManyToOne(() => Ward, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'wardId' }) ward?: Ward;
  @InstantColumn() fromAt: Date;
  @InstantColumn({ nullable: true }) toAt: Date | null;
  /** Why the patient came onto this ward (the transfer's reason); null for the first stay. */
  @Column({ type: 'varchar', length: 500, nullable: true }) reason: string | null;
  /** Who recorded the transfer; null for stays backfilled from the patient record. */
  @RefColumn({ nullable: true }) recordedByUserId: string | null;
  @InstantColumn() recordedAt: Date;
}
