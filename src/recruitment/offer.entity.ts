import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Application } from './application.entity';
import type { OfferStatus } from './recruitment.types';

@Entity('offers')
@Index('ix_offers_application', ['applicationId'])
export class Offer {
  @IdColumn() id: string;
  @RefColumn() applicationId: string;
  @ManyToOne(() => Application, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'applicationId' }) application?: Application;
  @Column({ type: 'date' }) startOn: string;
  @Column({ type: 'text', nullable: true }) terms: string | null;
  @Column({ type: 'varchar', length: 10, default: 'MADE' }) status: OfferStatus;
  @RefColumn() madeByUserId: string;
  @InstantColumn() madeAt: Date;
  @InstantColumn({ nullable: true }) respondedAt: Date | null;
}
