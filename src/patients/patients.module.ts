import { Module } from '@nestjs/common';
import { PatientAccess } from './patient-access';
import { PatientsRepository } from './patients.repository';

@Module({
  controllers: [],
  providers: [PatientAccess, PatientsRepository],
  exports: [PatientAccess, PatientsRepository],
})
export class PatientsModule {}
