import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import type { Activity } from '../patients/restrictions';
import { Enterprise } from './enterprise.entity';
import type { PrerequisiteSkill } from './enterprise.types';

@Entity('work_roles')
@Index('ix_work_roles_enterprise', ['enterpriseId'])
export class WorkRole {
  @IdColumn() id: string;
  @RefColumn() enterpriseId: string;
  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'enterpriseId' }) enterprise?: Enterprise;
  @Column({ type: 'varchar', length: 120 }) title: string;
  @Column({ type: 'text' }) duties: string;
  @Column({ type: 'integer' }) hourlyRatePence: number;
  @Column({ type: 'simple-json' }) activities: Activity[];
  /** Stored now; enforced in booking once skills exist. */
  @Column({ type: 'simple-json' }) prerequisiteSkills: PrerequisiteSkill[];
  @Column({ type: 'integer' }) positions: number;
  @Column({ type: 'integer' }) patientsPerSupervisor: number;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
