import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth-decorators';
import type { AuthUser } from '../common/request-context';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { BalanceSheetDto, IncomeStatementDto, MonthlySurplusDto, OnQueryDto, RangeQueryDto, SurplusAcrossDto, TrialBalanceDto, YearQueryDto } from './dto/reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('api')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('enterprises/:id/income-statement')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'Income, expenses and surplus between two dates (inclusive; default this year to date)' })
  @ApiOkResponse({ type: IncomeStatementDto })
  incomeStatement(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query() q: RangeQueryDto): Promise<IncomeStatementDto> {
    return this.reports.incomeStatement(user, id, q);
  }

  @Get('enterprises/:id/trial-balance')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'Each account’s balance on a date (inclusive) on its debit or credit side' })
  @ApiOkResponse({ type: TrialBalanceDto })
  trialBalance(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query() q: OnQueryDto): Promise<TrialBalanceDto> {
    return this.reports.trialBalance(user, id, q.on);
  }

  @Get('enterprises/:id/balance-sheet')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'Assets, liabilities and equity (with the surplus to date) on a date' })
  @ApiOkResponse({ type: BalanceSheetDto })
  balanceSheet(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query() q: OnQueryDto): Promise<BalanceSheetDto> {
    return this.reports.balanceSheet(user, id, q.on);
  }

  @Get('enterprises/:id/monthly-surplus')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  @ApiOperation({ summary: 'Income, expenses and surplus for each month of a year' })
  @ApiOkResponse({ type: MonthlySurplusDto })
  monthly(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query() q: YearQueryDto): Promise<MonthlySurplusDto> {
    return this.reports.monthlySurplus(user, id, q.year);
  }

  @Get('surplus')
  @Roles('ADMIN', 'COMMISSIONER')
  @ApiOperation({ summary: 'Surplus and reinvestment of every enterprise for a year: totals only, no patient data (placement counts under 5 suppressed for commissioners)' })
  @ApiOkResponse({ type: SurplusAcrossDto })
  across(@CurrentUser() user: AuthUser, @Query() q: YearQueryDto): Promise<SurplusAcrossDto> {
    return this.reports.surplusAcross(user, q.year);
  }
}
