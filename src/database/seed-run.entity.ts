import { Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from './columns';

/** Which demo data sets have been loaded, so that a restart never loads one twice. */
@Entity('seed_runs')
export class SeedRun {
  @PrimaryColumn({ type: 'varchar', length: 100 }) name: string;
  @InstantColumn() appliedAt: Date;
}
