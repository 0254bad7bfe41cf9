import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';

/** Payroll posted from one approved timesheet: exactly once (unique timesheet). */
@Entity('payroll_runs')
@Index('ux_payroll_runs_timesheet', ['timesheetId'], { unique: true })
export class PayrollRun {
  @IdColumn() id: string;
  @RefColumn() enterpriseId: string;
  @RefColumn() timesheetId: string;
  @Column({ type: 'date' }) weekStartOn: string;
  @Column({ type: 'integer' }) totalPayPence: number;
  @RefColumn() wagesEntryId: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) paymentEntryId: string | null;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
}
