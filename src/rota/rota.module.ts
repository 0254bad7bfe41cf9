import { Module, OnModuleInit } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { PatientChangeHooks } from '../patients/patient-change-hooks';
import { PatientsModule } from '../patients/patients.module';
import { BookingService } from './booking.service';
import { ReviewService } from './review.service';
import { RotaRepository } from './rota.repository';
import { ShiftsController } from './shifts.controller';
import { ShiftsService } from './shifts.service';

@Module({
  imports: [PatientsModule, EnterprisesModule],
  controllers: [ShiftsController],
  providers: [RotaRepository, BookingService, ShiftsService, ReviewService],
  exports: [RotaRepository, BookingService, ShiftsService],
})
export class RotaModule implements OnModuleInit {
  constructor(
    private readonly hooks: PatientChangeHooks,
    private readonly booking: BookingService,
  ) {}

  /** Leave reduced or suspended, restriction added, patient discharged: flag future bookings. */
  onModuleInit(): void {
    this.hooks.onClinicalChange((em, patientId) => this.booking.reviewPatient(em, patientId));
  }
}
