import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { DateField, IdField } from '../../common/validation/decorators';
import { RealDate } from './real-date';
import { ACTIVITIES, type Activity } from '../../patients/restrictions';
import { VACANCY_STATES, type VacancyState } from '../recruitment-rules';

export class CreateVacancyDto {
  @IdField('Work role') workRoleId: string;

  @ApiPropertyOptional({ description: 'What the vacancy offers and who it suits', maxLength: 4000 })
  @IsOptional() @IsString() @MaxLength(4000)
  description?: string;

  @RealDate('Opening date') @DateField('Opening date') opensOn: string;
  @RealDate('Closing date') @DateField('Closing date') closesOn: string;

  @ApiProperty({ description: 'Positions to fill (1 to the work role’s positions)', minimum: 1, maximum: 100 })
  @IsInt({ message: 'Positions must be a whole number' }) @Min(1, { message: 'Positions must be at least 1' }) @Max(100, { message: 'Positions must be 100 or fewer' })
  positions: number;
}

export class VacancyQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') enterpriseId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') workRoleId?: string;
  @ApiPropertyOptional({ enum: VACANCY_STATES, description: 'OPEN: taking applications today (London); UPCOMING: opens later; CLOSED: closed, past its closing date, or its role is inactive' })
  @IsOptional() @IsIn(VACANCY_STATES)
  status?: VacancyState;
}

export class VacancyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) workRoleId: string;
  @ApiProperty() roleTitle: string;
  @ApiProperty() duties: string;
  @ApiProperty({ type: 'integer' }) hourlyRatePence: number;
  @ApiProperty({ enum: ACTIVITIES, isArray: true }) activities: Activity[];
  @ApiProperty({ format: 'uuid' }) enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ enum: ['WARD', 'GROUNDS', 'COMMUNITY'] }) locationZone: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ format: 'date' }) opensOn: string;
  @ApiProperty({ format: 'date' }) closesOn: string;
  @ApiProperty({ type: 'integer' }) positions: number;
  @ApiProperty({ enum: VACANCY_STATES, description: 'Status today (London)' }) status: VacancyState;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: 'integer', description: 'Staff only: applications you can see' }) applicantsCount?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Staff only: positions in the work role' }) rolePositions?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Staff only: active placements in the work role' }) roleActivePlacements?: number;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'Patients only: your application to this vacancy' })
  myApplicationId?: string | null;
}

export class VacancyPageDto {
  @ApiProperty({ type: [VacancyDto] }) items: VacancyDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

/** A work role a vacancy can be created for, for forms. */
export interface RoleOption {
  id: string;
  title: string;
  enterpriseName: string;
  positions: number;
}
