import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** A week has 10,080 minutes; £10,000 a week is far above any benefits limit. */
export const MAX_WEEKLY_EARNINGS_CAP_PENCE = 1_000_000;
export const MAX_WEEKLY_HOURS_CAP_MINUTES = 7 * 24 * 60;

export class SiteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Default weekly earnings cap in pence for patients on this site (null: no default cap)', example: 19550 })
  defaultWeeklyEarningsCapPence: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Default weekly hours cap in minutes (null: no default cap); permitted work is under 16 hours', example: 959 })
  defaultWeeklyHoursCapMinutes: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SitePageDto {
  @ApiProperty({ type: [SiteDto] }) items: SiteDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

/** Absent: unchanged; null: no default cap. */
export class UpdateSiteDto {
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: MAX_WEEKLY_EARNINGS_CAP_PENCE, description: 'Pence; null for no default cap' })
  @IsOptional()
  @IsInt({ message: 'defaultWeeklyEarningsCapPence must be a whole number of pence, or null for no cap' })
  @Min(1, { message: 'defaultWeeklyEarningsCapPence must be at least 1; use null for no cap' })
  @Max(MAX_WEEKLY_EARNINGS_CAP_PENCE, { message: `defaultWeeklyEarningsCapPence must be at most ${MAX_WEEKLY_EARNINGS_CAP_PENCE}` })
  defaultWeeklyEarningsCapPence?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: MAX_WEEKLY_HOURS_CAP_MINUTES, description: 'Minutes; null for no default cap' })
  @IsOptional()
  @IsInt({ message: 'defaultWeeklyHoursCapMinutes must be a whole number of minutes, or null for no cap' })
  @Min(1, { message: 'defaultWeeklyHoursCapMinutes must be at least 1; use null for no cap' })
  @Max(MAX_WEEKLY_HOURS_CAP_MINUTES, { message: `defaultWeeklyHoursCapMinutes must be at most ${MAX_WEEKLY_HOURS_CAP_MINUTES} (a whole week)` })
  defaultWeeklyHoursCapMinutes?: number | null;
}
