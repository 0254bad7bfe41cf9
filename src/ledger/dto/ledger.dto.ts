import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { DateField, PenceField } from '../../common/validation/decorators';
import { ACCOUNT_TYPES, ENTRY_SOURCES, type AccountType, type EntrySource } from '../ledger.types';
import { IdempotencyKey, OptionalFlag, Text } from './fields';

export const ACCOUNT_CODE = /^[0-9A-Z][0-9A-Z-]{0,11}$/;

export class JournalLineInputDto {
  @ApiProperty({ example: '1100', description: 'Account code in this enterprise’s ledger' })
  @IsString({ message: 'accountCode must be an account code' })
  @MaxLength(12)
  accountCode: string;

  @PenceField('debitPence', { optional: true }) debitPence?: number;
  @PenceField('creditPence', { optional: true }) creditPence?: number;
}

export class PostEntryDto {
  @IdempotencyKey() idempotencyKey: string;
  @DateField('occurredOn') occurredOn: string;
  @Text('a description', 300) description: string;

  @ApiProperty({ type: [JournalLineInputDto], description: 'At least two lines; each one side only, whole pence above zero; debits equal credits' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => JournalLineInputDto)
  lines: JournalLineInputDto[];

  @OptionalFlag('When occurredOn falls in a closed month: date the entry on the first day of the next open month (originalOn records the date asked for)')
  postToNextOpenPeriod?: boolean;
}

export class ReversalDto {
  @DateField('occurredOn', true) occurredOn?: string;
  @Text('a description', 300, { optional: true }) description?: string;
  @IdempotencyKey(true) idempotencyKey?: string;
  @OptionalFlag('Post to the next open month if occurredOn is in a closed one') postToNextOpenPeriod?: boolean;
}

export class JournalQueryDto extends PageQuery {
  @DateField('from', true) from?: string;
  @DateField('to', true) to?: string;
  @ApiPropertyOptional({ enum: ENTRY_SOURCES }) @IsOptional() @IsIn(ENTRY_SOURCES) source?: EntrySource;
  @ApiPropertyOptional({ example: '4000' }) @IsOptional() @IsString() @MaxLength(12) accountCode?: string;
}

export class CreateAccountDto {
  @ApiProperty({ example: '4300', description: 'Digits, capitals and hyphens, up to 12' })
  @Matches(ACCOUNT_CODE, { message: 'Enter a code of up to 12 digits, capital letters or hyphens' })
  code: string;
  @Text('a name', 80) name: string;
  @ApiProperty({ enum: ACCOUNT_TYPES }) @IsIn(ACCOUNT_TYPES, { message: 'Choose the type of account' }) type: AccountType;
}

// ---- responses ----

export class AccountDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ACCOUNT_TYPES }) type: AccountType;
  @ApiProperty() closed: boolean;
}

export class JournalLineDto {
  @ApiProperty() lineNo: number;
  @ApiProperty() accountCode: string;
  @ApiProperty() accountName: string;
  @ApiProperty({ type: 'integer' }) debitPence: number;
  @ApiProperty({ type: 'integer' }) creditPence: number;
}

export class JournalEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() sequence: number;
  @ApiProperty({ format: 'date' }) occurredOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The date asked for, when the entry was moved to the next open period' }) originalOn: string | null;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ENTRY_SOURCES }) source: EntrySource;
  @ApiProperty() idempotencyKey: string;
  @ApiProperty({ type: String, nullable: true }) reversesEntryId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reversedByEntryId?: string | null;
  @ApiProperty() previousHash: string;
  @ApiProperty() hash: string;
  @ApiProperty() createdByUserId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [JournalLineDto] }) lines: JournalLineDto[];
}

export class JournalPageDto {
  @ApiProperty({ type: [JournalEntryDto] }) items: JournalEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class VerifyDto {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'Entries in the ledger' }) entries: number;
  @ApiPropertyOptional() firstBadEntryId?: string;
  @ApiPropertyOptional() firstBadSequence?: number;
  @ApiPropertyOptional() problem?: string;
}

export class PeriodDto {
  @ApiProperty({ example: '2026-10' }) month: string;
  @ApiProperty({ format: 'date-time' }) closedAt: string;
  @ApiProperty() closedByUserId: string;
}
