import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Patient } from '../patients/patient.entity';
import type { GoalKind, PlanEntryKind } from './employment.types';

/** One line of a person-centred plan: a strength, goal, dated step, review (with the person's own words) or the person's comment. */
@Entity('employment_plan_entries')
@Index('ix_employment_plan_patient', ['patientId', 'createdAt'])
export class PlanEntry {
  @IdColumn() id: string;
  @RefColumn() patientId: string;
  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @Column({ type: 'varchar', length: 10 }) kind: PlanEntryKind;
  @Column({ type: 'varchar', length: 14, nullable: true }) goalKind: GoalKind | null;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'date', nullable: true }) dueOn: string | null;
  @Column({ type: 'date', nullable: true }) doneOn: string | null;
  /** Reviews: what the person said, in their own words. */
  @Column({ type: 'text', nullable: true }) patientWords: string | null;
  @RefColumn() authorUserId: string;
  @InstantColumn() createdAt: Date;
}
