import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Employer } from './employer.entity';
import type { ContactPurpose } from './employment.types';

/** A specialist's contact with an employer, for a person or in general (job development). */
@Entity('employer_contacts')
@Index('ix_employer_contacts_date', ['contactedOn'])
@Index('ix_employer_contacts_patient', ['patientId', 'contactedOn'])
export class EmployerContact {
  @IdColumn() id: string;
  @RefColumn() employerId: string;
  @ManyToOne(() => Employer, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'employerId' }) employer?: Employer;
  @RefColumn({ nullable: true }) patientId: string | null;
  @RefColumn() specialistUserId: string;
  @Column({ type: 'date' }) contactedOn: string;
  @Column({ type: 'boolean' }) faceToFace: boolean;
  @Column({ type: 'varchar', length: 20 }) purpose: ContactPurpose;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @InstantColumn() createdAt: Date;
}
