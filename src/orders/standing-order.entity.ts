import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';

export interface StandingOrderLine {
  productId: string;
  quantity: number;
}

/** An order that repeats weekly, e.g. "Alder ward laundry, Mondays and Thursdays at 10:00". */
@Entity('standing_orders')
@Index('ix_standing_orders_enterprise', ['enterpriseId', 'active'])
export class StandingOrder {
  @IdColumn() id: string;
  @RefColumn() enterpriseId: string;
  @RefColumn() costCentreId: string;
  /** ISO weekdays, 1 = Monday. */
  @Column({ type: 'simple-json' }) weekdays: number[];
  /** London wall-clock time the order is needed by, HH:MM. */
  @Column({ type: 'varchar', length: 5 }) neededByTime: string;
  @Column({ type: 'simple-json' }) lines: StandingOrderLine[];
  @Column({ type: 'varchar', length: 200 }) location: string;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @Column({ type: 'date' }) startsOn: string;
  @Column({ type: 'date', nullable: true }) endsOn: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
}
