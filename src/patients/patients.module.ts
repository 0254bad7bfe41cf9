import { Module } from '@nestjs/common';
import { PatientAccess } from './patient-access';

@Module({
  controllers: [],
  providers: [PatientAccess],
  exports: [PatientAccess],
})
export class PatientsModule {}
