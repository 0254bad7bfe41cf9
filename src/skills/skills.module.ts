import { Module } from '@nestjs/common';
import { PatientsModule } from '../patients/patients.module';
import { SkillLogsController } from './skill-logs.controller';
import { SkillLogsService } from './skill-logs.service';
import { SkillsController } from './skills.controller';
import { SkillsPagesController } from './skills.pages.controller';
import { SkillsRepository } from './skills.repository';
import { SkillsService } from './skills.service';

/**
 * The skills framework and skill logs (self-assessments and staff observations, verified by
 * a second member of staff). The verified levels that booking needs come from
 * VerifiedSkillsModule (global), which reads the same tables.
 */
@Module({
  imports: [PatientsModule],
  controllers: [SkillsController, SkillLogsController, SkillsPagesController],
  providers: [SkillsRepository, SkillsService, SkillLogsService],
  exports: [SkillsService, SkillLogsService],
})
export class SkillsModule {}
