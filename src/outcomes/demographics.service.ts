import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { PatientAccess } from '../patients/patient-access';
import type { Role } from '../users/roles';
import { type DemographicsDto, EARLIEST_BIRTH_YEAR, latestBirthYear, type SetDemographicsDto } from './dto/demographics.dto';
import type { EthnicCategory, StatedGender } from './demographics.types';
import { PatientDemographics } from './patient-demographics.entity';

/** Staff who record equality monitoring fields: those who keep the patient's record and vocational profile. */
export const DEMOGRAPHICS_EDITOR_ROLES: Role[] = ['ADMIN', 'OT', 'EMPLOYMENT_SPECIALIST'];

/**
 * Optional equality monitoring fields of a patient (PCREF). Read and written only by staff who
 * may edit the patient (their wards; admins all), each read audited; used elsewhere only in
 * aggregate (the outcomes report's equity breakdowns).
 */
@Injectable()
export class DemographicsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: PatientAccess,
    private readonly audit: AuditService,
  ) {}

  async get(user: AuthUser, patientId: string): Promise<DemographicsDto & { displayName: string }> {
    return this.uow.run(async (em) => {
      const patient = await this.access.findEditable(em, user, patientId, DEMOGRAPHICS_EDITOR_ROLES);
      const row = await em.findOne(PatientDemographics, { where: { patientId } });
      await this.audit.record({ action: 'patient.demographics.read', entityType: 'patient-demographics', entityId: patientId, patientId });
      return { ...toDto(patientId, row), displayName: patient.displayName };
    });
  }

  async set(user: AuthUser, patientId: string, input: SetDemographicsDto): Promise<DemographicsDto> {
    const birthYear = input.birthYear ?? null;
    if (birthYear !== null && (birthYear < EARLIEST_BIRTH_YEAR || birthYear > latestBirthYear())) {
      throw AppError.validation('Year of birth is out of range', [{ field: 'birthYear', code: 'BIRTH_YEAR_OUT_OF_RANGE', message: `Year of birth must be between ${EARLIEST_BIRTH_YEAR} and ${latestBirthYear()}` }]);
    }
    return this.uow.run(async (em) => {
      await this.access.findEditable(em, user, patientId, DEMOGRAPHICS_EDITOR_ROLES);
      const row: PatientDemographics = {
        patientId,
        birthYear,
        statedGender: (input.statedGender ?? null) as StatedGender | null,
        ethnicCategory: (input.ethnicCategory ?? null) as EthnicCategory | null,
        updatedByUserId: user.id,
        updatedAt: new Date(),
      };
      const existing = await em.findOne(PatientDemographics, { where: { patientId } });
      if (existing) await em.update(PatientDemographics, { patientId }, row);
      else await em.insert(PatientDemographics, row);
      // Which fields are recorded, never their values.
      await this.audit.record({ action: 'patient.demographics.set', entityType: 'patient-demographics', entityId: patientId, patientId, detail: { birthYear: birthYear !== null, statedGender: row.statedGender !== null, ethnicCategory: row.ethnicCategory !== null } });
      return toDto(patientId, row);
    });
  }
}

function toDto(patientId: string, row: PatientDemographics | null): DemographicsDto {
  return { patientId, birthYear: row?.birthYear ?? null, statedGender: row?.statedGender ?? null, ethnicCategory: row?.ethnicCategory ?? null, updatedAt: row?.updatedAt ? new Date(row.updatedAt).toISOString() : null };
}
