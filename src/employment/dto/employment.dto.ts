import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DateField, IdField, PenceField } from '../../common/validation/decorators';
import { BENEFITS_SITUATIONS, type BenefitsSituation } from '../../patients/benefits-situation.entity';
import {
  CASELOAD_STATUSES,
  CONTACT_PURPOSES,
  DISCLOSURE_CHOICES,
  FOLLOW_ALONG_MODES,
  FOLLOW_ALONG_WITH,
  GOAL_KINDS,
  OPPORTUNITY_END_REASONS,
  OPPORTUNITY_KINDS,
  REFERRAL_SOURCES,
  type CaseloadStatus,
  type ContactPurpose,
  type DisclosureChoice,
  type FollowAlongMode,
  type FollowAlongWith,
  type GoalKind,
  type OpportunityEndReason,
  type OpportunityKind,
  type ReferralSource,
} from '../employment.types';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
/** Form posts send "true"/"false"; JSON sends booleans. */
const bool = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
const num = () => Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value));

export class CreateReferralDto {
  @IdField('Patient') patientId: string;
  @DateField('Referred on') referredOn: string;
  @ApiProperty({ enum: REFERRAL_SOURCES }) @IsIn(REFERRAL_SOURCES, { message: 'Choose who referred' }) source: ReferralSource;
}

export class AcceptReferralDto {
  @IdField('Employment specialist') specialistUserId: string;
  @DateField('Accepted on') acceptedOn: string;
  @ApiPropertyOptional({ description: 'Out of work when accepted (default true): the base of the employment rate' }) @IsOptional() @bool() @IsBoolean() outOfWorkWhenAccepted?: boolean;
}

export class DeclineReferralDto {
  @ApiProperty({ description: 'Why (zero exclusion: always reported)' }) @IsString() @trim() @MinLength(3, { message: 'Give the reason for declining' }) @MaxLength(2000) reason: string;
  @DateField('Declined on', true) declinedOn?: string;
}

export class UpdateCaseloadDto {
  @ApiPropertyOptional({ enum: CASELOAD_STATUSES }) @IsOptional() @IsIn(CASELOAD_STATUSES) status?: CaseloadStatus;
  @DateField('Closed on', true) closedOn?: string;
  @ApiPropertyOptional({ description: 'Needed when closing' }) @IsOptional() @IsString() @trim() @MaxLength(2000) closedReason?: string;
  @DateField('Vocational profile started on', true) profileStartedOn?: string;
  @DateField('Benefits planning offered on', true) benefitsPlanningOfferedOn?: string;
  @DateField('Benefits planning done on', true) benefitsPlanningDoneOn?: string;
}

export class CaseloadQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Whose caseload (a specialist's own by default)" }) @IsOptional() @IsUUID('all') specialistUserId?: string;
}

export class SetSpecialistFteDto {
  @ApiProperty({ description: 'Full-time equivalent, 0 to 1 (e.g. 0.6)', example: 1 }) @num() @IsNumber({ maxDecimalPlaces: 2 }, { message: 'Enter the FTE as a number such as 0.6' }) @Min(0) @Max(1) fte: number;
}

export class AddPlanEntryDto {
  @ApiProperty({ enum: ['STRENGTH', 'GOAL', 'STEP', 'REVIEW'] }) @IsIn(['STRENGTH', 'GOAL', 'STEP', 'REVIEW'], { message: 'Choose what to add' }) kind: 'STRENGTH' | 'GOAL' | 'STEP' | 'REVIEW';
  @ApiProperty() @IsString() @trim() @MinLength(1, { message: 'Enter the text' }) @MaxLength(4000) text: string;
  @ApiPropertyOptional({ enum: GOAL_KINDS }) @IsOptional() @IsIn(GOAL_KINDS) goalKind?: GoalKind;
  @DateField('Due on', true) dueOn?: string;
  @ApiPropertyOptional({ description: "Reviews: the person's own words" }) @IsOptional() @IsString() @trim() @MaxLength(4000) patientWords?: string;
}

export class PlanCommentDto {
  @ApiProperty({ description: 'Your comment on your plan' }) @IsString() @trim() @MinLength(1, { message: 'Enter your comment' }) @MaxLength(2000) text: string;
}

export class StepDoneDto {
  @DateField('Done on') doneOn: string;
}

export class CreateEmployerDto {
  @ApiProperty() @IsString() @trim() @MinLength(2, { message: 'Enter the employer’s name' }) @MaxLength(160) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @trim() @MaxLength(80) sector?: string;
  @ApiPropertyOptional({ description: 'Contact person, phone or email' }) @IsOptional() @IsString() @trim() @MaxLength(160) contact?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @trim() @MaxLength(4000) notes?: string;
}

