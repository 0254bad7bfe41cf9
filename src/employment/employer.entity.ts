import { Column, Entity } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';

/** An employer or provider outside the hospital (employer directory). */
@Entity('employers')
export class Employer {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 160 }) name: string;
  @Column({ type: 'varchar', length: 80, nullable: true }) sector: string | null;
  @Column({ type: 'varchar', length: 160, nullable: true }) contact: string | null;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
}
