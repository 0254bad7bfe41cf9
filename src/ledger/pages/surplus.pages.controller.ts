import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth-decorators';
import { londonDate } from '../../common/dates';
import type { AuthUser } from '../../common/request-context';
import { formatPence } from '../../web/nunjucks';
import { ReportsService } from '../reports.service';
import { barChart, CHART_COLOURS } from './bar-chart';

/** Surplus and reinvestment across all enterprises, for admins and commissioners: totals only, no patient data. */
@ApiExcludeController()
@Controller('surplus')
export class SurplusPagesController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @Roles('ADMIN', 'COMMISSIONER')
  async surplus(@CurrentUser() user: AuthUser, @Query('year') year: string | undefined, @Res() res: Response): Promise<void> {
    const thisYear = Number(londonDate().slice(0, 4));
    const y = /^\d{4}$/.test(year ?? '') && Number(year) >= 2000 && Number(year) <= thisYear ? Number(year) : thisYear;
    const data = await this.reports.surplusAcross(user, y);
    const chart = barChart(
      data.enterprises.map((e) => (e.name.length > 14 ? `${e.name.slice(0, 13)}…` : e.name)),
      [
        { name: 'Surplus', values: data.enterprises.map((e) => e.surplusPence), colour: CHART_COLOURS.green },
        { name: 'Reinvested', values: data.enterprises.map((e) => e.reinvestedPence), colour: CHART_COLOURS.blue },
        { name: 'In reserve', values: data.enterprises.map((e) => e.reservedPence), colour: CHART_COLOURS.purple },
      ],
      (v) => formatPence(v).replace(/\.00$/, ''),
    );
    res.render('ledger/views/surplus.njk', { ...res.locals, data, chart, year: y, years: Array.from({ length: 4 }, (_, i) => thisYear - i) });
  }
}
