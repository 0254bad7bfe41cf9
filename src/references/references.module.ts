import { Module } from '@nestjs/common';
import { PatientsModule } from '../patients/patients.module';
import { ReferencesController } from './references.controller';
import { ReferencesPagesController } from './references.pages.controller';
import { ReferencesRepository } from './references.repository';
import { ReferencesService } from './references.service';
import { VerifyController } from './verify.controller';

/**
 * Employment references: drafted by staff from the records, approved by a second OT or lead,
 * downloaded by the patient as a PDF, checked by employers at /verify/:code.
 */
@Module({
  imports: [PatientsModule],
  controllers: [ReferencesController, VerifyController, ReferencesPagesController],
  providers: [ReferencesRepository, ReferencesService],
  exports: [ReferencesService],
})
export class ReferencesModule {}
