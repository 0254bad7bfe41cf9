import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn } from '../database/columns';

/** A ward's or department's budget that orders and recharges are charged to. */
@Entity('cost_centres')
@Index('ux_cost_centres_code', ['code'], { unique: true })
export class CostCentre {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 20 }) code: string;
  @Column({ type: 'varchar', length: 120 }) name: string;
  /** The ward whose staff may order on it. */
  @Column({ type: 'varchar', length: 36, nullable: true }) wardId: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) budgetHolderUserId: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @InstantColumn() createdAt: Date;
}
