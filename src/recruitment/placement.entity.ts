import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { WorkRole } from '../enterprises/work-role.entity';
import { Patient } from '../patients/patient.entity';
import type { EndReason, PlacementStatus } from './recruitment.types';

/** A patient in a paid work role. One ACTIVE placement per patient and role (unique index). */
@Entity('placements')
@Index('ix_placements_patient', ['patientId', 'status'])
@Index('ix_placements_role', ['workRoleId', 'status'])
@Index('ux_placements_one_active', ['patientId', 'workRoleId', 'activeKey'], { unique: true })
export class Placement {
  @IdColumn() id: string;
  @RefColumn() patientId: string;
  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @RefColumn() workRoleId: string;
  @ManyToOne(() => WorkRole, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'workRoleId' }) workRole?: WorkRole;
  @Column({ type: 'varchar', length: 36, nullable: true }) applicationId: string | null;
  @Column({ type: 'date' }) startOn: string;
  @Column({ type: 'date', nullable: true }) endOn: string | null;
  @Column({ type: 'varchar', length: 8 }) status: PlacementStatus;
  /**
   * 'A' while ACTIVE, the placement id once ENDED: with the unique index this allows one
   * active placement per patient and role on both databases without partial indexes.
   */
  @Column({ type: 'varchar', length: 36 }) activeKey: string;
  @Column({ type: 'varchar', length: 24, nullable: true }) endReason: EndReason | null;
  @Column({ type: 'text', nullable: true }) endNote: string | null;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
