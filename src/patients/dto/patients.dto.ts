import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { DateField, IdField } from '../../common/validation/decorators';
import { LIMIT_MODES, type LimitMode } from '../benefits-limit.entity';
import { LEAVE_LEVELS, type LeaveLevel } from '../leave';
import { PATIENT_STATUSES, type PatientStatus } from '../patient.entity';
import { RESTRICTIONS, type RestrictionCode } from '../restrictions';
import { VOCATIONAL_STAGES, type VocationalStage } from '../vocational-profile.entity';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class PatientQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Search by name or hospital number' }) @IsOptional() @IsString() @MaxLength(64) @trim() q?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') wardId?: string;
  @ApiPropertyOptional({ enum: PATIENT_STATUSES }) @IsOptional() @IsIn(PATIENT_STATUSES) status?: PatientStatus;
  @ApiPropertyOptional({ enum: LEAVE_LEVELS, description: "Only patients whose effective leave today is this level" }) @IsOptional() @IsIn(LEAVE_LEVELS) leave?: LeaveLevel;
}

export class CreatePatientDto {
  @IdField('Ward') wardId: string;
  @ApiProperty({ example: 'Jamie Reed' }) @IsString() @trim() @MinLength(1, { message: 'Enter a display name' }) @MaxLength(120) displayName: string;
  @ApiProperty({ example: 'WW-DEMO-0001' }) @IsString() @trim() @MinLength(3, { message: 'Enter the hospital number' }) @MaxLength(40) hospitalNumber: string;
}

export class UpdatePatientDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @trim() @MinLength(1) @MaxLength(120) displayName?: string;
}

export class MoveWardDto {
  @IdField('Ward') wardId: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class TransferDto {
  @IdField('Ward') wardId: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the patient moved (default now); not in the future, and after the current stay began' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'effectiveAt must be an ISO 8601 instant' })
  effectiveAt?: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @trim() @MaxLength(500) reason?: string;
}

/** The transfer form on the patient page: the time is UK wall-clock time, "YYYY-MM-DD HH:MM". */
export class TransferFormDto {
  @IdField('Ward') wardId: string;
  @IsOptional() @IsString() @Matches(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, { message: 'Enter the time of the move like 2026-11-23 14:30' }) movedAt?: string;
  @IsOptional() @IsString() @trim() @MaxLength(500) reason?: string;
}

export class WardStayDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) wardId: string;
  @ApiProperty() wardName: string;
  @ApiProperty({ format: 'date-time' }) fromAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) toAt: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedByUserId: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class WardHistoryDto {
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty({ format: 'uuid' }) currentWardId: string;
  @ApiProperty({ type: [WardStayDto], description: 'Stays on wards, oldest first; the last is open (toAt null)' }) stays: WardStayDto[];
}

export class SetStatusDto {
  @ApiProperty({ enum: PATIENT_STATUSES }) @IsIn(PATIENT_STATUSES) status: PatientStatus;
  @DateField('Effective date', true) effectiveOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class RecordLeaveDto {
  @ApiProperty({ enum: LEAVE_LEVELS }) @IsIn(LEAVE_LEVELS, { message: 'Choose a leave level' }) level: LeaveLevel;
  @DateField('Effective from') effectiveFrom: string;
  @DateField('Effective until', true) effectiveUntil?: string;
  @ApiPropertyOptional({ description: 'Who granted it (responsible clinician)' }) @IsOptional() @IsString() @MaxLength(120) grantedBy?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class SuspendLeaveDto {
  @ApiProperty({ description: 'Why leave is suspended (e.g. after an incident)' }) @IsString() @trim() @MinLength(3, { message: 'Give the reason' }) @MaxLength(2000) reason: string;
  @DateField('Effective from', true) effectiveFrom?: string;
  @DateField('Effective until', true) effectiveUntil?: string;
}

export class ReinstateLeaveDto {
  @ApiProperty() @IsString() @trim() @MinLength(3, { message: 'Give the reason' }) @MaxLength(2000) reason: string;
  @DateField('Effective from', true) effectiveFrom?: string;
}

export class AddRestrictionDto {
  @ApiProperty({ enum: RESTRICTIONS }) @IsIn(RESTRICTIONS, { message: 'Choose a restriction' }) restriction: RestrictionCode;
  @DateField('Effective from') effectiveFrom: string;
  @DateField('Effective until', true) effectiveUntil?: string;
  @ApiProperty() @IsString() @trim() @MinLength(3, { message: 'Give the reason' }) @MaxLength(2000) reason: string;
}

export class LiftRestrictionDto {
  @DateField('Lifted on') liftedOn: string;
  @ApiProperty() @IsString() @trim() @MinLength(3, { message: 'Give the reason' }) @MaxLength(2000) reason: string;
}

export class SetBenefitsLimitsDto {
  @ApiProperty({ enum: LIMIT_MODES, description: 'SITE_DEFAULT, CUSTOM caps, or NO_CAP (e.g. receives no benefits)' }) @IsIn(LIMIT_MODES) mode: LimitMode;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'CUSTOM: weekly earnings cap in pence (null: none)' })
  @ValidateIf((o) => o.weeklyEarningsCapPence !== null && o.weeklyEarningsCapPence !== undefined) @IsInt() @Min(0) @Max(10_000_000)
  weeklyEarningsCapPence?: number | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'CUSTOM: weekly hours cap in minutes (null: none)' })
  @ValidateIf((o) => o.weeklyHoursCapMinutes !== null && o.weeklyHoursCapMinutes !== undefined) @IsInt() @Min(0) @Max(7 * 24 * 60)
  weeklyHoursCapMinutes?: number | null;
  @DateField('Effective from') effectiveFrom: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class VocationalProfileDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) workPreferences?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) goals?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) strengths?: string;
  @ApiPropertyOptional({ enum: VOCATIONAL_STAGES }) @IsOptional() @IsIn(VOCATIONAL_STAGES) stage?: VocationalStage;
  @DateField('Next review date', true) nextReviewOn?: string;
}

