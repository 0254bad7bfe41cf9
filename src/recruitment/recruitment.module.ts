import { forwardRef, Module, OnModuleInit } from '@nestjs/common';
import { PatientChangeHooks } from '../patients/patient-change-hooks';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { PatientsModule } from '../patients/patients.module';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { JobsPagesController } from './jobs.pages.controller';
import { PlacementsController } from './placements.controller';
import { PlacementsService } from './placements.service';
import { RecruitmentAccess } from './recruitment-access';
import { RecruitmentPagesController } from './recruitment.pages.controller';
import { RecruitmentRepository } from './recruitment.repository';
import { VacanciesController } from './vacancies.controller';
import { VacanciesService } from './vacancies.service';

/**
 * Vacancies -> applications -> interviews -> offers -> placements. Exports PlacementsService
 * (endActivePlacementsFor, for discharge and transfer) and the read services for other pages.
 * PatientsModule is imported through forwardRef so that it may import this module back.
 */
@Module({
  imports: [forwardRef(() => PatientsModule), EnterprisesModule],
  controllers: [VacanciesController, ApplicationsController, PlacementsController, RecruitmentPagesController, JobsPagesController],
  providers: [RecruitmentRepository, RecruitmentAccess, VacanciesService, ApplicationsService, PlacementsService],
  exports: [PlacementsService, ApplicationsService, VacanciesService],
})
export class RecruitmentModule implements OnModuleInit {
  constructor(
    private readonly hooks: PatientChangeHooks,
    private readonly placements: PlacementsService,
  ) {}

  /** A discharged or transferred patient's active placements end, in the same transaction. */
  onModuleInit(): void {
    this.hooks.onLeaving((em, patientId, reason, endOn) => this.placements.endActivePlacementsFor(em, patientId, reason, endOn));
  }
}
