import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, SelectQueryBuilder, WhereExpressionBuilder } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import type { Role } from '../users/roles';
import { Patient } from './patient.entity';

/** Roles that may see some patient records at all. COMMISSIONER never does. */
export const PATIENT_READER_ROLES: Role[] = ['ADMIN', 'OT', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'ENTERPRISE_LEAD', 'PATIENT'];
/** Staff who keep patients' clinical work information (leave, restrictions). */
export const CLINICAL_EDITOR_ROLES: Role[] = ['OT', 'WARD_STAFF'];
/** Staff who keep vocational profiles and benefits limits (IPS). */
export const VOCATIONAL_EDITOR_ROLES: Role[] = ['OT', 'EMPLOYMENT_SPECIALIST'];

/**
 * Record-level scope for patients (DESIGN.md): ward staff, OTs and employment specialists see
 * patients on the wards they are assigned to; enterprise leads see patients who applied to or
 * work in enterprises they lead; a patient sees only themself; admins see all; commissioners
 * none. Out-of-scope records answer 404, as if they did not exist.
 */
@Injectable()
export class PatientAccess {
  /** Adds the caller's scope to a query over patients aliased `alias`. */
  applyScope<T extends object>(qb: SelectQueryBuilder<T>, user: AuthUser, alias = 'p'): SelectQueryBuilder<T> {
    return qb.andWhere(new Brackets((w) => this.scopeCondition(w, user, alias)));
  }

  private scopeCondition(w: WhereExpressionBuilder, user: AuthUser, alias: string): void {
    const key = `scope_${alias}`;
    switch (user.role) {
      case 'ADMIN':
        w.where('1 = 1');
        return;
      case 'OT':
      case 'WARD_STAFF':
      case 'EMPLOYMENT_SPECIALIST':
        if (!user.wardIds.length) w.where('1 = 0');
        else w.where(`${alias}.wardId IN (:...${key}_wards)`, { [`${key}_wards`]: user.wardIds });
        return;
      case 'ENTERPRISE_LEAD':
        w.where(
          `(${alias}.id IN (SELECT pl."patientId" FROM placements pl JOIN work_roles wr ON wr.id = pl."workRoleId" JOIN enterprise_leads el ON el."enterpriseId" = wr."enterpriseId" WHERE el."userId" = :${key}_lead)` +
            ` OR ${alias}.id IN (SELECT ap."patientId" FROM applications ap JOIN vacancies v ON v.id = ap."vacancyId" JOIN work_roles wr2 ON wr2.id = v."workRoleId" JOIN enterprise_leads el2 ON el2."enterpriseId" = wr2."enterpriseId" WHERE el2."userId" = :${key}_lead))`,
          { [`${key}_lead`]: user.id },
        );
        return;
      case 'PATIENT':
        w.where(`${alias}.id = :${key}_self`, { [`${key}_self`]: user.patientId ?? '' });
        return;
      default:
        w.where('1 = 0');
    }
  }

  /** The patient, if the caller may see it; otherwise 404 NOT_FOUND. */
  async findVisible(em: EntityManager, user: AuthUser, patientId: string): Promise<Patient> {
    const qb = em.createQueryBuilder(Patient, 'p').where('p.id = :id', { id: patientId });
    const patient = await this.applyScope(qb, user, 'p').getOne();
    if (!patient) throw AppError.notFound('Patient');
    return patient;
  }

  /** As findVisible, and the caller's role must be one of `roles` (403 otherwise). */
  async findEditable(em: EntityManager, user: AuthUser, patientId: string, roles: Role[]): Promise<Patient> {
    const patient = await this.findVisible(em, user, patientId);
    if (!roles.includes(user.role)) throw AppError.forbidden('Your role cannot change this part of the patient record');
    return patient;
  }
}
