import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, PenceColumn, RefColumn } from '../database/columns';
import type { CustomerType } from './catalogue.types';

/** A product's price for one customer type from a date on (the price list); without one the product's own price applies. */
@Entity('catalogue_customer_prices')
@Index('ux_catalogue_customer_prices_from', ['productId', 'customerType', 'effectiveOn'], { unique: true })
export class CustomerPrice {
  @IdColumn() id: string;
  @RefColumn() productId: string;
  @Column({ type: 'varchar', length: 10 }) customerType: CustomerType;
  @PenceColumn() pricePence: number;
  @Column({ type: 'date' }) effectiveOn: string;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
}
