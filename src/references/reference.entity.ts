import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Patient } from '../patients/patient.entity';
import { Placement } from '../recruitment/placement.entity';
import type { ReferenceFacts, ReferenceStatus } from './reference.types';

/** An employment reference for a placement: DRAFT -> APPROVED -> WITHDRAWN. */
@Entity('employment_references')
@Index('ix_references_patient', ['patientId', 'status'])
@Index('ix_references_placement', ['placementId'])
export class Reference {
  @IdColumn() id: string;
  @RefColumn() patientId: string;
  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @RefColumn() placementId: string;
  @ManyToOne(() => Placement, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'placementId' }) placement?: Placement;
  @Column({ type: 'varchar', length: 10 }) status: ReferenceStatus;
  /** Printed on the PDF; GET /verify/:code. Unguessable. */
  @Column({ type: 'varchar', length: 24, unique: true }) verificationCode: string;
  @Column({ type: 'simple-json' }) facts: ReferenceFacts;
  @Column({ type: 'text' }) statement: string;
  @Column({ type: 'varchar', length: 120 }) refereeName: string;
  @Column({ type: 'varchar', length: 120 }) refereeJobTitle: string;
  /** The patient's choice; the default shows the enterprise's reference name only. */
  @Column({ type: 'boolean', default: false }) showHospitalName: boolean;
  @RefColumn() draftedByUserId: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) approvedByUserId: string | null;
  @InstantColumn({ nullable: true }) approvedAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) withdrawnByUserId: string | null;
  @InstantColumn({ nullable: true }) withdrawnAt: Date | null;
  @Column({ type: 'text', nullable: true }) withdrawnReason: string | null;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
