import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { WorkRole } from '../enterprises/work-role.entity';
import type { VacancyStatus } from './recruitment.types';

@Entity('vacancies')
@Index('ix_vacancies_role', ['workRoleId'])
@Index('ix_vacancies_status', ['status', 'closesOn'])
export class Vacancy {
  @IdColumn() id: string;
  @RefColumn() workRoleId: string;
  @ManyToOne(() => WorkRole, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'workRoleId' }) workRole?: WorkRole;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'date' }) opensOn: string;
  @Column({ type: 'date' }) closesOn: string;
  @Column({ type: 'integer' }) positions: number;
  @Column({ type: 'varchar', length: 8, default: 'OPEN' }) status: VacancyStatus;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
