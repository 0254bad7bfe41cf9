import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn } from '../database/columns';
import type { Role } from './roles';
import { Patient } from '../patients/patient.entity';

@Entity('users')
@Index('ux_users_patient', ['patientId'], { unique: true })
export class User {
  @IdColumn() id: string;
  /** Stored lower-case; unique. */
  @Column({ type: 'varchar', length: 64, unique: true }) username: string;
  @Column({ type: 'varchar', length: 120 }) displayName: string;
  @Column({ type: 'varchar', length: 24 }) role: Role;
  @Column({ type: 'varchar', length: 255 }) passwordHash: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** A PATIENT user is linked to exactly one patient record. */
  @Column({ type: 'varchar', length: 36, nullable: true }) patientId: string | null;
  @ManyToOne(() => Patient, { onDelete: 'RESTRICT', nullable: true }) @JoinColumn({ name: 'patientId' }) patient?: Patient | null;
  @Column({ type: 'integer', default: 0 }) failedSignIns: number;
  @InstantColumn({ nullable: true }) lockedUntil: Date | null;
  @Column({ type: 'boolean', default: false }) mustChangePassword: boolean;
  @InstantColumn({ nullable: true }) passwordChangedAt: Date | null;
  @InstantColumn({ nullable: true }) lastSignInAt: Date | null;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
