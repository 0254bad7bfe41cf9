import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../../enterprises/enterprises.module';
import { PatientsModule } from '../../patients/patients.module';
import { ReviewService } from '../review.service';
import { RotaModule } from '../rota.module';
import { RotaPagesController } from './rota-pages.controller';
import { RotaPagesRepository } from './rota-pages.repository';
import { RotaPagesService } from './rota-pages.service';

/** The OT rota board, booking forms and the needs-review list. */
@Module({
  imports: [RotaModule, PatientsModule, EnterprisesModule],
  controllers: [RotaPagesController],
  // ReviewService is stateless and not exported by RotaModule, so it is provided here too.
  providers: [RotaPagesRepository, RotaPagesService, ReviewService],
})
export class RotaPagesModule {}
