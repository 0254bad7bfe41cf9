import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { DateField, PenceField } from '../../common/validation/decorators';
import { PROPOSAL_STATUSES, REINVESTMENT_PURPOSES, type ProposalStatus, type ReinvestmentPurpose } from '../ledger.types';
import { PAID_FROM, type PaidFrom } from '../money-entries';
import { IdempotencyKey, Text } from './fields';
import { ACCOUNT_CODE } from './ledger.dto';

export class CreateProposalDto {
  @PenceField('amountPence', { min: 1 }) amountPence: number;
  @ApiProperty({ enum: REINVESTMENT_PURPOSES }) @IsIn(REINVESTMENT_PURPOSES, { message: 'Choose what the money is for' }) purpose: ReinvestmentPurpose;
  @Text('a title', 200) title: string;
  @Text('the opportunities it should create', 4000, { description: 'The opportunities for patients it should create (roles, places, training)' }) opportunities: string;
}

export class RejectProposalDto {
  @Text('a reason', 1000) reason: string;
}

export class SpendProposalDto {
  @DateField('spentOn (default: today)', true) spentOn?: string;
  @ApiPropertyOptional({ example: '5200', description: 'Expense (or asset) account spent on; default follows the purpose' })
  @IsOptional()
  @Matches(ACCOUNT_CODE, { message: 'expenseAccountCode must be an account code' })
  expenseAccountCode?: string;
  @ApiPropertyOptional({ enum: PAID_FROM, default: 'BANK' }) @IsOptional() @IsIn(PAID_FROM) paidFrom?: PaidFrom;
  @IdempotencyKey(true) idempotencyKey?: string;
}

export class OpportunitiesDto {
  @ApiPropertyOptional({ type: [String], description: 'Work roles of this enterprise the reinvestment funded' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ArrayUnique() @IsUUID('all', { each: true })
  workRoleIds?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Placements in this enterprise’s roles the reinvestment funded' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ArrayUnique() @IsUUID('all', { each: true })
  placementIds?: string[];
}

export class ProposalDto {
  @ApiProperty() id: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty({ type: 'integer' }) amountPence: number;
  @ApiProperty({ enum: REINVESTMENT_PURPOSES }) purpose: ReinvestmentPurpose;
  @ApiProperty() title: string;
  @ApiProperty() opportunities: string;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status: ProposalStatus;
  @ApiProperty({ type: String, nullable: true }) leadApprovedByUserId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) leadApprovedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) adminApprovedByUserId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) adminApprovedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectedByUserId: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ type: String, nullable: true }) reserveEntryId: string | null;
  @ApiProperty({ type: String, nullable: true }) spendEntryId: string | null;
  @ApiProperty({ type: [String] }) fundedWorkRoleIds: string[];
  @ApiProperty({ type: [String] }) fundedPlacementIds: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ProposalListDto {
  @ApiProperty({ type: 'integer', description: 'Surplus free for reinvestment now' }) availableSurplusPence: number;
  @ApiProperty({ type: [ProposalDto] }) items: ProposalDto[];
}

export class TracedProposalDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: REINVESTMENT_PURPOSES }) purpose: ReinvestmentPurpose;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status: ProposalStatus;
  @ApiProperty({ type: 'integer' }) amountPence: number;
  @ApiProperty() opportunities: string;
  @ApiProperty({ description: 'Work roles it funded', type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } } } })
  fundedWorkRoles: { id: string; title: string }[];
  @ApiProperty({ description: 'Number of placements it funded' }) placementsFunded: number;
}

export class ReinvestmentTraceDto {
  @ApiProperty() enterpriseId: string;
  @ApiProperty({ type: 'integer', description: 'Income less expenses, all time' }) surplusToDatePence: number;
  @ApiProperty({ type: 'integer' }) availableSurplusPence: number;
  @ApiProperty({ type: 'integer' }) reservedPence: number;
  @ApiProperty({ type: 'integer' }) reinvestedPence: number;
  @ApiProperty({ type: [TracedProposalDto] }) proposals: TracedProposalDto[];
}
