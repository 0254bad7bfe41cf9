import { Controller, Get, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth-decorators';
import type { AuthUser } from '../../common/request-context';
import { formatPence } from '../../web/nunjucks';
import { durationText } from './attendance-rules';
import { CalendarFeedsService } from './calendar-feeds.service';
import { MyWeekService } from './my-week.service';
import { viewHelpers } from './view-helpers';

/** The patient's own week: shifts, hours and projected earnings against their limits, past weeks. */
@ApiExcludeController()
@Controller('my')
export class MyWeekPagesController {
  constructor(
    private readonly myWeek: MyWeekService,
    private readonly feeds: CalendarFeedsService,
  ) {}

  @Get('week')
  @Roles('PATIENT')
  async week(@CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    await this.render(user, res, null);
  }

  /** A new private calendar address, shown once on the page (only its hash is kept). */
  @Post('calendar-feed')
  @Roles('PATIENT')
  async calendarFeed(@CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    const { url } = await this.feeds.create(user);
    res.status(200);
    await this.render(user, res, url);
  }

  private async render(user: AuthUser, res: Response, feedUrl: string | null): Promise<void> {
    const view = await this.myWeek.view(user);
    const { weeklyHoursCapMinutes: hours, weeklyEarningsCapPence: pay } = view.caps;
    res.render('rota/attendance/views/my-week.njk', {
      ...res.locals,
      ...viewHelpers,
      view,
      hoursLimit: hours === null ? 'No limit' : `${durationText(hours)} a week`,
      earningsLimit: pay === null ? 'No limit' : `${formatPence(pay)} a week`,
      feedUrl,
    });
  }
}
