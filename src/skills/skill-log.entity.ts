import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Patient } from '../patients/patient.entity';
import { Skill } from './skill.entity';
import type { SkillLevel, SkillLogSource, SkillLogStatus } from './skills.types';

/**
 * A skill log entry. Its content is never changed; its status moves once, from PENDING to
 * VERIFIED or REJECTED (a database trigger refuses any other change, and every delete).
 */
@Entity('skill_logs')
@Index('ix_skill_logs_patient', ['patientId', 'status', 'skillId'])
@Index('ix_skill_logs_status', ['status', 'createdAt'])
export class SkillLog {
  @IdColumn() id: string;
  @RefColumn() patientId: string;
  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @RefColumn() skillId: string;
  @ManyToOne(() => Skill, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'skillId' }) skill?: Skill;
  @Column({ type: 'varchar', length: 12 }) level: SkillLevel;
  /** 1-4, for "highest verified level" aggregates. */
  @Column({ type: 'integer' }) levelRank: number;
  @Column({ type: 'text' }) evidence: string;
  @Column({ type: 'date' }) occurredOn: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) shiftId: string | null;
  @Column({ type: 'varchar', length: 8 }) source: SkillLogSource;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
  @Column({ type: 'varchar', length: 8 }) status: SkillLogStatus;
  @Column({ type: 'varchar', length: 36, nullable: true }) reviewedByUserId: string | null;
  @InstantColumn({ nullable: true }) reviewedAt: Date | null;
  @Column({ type: 'text', nullable: true }) reviewComment: string | null;
}
