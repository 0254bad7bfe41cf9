import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Patient } from '../patients/patient.entity';
import type { CaseloadStatus, ReferralSource, ReferralStatus } from './employment.types';

/**
 * A referral to employment support and, once accepted, the person's time on a specialist's
 * caseload (IPS zero exclusion: a decline always has a reason). Support continues after
 * discharge until the caseload entry is closed with a reason.
 */
@Entity('employment_referrals')
@Index('ix_employment_referrals_patient', ['patientId', 'referredOn'])
@Index('ix_employment_referrals_specialist', ['specialistUserId', 'caseloadStatus'])
// One open referral per person (waiting, or on a caseload and not closed), safe under
// concurrent requests: openKey is 'O' while open and NULL after a decline or closure (NULLs
// never collide in a unique index, on SQLite or PostgreSQL).
@Index('ux_employment_referrals_open', ['patientId', 'openKey'], { unique: true })
export class EmploymentReferral {
  @IdColumn() id: string;
  @RefColumn() patientId: string;
  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @Column({ type: 'date' }) referredOn: string;
  @Column({ type: 'varchar', length: 10 }) source: ReferralSource;
  @RefColumn() referredByUserId: string;
  @Column({ type: 'varchar', length: 10 }) status: ReferralStatus;
  @Column({ type: 'text', nullable: true }) declineReason: string | null;
  @Column({ type: 'date', nullable: true }) declinedOn: string | null;
  @RefColumn({ nullable: true }) specialistUserId: string | null;
  @Column({ type: 'date', nullable: true }) acceptedOn: string | null;
  /** Out of work when accepted: the denominator of the employment rate. */
  @Column({ type: 'boolean', default: true }) outOfWorkWhenAccepted: boolean;
  @Column({ type: 'varchar', length: 14, nullable: true }) caseloadStatus: CaseloadStatus | null;
  @Column({ type: 'date', nullable: true }) profileStartedOn: string | null;
  @Column({ type: 'date', nullable: true }) benefitsPlanningOfferedOn: string | null;
  @Column({ type: 'date', nullable: true }) benefitsPlanningDoneOn: string | null;
  @Column({ type: 'varchar', length: 1, nullable: true }) openKey: 'O' | null;
  @Column({ type: 'date', nullable: true }) closedOn: string | null;
  @Column({ type: 'text', nullable: true }) closedReason: string | null;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
