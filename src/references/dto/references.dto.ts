import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { IdField } from '../../common/validation/decorators';
import { REFERENCE_STATUSES, type ReferenceStatus } from '../reference.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateReferenceDto {
  @IdField('Placement') placementId: string;

  @ApiProperty({ minLength: 20, maxLength: 4000, description: 'What the referee says about the patient’s work' })
  @Transform(trim) @IsString() @MinLength(20, { message: 'Write a statement of at least 20 characters' }) @MaxLength(4000, { message: 'The statement must be 4000 characters or fewer' })
  statement: string;

  @ApiProperty({ maxLength: 120 })
  @Transform(trim) @IsString() @MinLength(2, { message: 'Enter the referee’s name' }) @MaxLength(120, { message: 'The referee’s name must be 120 characters or fewer' })
  refereeName: string;

  @ApiProperty({ maxLength: 120, example: 'Occupational therapist' })
  @Transform(trim) @IsString() @MinLength(2, { message: 'Enter the referee’s job title' }) @MaxLength(120, { message: 'The job title must be 120 characters or fewer' })
  refereeJobTitle: string;
}

export class UpdateReferenceDto {
  @ApiPropertyOptional({ minLength: 20, maxLength: 4000 })
  @IsOptional() @Transform(trim) @IsString() @MinLength(20, { message: 'Write a statement of at least 20 characters' }) @MaxLength(4000, { message: 'The statement must be 4000 characters or fewer' })
  statement?: string;

  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional() @Transform(trim) @IsString() @MinLength(2, { message: 'Enter the referee’s name' }) @MaxLength(120, { message: 'The referee’s name must be 120 characters or fewer' })
  refereeName?: string;

  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional() @Transform(trim) @IsString() @MinLength(2, { message: 'Enter the referee’s job title' }) @MaxLength(120, { message: 'The job title must be 120 characters or fewer' })
  refereeJobTitle?: string;

  @ApiPropertyOptional({ description: 'Fill the facts in again from the records (hours, rates, skills as they stand now)' })
  @IsOptional() @IsBoolean({ message: 'refreshFacts must be true or false' })
  refreshFacts?: boolean;
}

export class WithdrawReferenceDto {
  @ApiProperty({ minLength: 5, maxLength: 2000, description: 'Why it is withdrawn; kept with the reference, not shown to employers' })
  @Transform(trim) @IsString() @MinLength(5, { message: 'Say why the reference is withdrawn' }) @MaxLength(2000, { message: 'The reason must be 2000 characters or fewer' })
  reason: string;
}

export class DisclosureDto {
  @ApiProperty({ description: 'Show the hospital’s name on the reference (default false: the enterprise’s reference name only)' })
  @IsBoolean({ message: 'showHospitalName must be true or false' })
  showHospitalName: boolean;
}

export class ReferenceQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'patientId must be an id (UUID)' }) patientId?: string;
  @ApiPropertyOptional({ enum: REFERENCE_STATUSES }) @IsOptional() @IsIn(REFERENCE_STATUSES) status?: ReferenceStatus;
}

export class VerifiedSkillDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['INTRODUCED', 'DEVELOPING', 'COMPETENT', 'PROFICIENT'] }) level: string;
}

export class ReferenceFactsDto {
  @ApiProperty() roleTitle: string;
  @ApiProperty({ description: 'The enterprise’s reference name, shown instead of the forensic setting' }) enterpriseReferenceName: string;
  @ApiProperty({ description: 'Shown to employers only if the patient chooses (showHospitalName)' }) hospitalName: string;
  @ApiProperty({ format: 'date' }) startOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endOn: string | null;
  @ApiProperty({ type: 'integer' }) minutesWorked: number;
  @ApiProperty({ type: 'integer', description: 'Shifts with attendance recorded, cancelled ones left out' }) shiftsRecorded: number;
  @ApiProperty({ type: 'integer', description: 'Attended, late or left early' }) shiftsAttended: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Attended / recorded, whole per cent' }) attendanceRatePercent: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Started on time / attended, whole per cent' }) punctualityRatePercent: number | null;
  @ApiProperty({ type: [VerifiedSkillDto] }) verifiedSkills: VerifiedSkillDto[];
}

export class ReferenceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty() patientDisplayName: string;
  @ApiProperty({ format: 'uuid' }) placementId: string;
  @ApiProperty({ enum: REFERENCE_STATUSES }) status: ReferenceStatus;
  @ApiProperty({ description: 'Printed on the PDF; anyone can check it at /verify/{code}' }) verificationCode: string;
  @ApiProperty({ type: ReferenceFactsDto }) facts: ReferenceFactsDto;
  @ApiProperty() statement: string;
  @ApiProperty() refereeName: string;
  @ApiProperty() refereeJobTitle: string;
  @ApiProperty() showHospitalName: boolean;
  @ApiProperty({ format: 'uuid' }) draftedByUserId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) approvedByUserId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) withdrawnAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff only' }) withdrawnReason?: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ReferencePageDto {
  @ApiProperty({ type: [ReferenceDto] }) items: ReferenceDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class PublicSkillDto {
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['INTRODUCED', 'DEVELOPING', 'COMPETENT', 'PROFICIENT'] }) level: string;
}

/** What an employer may know: no ids, no hospital number, no ward; content only while approved. */
export class PublicReferenceDto {
  @ApiProperty({ enum: ['APPROVED', 'WITHDRAWN'] }) status: 'APPROVED' | 'WITHDRAWN';
  @ApiProperty() verificationCode: string;
  @ApiProperty() roleTitle: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ type: String, nullable: true, description: 'Only if the patient chose to show it' }) hospitalName: string | null;
  @ApiProperty() startOn: string;
  @ApiProperty({ type: String, nullable: true }) endOn: string | null;
  @ApiProperty({ type: 'integer' }) minutesWorked: number;
  @ApiProperty({ type: 'integer' }) shiftsRecorded: number;
  @ApiProperty({ type: 'integer' }) shiftsAttended: number;
  @ApiProperty({ type: 'integer', nullable: true }) attendanceRatePercent: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) punctualityRatePercent: number | null;
  @ApiProperty({ type: [PublicSkillDto] }) verifiedSkills: PublicSkillDto[];
  @ApiProperty() statement: string;
  @ApiProperty() refereeName: string;
  @ApiProperty() refereeJobTitle: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) approvedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) withdrawnOn: string | null;
}

export class ReferencePdfQueryDto {
  @IdField('Employer the reference is for: the hospital is then named only as the person chose to disclose to that employer', true) employerId?: string;
}
