import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, PenceColumn, RefColumn } from '../database/columns';
import type { PaymentMethod, ServiceBookingStatus } from './bookings.types';

/** A booking of a slot of a service (e.g. a car valet) by a member of staff. */
@Entity('service_bookings')
@Index('ix_service_bookings_slot', ['serviceId', 'startAt', 'status'])
@Index('ix_service_bookings_enterprise', ['enterpriseId', 'startAt'])
@Index('ix_service_bookings_customer', ['customerUserId', 'startAt'])
@Index('ix_service_bookings_recharged', ['costCentreId', 'rechargedOn'])
export class ServiceBooking {
  @IdColumn() id: string;
  @RefColumn() serviceId: string;
  @RefColumn() enterpriseId: string;
  @InstantColumn() startAt: Date;
  @InstantColumn() endAt: Date;
  @RefColumn() customerUserId: string;
  /** Named when a lead enters a booking taken by phone. */
  @Column({ type: 'varchar', length: 120, nullable: true }) customerName: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) details: string | null;
  @Column({ type: 'varchar', length: 14 }) payment: PaymentMethod;
  @Column({ type: 'varchar', length: 36, nullable: true }) costCentreId: string | null;
  /** The service's price when booked. */
  @PenceColumn() pricePence: number;
  @Column({ type: 'varchar', length: 10 }) status: ServiceBookingStatus;
  @Column({ type: 'text', nullable: true }) cancelReason: string | null;
  @InstantColumn({ nullable: true }) cancelledAt: Date | null;
  /** Done by the enterprise; a recharge booking then posts its recharge. */
  @InstantColumn({ nullable: true }) completedAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) journalEntryId: string | null;
  @Column({ type: 'date', nullable: true }) rechargedOn: string | null;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
}
