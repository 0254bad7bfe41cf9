import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { DateField, IdField } from '../../common/validation/decorators';
import { BOOKING_STATUSES, PAYMENT_METHODS, type PaymentMethod, type ServiceBookingStatus } from '../bookings.types';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class OpeningPeriodDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }) @IsInt() @Min(1) @Max(7) weekday: number;
  @ApiProperty({ example: '09:00' }) @Matches(HHMM, { message: 'opensAt must be HH:MM' }) opensAt: string;
  @ApiProperty({ example: '16:00' }) @Matches(HHMM, { message: 'closesAt must be HH:MM' }) closesAt: string;
}

export class OpeningHoursDto {
  @ApiProperty({ type: [OpeningPeriodDto], description: 'London wall-clock opening periods; replaces the list' })
  @IsArray() @ArrayMaxSize(28) @ValidateNested({ each: true }) @Type(() => OpeningPeriodDto) periods: OpeningPeriodDto[];
}

export class AvailabilityQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'serviceId must be an id' }) serviceId: string;
  @DateField('from (London date)') from: string;
  @DateField('to (London date, inclusive; at most 31 days after from)') to: string;
}

export class SlotDto {
  @ApiProperty({ format: 'date-time' }) startAt: string;
  @ApiProperty({ format: 'date-time' }) endAt: string;
  @ApiProperty({ description: 'Places left' }) free: number;
}

export class AvailabilityDto {
  @ApiProperty() serviceId: string;
  @ApiProperty() capacity: number;
  @ApiProperty({ type: [SlotDto] }) slots: SlotDto[];
}

export class CreateBookingDto {
  @IdField('Service') serviceId: string;
  @ApiProperty({ format: 'date-time', description: 'The start of a slot from the availability' }) @IsISO8601({ strict: true }, { message: 'startAt must be an ISO 8601 instant' }) startAt: string;
  @ApiPropertyOptional({ description: 'What the service asks for, e.g. the vehicle registration' }) @IsOptional() @trim @IsString() @MaxLength(200) details?: string;
  @ApiPropertyOptional({ enum: PAYMENT_METHODS, default: 'ON_COLLECTION', description: 'Cash or card at the till on collection, or recharged to a cost centre' }) @IsOptional() @IsIn(PAYMENT_METHODS) payment?: PaymentMethod;
  @ApiPropertyOptional({ description: 'For RECHARGE: a cost centre you may use' }) @IsOptional() @trim @IsString() @MaxLength(20) costCentreCode?: string;
  @ApiPropertyOptional({ description: 'An enterprise lead entering a booking taken by phone names the customer' }) @IsOptional() @trim @IsString() @MaxLength(120) customerName?: string;
}

export class CancelBookingDto {
  @ApiProperty() @trim @IsString() @MinLength(3, { message: 'Give a reason' }) @MaxLength(1000) reason: string;
}

export class BookingQueryDto {
  @ApiPropertyOptional({ description: 'Only your own bookings' }) @IsOptional() @Transform(({ value }) => value === true || value === 'true') mine?: boolean;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') enterpriseId?: string;
  @DateField('from (London date)', true) from?: string;
  @DateField('to (London date, inclusive)', true) to?: string;
}

export class DaySheetQueryDto {
  @DateField('date (London; default today)', true) date?: string;
}

export class BookingFlagDto {
  @ApiProperty({ example: 'ENTERPRISE_CLOSED' }) code: string;
  @ApiProperty() message: string;
}

export class ServiceBookingDto {
  @ApiProperty() id: string;
  @ApiProperty() serviceId: string;
  @ApiProperty() serviceName: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ format: 'date-time' }) startAt: string;
  @ApiProperty({ format: 'date-time' }) endAt: string;
  @ApiProperty() customerUserId: string;
  @ApiProperty({ nullable: true, type: String }) customerName: string | null;
  @ApiProperty({ nullable: true, type: String }) details: string | null;
  @ApiProperty({ enum: PAYMENT_METHODS }) payment: PaymentMethod;
  @ApiProperty({ nullable: true, type: String }) costCentreCode: string | null;
  @ApiProperty({ enum: BOOKING_STATUSES }) status: ServiceBookingStatus;
  @ApiProperty({ type: 'integer', description: 'The price when booked' }) pricePence: number;
  @ApiProperty({ nullable: true, type: String, description: 'The recharge entry, once a recharge booking is done' }) journalEntryId: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ nullable: true, type: BookingFlagDto, description: 'Set when the enterprise can no longer serve the booking (e.g. a closure added later)' }) flag: BookingFlagDto | null;
}
