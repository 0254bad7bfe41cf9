import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ENTERPRISE_KINDS, type EnterpriseKind } from '../../enterprises/enterprise.types';
import { SKILL_CATEGORIES, SKILL_LEVELS, type SkillCategory, type SkillLevel } from '../skills.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A plain-English descriptor for each of the four levels. */
export class LevelDescriptorsDto implements Record<SkillLevel, string> {
  @ApiProperty({ maxLength: 500, example: 'Has been shown how to wash hands before handling food and does it when reminded.' })
  @Transform(trim) @IsString() @IsNotEmpty({ message: 'Describe the introduced level' }) @MaxLength(500)
  INTRODUCED: string;

  @ApiProperty({ maxLength: 500 })
  @Transform(trim) @IsString() @IsNotEmpty({ message: 'Describe the developing level' }) @MaxLength(500)
  DEVELOPING: string;

  @ApiProperty({ maxLength: 500 })
  @Transform(trim) @IsString() @IsNotEmpty({ message: 'Describe the competent level' }) @MaxLength(500)
  COMPETENT: string;

  @ApiProperty({ maxLength: 500 })
  @Transform(trim) @IsString() @IsNotEmpty({ message: 'Describe the proficient level' }) @MaxLength(500)
  PROFICIENT: string;
}

export class UpdateSkillDto {
  @ApiPropertyOptional({ maxLength: 80 })
  @IsOptional() @Transform(trim) @IsString() @IsNotEmpty({ message: 'Enter the name of the skill' }) @MaxLength(80, { message: 'Name must be 80 characters or fewer' })
  name?: string;

  @ApiPropertyOptional({ enum: SKILL_CATEGORIES })
  @IsOptional() @IsIn(SKILL_CATEGORIES, { message: `Category must be one of ${SKILL_CATEGORIES.join(', ')}` })
  category?: SkillCategory;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional() @Transform(trim) @IsString() @IsNotEmpty({ message: 'Describe the skill' }) @MaxLength(1000, { message: 'Description must be 1,000 characters or fewer' })
  description?: string;

  @ApiPropertyOptional({ enum: ENTERPRISE_KINDS, isArray: true, description: 'Kinds of enterprise where it is practised; empty for employability skills' })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(ENTERPRISE_KINDS, { each: true, message: `Each kind must be one of ${ENTERPRISE_KINDS.join(', ')}` })
  enterpriseKinds?: EnterpriseKind[];

  @ApiPropertyOptional({ type: LevelDescriptorsDto })
  @IsOptional() @ValidateNested() @Type(() => LevelDescriptorsDto)
  levelDescriptors?: LevelDescriptorsDto;

  @ApiPropertyOptional({ description: 'false takes the skill out of use (it is never deleted); true brings it back' })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class CreateSkillDto {
  @ApiProperty({ maxLength: 40, example: 'food-hygiene', description: 'Stable slug: lower-case letters, digits and hyphens. Work roles’ prerequisite skills refer to it.' })
  @Transform(trim) @IsString() @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'Code must be lower-case letters and digits joined by hyphens, for example food-hygiene' }) @MaxLength(40)
  code: string;

  @ApiProperty({ maxLength: 80 })
  @Transform(trim) @IsString() @IsNotEmpty({ message: 'Enter the name of the skill' }) @MaxLength(80, { message: 'Name must be 80 characters or fewer' })
  name: string;

  @ApiProperty({ enum: SKILL_CATEGORIES })
  @IsIn(SKILL_CATEGORIES, { message: `Category must be one of ${SKILL_CATEGORIES.join(', ')}` })
  category: SkillCategory;

  @ApiProperty({ maxLength: 1000 })
  @Transform(trim) @IsString() @IsNotEmpty({ message: 'Describe the skill' }) @MaxLength(1000, { message: 'Description must be 1,000 characters or fewer' })
  description: string;

  @ApiPropertyOptional({ enum: ENTERPRISE_KINDS, isArray: true, default: [] })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(ENTERPRISE_KINDS, { each: true, message: `Each kind must be one of ${ENTERPRISE_KINDS.join(', ')}` })
  enterpriseKinds?: EnterpriseKind[];

  @ApiProperty({ type: LevelDescriptorsDto })
  @ValidateNested() @Type(() => LevelDescriptorsDto)
  levelDescriptors: LevelDescriptorsDto;
}

export class SkillQueryDto {
  @ApiPropertyOptional({ description: 'Include skills taken out of use', default: false })
  @IsOptional() @Transform(({ value }) => value === true || value === 'true') @IsBoolean()
  includeInactive?: boolean;

  @ApiPropertyOptional({ enum: SKILL_CATEGORIES })
  @IsOptional() @IsIn(SKILL_CATEGORIES)
  category?: SkillCategory;
}

export class SkillDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: SKILL_CATEGORIES }) category: SkillCategory;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ENTERPRISE_KINDS, isArray: true }) enterpriseKinds: EnterpriseKind[];
  @ApiProperty({ type: LevelDescriptorsDto }) levelDescriptors: Record<SkillLevel, string>;
  @ApiProperty({ enum: SKILL_LEVELS, isArray: true, description: 'The levels, lowest first (1-4)' }) levels: SkillLevel[];
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SkillListDto {
  @ApiProperty({ type: [SkillDto] }) items: SkillDto[];
  @ApiProperty() total: number;
}

/** The admin form: the four descriptors as flat fields. */
export class SkillFormDto {
  @IsOptional() @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'Code must be lower-case letters and digits joined by hyphens, for example food-hygiene' }) @MaxLength(40, { message: 'Code must be 40 characters or fewer' })
  code?: string;
  @MaxLength(80, { message: 'Name must be 80 characters or fewer' }) @IsString({ message: 'Enter the name of the skill' }) @IsNotEmpty({ message: 'Enter the name of the skill' })
  name: string;
  @IsIn(SKILL_CATEGORIES, { message: 'Choose employability or technical' })
  category: SkillCategory;
  @MaxLength(1000, { message: 'Description must be 1,000 characters or fewer' }) @IsString({ message: 'Describe the skill' }) @IsNotEmpty({ message: 'Describe the skill' })
  description: string;
  @IsOptional() @IsArray() @IsIn(ENTERPRISE_KINDS, { each: true, message: 'Choose kinds of enterprise from the list' })
  enterpriseKinds?: EnterpriseKind[];
  @MaxLength(500, { message: 'Write 500 characters or fewer' }) @IsString({ message: 'Describe the introduced level' }) @IsNotEmpty({ message: 'Describe the introduced level' })
  INTRODUCED: string;
  @MaxLength(500, { message: 'Write 500 characters or fewer' }) @IsString({ message: 'Describe the developing level' }) @IsNotEmpty({ message: 'Describe the developing level' })
  DEVELOPING: string;
  @MaxLength(500, { message: 'Write 500 characters or fewer' }) @IsString({ message: 'Describe the competent level' }) @IsNotEmpty({ message: 'Describe the competent level' })
  COMPETENT: string;
  @MaxLength(500, { message: 'Write 500 characters or fewer' }) @IsString({ message: 'Describe the proficient level' }) @IsNotEmpty({ message: 'Describe the proficient level' })
  PROFICIENT: string;
}
