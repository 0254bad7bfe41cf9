import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { LedgerModule } from '../ledger/ledger.module';
import { OrdersModule } from '../orders/orders.module';
import { PatientsModule } from '../patients/patients.module';
import { TillsController } from './tills.controller';
import { TillsPagesController } from './tills.pages.controller';
import { TillsRepository } from './tills.repository';
import { TillsService } from './tills.service';

/** Café and shop tills: sessions, sales, refunds, cash, the session's journal entry; stock at moving average cost. */
@Module({
  imports: [EnterprisesModule, CatalogueModule, LedgerModule, OrdersModule, PatientsModule],
  controllers: [TillsController, TillsPagesController],
  providers: [TillsRepository, TillsService],
  exports: [TillsService, TillsRepository],
})
export class TillsModule {}
