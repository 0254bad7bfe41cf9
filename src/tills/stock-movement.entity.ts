import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, PenceColumn, RefColumn } from '../database/columns';
import type { StockMovementKind } from './tills.types';

/** Every change to a tracked product's stock on hand: receipts, sales, refunds and stock takes. */
@Entity('stock_movements')
@Index('ix_stock_movements_product', ['productId', 'createdAt'])
export class StockMovement {
  @IdColumn() id: string;
  @RefColumn() enterpriseId: string;
  @RefColumn() productId: string;
  @Column({ type: 'varchar', length: 8 }) kind: StockMovementKind;
  /** Signed: + into stock, - out of stock. */
  @Column({ type: 'integer' }) quantity: number;
  @PenceColumn() unitCostPence: number;
  @Column({ type: 'integer' }) onHandAfter: number;
  @Column({ type: 'varchar', length: 36, nullable: true }) saleId: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) journalEntryId: string | null;
  @RefColumn() byUserId: string;
  @InstantColumn() createdAt: Date;
}
