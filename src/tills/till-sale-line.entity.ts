import { Column, Entity, Index } from 'typeorm';
import { IdColumn, PenceColumn, RefColumn } from '../database/columns';

/** A product on a sale or refund, with the price and (for stock) the average cost at that moment. */
@Entity('till_sale_lines')
@Index('ix_till_sale_lines_sale', ['saleId'])
export class TillSaleLine {
  @IdColumn() id: string;
  @RefColumn() saleId: string;
  @Column({ type: 'integer' }) lineNo: number;
  @RefColumn() productId: string;
  @Column({ type: 'varchar', length: 120 }) productName: string;
  @Column({ type: 'varchar', length: 60 }) category: string;
  @Column({ type: 'integer' }) quantity: number;
  @PenceColumn() unitPricePence: number;
  /** Moving average cost of a unit when sold; 0 for untracked products. */
  @PenceColumn() unitCostPence: number;
  @Column({ type: 'varchar', length: 10 }) incomeAccountCode: string;
}
