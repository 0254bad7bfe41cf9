import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Patient } from './patient.entity';

export const LIMIT_MODES = ['SITE_DEFAULT', 'CUSTOM', 'NO_CAP'] as const;
export type LimitMode = (typeof LIMIT_MODES)[number];

/**
 * A patient's benefits limits from a date: the site default (UK permitted work), a custom
 * cap (benefits counselling), or no cap (e.g. a detained patient who receives no benefits).
 * Dated history; the newest record in force applies.
 */
@Entity('benefits_limits')
@Index('ix_benefits_limits_patient', ['patientId', 'effectiveFrom'])
export class BenefitsLimit {
  @IdColumn() id: string;
  @RefColumn() patientId: string;
  @ManyToOne(() => Patient, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'patientId' }) patient?: Patient;
  @Column({ type: 'varchar', length: 12 }) mode: LimitMode;
  /** CUSTOM only; null there means no earnings cap. */
  @Column({ type: 'integer', nullable: true }) weeklyEarningsCapPence: number | null;
  /** CUSTOM only; null there means no hours cap. */
  @Column({ type: 'integer', nullable: true }) weeklyHoursCapMinutes: number | null;
  @Column({ type: 'date' }) effectiveFrom: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @RefColumn() recordedByUserId: string;
  @InstantColumn() recordedAt: Date;
}
