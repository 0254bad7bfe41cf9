import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { IdField } from '../../common/validation/decorators';
import { ACTIVITIES, type Activity } from '../../patients/restrictions';
import { SKILL_CODE } from '../enterprise-rules';
import { SKILL_LEVELS, type SkillLevel } from '../enterprise.types';
import { LowerCaseIds, NotNullIfPresent, QueryBoolean, TextField } from './fields';

export class PrerequisiteSkillDto {
  @ApiProperty({ example: 'food-hygiene', description: 'Skill code: a lower-case slug' })
  @MaxLength(64, { message: 'A skill code must be 64 characters or fewer' })
  @Matches(SKILL_CODE, { message: 'A skill code is lower-case letters and digits joined by dashes, like food-hygiene' })
  skillCode: string;

  @ApiProperty({ enum: SKILL_LEVELS })
  @IsIn(SKILL_LEVELS, { message: `Choose a skill level (${SKILL_LEVELS.join(', ')})` })
  level: SkillLevel;
}

const RATE = { message: 'hourlyRatePence must be a positive whole number of pence' };

/** Required in a create body; in a PATCH body optional but never null. */
function presence(optional: boolean, doc: ApiPropertyOptions): PropertyDecorator[] {
  return optional ? [ApiPropertyOptional(doc), NotNullIfPresent()] : [ApiProperty(doc)];
}

function RateField(optional = false): PropertyDecorator {
  return applyDecorators(
    ...presence(optional, { type: 'integer', minimum: 1, maximum: 100_000, description: 'Hourly rate in pence, e.g. 1144 for £11.44' }),
    IsInt(RATE),
    Min(1, RATE),
    Max(100_000, { message: 'hourlyRatePence must be at most 100000 (£1,000 an hour)' }),
  );
}

function ActivitiesField(optional = false): PropertyDecorator {
  return applyDecorators(
    ...presence(optional, { enum: ACTIVITIES, isArray: true, description: 'What the work involves; checked against patients’ restrictions' }),
    IsArray({ message: 'activities must be a list' }),
    ArrayMaxSize(ACTIVITIES.length),
    IsIn(ACTIVITIES, { each: true, message: `Each activity must be one of ${ACTIVITIES.join(', ')}` }),
    ArrayUnique({ message: 'Each activity may be listed once' }),
  );
}

function SkillsField(optional = false): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [PrerequisiteSkillDto], description: 'Skills needed at a level; stored now, enforced in booking once skills exist' }),
    optional ? NotNullIfPresent() : IsOptional(),
    IsArray({ message: 'prerequisiteSkills must be a list' }),
    ArrayMaxSize(20),
    ValidateNested({ each: true }),
    Type(() => PrerequisiteSkillDto),
    ArrayUnique((s: PrerequisiteSkillDto) => s?.skillCode, { message: 'Each skill may be listed once' }),
  );
}

function CountField(name: string, max: number, optional: boolean, description?: string): PropertyDecorator {
  return applyDecorators(
    ...presence(optional, { type: 'integer', minimum: 1, maximum: max, description }),
    IsInt({ message: `${name} must be a whole number` }),
    Min(1, { message: `${name} must be at least 1` }),
    Max(max, { message: `${name} must be at most ${max}` }),
  );
}

function ActiveField(optional = false): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: true, description: 'Inactive roles take no new vacancies; roles are deactivated, never deleted' }),
    optional ? NotNullIfPresent() : IsOptional(),
    IsBoolean({ message: 'active must be true or false' }),
  );
}

const SUPERVISION = 'Patients one supervisor may oversee';

export class CreateWorkRoleDto {
  @IdField('enterpriseId') @LowerCaseIds() enterpriseId: string;
  @TextField('a job title', 120, { example: 'Barista' }) title: string;
  @TextField('the duties', 2000, { example: 'Makes hot drinks, serves customers, keeps the counter clean' }) duties: string;
  @RateField() hourlyRatePence: number;
  @ActivitiesField() activities: Activity[];
  @SkillsField() prerequisiteSkills?: PrerequisiteSkillDto[];
  @CountField('positions', 100, false) positions: number;
  @CountField('patientsPerSupervisor', 50, false, SUPERVISION) patientsPerSupervisor: number;
  @ActiveField() active?: boolean;
}

/** Every field optional (unchanged when absent), none nullable. The enterprise cannot change. */
export class UpdateWorkRoleDto {
  @TextField('a job title', 120, { optional: true }) title?: string;
  @TextField('the duties', 2000, { optional: true }) duties?: string;
  @RateField(true) hourlyRatePence?: number;
  @ActivitiesField(true) activities?: Activity[];
  @SkillsField(true) prerequisiteSkills?: PrerequisiteSkillDto[];
  @CountField('positions', 100, true) positions?: number;
  @CountField('patientsPerSupervisor', 50, true, SUPERVISION) patientsPerSupervisor?: number;
  @ActiveField(true) active?: boolean;
}

export class WorkRoleQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @LowerCaseIds() @IsOptional() @IsUUID('all', { message: 'enterpriseId must be an id (UUID)' }) enterpriseId?: string;
  @QueryBoolean('active', 'Only active (true) or inactive (false) roles') active?: boolean;
}

export class WorkRoleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId: string;
  @ApiProperty() title: string;
  @ApiProperty() duties: string;
  @ApiProperty({ type: 'integer', description: 'Pence per hour' }) hourlyRatePence: number;
  @ApiProperty({ enum: ACTIVITIES, isArray: true }) activities: Activity[];
  @ApiProperty({ type: [PrerequisiteSkillDto] }) prerequisiteSkills: PrerequisiteSkillDto[];
  @ApiProperty({ type: 'integer' }) positions: number;
  @ApiProperty({ type: 'integer' }) patientsPerSupervisor: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer', description: 'Placements in this role with status ACTIVE' }) activePlacements: number;
}

export class WorkRolePageDto {
  @ApiProperty({ type: [WorkRoleDto] }) items: WorkRoleDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
