import { Module } from '@nestjs/common';
import { WardsModule } from '../wards/wards.module';
import { PatientsPagesController } from './patients.pages.controller';
import { PatientAccess } from './patient-access';
import { PatientChangeHooks } from './patient-change-hooks';
import { PatientsRepository } from './patients.repository';
import { PatientsController } from './patients.controller';
import { PatientsService } from './patients.service';

@Module({
  imports: [WardsModule],
  controllers: [PatientsController, PatientsPagesController],
  providers: [PatientAccess, PatientsRepository, PatientsService, PatientChangeHooks],
  exports: [PatientAccess, PatientsRepository, PatientsService, PatientChangeHooks],
})
export class PatientsModule {}
