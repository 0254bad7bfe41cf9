import { Column, Entity, Index } from 'typeorm';
import type { CustomerType } from '../catalogue/catalogue.types';
import { IdColumn, InstantColumn, PenceColumn, RefColumn } from '../database/columns';
import type { SaleKind } from './tills.types';

/**
 * A sale at the till, or a refund against one (kind REFUND, refundOfSaleId). The client-made
 * clientId is unique: a retried request finds the original instead of making a second sale.
 */
@Entity('till_sales')
@Index('ux_till_sales_client', ['clientId'], { unique: true })
@Index('ix_till_sales_session', ['sessionId', 'createdAt'])
@Index('ix_till_sales_refund_of', ['refundOfSaleId'])
export class TillSale {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 64 }) clientId: string;
  @RefColumn() sessionId: string;
  @RefColumn() enterpriseId: string;
  @Column({ type: 'varchar', length: 8 }) kind: SaleKind;
  @Column({ type: 'varchar', length: 10 }) customerType: CustomerType;
  /** Goods total: what was sold (or refunded). */
  @PenceColumn() totalPence: number;
  /** Cash given back on a sale paid with more cash than the total. */
  @PenceColumn() changePence: number;
  @Column({ type: 'varchar', length: 36, nullable: true }) refundOfSaleId: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  /** Who stood at the till. */
  @RefColumn() operatorUserId: string;
  @InstantColumn() createdAt: Date;
}
