import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';

/** A closed month (YYYY-MM) of an enterprise's ledger: it takes no new entries. */
@Entity('ledger_periods')
@Index('ux_ledger_periods_month', ['enterpriseId', 'month'], { unique: true })
export class LedgerPeriod {
  @IdColumn() id: string;
  @RefColumn() enterpriseId: string;
  @Column({ type: 'varchar', length: 7 }) month: string;
  @RefColumn() closedByUserId: string;
  @InstantColumn() closedAt: Date;
}
