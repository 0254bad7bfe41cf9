import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, PenceColumn, RefColumn } from '../database/columns';
import type { ProductKind } from './catalogue.types';

/**
 * A catalogue entry of an enterprise: a product sold by quantity, or a service booked in slots.
 * Never deleted (orders and sales keep pointing at it); taken out of use with `active`.
 * `pricePence` is the price today; its dated history is in catalogue_prices.
 */
@Entity('catalogue_products')
@Index('ix_catalogue_products_enterprise', ['enterpriseId', 'active'])
export class Product {
  @IdColumn() id: string;
  @RefColumn() enterpriseId: string;
  @Column({ type: 'varchar', length: 8 }) kind: ProductKind;
  @Column({ type: 'varchar', length: 120 }) name: string;
  @Column({ type: 'varchar', length: 60 }) category: string;
  @PenceColumn() pricePence: number;
  /** What one of it is, e.g. "bag", "sandwich", "car". */
  @Column({ type: 'varchar', length: 30, nullable: true }) unit: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  // Services only:
  @Column({ type: 'integer', nullable: true }) durationMinutes: number | null;
  /** How many bookings one slot takes at once (e.g. two valeting bays). */
  @Column({ type: 'integer', nullable: true }) slotCapacity: number | null;
  /** Time kept free after each slot before the next one starts. */
  @Column({ type: 'integer', nullable: true }) bufferMinutes: number | null;
  @Column({ type: 'integer', nullable: true }) minimumNoticeMinutes: number | null;
  /** A customer may cancel up to this long before the start. */
  @Column({ type: 'integer', nullable: true }) cancellationCutoffMinutes: number | null;
  /** What the booking form asks for, e.g. "Vehicle registration". */
  @Column({ type: 'varchar', length: 80, nullable: true }) detailsLabel: string | null;
  // Products at the till:
  /** The income account a sale posts to (default 4000 Sales). */
  @Column({ type: 'varchar', length: 10, default: '4000' }) incomeAccountCode: string;
  @Column({ type: 'boolean', default: false }) trackStock: boolean;
  /** Some goods may be sold before the delivery is booked in; most may not. */
  @Column({ type: 'boolean', default: false }) allowNegativeStock: boolean;
  /** Stock on hand, moved only under a row lock on this row (sales, refunds, receipts, stock takes). */
  @Column({ type: 'integer', default: 0 }) stockOnHand: number;
  /** Moving average cost of one unit, in pence. */
  @Column({ type: 'integer', default: 0 }) averageCostPence: number;
  /** Listed as low stock when on hand falls below this. */
  @Column({ type: 'integer', nullable: true }) reorderLevel: number | null;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
