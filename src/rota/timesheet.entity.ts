import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Enterprise } from '../enterprises/enterprise.entity';

/** An approved weekly timesheet: frozen; payroll posts it once. */
@Entity('timesheets')
@Index('ux_timesheets_enterprise_week', ['enterpriseId', 'weekStartOn'], { unique: true })
export class Timesheet {
  @IdColumn() id: string;
  @RefColumn() enterpriseId: string;
  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'enterpriseId' }) enterprise?: Enterprise;
  @Column({ type: 'date' }) weekStartOn: string;
  @Column({ type: 'varchar', length: 10 }) status: 'APPROVED';
  @Column({ type: 'integer' }) totalMinutes: number;
  @Column({ type: 'integer' }) totalPayPence: number;
  @RefColumn() approvedByUserId: string;
  @InstantColumn() approvedAt: Date;
}
