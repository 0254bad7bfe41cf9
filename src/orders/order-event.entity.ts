import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';

/** Each change of an order's state: who, when, from what to what, and why. */
@Entity('order_events')
@Index('ix_order_events_order', ['orderId', 'at'])
export class OrderEvent {
  @IdColumn() id: string;
  @RefColumn() orderId: string;
  @Column({ type: 'varchar', length: 12, nullable: true }) fromStatus: string | null;
  @Column({ type: 'varchar', length: 12 }) toStatus: string;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @RefColumn() byUserId: string;
  @InstantColumn() at: Date;
}
