import { Module } from '@nestjs/common';
import { PatientsModule } from '../patients/patients.module';
import { DemographicsController, DemographicsPagesController } from './demographics.controller';
import { DemographicsService } from './demographics.service';
import { OutcomesController } from './outcomes.controller';
import { OutcomesPagesController } from './outcomes.pages.controller';
import { OutcomesRepository } from './outcomes.repository';
import { OutcomesService } from './outcomes.service';

/** Outcomes for managers and commissioners (aggregates only) and patients' equality monitoring fields. */
@Module({
  imports: [PatientsModule],
  controllers: [OutcomesController, OutcomesPagesController, DemographicsController, DemographicsPagesController],
  providers: [OutcomesRepository, OutcomesService, DemographicsService],
})
export class OutcomesModule {}
