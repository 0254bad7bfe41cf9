import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { PayrollRequestDto, PayrollRunDto, PayrollWeekDto } from './dto/money.dto';
import { PayrollService } from './payroll.service';

@ApiTags('ledger')
@ApiBearerAuth()
@Roles('ADMIN', 'ENTERPRISE_LEAD')
@Controller('api/enterprises/:id')
export class PayrollController {
  constructor(private readonly payroll: PayrollService) {}

  @Get('payroll-weeks')
  @ApiOperation({ summary: 'Approved weekly timesheets and, for each, its payroll run if posted' })
  @ApiOkResponse({ type: [PayrollWeekDto] })
  weeks(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<PayrollWeekDto[]> {
    return this.payroll.weeks(user, id);
  }

  @Get('payroll-runs')
  @ApiOperation({ summary: 'Payroll runs posted' })
  @ApiOkResponse({ type: [PayrollRunDto] })
  runs(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string): Promise<PayrollRunDto[]> {
    return this.payroll.runs(user, id);
  }

  @Post('payroll-runs')
  @ApiOperation({ summary: 'Post payroll for an approved timesheet: Wages / Wages payable, then Wages payable / Bank. Once per timesheet.' })
  @ApiCreatedResponse({ type: PayrollRunDto })
  @ApiConflictResponse({ description: 'PAYROLL_ALREADY_POSTED' })
  post(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: PayrollRequestDto): Promise<PayrollRunDto> {
    return this.payroll.post(user, id, body);
  }

  @Get('payroll-runs/:runId.csv')
  @ApiOperation({ summary: 'The payroll as CSV for the patients’ monies office (patient, hospital number, week, minutes, pay in pounds)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header row, CRLF line endings', schema: { type: 'string' } })
  async csv(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('runId', ParseIdPipe) runId: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { filename, body } = await this.payroll.csv(user, id, runId);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    return body;
  }
}
