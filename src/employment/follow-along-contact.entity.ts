import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { OutsideOpportunity } from './opportunity.entity';
import type { FollowAlongMode, FollowAlongWith } from './employment.types';

/** Support after a start: time-unlimited, also after discharge. */
@Entity('follow_along_contacts')
@Index('ix_follow_along_patient', ['patientId', 'contactedOn'])
export class FollowAlongContact {
  @IdColumn() id: string;
  @RefColumn() patientId: string;
  @RefColumn() opportunityId: string;
  @ManyToOne(() => OutsideOpportunity, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'opportunityId' }) opportunity?: OutsideOpportunity;
  @Column({ type: 'date' }) contactedOn: string;
  @Column({ type: 'varchar', length: 14 }) mode: FollowAlongMode;
  @Column({ type: 'varchar', length: 10 }) withWhom: FollowAlongWith;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @RefColumn() byUserId: string;
  @InstantColumn() createdAt: Date;
}
