import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { DateField, IdField } from '../../common/validation/decorators';
import { SKILL_LEVELS, SKILL_LOG_SOURCES, SKILL_LOG_STATUSES, type SkillLevel, type SkillLogSource, type SkillLogStatus } from '../skills.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateSkillLogDto {
  @IdField('Patient (staff only; a patient logs for themself and leaves it out)', true) patientId?: string;
  @IdField('Skill') skillId: string;

  @ApiProperty({ enum: SKILL_LEVELS })
  @IsIn(SKILL_LEVELS, { message: `Level must be one of ${SKILL_LEVELS.join(', ')}` })
  level: SkillLevel;

  @ApiProperty({ maxLength: 4000, description: 'What was done, where and how well' })
  @Transform(trim) @IsString({ message: 'Describe the evidence' }) @IsNotEmpty({ message: 'Describe the evidence: what was done, where and how well' }) @MaxLength(4000, { message: 'Evidence must be 4,000 characters or fewer' })
  evidence: string;

  @DateField('Date') occurredOn: string;

  @IdField('Shift (optional): a shift the patient was booked on, on that date', true) shiftId?: string;
}

export class DecideSkillLogDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(2000, { message: 'Comment must be 2,000 characters or fewer' })
  comment?: string;
}

export class RejectSkillLogDto {
  @ApiProperty({ maxLength: 2000, description: 'Why, so the patient knows what to work on (required)' })
  @Transform(trim) @IsString({ message: 'Say why the entry is rejected' }) @IsNotEmpty({ message: 'Say why the entry is rejected, so the patient knows what to work on' }) @MaxLength(2000, { message: 'Comment must be 2,000 characters or fewer' })
  comment: string;
}

export class SkillLogQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') patientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') skillId?: string;
  @ApiPropertyOptional({ enum: SKILL_LOG_STATUSES }) @IsOptional() @IsIn(SKILL_LOG_STATUSES) status?: SkillLogStatus;
}

export class SkillLogDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty() patientDisplayName: string;
  @ApiProperty({ format: 'uuid' }) skillId: string;
  @ApiProperty() skillCode: string;
  @ApiProperty() skillName: string;
  @ApiProperty({ enum: SKILL_LEVELS }) level: SkillLevel;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 }) levelRank: number;
  @ApiProperty() evidence: string;
  @ApiProperty({ format: 'date' }) occurredOn: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) shiftId: string | null;
  @ApiProperty({ enum: SKILL_LOG_SOURCES }) source: SkillLogSource;
  @ApiProperty({ format: 'uuid' }) createdByUserId: string;
  @ApiProperty() createdByName: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ enum: SKILL_LOG_STATUSES }) status: SkillLogStatus;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) reviewedByUserId: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewedByName: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) reviewedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewComment: string | null;
}

export class SkillLogPageDto {
  @ApiProperty({ type: [SkillLogDto] }) items: SkillLogDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
