import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/** A rate-limit window, kept in the database so limits hold across app instances. */
@Entity('rate_limits')
export class RateLimit {
  @PrimaryColumn({ type: 'varchar', length: 200 }) key: string;
  @Column({ type: 'integer' }) hits: number;
  @InstantColumn() windowEndsAt: Date;
  @InstantColumn({ nullable: true }) blockedUntil: Date | null;
}
