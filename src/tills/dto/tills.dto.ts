import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { CUSTOMER_TYPES, type CustomerType } from '../../catalogue/catalogue.types';
import { DateField, IdField, PenceField } from '../../common/validation/decorators';
import { CASH_MOVEMENT_KINDS, PAYMENT_METHODS, type CashMovementKind, type PaymentMethod, type SaleKind, type SessionStatus } from '../tills.types';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

function Quantity(description: string, min = 1): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    ApiProperty({ description, type: 'integer', minimum: min, maximum: 100_000 })(target, key);
    IsInt({ message: `${String(key)} must be a whole number` })(target, key);
    Min(min)(target, key);
    Max(100_000)(target, key);
  };
}

function ClientId(): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    ApiProperty({ description: 'Made by the till (a UUID): the same id again answers the original, never a second one', maxLength: 64 })(target, key);
    IsString()(target, key);
    Matches(/^[A-Za-z0-9-]{8,64}$/, { message: 'clientId must be 8-64 letters, digits or dashes (a UUID)' })(target, key);
  };
}

export class OpenSessionDto {
  @PenceField('openingFloatPence (default: the cash counted when this till last closed)', { optional: true }) openingFloatPence?: number;
  @ApiPropertyOptional({ description: 'Which till of the enterprise (default "Main")', maxLength: 40 }) @IsOptional() @trim @IsString() @MinLength(1) @MaxLength(40) till?: string;
}

export class SaleLineInputDto {
  @IdField('productId') productId: string;
  @Quantity('How many') quantity: number;
}

export class PaymentInputDto {
  @ApiProperty({ enum: PAYMENT_METHODS }) @IsIn(PAYMENT_METHODS, { message: 'method must be CASH, CARD, PATIENT_ACCOUNT or RECHARGE' }) method: PaymentMethod;
  @PenceField('amountPence', { min: 1 }) amountPence: number;
  @IdField('patientId (PATIENT_ACCOUNT)', true) patientId?: string;
  @ApiPropertyOptional({ description: 'The ward’s cost centre (RECHARGE)' }) @IsOptional() @trim @IsString() @MaxLength(20) costCentreCode?: string;
}

export class SaleInputDto {
  @ClientId() clientId: string;
  @ApiPropertyOptional({ enum: CUSTOMER_TYPES, description: 'Picks the price list (default VISITOR)' }) @IsOptional() @IsIn(CUSTOMER_TYPES) customerType?: CustomerType;
  @ApiProperty({ type: [SaleLineInputDto] }) @IsArray() @ArrayMinSize(1, { message: 'Add something to the basket' }) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => SaleLineInputDto) lines: SaleLineInputDto[];
  @ApiProperty({ type: [PaymentInputDto] }) @IsArray() @ArrayMinSize(1, { message: 'Take a payment' }) @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => PaymentInputDto) payments: PaymentInputDto[];
}

