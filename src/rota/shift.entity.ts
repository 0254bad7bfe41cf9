import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Enterprise } from '../enterprises/enterprise.entity';
import { WorkRole } from '../enterprises/work-role.entity';
import type { ShiftStatus } from './rota.types';

@Entity('shifts')
@Index('ix_shifts_enterprise_start', ['enterpriseId', 'startAt'])
@Index('ix_shifts_role_start', ['workRoleId', 'startAt'])
@Index('ix_shifts_start', ['startAt'])
export class Shift {
  @IdColumn() id: string;
  @RefColumn() workRoleId: string;
  @ManyToOne(() => WorkRole, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'workRoleId' }) workRole?: WorkRole;
  /** The work role's enterprise, kept here so rota queries need no join. */
  @RefColumn() enterpriseId: string;
  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'enterpriseId' }) enterprise?: Enterprise;
  @InstantColumn() startAt: Date;
  @InstantColumn() endAt: Date;
  @Column({ type: 'integer' }) capacity: number;
  @Column({ type: 'varchar', length: 36, nullable: true }) supervisorUserId: string | null;
  @Column({ type: 'simple-json' }) escortUserIds: string[];
  @Column({ type: 'varchar', length: 200, nullable: true }) locationNote: string | null;
  @Column({ type: 'varchar', length: 10 }) status: ShiftStatus;
  @Column({ type: 'text', nullable: true }) cancelReason: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) patternId: string | null;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
  @InstantColumn({ nullable: true }) publishedAt: Date | null;
}
