import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, RefColumn } from '../database/columns';
import { Timesheet } from './timesheet.entity';

/** One assignment's worked minutes and pay, frozen on approval. */
@Entity('timesheet_lines')
@Index('ix_timesheet_lines_timesheet', ['timesheetId'])
@Index('ux_timesheet_lines_assignment', ['assignmentId'], { unique: true })
export class TimesheetLine {
  @IdColumn() id: string;
  @RefColumn() timesheetId: string;
  @ManyToOne(() => Timesheet, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'timesheetId' }) timesheet?: Timesheet;
  @RefColumn() assignmentId: string;
  @RefColumn() patientId: string;
  @RefColumn() attendanceRecordId: string;
  @Column({ type: 'varchar', length: 12 }) attendanceStatus: string;
  @Column({ type: 'integer' }) minutesWorked: number;
  @Column({ type: 'integer' }) hourlyRatePence: number;
  @Column({ type: 'integer' }) payPence: number;
}
