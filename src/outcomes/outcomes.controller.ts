import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { OutcomesQueryDto, OutcomesReportDto } from './dto/outcomes.dto';
import { outcomesCsv } from './outcomes-csv';
import { OutcomesService } from './outcomes.service';

/** Wants CSV rather than JSON: an Accept header naming text/csv before any JSON type. */
export function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((t) => t.split(';')[0].trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.findIndex((t) => t === 'application/json' || t === '*/*');
  return csv >= 0 && (json < 0 || csv < json);
}

function sendCsv(res: Response, body: string, from: string, to: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="outcomes-${from}-to-${to}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(body);
}

@ApiTags('outcomes')
@ApiBearerAuth()
@Controller('api/reports')
export class OutcomesController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Get('outcomes')
  @Roles('ADMIN', 'COMMISSIONER')
  @ApiOperation({ summary: 'Outcome indicators for a period by site, ward, security level or enterprise (JSON; CSV with Accept: text/csv). Aggregates only; suppressed for commissioners' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: OutcomesReportDto })
  async report(@CurrentUser() user: AuthUser, @Query() q: OutcomesQueryDto, @Headers('accept') accept: string | undefined, @Res() res: Response): Promise<void> {
    if (wantsCsv(accept)) {
      const report = await this.outcomes.report(user, q, 'export');
      return sendCsv(res, outcomesCsv(report), report.from, report.to);
    }
    res.json(await this.outcomes.report(user, q, 'view', q.suppressed === 'true'));
  }

  @Get('outcomes.csv')
  @Roles('ADMIN', 'COMMISSIONER')
  @ApiOperation({ summary: 'The outcomes report as CSV, one figure per line; always suppressed (counts 1-4 as "<5")' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV: from, to, groupBy, section, group, measure, value' })
  async csv(@CurrentUser() user: AuthUser, @Query() q: OutcomesQueryDto, @Res() res: Response): Promise<void> {
    const report = await this.outcomes.report(user, q, 'export');
    sendCsv(res, outcomesCsv(report), report.from, report.to);
  }
}
