import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';

/** A day an enterprise is closed (or, with no enterprise, the whole site): patterns skip it. */
@Entity('closure_days')
@Index('ix_closure_days_site_date', ['siteId', 'date'])
export class ClosureDay {
  @IdColumn() id: string;
  @RefColumn() siteId: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) enterpriseId: string | null;
  @Column({ type: 'date' }) date: string;
  @Column({ type: 'varchar', length: 200 }) reason: string;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
}
