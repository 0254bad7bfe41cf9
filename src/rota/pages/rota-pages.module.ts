import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../../enterprises/enterprises.module';
import { PatientsModule } from '../../patients/patients.module';
import { RotaModule } from '../rota.module';

/** The OT rota board, booking forms and the needs-review list. */
@Module({
  imports: [RotaModule, PatientsModule, EnterprisesModule],
  controllers: [],
  providers: [],
})
export class RotaPagesModule {}
