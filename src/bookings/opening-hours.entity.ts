import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn } from '../database/columns';

/** When an enterprise is open on a weekday, in London wall-clock time; services are booked inside these hours. */
@Entity('enterprise_opening_hours')
@Index('ix_opening_hours_enterprise', ['enterpriseId', 'weekday'])
export class OpeningHours {
  @IdColumn() id: string;
  @RefColumn() enterpriseId: string;
  /** ISO weekday, 1 = Monday. */
  @Column({ type: 'integer' }) weekday: number;
  @Column({ type: 'varchar', length: 5 }) opensAt: string;
  @Column({ type: 'varchar', length: 5 }) closesAt: string;
}
