import { Column, Entity } from 'typeorm';
import { IdColumn, InstantColumn } from '../database/columns';

/** A hospital site, e.g. a medium secure unit. */
@Entity('sites')
export class Site {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 120, unique: true }) name: string;
  /** Site-wide default benefits limits (UK permitted work); a patient may override them. */
  @Column({ type: 'integer', nullable: true }) defaultWeeklyEarningsCapPence: number | null;
  @Column({ type: 'integer', nullable: true }) defaultWeeklyHoursCapMinutes: number | null;
  @InstantColumn() createdAt: Date;
}
