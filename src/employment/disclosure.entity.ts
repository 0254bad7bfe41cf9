import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import type { DisclosureChoice } from './employment.types';

/** What the person chose to disclose to one employer (newest record applies). */
@Entity('employer_disclosures')
@Index('ix_employer_disclosures_patient', ['patientId', 'employerId'])
export class EmployerDisclosure {
  @IdColumn() id: string;
  @RefColumn() patientId: string;
  @RefColumn() employerId: string;
  @Column({ type: 'varchar', length: 20 }) choice: DisclosureChoice;
  @Column({ type: 'date' }) decidedOn: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @RefColumn() recordedByUserId: string;
  @InstantColumn() recordedAt: Date;
}
