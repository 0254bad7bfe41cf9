import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Patient } from './patient.entity';

/**
 * NONE: no benefits (e.g. transferred prisoners); LEGACY: permitted work rules (an earnings
 * limit and under 16 hours); UNIVERSAL_CREDIT: no hard limit, a work allowance and a 55%
 * taper; UNKNOWN: treated as the site default.
 */
export const BENEFITS_SITUATIONS = ['NONE', 'LEGACY', 'UNIVERSAL_CREDIT', 'UNKNOWN'] as const;
export type BenefitsSituation = (typeof BENEFITS_SITUATIONS)[number];

/** A patient's benefits situation from a date. Dated history; the newest record in force applies. */
@Entity('benefits_situations')
@Index('ix_benefits_situations_patient', ['patientId', 'effectiveFrom'])
export class BenefitsSituationRecord {
  @IdColumn() id: string;
  @RefColumn() patientId: string;
  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @Column({ type: 'varchar', length: 20 }) situation: BenefitsSituation;
  @Column({ type: 'date' }) effectiveFrom: string;
  /** Universal Credit only: the monthly work allowance (0 when none applies). */
  @Column({ type: 'integer', nullable: true }) workAllowanceMonthlyPence: number | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @RefColumn() recordedByUserId: string;
  @InstantColumn() recordedAt: Date;
}
