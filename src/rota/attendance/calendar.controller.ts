import { Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicThrottle } from '../../auth/sign-in-throttle';
import { CurrentUser, Public, Roles } from '../../common/auth-decorators';
import type { AuthUser } from '../../common/request-context';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { CalendarFeedsService } from './calendar-feeds.service';
import { CalendarService } from './calendar.service';
import { CalendarFeedUrlDto } from './dto/attendance.dto';

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
  constructor(
    private readonly calendar: CalendarService,
    private readonly feeds: CalendarFeedsService,
  ) {}

  @Post('me/calendar-feed')
  @Roles('PATIENT', 'ADMIN', 'OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST')
  @ApiOperation({ summary: 'A new private calendar feed address for calendar apps (no sign-in needed); the previous address stops working' })
  @ApiCreatedResponse({ type: CalendarFeedUrlDto })
  create(@CurrentUser() user: AuthUser): Promise<CalendarFeedUrlDto> {
    return this.feeds.create(user);
  }

  @Delete('me/calendar-feed')
  @HttpCode(204)
  @Roles('PATIENT', 'ADMIN', 'OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST')
  @ApiOperation({ summary: 'Revoke my private calendar feed address' })
  @ApiNoContentResponse({ description: 'Revoked' })
  async revoke(@CurrentUser() user: AuthUser): Promise<void> {
    await this.feeds.revoke(user);
  }

  @Get('calendar-feeds/:token.ics')
  @Public() // calendar apps cannot sign in: the long random token in the address is the credential; rate-limited
  @PublicThrottle()
  @ApiOperation({ summary: 'A private calendar feed: the owner’s shifts (a patient’s by reference name; staff see names only of patients in their scope)' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'RFC 5545 calendar', schema: { type: 'string' } })
  async privateFeed(@Param('token') token: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const body = await this.feeds.feed(token);
    sendIcs(res, 'shifts.ics');
    return body;
  }

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
