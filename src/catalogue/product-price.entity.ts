import { Entity, Index, Column } from 'typeorm';
import { IdColumn, InstantColumn, PenceColumn, RefColumn } from '../database/columns';

/** A product's price from a date on: a change adds a row, so earlier prices stay on record. */
@Entity('catalogue_prices')
@Index('ux_catalogue_prices_from', ['productId', 'effectiveOn'], { unique: true })
export class ProductPrice {
  @IdColumn() id: string;
  @RefColumn() productId: string;
  @PenceColumn() pricePence: number;
  @Column({ type: 'date' }) effectiveOn: string;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
}