export class LeaveOnQueryDto {
  @DateField('Date', true) on?: string;
}

// ---- responses ----

export class LeaveOnDateDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ enum: LEAVE_LEVELS }) level: LeaveLevel;
  @ApiProperty() suspended: boolean;
  @ApiProperty({ type: String, nullable: true }) suspensionReason: string | null;
  @ApiProperty({ enum: LEAVE_LEVELS, description: 'What the patient may do: NONE while suspended' }) effectiveLevel: LeaveLevel;
}

export class LeaveEventDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['GRANT', 'SUSPEND', 'REINSTATE'] }) kind: string;
  @ApiProperty({ enum: LEAVE_LEVELS, nullable: true }) level: LeaveLevel | null;
  @ApiProperty({ format: 'date' }) effectiveFrom: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) effectiveUntil: string | null;
  @ApiProperty({ type: String, nullable: true }) grantedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() recordedByUserId: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class RestrictionDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: RESTRICTIONS }) restriction: RestrictionCode;
  @ApiProperty({ format: 'date' }) effectiveFrom: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) effectiveUntil: string | null;
  @ApiProperty() reason: string;
  @ApiProperty() setByUserId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) liftedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) liftReason: string | null;
  @ApiProperty({ description: 'In force today' }) inForce: boolean;
}

export class BenefitsDto {
  @ApiProperty({ type: 'integer', nullable: true }) weeklyEarningsCapPence: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) weeklyHoursCapMinutes: number | null;
  @ApiProperty({ enum: ['SITE_DEFAULT', 'CUSTOM', 'NO_CAP', 'NO_BENEFITS', 'UNIVERSAL_CREDIT'] }) source: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) effectiveFrom: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class VocationalProfileViewDto {
  @ApiProperty({ type: String, nullable: true }) workPreferences: string | null;
  @ApiProperty({ type: String, nullable: true }) goals: string | null;
  @ApiProperty({ type: String, nullable: true }) strengths: string | null;
  @ApiProperty({ enum: VOCATIONAL_STAGES }) stage: VocationalStage;
  @ApiProperty({ type: String, format: 'date', nullable: true }) nextReviewOn: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
}

export class PatientSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty() hospitalNumber: string;
  @ApiProperty({ format: 'uuid' }) wardId: string;
  @ApiProperty() wardName: string;
  @ApiProperty({ enum: PATIENT_STATUSES }) status: PatientStatus;
  @ApiProperty({ type: LeaveOnDateDto }) leaveToday: LeaveOnDateDto;
  @ApiProperty({ enum: RESTRICTIONS, isArray: true }) restrictionsInForce: RestrictionCode[];
}

export class PatientPageDto {
  @ApiProperty({ type: [PatientSummaryDto] }) items: PatientSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class PatientDetailDto extends PatientSummaryDto {
  @ApiProperty({ type: String, nullable: true, description: 'The linked PATIENT user account' }) userId: string | null;
  @ApiProperty({ type: [LeaveEventDto] }) leaveHistory: LeaveEventDto[];
  @ApiProperty({ type: [RestrictionDto] }) restrictions: RestrictionDto[];
  @ApiProperty({ type: BenefitsDto }) benefitsLimits: BenefitsDto;
  @ApiProperty({ type: VocationalProfileViewDto }) vocationalProfile: VocationalProfileViewDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
