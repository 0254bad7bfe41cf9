import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { DateField, IdField } from '../../common/validation/decorators';
import { RealDate } from './real-date';
import { RESTRICTIONS, type RestrictionCode } from '../../patients/restrictions';
import {
  APPLICATION_STATUSES,
  INTERVIEW_OUTCOMES,
  OFFER_STATUSES,
  type ApplicationStatus,
  type InterviewOutcome,
  type OfferStatus,
} from '../recruitment.types';

/** An instant with a date, a time and an offset (or Z), e.g. 2026-06-10T10:30:00+01:00. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export class ApplyDto {
  @ApiPropertyOptional({ description: 'Why the patient wants this job, in their words', maxLength: 4000 })
  @IsOptional() @IsString() @MaxLength(4000)
  statement?: string;

  @IdField('Patient (staff applying for a patient; patients apply for themselves)', true)
  patientId?: string;
}

export class ApplicationQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') vacancyId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') patientId?: string;
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES }) @IsOptional() @IsIn(APPLICATION_STATUSES) status?: ApplicationStatus;
}

export class ScheduleInterviewDto {
  @ApiProperty({ format: 'date-time', example: '2026-06-10T10:30:00+01:00', description: 'When, with a UTC offset' })
  @IsISO8601({ strict: true }, { message: 'Interview time must be a date and time, e.g. 2026-06-10T10:30:00+01:00' })
  @Matches(INSTANT, { message: 'Interview time must include a time and a UTC offset, e.g. 2026-06-10T10:30:00+01:00' })
  scheduledAt: string;

  @ApiProperty({ description: 'Who sits on the panel (names and roles)', maxLength: 500 })
  @IsString() @MinLength(1, { message: 'Say who is on the interview panel' }) @MaxLength(500)
  panel: string;
}

export class UpdateInterviewDto {
  @ApiPropertyOptional({ enum: INTERVIEW_OUTCOMES }) @IsOptional() @IsIn(INTERVIEW_OUTCOMES, { message: 'Choose an outcome' }) outcome?: InterviewOutcome;

  @ApiPropertyOptional({ description: 'Feedback written for the patient to read', maxLength: 4000 })
  @IsOptional() @IsString() @MaxLength(4000)
  feedback?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional() @IsISO8601({ strict: true }) @Matches(INSTANT, { message: 'Interview time must include a time and a UTC offset' })
  scheduledAt?: string;

  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(500) panel?: string;
}

export class MakeOfferDto {
  @RealDate('Start date') @DateField('Start date') startOn: string;

  @ApiPropertyOptional({ description: 'Hours, days, supervisor, first-day arrangements', maxLength: 4000 })
  @IsOptional() @IsString() @MaxLength(4000)
  terms?: string;
}

export class WithdrawDto {
  @ApiPropertyOptional({ description: 'Why the application was withdrawn', maxLength: 2000 })
  @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class InterviewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'date-time' }) scheduledAt: string;
  @ApiProperty() panel: string;
  @ApiProperty({ enum: INTERVIEW_OUTCOMES }) outcome: InterviewOutcome;
  @ApiProperty({ type: String, nullable: true, description: 'Feedback for the patient' }) feedback: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OfferDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'date' }) startOn: string;
  @ApiProperty({ type: String, nullable: true }) terms: string | null;
  @ApiProperty({ enum: OFFER_STATUSES }) status: OfferStatus;
  @ApiProperty({ format: 'date-time' }) madeAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) respondedAt: string | null;
}

export class ApplicationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) vacancyId: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty() patientDisplayName: string;
  @ApiProperty({ format: 'uuid' }) workRoleId: string;
  @ApiProperty() roleTitle: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ type: String, nullable: true }) statement: string | null;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty({ description: 'The stage in words, e.g. "Interview booked"' }) stage: string;
  @ApiPropertyOptional({
    enum: RESTRICTIONS,
    isArray: true,
    description: 'Staff only (never sent to the patient): restrictions in force when they applied that meet the role’s activities',
  })
  restrictionConflicts?: RestrictionCode[];
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was withdrawn, if it was' }) outcomeNote: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: [InterviewDto] }) interviews: InterviewDto[];
  @ApiProperty({ type: OfferDto, nullable: true, description: 'The latest offer' }) offer: OfferDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The placement made when the offer was accepted' }) placementId: string | null;
}

export class ApplicationPageDto {
  @ApiProperty({ type: [ApplicationDto] }) items: ApplicationDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
