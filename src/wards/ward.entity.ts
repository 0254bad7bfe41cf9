import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Site } from './site.entity';

export const SECURITY_LEVELS = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

@Entity('wards')
@Index('ix_wards_site', ['siteId'])
export class Ward {
  @IdColumn() id: string;
  @RefColumn() siteId: string;
  @ManyToOne(() => Site, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'siteId' }) site?: Site;
  @Column({ type: 'varchar', length: 120 }) name: string;
  @Column({ type: 'varchar', length: 10 }) securityLevel: SecurityLevel;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @InstantColumn() createdAt: Date;
}