export class CreateEmployerContactDto {
  @IdField('Employer') employerId: string;
  @IdField('Patient', true) patientId?: string;
  @DateField('Contacted on') contactedOn: string;
  @ApiProperty() @bool() @IsBoolean({ message: 'Say whether it was face to face' }) faceToFace: boolean;
  @ApiProperty({ enum: CONTACT_PURPOSES }) @IsIn(CONTACT_PURPOSES, { message: 'Choose the purpose' }) purpose: ContactPurpose;
  @ApiPropertyOptional() @IsOptional() @IsString() @trim() @MaxLength(2000) note?: string;
}

export class CreateOpportunityDto {
  @ApiProperty({ enum: OPPORTUNITY_KINDS }) @IsIn(OPPORTUNITY_KINDS, { message: 'Choose the kind' }) kind: OpportunityKind;
  @IdField('Employer or provider', true) employerId?: string;
  @ApiProperty() @IsString() @trim() @MinLength(2, { message: 'Enter the title' }) @MaxLength(160) title: string;
  @DateField('Starts on') startsOn: string;
  @ApiProperty({ description: 'Hours a week (quarter hours)', example: 12 }) @num() @IsNumber({ maxDecimalPlaces: 2 }, { message: 'Enter the hours a week' }) @Min(0.25) @Max(60) hoursPerWeek: number;
  @PenceField('Hourly pay', { optional: true, max: 100_000 }) hourlyPayPence?: number;
  @ApiProperty({ description: 'Open to anyone and paid at least the minimum wage' }) @bool() @IsBoolean({ message: 'Say whether it is competitive' }) competitive: boolean;
  @DateField('Day the first 4 hours of paid work were done', true) fourHoursWorkedOn?: string;
}

export class EndOpportunityDto {
  @DateField('Ends on') endsOn: string;
  @ApiProperty({ enum: OPPORTUNITY_END_REASONS }) @IsIn(OPPORTUNITY_END_REASONS, { message: 'Choose the reason' }) endReason: OpportunityEndReason;
}

export class FourHoursDto {
  @DateField('Day the first 4 hours of paid work were done') fourHoursWorkedOn: string;
}

export class CreateFollowAlongDto {
  @IdField('Opportunity') opportunityId: string;
  @DateField('Contacted on') contactedOn: string;
  @ApiProperty({ enum: FOLLOW_ALONG_MODES }) @IsIn(FOLLOW_ALONG_MODES, { message: 'Choose how' }) mode: FollowAlongMode;
  @ApiProperty({ enum: FOLLOW_ALONG_WITH }) @IsIn(FOLLOW_ALONG_WITH, { message: 'Choose with whom' }) withWhom: FollowAlongWith;
  @ApiPropertyOptional() @IsOptional() @IsString() @trim() @MaxLength(2000) note?: string;
}

export class RecordDisclosureDto {
  @IdField('Employer') employerId: string;
  @ApiProperty({ enum: DISCLOSURE_CHOICES }) @IsIn(DISCLOSURE_CHOICES, { message: 'Choose what the person tells this employer' }) choice: DisclosureChoice;
  @DateField('Decided on') decidedOn: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @trim() @MaxLength(2000) note?: string;
}

export class SetBenefitsSituationDto {
  @ApiProperty({ enum: BENEFITS_SITUATIONS }) @IsIn(BENEFITS_SITUATIONS, { message: 'Choose the benefits situation' }) situation: BenefitsSituation;
  @DateField('Effective from') effectiveFrom: string;
  @PenceField('Universal Credit work allowance a month', { optional: true, max: 1_000_000 }) workAllowanceMonthlyPence?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @trim() @MaxLength(2000) note?: string;
}

export class FidelityQueryDto {
  @DateField('From') from: string;
  @DateField('To') to: string;
}

export class QuarterQueryDto {
  @ApiProperty({ example: '2026-Q3' }) @IsString() @Matches(/^\d{4}-Q[1-4]$/, { message: 'quarter must look like 2026-Q3' }) quarter: string;
}

export class FidelityItemDto {
  @ApiProperty() key: string;
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string', enum: ['<5'] }], nullable: true }) value: number | string | null;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5 }) score?: number;
}

export class FidelityReportDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() suppressed: boolean;
  @ApiProperty({ type: [FidelityItemDto] }) items: FidelityItemDto[];
}
