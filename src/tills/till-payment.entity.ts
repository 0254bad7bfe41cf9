import { Column, Entity, Index } from 'typeorm';
import { IdColumn, PenceColumn, RefColumn } from '../database/columns';
import type { PaymentMethod } from './tills.types';

/** A payment on a sale (cash tendered, card...) or money paid back on a refund, always positive. */
@Entity('till_payments')
@Index('ix_till_payments_sale', ['saleId'])
@Index('ix_till_payments_patient', ['patientId'])
export class TillPayment {
  @IdColumn() id: string;
  @RefColumn() saleId: string;
  @Column({ type: 'varchar', length: 16 }) method: PaymentMethod;
  @PenceColumn() amountPence: number;
  @Column({ type: 'varchar', length: 36, nullable: true }) patientId: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) costCentreId: string | null;
}
