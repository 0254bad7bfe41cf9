import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';

/** Enterprise ledgers: accounts, journal, periods, payroll, surplus and reinvestment. */
@Module({
  imports: [EnterprisesModule],
  controllers: [],
  providers: [],
})
export class LedgerModule {}
