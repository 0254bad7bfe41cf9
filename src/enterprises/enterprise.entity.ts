import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import type { LeaveLevel } from '../patients/leave';
import { Site } from '../wards/site.entity';
import { Ward } from '../wards/ward.entity';
import type { EnterpriseKind, EnterpriseStatus, LocationZone } from './enterprise.types';

@Entity('enterprises')
@Index('ix_enterprises_site', ['siteId'])
export class Enterprise {
  @IdColumn() id: string;
  @RefColumn() siteId: string;
  @ManyToOne(() => Site, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'siteId' }) site?: Site;
  @Column({ type: 'varchar', length: 36, nullable: true }) wardId: string | null;
  @ManyToOne(() => Ward, { onDelete: 'RESTRICT', nullable: true }) @JoinColumn({ name: 'wardId' }) ward?: Ward | null;
  @Column({ type: 'varchar', length: 120, unique: true }) name: string;
  @Column({ type: 'varchar', length: 16 }) kind: EnterpriseKind;
  /** The hospital business need it meets. */
  @Column({ type: 'text' }) businessNeed: string;
  @Column({ type: 'varchar', length: 10 }) locationZone: LocationZone;
  @Column({ type: 'varchar', length: 24 }) minimumLeave: LeaveLevel;
  /** The name used on references and credentials, so a patient need not disclose a forensic setting. */
  @Column({ type: 'varchar', length: 120 }) referenceName: string;
  @Column({ type: 'text', nullable: true }) openingTimes: string | null;
  @Column({ type: 'varchar', length: 8, default: 'ACTIVE' }) status: EnterpriseStatus;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
