import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { GROUP_BYS } from '../report-query';

/** Checked in parseReportQuery (400 INVALID_REPORT_QUERY with a code per field), so kept as text here. */
export class OutcomesQueryDto {
  @ApiPropertyOptional({ description: 'First day of the period, YYYY-MM-DD (default: a year before to)', format: 'date' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  from?: string;

  @ApiPropertyOptional({ description: 'Last day of the period, inclusive, YYYY-MM-DD (default: today)', format: 'date' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  to?: string;

  @ApiPropertyOptional({ enum: GROUP_BYS, description: 'Patients are grouped by their ward, its site or security level; enterprise by the placement’s work role (default: site)' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  groupBy?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Admins: show the suppressed figures that leave the service (commissioners and exports always get them)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'suppressed must be true or false' })
  suppressed?: string;
}

export class OutcomesReportDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ enum: GROUP_BYS }) groupBy: string;
  @ApiProperty({ description: 'True when counts of 1-4 show as "<5" (and "*" where hidden so a total cannot reveal them), and rates on fewer than 5 people are null' }) suppressed: boolean;
  @ApiProperty({ description: 'Indicators per group: engagement, work, pay, skills, progression, money', type: 'array', items: { type: 'object' } }) groups: object[];
  @ApiProperty({ description: 'The same indicators for all groups together', type: Object }) total: object;
  @ApiProperty({ description: 'Cancelled shifts by reason and group', type: Object }) cancellationsByReason: object;
  @ApiProperty({ description: 'Placement endings by reason and group', type: Object }) endingsByReason: object;
  @ApiProperty({ description: 'Job (after 4 hours of paid work), education, training and volunteering starts outside the hospital, by group', type: Object }) outsideStartsByKind: object;
  @ApiProperty({ description: 'Weeks with a benefits cap overridden, by cap and group', type: Object }) capOverridesByCap: object;
  @ApiProperty({ description: 'Engagement, pay and progression by age band, stated gender and ethnic group', type: Object }) equity: object;
  @ApiProperty({ description: 'Main indicators by month', type: 'array', items: { type: 'object' } }) monthly: object[];
}
