import { Module } from '@nestjs/common';
import { PatientsModule } from '../patients/patients.module';
import { EmployersController } from './employers.controller';
import { EmploymentAccess } from './employment-access';
import { EmploymentController } from './employment.controller';
import { EmploymentPagesController } from './employment.pages.controller';
import { EmploymentRepository } from './employment.repository';
import { EmploymentService } from './employment.service';
import { FidelityService } from './fidelity.service';
import { OutsideWorkService } from './outside-work.service';
import { PatientEmploymentController } from './patient-employment.controller';

@Module({
  imports: [PatientsModule],
  controllers: [EmploymentController, EmployersController, PatientEmploymentController, EmploymentPagesController],
  providers: [EmploymentAccess, EmploymentRepository, EmploymentService, OutsideWorkService, FidelityService],
  exports: [EmploymentRepository],
})
export class EmploymentModule {}