export class RefundInputDto {
  @ClientId() clientId: string;
  @ApiProperty({ type: [SaleLineInputDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => SaleLineInputDto) lines: SaleLineInputDto[];
  @ApiProperty({ maxLength: 500 }) @trim @IsString() @MinLength(1, { message: 'Give a reason for the refund' }) @MaxLength(500) reason: string;
}

export class CashMovementInputDto {
  @ApiProperty({ enum: CASH_MOVEMENT_KINDS }) @IsIn(CASH_MOVEMENT_KINDS) kind: CashMovementKind;
  @PenceField('amountPence', { min: 1 }) amountPence: number;
  @ApiProperty({ maxLength: 500 }) @trim @IsString() @MinLength(1, { message: 'Give a reason' }) @MaxLength(500) reason: string;
}

export class CloseSessionDto {
  @PenceField('countedCashPence: the cash counted in the drawer') countedCashPence: number;
  @ApiPropertyOptional({ description: 'When the session’s month is closed: post to the first day of the next open period' }) @IsOptional() @IsBoolean() postToNextOpenPeriod?: boolean;
}

export class StockReceiptLineDto {
  @IdField('productId') productId: string;
  @Quantity('How many received') quantity: number;
  @PenceField('unitCostPence') unitCostPence: number;
}

export class StockReceiptDto {
  @ApiProperty({ type: [StockReceiptLineDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => StockReceiptLineDto) lines: StockReceiptLineDto[];
  @ApiPropertyOptional({ description: 'Also post the purchase: Dr 1200 Stock / Cr 1100 Bank' }) @IsOptional() @IsBoolean() postPurchase?: boolean;
}

export class StockTakeLineDto {
  @IdField('productId') productId: string;
  @Quantity('The quantity counted', 0) countedQuantity: number;
}

export class StockTakeDto {
  @ApiProperty({ type: [StockTakeLineDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => StockTakeLineDto) lines: StockTakeLineDto[];
  @ApiProperty({ maxLength: 500 }) @trim @IsString() @MinLength(1, { message: 'Give a reason' }) @MaxLength(500) reason: string;
}

export class SessionDto {
  @ApiProperty() id: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() till: string;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status: SessionStatus;
  @ApiProperty({ type: 'integer' }) openingFloatPence: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) expectedCashPence: number | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) countedCashPence: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) journalEntryId: string | null;
  @ApiProperty() openedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) closedAt: string | null;
}

export class SaleLineDto {
  @ApiProperty() productId: string;
  @ApiProperty() productName: string;
  @ApiProperty() category: string;
  @ApiProperty({ type: 'integer' }) quantity: number;
  @ApiProperty({ type: 'integer' }) unitPricePence: number;
  @ApiProperty({ type: 'integer' }) linePence: number;
}

export class PaymentDto {
  @ApiProperty({ enum: PAYMENT_METHODS }) method: PaymentMethod;
  @ApiProperty({ type: 'integer' }) amountPence: number;
  @ApiPropertyOptional({ type: String, nullable: true }) patientId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) costCentreId: string | null;
}

export class SaleDto {
  @ApiProperty() id: string;
  @ApiProperty() clientId: string;
  @ApiProperty() sessionId: string;
  @ApiProperty({ enum: ['SALE', 'REFUND'] }) kind: SaleKind;
  @ApiProperty({ enum: CUSTOMER_TYPES }) customerType: CustomerType;
  @ApiProperty({ type: 'integer' }) totalPence: number;
  @ApiProperty({ type: 'integer' }) changePence: number;
  @ApiPropertyOptional({ type: String, nullable: true }) refundOfSaleId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() operatorUserId: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [SaleLineDto] }) lines: SaleLineDto[];
  @ApiProperty({ type: [PaymentDto], description: 'On a refund: money paid back, by the sale’s own methods' }) payments: PaymentDto[];
}

export class CashMovementDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: CASH_MOVEMENT_KINDS }) kind: CashMovementKind;
  @ApiProperty({ type: 'integer' }) amountPence: number;
  @ApiProperty() reason: string;
  @ApiProperty() createdAt: string;
}

export class CloseResultDto {
  @ApiProperty({ type: 'integer' }) expectedCashPence: number;
  @ApiProperty({ type: 'integer' }) countedCashPence: number;
  @ApiProperty({ type: 'integer', description: 'counted - expected: positive is cash over' }) differencePence: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The session’s one journal entry (null when nothing moved)' }) journalEntryId: string | null;
}

export class StockItemDto {
  @ApiProperty() productId: string;
  @ApiProperty() name: string;
  @ApiProperty() category: string;
  @ApiProperty({ type: 'integer' }) stockOnHand: number;
  @ApiProperty({ type: 'integer' }) averageCostPence: number;
  @ApiProperty({ type: 'integer' }) valuePence: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) reorderLevel: number | null;
  @ApiProperty({ description: 'Below its reorder level' }) low: boolean;
  @ApiProperty() allowNegativeStock: boolean;
}

export class StockResultDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: [StockItemDto] }) items: StockItemDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) journalEntryId: string | null;
}

export class PurchasesQueryDto {
  @DateField('from') from: string;
  @DateField('to') to: string;
}
