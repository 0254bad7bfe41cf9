import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, PenceColumn, RefColumn } from '../database/columns';
import type { OrderStatus } from './orders.types';

/** An order from a ward or department (a cost centre) to an enterprise. */
@Entity('orders')
@Index('ix_orders_enterprise_needed', ['enterpriseId', 'neededByAt'])
@Index('ix_orders_cost_centre', ['costCentreId', 'neededByAt'])
@Index('ix_orders_recharged', ['costCentreId', 'rechargedOn'])
// One order per standing order and day, so generating occurrences twice adds nothing.
@Index('ux_orders_standing_occurrence', ['standingOrderId', 'occurrenceOn'], { unique: true })
export class Order {
  @IdColumn() id: string;
  /** Short reference for statements and phone calls, e.g. WO-3F9A2C1B. */
  @Column({ type: 'varchar', length: 16 }) reference: string;
  @RefColumn() enterpriseId: string;
  @RefColumn() costCentreId: string;
  @Column({ type: 'varchar', length: 12 }) status: OrderStatus;
  @InstantColumn() neededByAt: Date;
  @Column({ type: 'varchar', length: 200 }) location: string;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  /** Named when a lead enters an order taken by phone. */
  @Column({ type: 'varchar', length: 120, nullable: true }) customerName: string | null;
  @PenceColumn() totalPence: number;
  @PenceColumn({ nullable: true }) deliveredTotalPence: number | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) standingOrderId: string | null;
  @Column({ type: 'date', nullable: true }) occurrenceOn: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'text', nullable: true }) shortfallNote: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) journalEntryId: string | null;
  /** The date of the recharge journal entry: the statement month. */
  @Column({ type: 'date', nullable: true }) rechargedOn: string | null;
  @RefColumn() requestedByUserId: string;
  @InstantColumn({ nullable: true }) deliveredAt: Date | null;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
