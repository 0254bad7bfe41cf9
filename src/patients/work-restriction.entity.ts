import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { User } from '../users/user.entity';
import { Patient } from './patient.entity';
import type { RestrictionCode } from './restrictions';

/** A clinical work restriction. Lifting it records when, who and why; nothing is erased. */
@Entity('work_restrictions')
@Index('ix_work_restrictions_patient', ['patientId', 'effectiveFrom'])
export class WorkRestriction {
  @IdColumn() id: string;
  @RefColumn() patientId: string;
  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @Column({ type: 'varchar', length: 24 }) restriction: RestrictionCode;
  @Column({ type: 'date' }) effectiveFrom: string;
  @Column({ type: 'date', nullable: true }) effectiveUntil: string | null;
  @Column({ type: 'text' }) reason: string;
  @RefColumn() setByUserId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'setByUserId' }) setBy?: User;
  @InstantColumn() createdAt: Date;
  @Column({ type: 'date', nullable: true }) liftedOn: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) liftedByUserId: string | null;
  @Column({ type: 'text', nullable: true }) liftReason: string | null;
}
