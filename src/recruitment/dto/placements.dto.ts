import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/paging';
import { DateField, IdField } from '../../common/validation/decorators';
import { RealDate } from './real-date';
import { END_REASONS, PLACEMENT_STATUSES, type EndReason, type PlacementStatus } from '../recruitment.types';

export class CreatePlacementDto {
  @IdField('Patient') patientId: string;
  @IdField('Work role') workRoleId: string;
  @RealDate('Start date') @DateField('Start date') startOn: string;
}

export class EndPlacementDto {
  @RealDate('End date') @DateField('End date') endOn: string;

  @ApiProperty({ enum: END_REASONS })
  @IsIn(END_REASONS, { message: `Reason must be one of ${END_REASONS.join(', ')}` })
  endReason: EndReason;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Staff note; not shown to the patient' })
  @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class PlacementQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') patientId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') workRoleId?: string;
  @ApiPropertyOptional({ enum: PLACEMENT_STATUSES }) @IsOptional() @IsIn(PLACEMENT_STATUSES) status?: PlacementStatus;
}

export class PlacementDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty() patientDisplayName: string;
  @ApiProperty({ format: 'uuid' }) workRoleId: string;
  @ApiProperty() roleTitle: string;
  @ApiProperty({ type: 'integer' }) hourlyRatePence: number;
  @ApiProperty({ format: 'uuid' }) enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) applicationId: string | null;
  @ApiProperty({ format: 'date' }) startOn: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) endOn: string | null;
  @ApiProperty({ enum: PLACEMENT_STATUSES }) status: PlacementStatus;
  @ApiProperty({ enum: END_REASONS, nullable: true }) endReason: EndReason | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff only' }) endNote?: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PlacementPageDto {
  @ApiProperty({ type: [PlacementDto] }) items: PlacementDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
