import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { WorkRole } from '../enterprises/work-role.entity';

/** "Café barista, Mon-Fri 10:00-13:00, 2 places": Europe/London wall-clock times. */
@Entity('shift_patterns')
@Index('ix_shift_patterns_role', ['workRoleId'])
export class ShiftPattern {
  @IdColumn() id: string;
  @RefColumn() workRoleId: string;
  @ManyToOne(() => WorkRole, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'workRoleId' }) workRole?: WorkRole;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  @Column({ type: 'simple-json' }) weekdays: number[];
  @Column({ type: 'varchar', length: 5 }) startTime: string;
  @Column({ type: 'varchar', length: 5 }) endTime: string;
  @Column({ type: 'integer' }) capacity: number;
  @Column({ type: 'varchar', length: 36, nullable: true }) supervisorUserId: string | null;
  @Column({ type: 'date' }) fromOn: string;
  @Column({ type: 'integer' }) weeks: number;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
}
