import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';
import { Patient } from './patient.entity';

/** IPS stages, from first conversations to moving on to work outside. */
export const VOCATIONAL_STAGES = ['ENGAGEMENT', 'VOCATIONAL_PROFILING', 'IN_WORK_ROLE', 'JOB_SEARCH_OUTSIDE', 'IN_EDUCATION_OR_TRAINING', 'MOVED_ON'] as const;
export type VocationalStage = (typeof VOCATIONAL_STAGES)[number];

@Entity('vocational_profiles')
export class VocationalProfile {
  @PrimaryColumn({ type: 'varchar', length: 36 }) patientId: string;
  @OneToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @Column({ type: 'text', nullable: true }) workPreferences: string | null;
  @Column({ type: 'text', nullable: true }) goals: string | null;
  @Column({ type: 'text', nullable: true }) strengths: string | null;
  @Column({ type: 'varchar', length: 32, default: 'ENGAGEMENT' }) stage: VocationalStage;
  @Column({ type: 'date', nullable: true }) nextReviewOn: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) updatedByUserId: string | null;
  @InstantColumn() updatedAt: Date;
}
