import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth-decorators';
import { londonDate } from '../../common/dates';
import type { AuthUser } from '../../common/request-context';
import { ATTENDANCE_LABELS } from './attendance-rules';
import { AttendanceService } from './attendance.service';
import { viewHelpers } from './view-helpers';

const ZONE_LABELS: Record<string, string> = { WARD: 'On the ward', GROUNDS: 'Hospital grounds', COMMUNITY: 'In the community' };

/** Ward staff: who on my wards works today, where and when, and who needs an escort. */
@ApiExcludeController()
@Controller('ward')
export class WardTodayPagesController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get('today')
  @Roles('WARD_STAFF', 'OT')
  async today(@CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    const date = londonDate();
    const rows = await this.attendance.wardToday(user, date);
    res.render('rota/attendance/views/ward-today.njk', {
      ...res.locals,
      ...viewHelpers,
      date,
      rows,
      escortsNeeded: rows.filter((r) => r.escortNeeded).length,
      zoneLabels: ZONE_LABELS,
      labels: ATTENDANCE_LABELS,
    });
  }
}
