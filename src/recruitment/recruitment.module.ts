import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { PatientsModule } from '../patients/patients.module';

@Module({
  imports: [PatientsModule, EnterprisesModule],
  controllers: [],
  providers: [],
})
export class RecruitmentModule {}
