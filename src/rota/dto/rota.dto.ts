import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { PageQuery } from '../../common/paging';
import { DateField, IdField } from '../../common/validation/decorators';
import { ASSIGNMENT_STATUSES, BOOKING_CODES, SHIFT_STATUSES } from '../rota.types';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class CreateShiftDto {
  @IdField('Work role') workRoleId: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-24T10:00:00Z' }) @IsISO8601({ strict: true }, { message: 'startAt must be an ISO 8601 instant' }) startAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-24T13:00:00Z' }) @IsISO8601({ strict: true }, { message: 'endAt must be an ISO 8601 instant' }) endAt: string;
  @ApiProperty({ minimum: 1, maximum: 50 }) @IsInt() @Min(1) @Max(50) capacity: number;
  @IdField('Supervisor user', true) supervisorUserId?: string;
  @ApiPropertyOptional({ type: [String], description: 'Staff who escort patients with escorted leave' }) @IsOptional() @IsArray() @ArrayMaxSize(10) @ArrayUnique() @IsUUID('all', { each: true }) escortUserIds?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) locationNote?: string;
  @ApiPropertyOptional({ description: 'Publish at once (default: draft)' }) @IsOptional() @IsBoolean() publish?: boolean;
}

export class UpdateShiftStaffDto {
  @IdField('Supervisor user', true) supervisorUserId?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(10) @ArrayUnique() @IsUUID('all', { each: true }) escortUserIds?: string[];
}

export class CancelDto {
  @ApiProperty({ description: 'Why (e.g. ward incident, leave suspended, ward round, enterprise closed)' }) @IsString() @MinLength(3, { message: 'Give a reason' }) @MaxLength(500) reason: string;
}

export class ShiftQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') enterpriseId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'From (inclusive); default: Monday of this week' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'To (exclusive); default: a week after from; at most 62 days' }) @IsOptional() @IsISO8601() to?: string;
}

export class BookDto {
  @IdField('Patient') patientId: string;
  @ApiPropertyOptional({ description: 'OT only: the recorded reason to override HOURS_CAP or EARNINGS_CAP (e.g. benefits counselling outcome)' }) @IsOptional() @IsString() @MaxLength(1000) overrideReason?: string;
}

export class BatchItemDto {
  @IdField('Shift') shiftId: string;
  @IdField('Patient') patientId: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) overrideReason?: string;
}

export class BatchBookDto {
  @ApiProperty({ type: [BatchItemDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => BatchItemDto) items: BatchItemDto[];
}

export class PatternBookDto {
  @IdField('Patient') patientId: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) overrideReason?: string;
}

export class CreatePatternDto {
  @IdField('Work role') workRoleId: string;
  @ApiProperty({ type: [Number], description: 'ISO weekdays: 1 = Monday ... 7 = Sunday', example: [1, 2, 3, 4, 5] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(7) @ArrayUnique() @IsInt({ each: true }) @Min(1, { each: true }) @Max(7, { each: true }) weekdays: number[];
  @ApiProperty({ example: '10:00', description: 'Europe/London wall clock' }) @Matches(HHMM, { message: 'startTime must be HH:MM' }) startTime: string;
  @ApiProperty({ example: '13:00' }) @Matches(HHMM, { message: 'endTime must be HH:MM' }) endTime: string;
  @ApiProperty({ minimum: 1, maximum: 50 }) @IsInt() @Min(1) @Max(50) capacity: number;
  @IdField('Supervisor user', true) supervisorUserId?: string;
  @DateField('First date') fromOn: string;
  @ApiProperty({ minimum: 1, maximum: 26 }) @IsInt() @Min(1) @Max(26) weeks: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() publish?: boolean;
}

export class CreateClosureDayDto {
  @IdField('Enterprise (omit for the whole site)', true) enterpriseId?: string;
  @IdField('Site', true) siteId?: string;
  @DateField('Date') date: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(200) reason: string;
}

// ---- responses ----

export class ViolationDto {
  @ApiProperty({ example: 'OVERLAP', description: `A booking rule (${BOOKING_CODES.join(', ')}); in a batch, an item that could not be checked carries its error code instead (e.g. NOT_FOUND)` }) code: string;
  @ApiProperty() message: string;
}

export class AssignmentDto {
  @ApiProperty() id: string;
  @ApiProperty() shiftId: string;
  @ApiProperty() patientId: string;
  @ApiPropertyOptional({ description: 'Shown to staff who can see the patient' }) patientName?: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status: string;
  @ApiProperty({ type: [ViolationDto], description: 'Why it needs review' }) reviewReasons: ViolationDto[];
  @ApiProperty({ format: 'date-time' }) startAt: string;
  @ApiProperty({ format: 'date-time' }) endAt: string;
  @ApiProperty() plannedMinutes: number;
  @ApiProperty() plannedPayPence: number;
  @ApiProperty({ type: String, nullable: true }) overrideReason: string | null;
  @ApiProperty({ type: [String] }) overriddenCodes: string[];
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
}

export class BookingAnswerDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: [ViolationDto] }) violations: ViolationDto[];
  @ApiProperty({ type: [String] }) overridden: string[];
}

export class BatchResultDto {
  @ApiProperty() shiftId: string;
  @ApiProperty() patientId: string;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ type: AssignmentDto }) assignment?: AssignmentDto;
  @ApiPropertyOptional() code?: string;
  @ApiProperty({ type: [ViolationDto] }) violations: ViolationDto[];
}

export class BatchResultsDto {
  @ApiProperty({ type: [BatchResultDto] }) items: BatchResultDto[];
  @ApiProperty() booked: number;
  @ApiProperty() refused: number;
}

export class ShiftDto {
  @ApiProperty() id: string;
  @ApiProperty() workRoleId: string;
  @ApiProperty() roleTitle: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ format: 'date-time' }) startAt: string;
  @ApiProperty({ format: 'date-time' }) endAt: string;
  @ApiProperty() capacity: number;
  @ApiProperty() booked: number;
  @ApiProperty() freePlaces: number;
  @ApiProperty({ type: String, nullable: true }) supervisorUserId: string | null;
  @ApiProperty({ type: [String] }) escortUserIds: string[];
  @ApiProperty({ type: String, nullable: true }) locationNote: string | null;
  @ApiProperty({ enum: SHIFT_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
  @ApiProperty({ type: String, nullable: true }) patternId: string | null;
  @ApiPropertyOptional({ type: [AssignmentDto], description: 'GET /api/shifts/:id: the bookings of patients the caller can see' }) assignments?: AssignmentDto[];
  @ApiPropertyOptional({ description: 'Bookings of patients the caller cannot see' }) otherBookings?: number;
}

export class ShiftPageDto {
  @ApiProperty({ type: [ShiftDto] }) items: ShiftDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class PatternResultDto {
  @ApiProperty() patternId: string;
  @ApiProperty({ type: [String] }) shiftIds: string[];
  @ApiProperty({ description: 'Dates skipped for closures', type: [Object] }) skipped: { date: string; reason: string }[];
}

export class ClosureDayDto {
  @ApiProperty() id: string;
  @ApiProperty() siteId: string;
  @ApiProperty({ type: String, nullable: true }) enterpriseId: string | null;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() reason: string;
}
