import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DateField, IdField, PenceField } from '../../common/validation/decorators';
import { PAID_FROM, PURCHASE_CATEGORIES, TAKINGS_METHODS, type PaidFrom, type PurchaseCategory, type TakingsMethod } from '../money-entries';
import { IdempotencyKey, OptionalFlag, Text } from './fields';

class MoneyBase {
  @IdempotencyKey() idempotencyKey: string;
  @DateField('occurredOn') occurredOn: string;
  @PenceField('amountPence', { min: 1 }) amountPence: number;
  @OptionalFlag('When occurredOn falls in a closed month: post to the first day of the next open month') postToNextOpenPeriod?: boolean;
}

export class TakingsDto extends MoneyBase {
  @ApiProperty({ enum: TAKINGS_METHODS }) @IsIn(TAKINGS_METHODS, { message: 'Choose cash or card' }) method: TakingsMethod;
  @Text('a description', 300, { optional: true }) description?: string;
}

export class PurchaseDto extends MoneyBase {
  @ApiProperty({ enum: PURCHASE_CATEGORIES }) @IsIn(PURCHASE_CATEGORIES, { message: 'Choose what was bought' }) category: PurchaseCategory;
  @ApiProperty({ enum: PAID_FROM }) @IsIn(PAID_FROM, { message: 'Choose how it was paid' }) paidFrom: PaidFrom;
  @Text('what was bought', 300) description: string;
}

export class IncomeDto extends MoneyBase {
  @Text('a description', 300, { description: 'Who paid and what for' }) description: string;
}

export class PayrollRequestDto {
  @IdField('Approved timesheet') timesheetId: string;
  @OptionalFlag('When the week ends in a closed month: post to the first day of the next open month') postToNextOpenPeriod?: boolean;
}

export class PayrollRunDto {
  @ApiProperty() id: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() timesheetId: string;
  @ApiProperty({ format: 'date' }) weekStartOn: string;
  @ApiProperty({ type: 'integer' }) totalPayPence: number;
  @ApiProperty() wagesEntryId: string;
  @ApiProperty({ type: String, nullable: true }) paymentEntryId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PayrollWeekDto {
  @ApiProperty() timesheetId: string;
  @ApiProperty({ format: 'date' }) weekStartOn: string;
  @ApiProperty({ type: 'integer' }) totalMinutes: number;
  @ApiProperty({ type: 'integer' }) totalPayPence: number;
  @ApiProperty({ nullable: true, type: PayrollRunDto }) run: PayrollRunDto | null;
}
