import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth-decorators';
import type { AuthUser } from '../../common/request-context';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { TimesheetDto } from './dto/attendance.dto';
import { TimesheetsService } from './timesheets.service';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('api/enterprises/:id/timesheets')
export class TimesheetsController {
  constructor(private readonly timesheets: TimesheetsService) {}

  // Declared before ":weekStartOn", which would otherwise match "2026-11-16.csv".
  @Get(':weekStartOn.csv')
  @Roles('ENTERPRISE_LEAD', 'ADMIN')
  @ApiOperation({ summary: 'The week’s timesheet as CSV (patient name, hospital number, date, role, attendance, minutes, pay in pounds)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header row, CRLF line endings', schema: { type: 'string' } })
  async csv(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('weekStartOn') weekStartOn: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { filename, body } = await this.timesheets.csv(user, id, weekStartOn);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    return body;
  }

  @Get(':weekStartOn')
  @Roles('ENTERPRISE_LEAD', 'ADMIN')
  @ApiOperation({ summary: 'An enterprise’s timesheet for a London week (weekStartOn is its Monday): lines, per-patient sums and totals' })
  @ApiOkResponse({ type: TimesheetDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('weekStartOn') weekStartOn: string): Promise<TimesheetDto> {
    return this.timesheets.get(user, id, weekStartOn);
  }

  @Post(':weekStartOn/approve')
  @Roles('ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'Approve the week (enterprise lead): freezes its timesheet lines from the current attendance; payroll posts it' })
  @ApiCreatedResponse({ type: TimesheetDto })
  @ApiConflictResponse({ description: 'ALREADY_APPROVED, WEEK_NOT_OVER or ATTENDANCE_MISSING (details list the shifts)' })
  approve(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('weekStartOn') weekStartOn: string): Promise<TimesheetDto> {
    return this.timesheets.approve(user, id, weekStartOn);
  }
}
