import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../../enterprises/enterprises.module';
import { PatientsModule } from '../../patients/patients.module';
import { RotaModule } from '../rota.module';

/** Attendance, pay, weekly timesheets and calendar feeds. */
@Module({
  imports: [RotaModule, PatientsModule, EnterprisesModule],
  controllers: [],
  providers: [],
})
export class AttendanceModule {}
