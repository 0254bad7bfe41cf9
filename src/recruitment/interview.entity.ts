import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import { Application } from './application.entity';
import type { InterviewOutcome } from './recruitment.types';

@Entity('interviews')
@Index('ix_interviews_application', ['applicationId'])
export class Interview {
  @IdColumn() id: string;
  @RefColumn() applicationId: string;
  @ManyToOne(() => Application, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'applicationId' }) application?: Application;
  @InstantColumn() scheduledAt: Date;
  /** Who sits on the panel, as names and roles. */
  @Column({ type: 'text' }) panel: string;
  @Column({ type: 'varchar', length: 12, default: 'PENDING' }) outcome: InterviewOutcome;
  /** Feedback written for the patient to read. */
  @Column({ type: 'text', nullable: true }) feedback: string | null;
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
