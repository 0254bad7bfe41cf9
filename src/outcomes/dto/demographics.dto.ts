import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { ETHNIC_CATEGORIES, STATED_GENDERS } from '../demographics.types';

export const EARLIEST_BIRTH_YEAR = 1900;
/** Patients in these services are adults. */
export const latestBirthYear = () => new Date().getUTCFullYear() - 16;

/** Optional equality monitoring fields; null (or left out) clears a field. */
export class SetDemographicsDto {
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Year of birth (an age band needs no more)', example: 1990 })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @Type(() => Number)
  @IsInt({ message: 'Year of birth must be a whole number, like 1990' })
  @Min(EARLIEST_BIRTH_YEAR, { message: `Year of birth must be ${EARLIEST_BIRTH_YEAR} or later` })
  @Max(2100, { message: 'Year of birth must be at least 16 years ago' })
  birthYear?: number | null;

  @ApiPropertyOptional({ enum: Object.keys(STATED_GENDERS), nullable: true, description: 'NHS person stated gender code: 1 male, 2 female, 9 indeterminate, X not known' })
  @IsOptional()
  @IsIn(Object.keys(STATED_GENDERS), { message: 'Choose a stated gender from the list' })
  statedGender?: string | null;

  @ApiPropertyOptional({ enum: Object.keys(ETHNIC_CATEGORIES), nullable: true, description: 'NHS ethnic category code (A-S, Z not stated)' })
  @IsOptional()
  @IsIn(Object.keys(ETHNIC_CATEGORIES), { message: 'Choose an ethnic category from the list' })
  ethnicCategory?: string | null;
}

export class DemographicsDto {
  @ApiProperty() patientId: string;
  @ApiProperty({ type: 'integer', nullable: true }) birthYear: number | null;
  @ApiProperty({ nullable: true, enum: Object.keys(STATED_GENDERS) }) statedGender: string | null;
  @ApiProperty({ nullable: true, enum: Object.keys(ETHNIC_CATEGORIES) }) ethnicCategory: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'When last changed (null: never recorded)' }) updatedAt: string | null;
}
