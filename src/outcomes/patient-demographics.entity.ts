import { Column, Entity, JoinColumn, OneToOne } from 'typeorm';
import { InstantColumn, RefColumn } from '../database/columns';
import { Patient } from '../patients/patient.entity';
import type { EthnicCategory, StatedGender } from './demographics.types';

/**
 * Optional equality monitoring fields (Patient and Carer Race Equality Framework), kept apart
 * from the patient record and used only in aggregate. Year of birth, not date of birth: an
 * age band needs no more.
 */
@Entity('patient_demographics')
export class PatientDemographics {
  @RefColumn({ primary: true }) patientId: string;
  @OneToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @Column({ type: 'integer', nullable: true }) birthYear: number | null;
  @Column({ type: 'varchar', length: 2, nullable: true }) statedGender: StatedGender | null;
  @Column({ type: 'varchar', length: 2, nullable: true }) ethnicCategory: EthnicCategory | null;
  @RefColumn() updatedByUserId: string;
  @InstantColumn() updatedAt: Date;
}
