import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { CatalogueController } from './catalogue.controller';
import { CataloguePagesController } from './catalogue.pages.controller';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueService } from './catalogue.service';

/** Products and services each enterprise sells, with dated prices; used by orders, bookings and the till. */
@Module({
  imports: [EnterprisesModule],
  controllers: [CatalogueController, CataloguePagesController],
  providers: [CatalogueRepository, CatalogueService],
  exports: [CatalogueRepository, CatalogueService],
})
export class CatalogueModule {}
