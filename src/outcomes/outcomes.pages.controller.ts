import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { OutcomesService } from './outcomes.service';
import { REPORT_CSS } from './print-css';
import { quarterlyPdf } from './quarterly-pdf';
import { GROUP_BYS, quarterOf, quarterRange } from './report-query';
import { breakdownTables, GROUP_BY_LABELS, headlines, indicatorTables, monthlyCharts } from './report-view';

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Outcome reports for managers and commissioners: a dashboard and a printable quarterly report (aggregates only). */
@ApiExcludeController()
@Controller('reports')
export class OutcomesPagesController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Get('outcomes.css')
  @Roles('ADMIN', 'COMMISSIONER')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=3600')
  css(): string {
    return REPORT_CSS;
  }

  @Get('outcomes')
  @Roles('ADMIN', 'COMMISSIONER')
  async dashboard(@CurrentUser() user: AuthUser, @Query() q: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const values = { from: text(q.from) ?? '', to: text(q.to) ?? '', groupBy: text(q.groupBy) ?? 'site' };
    const groupItems = GROUP_BYS.map((g) => ({ value: g, text: GROUP_BY_LABELS[g], selected: g === values.groupBy }));
    try {
      const report = await this.outcomes.report(user, values, 'view');
      const query = new URLSearchParams({ from: report.from, to: report.to, groupBy: report.groupBy }).toString();
      res.render('outcomes/views/dashboard.njk', {
        ...res.locals,
        report,
        values: { from: report.from, to: report.to, groupBy: report.groupBy },
        groupItems,
        groupLabel: GROUP_BY_LABELS[report.groupBy],
        headlines: headlines(report),
        charts: monthlyCharts(report),
        tables: indicatorTables(report),
        breakdowns: breakdownTables(report),
        csvHref: `/api/reports/outcomes.csv?${query}`,
        quarterHref: `/reports/quarterly?quarter=${quarterOf(report.to)}`,
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'INVALID_REPORT_QUERY') throw err;
      const details = Array.isArray(err.details) ? err.details : [];
      const errors: Record<string, string> = {};
      for (const d of details) if (d.field && !errors[d.field]) errors[d.field] = d.message;
      res.status(400).render('outcomes/views/dashboard.njk', { ...res.locals, values, groupItems, errors, errorList: Object.entries(errors).map(([f, t]) => ({ text: t, href: `#${f}` })) });
    }
  }

  @Get('quarterly')
  @Roles('ADMIN', 'COMMISSIONER')
  async quarterly(@CurrentUser() user: AuthUser, @Query() q: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const quarter = text(q.quarter) ?? quarterOf(londonDate());
    const range = quarterRange(quarter);
    if (!range) {
      const errors = { quarter: 'Enter a quarter like 2026-Q3' };
      res.status(400).render('outcomes/views/quarterly.njk', { ...res.locals, quarter, errors, errorList: [{ text: errors.quarter, href: '#quarter' }] });
      return;
    }
    // The quarterly report is for circulation: always the suppressed figures.
    const report = await this.outcomes.report(user, { ...range, groupBy: 'site' }, 'export');
    res.render('outcomes/views/quarterly.njk', { ...res.locals, quarter, report, headlines: headlines(report), tables: indicatorTables(report), breakdowns: breakdownTables(report), pdfHref: `/reports/quarterly.pdf?quarter=${quarter}` });
  }

  @Get('quarterly.pdf')
  @Roles('ADMIN', 'COMMISSIONER')
  async quarterlyPdf(@CurrentUser() user: AuthUser, @Query() q: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const quarter = text(q.quarter) ?? quarterOf(londonDate());
    const range = quarterRange(quarter);
    if (!range) throw new AppError('INVALID_QUARTER', 'Enter a quarter like 2026-Q3', 400, [{ field: 'quarter', code: 'INVALID_QUARTER', message: 'Enter a quarter like 2026-Q3' }]);
    const report = await this.outcomes.report(user, { ...range, groupBy: 'site' }, 'export');
    const pdf = await quarterlyPdf(report, quarter);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="outcomes-${quarter}.pdf"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(pdf);
  }
}
