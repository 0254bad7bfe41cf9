import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { DateField, IdField } from '../../common/validation/decorators';
import { ORDER_STATUSES, type OrderStatus } from '../orders.types';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
export const COST_CENTRE_CODE = /^[A-Z0-9][A-Z0-9-]{1,19}$/;
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class CreateCostCentreDto {
  @ApiProperty({ example: 'W-ALDER', description: 'Capitals, digits and hyphens, 2 to 20' }) @trim @Matches(COST_CENTRE_CODE, { message: 'Enter a code of 2 to 20 capital letters, digits or hyphens' }) code: string;
  @ApiProperty({ example: 'Alder Ward' }) @trim @IsString() @MinLength(1, { message: 'Enter a name' }) @MaxLength(120) name: string;
  @IdField('Ward whose staff may order on it', true) wardId?: string;
  @IdField('Budget holder (a user)', true) budgetHolderUserId?: string;
}

export class UpdateCostCentreDto {
  @ApiPropertyOptional() @IsOptional() @trim @IsString() @MinLength(1, { message: 'Enter a name' }) @MaxLength(120) name?: string;
  @ApiPropertyOptional({ description: 'false closes the cost centre: no new orders on it; its statements stay' }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @IsUUID('all') budgetHolderUserId?: string | null;
}

export class CostCentreUsersDto {
  @ApiProperty({ type: [String], description: 'Users (besides the ward’s staff) who may order on this cost centre; replaces the list' })
  @IsArray() @ArrayMaxSize(200) @ArrayUnique() @IsUUID('all', { each: true }) userIds: string[];
}

export class CostCentreDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) wardId: string | null;
  @ApiProperty({ nullable: true, type: String }) budgetHolderUserId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'Whether the caller may order on it' }) canOrder: boolean;
  @ApiPropertyOptional({ type: [String] }) userIds?: string[];
}

export class OrderLineInputDto {
  @IdField('Product') productId: string;
  @ApiProperty({ minimum: 1, maximum: 10000 }) @IsInt({ message: 'quantity must be a whole number' }) @Min(1) @Max(10000) quantity: number;
}

export class DeliveredLineDto {
  @IdField('Product') productId: string;
  @ApiProperty({ minimum: 0, maximum: 10000 }) @IsInt({ message: 'quantity must be a whole number' }) @Min(0) @Max(10000) quantity: number;
}

export class CreateOrderDto {
  @IdField('Enterprise') enterpriseId: string;
  @ApiProperty({ example: 'W-ALDER' }) @trim @IsString() @MinLength(1) @MaxLength(20) costCentreCode: string;
  @ApiProperty({ type: [OrderLineInputDto] }) @IsArray() @ArrayMinSize(1, { message: 'Order at least one item' }) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => OrderLineInputDto) lines: OrderLineInputDto[];
  @ApiProperty({ format: 'date-time', example: '2026-11-24T10:00:00Z' }) @IsISO8601({ strict: true }, { message: 'neededBy must be an ISO 8601 instant' }) neededBy: string;
  @ApiProperty({ example: 'Alder Ward linen cupboard' }) @trim @IsString() @MinLength(1, { message: 'Enter where to deliver' }) @MaxLength(200) location: string;
  @ApiPropertyOptional() @IsOptional() @trim @IsString() @MaxLength(1000) notes?: string;
  @ApiPropertyOptional({ description: 'An enterprise lead entering an order taken by phone names the customer' }) @IsOptional() @trim @IsString() @MaxLength(120) customerName?: string;
}

export class ReasonDto {
  @ApiProperty() @trim @IsString() @MinLength(3, { message: 'Give a reason' }) @MaxLength(1000) reason: string;
}

export class DeliverDto {
  @ApiPropertyOptional({ type: [DeliveredLineDto], description: 'Only lines delivered short: the quantity actually delivered; other lines count as ordered' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => DeliveredLineDto) lines?: DeliveredLineDto[];
  @ApiPropertyOptional({ description: 'What was short and why' }) @IsOptional() @trim @IsString() @MaxLength(1000) shortfallNote?: string;
}

export class OrderQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') enterpriseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) costCentreCode?: string;
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @DateField('from (needed-by date, London)', true) from?: string;
  @DateField('to (needed-by date, London, inclusive)', true) to?: string;
  @ApiPropertyOptional({ description: 'Only orders the caller placed' }) @IsOptional() @Transform(({ value }) => value === true || value === 'true') mine?: boolean;
}

