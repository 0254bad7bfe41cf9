import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { LedgerController } from './ledger.controller';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';
import { MoneyController } from './money.controller';
import { MoneyService } from './money.service';
import { FinancePagesController } from './pages/finance.pages.controller';
import { FinancePagesService } from './pages/finance-pages.service';
import { SurplusPagesController } from './pages/surplus.pages.controller';
import { PayrollController } from './payroll.controller';
import { PayrollService } from './payroll.service';
import { JournalPoster } from './posting';
import { ReinvestmentController } from './reinvestment.controller';
import { ReinvestmentRepository } from './reinvestment.repository';
import { ReinvestmentService } from './reinvestment.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Enterprise ledgers: accounts, journal, periods, payroll, surplus and reinvestment. */
@Module({
  imports: [EnterprisesModule],
  controllers: [LedgerController, ReportsController, MoneyController, PayrollController, ReinvestmentController, FinancePagesController, SurplusPagesController],
  providers: [LedgerRepository, ReinvestmentRepository, JournalPoster, LedgerService, ReportsService, MoneyService, PayrollService, ReinvestmentService, FinancePagesService],
  exports: [LedgerService, ReportsService],
})
export class LedgerModule {}
