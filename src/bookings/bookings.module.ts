import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { LedgerModule } from '../ledger/ledger.module';
import { OrdersModule } from '../orders/orders.module';
import { BookingsController } from './bookings.controller';
import { BookingsPagesController } from './bookings.pages.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';

/** Slot services (the car valet): opening hours, availability, bookings and the enterprise's day sheet. */
@Module({
  imports: [EnterprisesModule, CatalogueModule, OrdersModule, LedgerModule],
  controllers: [BookingsController, BookingsPagesController],
  providers: [BookingsRepository, BookingsService],
  exports: [BookingsService],
})
export class BookingsModule {}
