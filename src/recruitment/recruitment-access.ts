import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { PatientAccess } from '../patients/patient-access';
import type { Role } from '../users/roles';

/** Staff who recruit: book interviews, make offers, place and end placements. */
export const RECRUITER_ROLES: Role[] = ['ADMIN', 'OT', 'EMPLOYMENT_SPECIALIST', 'ENTERPRISE_LEAD'];
/** Staff who may read applications and placements in their scope (ward staff see who works where). */
export const RECRUITMENT_READER_ROLES: Role[] = [...RECRUITER_ROLES, 'WARD_STAFF'];
/** Everyone who sees vacancies. */
export const VACANCY_READER_ROLES: Role[] = [...RECRUITMENT_READER_ROLES, 'PATIENT'];

export type Scope = <T extends object>(qb: SelectQueryBuilder<T>) => SelectQueryBuilder<T>;

/**
 * Record-level scope for applications and placements: the patient's scope (PatientAccess:
 * wards for ward-based staff, self for a patient, all for an admin) and, for an enterprise
 * lead, only records in the enterprises they lead.
 */
@Injectable()
export class RecruitmentAccess {
  constructor(private readonly patients: PatientAccess) {}

  /** A scope for queries that join the patient as `p` and the work role as `wr`. */
  scopeFor(user: AuthUser): Scope {
    return <T extends object>(qb: SelectQueryBuilder<T>) => {
      this.patients.applyScope(qb, user, 'p');
      if (user.role === 'ENTERPRISE_LEAD') {
        qb.andWhere('wr.enterpriseId IN (SELECT rel."enterpriseId" FROM enterprise_leads rel WHERE rel."userId" = :rx_lead)', { rx_lead: user.id });
      }
      return qb;
    };
  }

  /** A scope for queries over patients aliased `p` only. */
  patientScopeFor(user: AuthUser): Scope {
    return <T extends object>(qb: SelectQueryBuilder<T>) => this.patients.applyScope(qb, user, 'p');
  }

  /** Changes to a visible record: recruiters, or the patient themself where `patientMay`. */
  assertMayAct(user: AuthUser, patientMay: boolean): void {
    if (user.role === 'PATIENT' ? patientMay : RECRUITER_ROLES.includes(user.role)) return;
    throw AppError.forbidden('Your role cannot change recruitment records');
  }
}
