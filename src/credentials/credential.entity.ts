import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Patient } from '../patients/patient.entity';
import { SkillLog } from '../skills/skill-log.entity';

export const CREDENTIAL_STATUSES = ['ACTIVE', 'REVOKED'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/** An Open Badges 3.0 credential issued for a verified skill log entry, signed as a VC-JWT. */
@Entity('credentials')
@Index('ix_credentials_patient', ['patientId', 'status'])
@Index('ux_credentials_one_active', ['skillLogId', 'activeKey'], { unique: true })
export class Credential {
  @IdColumn() id: string;
  @RefColumn() patientId: string;
  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @RefColumn() skillLogId: string;
  @ManyToOne(() => SkillLog, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'skillLogId' }) skillLog?: SkillLog;
  @Column({ type: 'varchar', length: 8 }) status: CredentialStatus;
  /** 'A' while ACTIVE, the credential id once REVOKED: one active credential per skill log entry. */
  @Column({ type: 'varchar', length: 36 }) activeKey: string;
  /** The signing key's id (JWK kid) at issue. */
  @Column({ type: 'varchar', length: 64 }) keyId: string;
  @Column({ type: 'text' }) jwt: string;
  /** The unsigned credential (the JWT's vc claim), as issued. */
  @Column({ type: 'simple-json' }) credential: Record<string, unknown>;
  @InstantColumn() issuedAt: Date;
  @InstantColumn({ nullable: true }) validUntil: Date | null;
  @RefColumn() issuedByUserId: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) revokedByUserId: string | null;
  @InstantColumn({ nullable: true }) revokedAt: Date | null;
  @Column({ type: 'text', nullable: true }) revokedReason: string | null;
}