export class CreateStandingOrderDto {
  @IdField('Enterprise') enterpriseId: string;
  @ApiProperty({ example: 'W-ALDER' }) @trim @IsString() @MinLength(1) @MaxLength(20) costCentreCode: string;
  @ApiProperty({ type: [Number], example: [1, 4], description: 'ISO weekdays, 1 = Monday' }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(7) @ArrayUnique() @IsInt({ each: true }) @Min(1, { each: true }) @Max(7, { each: true }) weekdays: number[];
  @ApiProperty({ example: '10:00', description: 'London time the order is needed by' }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'neededByTime must be HH:MM' }) neededByTime: string;
  @ApiProperty({ type: [OrderLineInputDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => OrderLineInputDto) lines: OrderLineInputDto[];
  @ApiProperty() @trim @IsString() @MinLength(1) @MaxLength(200) location: string;
  @ApiPropertyOptional() @IsOptional() @trim @IsString() @MaxLength(1000) notes?: string;
  @DateField('startsOn') startsOn: string;
  @DateField('endsOn', true) endsOn?: string;
}

export class GenerateDto {
  @DateField('until (inclusive, at most 8 weeks ahead)') until: string;
}

export class StatementQueryDto {
  @ApiProperty({ example: '2026-11' }) @Matches(MONTH, { message: 'month must be YYYY-MM' }) month: string;
}

// ---- responses ----

export class OrderLineDto {
  @ApiProperty() productId: string;
  @ApiProperty() productName: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ type: 'integer' }) unitPricePence: number;
  @ApiProperty({ nullable: true, type: Number }) deliveredQuantity: number | null;
}

export class OrderEventDto {
  @ApiProperty({ nullable: true, type: String }) fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() byUserId: string;
  @ApiProperty() byName: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class OrderDto {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() costCentreCode: string;
  @ApiProperty() costCentreName: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({ format: 'date-time' }) neededBy: string;
  @ApiProperty() location: string;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ nullable: true, type: String }) customerName: string | null;
  @ApiProperty({ type: 'integer' }) totalPence: number;
  @ApiProperty({ type: 'integer', nullable: true }) deliveredTotalPence: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why declined or cancelled' }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) shortfallNote: string | null;
  @ApiProperty({ nullable: true, type: String }) journalEntryId: string | null;
  @ApiProperty({ nullable: true, type: String }) standingOrderId: string | null;
  @ApiProperty() requestedByUserId: string;
  @ApiProperty({ type: [OrderLineDto] }) lines: OrderLineDto[];
  @ApiProperty({ type: [OrderEventDto] }) events: OrderEventDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class StandingOrderDto {
  @ApiProperty() id: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() costCentreCode: string;
  @ApiProperty({ type: [Number] }) weekdays: number[];
  @ApiProperty() neededByTime: string;
  @ApiProperty({ type: [OrderLineInputDto] }) lines: OrderLineInputDto[];
  @ApiProperty() location: string;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endsOn: string | null;
  @ApiProperty() active: boolean;
}

export class RechargeStatementLineDto {
  @ApiProperty() productName: string;
  @ApiProperty({ description: 'Delivered quantity' }) quantity: number;
  @ApiProperty({ type: 'integer' }) unitPricePence: number;
  @ApiProperty({ type: 'integer' }) totalPence: number;
}

export class StatementOrderDto {
  @ApiProperty({ enum: ['ORDER', 'BOOKING'], description: 'A delivered order, or a service booking paid by recharge' }) kind: 'ORDER' | 'BOOKING';
  @ApiProperty({ description: 'The order’s or the booking’s id' }) orderId: string;
  @ApiProperty() reference: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ format: 'date', description: 'Date of the recharge journal entry' }) date: string;
  @ApiProperty() journalEntryId: string;
  @ApiProperty({ type: [RechargeStatementLineDto] }) lines: RechargeStatementLineDto[];
  @ApiProperty({ type: 'integer' }) totalPence: number;
}

export class StatementDto {
  @ApiProperty() costCentreCode: string;
  @ApiProperty() costCentreName: string;
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ type: [StatementOrderDto] }) orders: StatementOrderDto[];
  @ApiProperty({ type: 'integer' }) totalPence: number;
  @ApiProperty({ type: 'integer', description: 'The same recharges as posted in the enterprises’ ledgers (Dr Internal recharges receivable)' }) ledgerTotalPence: number;
  @ApiProperty({ description: 'totalPence equals ledgerTotalPence' }) balanced: boolean;
}
