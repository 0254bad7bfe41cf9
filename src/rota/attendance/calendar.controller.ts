import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth-decorators';
import type { AuthUser } from '../../common/request-context';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { CalendarService } from './calendar.service';

const ICS = 'text/calendar; charset=utf-8';

function sendIcs(res: Response, filename: string): void {
  res.setHeader('Content-Type', ICS);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'no-store');
}

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('api')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('me/shifts.ics')
  @Roles('PATIENT')
  @ApiOperation({ summary: 'My shifts as an iCalendar feed (four weeks back, thirteen ahead); enterprises by their reference name' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'RFC 5545 calendar', schema: { type: 'string' } })
  async mine(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<string> {
    const body = await this.calendar.patientFeed(user);
    sendIcs(res, 'my-shifts.ics');
    return body;
  }

  @Get('enterprises/:id/rota.ics')
  @Roles('ADMIN', 'OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST')
  @ApiOperation({ summary: 'An enterprise’s published rota as an iCalendar feed, with booking counts and never patient names' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'RFC 5545 calendar', schema: { type: 'string' } })
  async enterprise(@Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const body = await this.calendar.enterpriseFeed(id);
    sendIcs(res, 'rota.ics');
    return body;
  }
}
