import { Column, Entity, Index } from 'typeorm';
import { IdColumn, InstantColumn, RefColumn } from '../database/columns';
import type { ProposalStatus, ReinvestmentPurpose } from './ledger.types';

/**
 * A proposal to reinvest surplus: approved by the enterprise lead AND an admin (or rejected
 * with a reason); approval moves the amount to the reinvestment reserve, spending posts from
 * it; fundedWorkRoleIds/fundedPlacementIds trace the opportunities it created.
 */
@Entity('reinvestment_proposals')
@Index('ix_reinvestment_enterprise', ['enterpriseId', 'status'])
export class ReinvestmentProposal {
  @IdColumn() id: string;
  @RefColumn() enterpriseId: string;
  @Column({ type: 'integer' }) amountPence: number;
  @Column({ type: 'varchar', length: 16 }) purpose: ReinvestmentPurpose;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) opportunities: string;
  @Column({ type: 'varchar', length: 10 }) status: ProposalStatus;
  @Column({ type: 'varchar', length: 36, nullable: true }) leadApprovedByUserId: string | null;
  @InstantColumn({ nullable: true }) leadApprovedAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) adminApprovedByUserId: string | null;
  @InstantColumn({ nullable: true }) adminApprovedAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) rejectedByUserId: string | null;
  @Column({ type: 'text', nullable: true }) rejectionReason: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) reserveEntryId: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) spendEntryId: string | null;
  @Column({ type: 'simple-json' }) fundedWorkRoleIds: string[];
  @Column({ type: 'simple-json' }) fundedPlacementIds: string[];
  @RefColumn() createdByUserId: string;
  @InstantColumn() createdAt: Date;
  @InstantColumn() updatedAt: Date;
}
