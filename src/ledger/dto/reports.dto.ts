import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DateField } from '../../common/validation/decorators';
import { ACCOUNT_TYPES, type AccountType } from '../ledger.types';

export class RangeQueryDto {
  @DateField('from (default: 1 January this year)', true) from?: string;
  @DateField('to (default: today)', true) to?: string;
}

export class OnQueryDto {
  @DateField('on (default: today)', true) on?: string;
}

export class YearQueryDto {
  @ApiPropertyOptional({ description: 'Calendar year (default: this year)', example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class StatementLineDto {
  @ApiProperty() accountCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['INCOME', 'EXPENSE'] }) type: AccountType;
  @ApiProperty({ type: 'integer', description: 'Income: credits less debits; expenses: debits less credits' }) amountPence: number;
}

export class IncomeStatementDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: 'integer' }) incomePence: number;
  @ApiProperty({ type: 'integer' }) expensesPence: number;
  @ApiProperty({ type: 'integer', description: 'Income less expenses' }) surplusPence: number;
  @ApiProperty({ type: [StatementLineDto] }) lines: StatementLineDto[];
}

export class TrialBalanceRowDto {
  @ApiProperty() accountCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ACCOUNT_TYPES }) type: AccountType;
  @ApiProperty({ type: 'integer' }) debitPence: number;
  @ApiProperty({ type: 'integer' }) creditPence: number;
}

export class TrialBalanceDto {
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty({ type: [TrialBalanceRowDto] }) rows: TrialBalanceRowDto[];
  @ApiProperty({ type: 'integer' }) totalDebitPence: number;
  @ApiProperty({ type: 'integer' }) totalCreditPence: number;
}

export class BalanceRowDto {
  @ApiProperty({ type: String, nullable: true, description: 'null for the computed surplus-to-date row' }) accountCode: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) amountPence: number;
}

export class BalanceSheetDto {
  @ApiProperty({ format: 'date' }) on: string;
  @ApiProperty({ type: [BalanceRowDto] }) assets: BalanceRowDto[];
  @ApiProperty({ type: [BalanceRowDto] }) liabilities: BalanceRowDto[];
  @ApiProperty({ type: [BalanceRowDto], description: 'Equity accounts plus the surplus to date (income less expenses not yet moved to equity)' }) equity: BalanceRowDto[];
  @ApiProperty({ type: 'integer' }) totalAssetsPence: number;
  @ApiProperty({ type: 'integer' }) totalLiabilitiesPence: number;
  @ApiProperty({ type: 'integer' }) totalEquityPence: number;
  @ApiProperty({ type: 'integer' }) surplusToDatePence: number;
  @ApiProperty({ description: 'Assets equal liabilities plus equity' }) balanced: boolean;
}

export class MonthFiguresDto {
  @ApiProperty({ example: '2026-04' }) month: string;
  @ApiProperty({ type: 'integer' }) incomePence: number;
  @ApiProperty({ type: 'integer' }) expensesPence: number;
  @ApiProperty({ type: 'integer' }) surplusPence: number;
}

export class MonthlySurplusDto {
  @ApiProperty() year: number;
  @ApiProperty({ type: [MonthFiguresDto] }) months: MonthFiguresDto[];
  @ApiProperty({ type: 'integer' }) incomePence: number;
  @ApiProperty({ type: 'integer' }) expensesPence: number;
  @ApiProperty({ type: 'integer' }) surplusPence: number;
}

export class EnterpriseSurplusDto {
  @ApiProperty() enterpriseId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) incomePence: number;
  @ApiProperty({ type: 'integer' }) expensesPence: number;
  @ApiProperty({ type: 'integer' }) surplusPence: number;
  @ApiProperty({ type: 'integer', description: 'Approved proposals not yet spent (in the reinvestment reserve)' }) reservedPence: number;
  @ApiProperty({ type: 'integer', description: 'Proposals spent' }) reinvestedPence: number;
  @ApiProperty() proposalsAwaitingApproval: number;
  @ApiProperty({ description: 'Work roles funded by reinvestment' }) rolesFunded: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Placements funded by reinvestment; null when fewer than 5 (suppressed)' }) placementsFunded: number | null;
}

export class SurplusAcrossDto {
  @ApiProperty() year: number;
  @ApiProperty({ type: [EnterpriseSurplusDto] }) enterprises: EnterpriseSurplusDto[];
  @ApiProperty({ type: 'integer' }) incomePence: number;
  @ApiProperty({ type: 'integer' }) expensesPence: number;
  @ApiProperty({ type: 'integer' }) surplusPence: number;
  @ApiProperty({ type: 'integer' }) reservedPence: number;
  @ApiProperty({ type: 'integer' }) reinvestedPence: number;
}
