import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { LedgerModule } from '../ledger/ledger.module';
import { CostCentreAccess } from './cost-centre-access';
import { CostCentresController } from './cost-centres.controller';
import { CostCentresService } from './cost-centres.service';
import { OrdersController } from './orders.controller';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';
import { OrdersPagesController } from './orders.pages.controller';

/** The hospital as customer: cost centres, orders, standing orders and recharges. */
@Module({
  imports: [EnterprisesModule, CatalogueModule, LedgerModule],
  controllers: [CostCentresController, OrdersController, OrdersPagesController],
  providers: [CostCentreAccess, OrdersRepository, OrdersService, CostCentresService],
  exports: [CostCentreAccess, OrdersRepository, OrdersService, CostCentresService],
})
export class OrdersModule {}
