import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Patient } from '../patients/patient.entity';
import type { RestrictionCode } from '../patients/restrictions';
import type { ApplicationStatus } from './recruitment.types';
import { Vacancy } from './vacancy.entity';

@Entity('applications')
@Index('ux_applications_vacancy_patient', ['vacancyId', 'patientId'], { unique: true })
@Index('ix_applications_patient', ['patientId'])
export class Application {
  @IdColumn() id: string;
  @RefColumn() vacancyId: string;
  @ManyToOne(() => Vacancy, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'vacancyId' }) vacancy?: Vacancy;
  @RefColumn() patientId: string;
  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @Column({ type: 'text', nullable: true }) statement: string | null;
  @Column({ type: 'varchar', length: 12 }) status: ApplicationStatus;
  /** Restrictions that met the role's activities when the application was made (shown to staff). */
  @Column({ type: 'simple-json' }) restrictionConflicts: RestrictionCode[];
  @RefColumn() submittedByUserId: string;
  @InstantColumn() submittedAt: Date;
  @Column({ type: 'text', nullable: true }) outcomeNote: string | null;
  @InstantColumn() updatedAt: Date;
}
