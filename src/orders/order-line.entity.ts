import { Column, Entity, Index } from 'typeorm';
import { IdColumn, PenceColumn, RefColumn } from '../database/columns';

/** A line of an order at the price when it was ordered; delivered quantity set on delivery. */
@Entity('order_lines')
@Index('ix_order_lines_order', ['orderId'])
export class OrderLine {
  @IdColumn() id: string;
  @RefColumn() orderId: string;
  @Column({ type: 'integer' }) lineNo: number;
  @RefColumn() productId: string;
  @Column({ type: 'varchar', length: 120 }) productName: string;
  @Column({ type: 'integer' }) quantity: number;
  @PenceColumn() unitPricePence: number;
  @Column({ type: 'integer', nullable: true }) deliveredQuantity: number | null;
}
