import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { Patient } from '../patients/patient.entity';

/**
 * Who sees a person's employment support record: an employment specialist sees the people on
 * their caseload (also after discharge or a ward move) and patients on their wards; an OT sees
 * patients on their wards; a patient sees only their own; admins all. Enterprise leads, ward
 * staff and commissioners see none of it. Out of scope answers 404.
 */
@Injectable()
export class EmploymentAccess {
  applyScope<T extends object>(qb: SelectQueryBuilder<T>, user: AuthUser, alias = 'p'): SelectQueryBuilder<T> {
    const key = `es_${alias}`;
    return qb.andWhere(
      new Brackets((w) => {
        switch (user.role) {
          case 'ADMIN':
            w.where('1 = 1');
            return;
          case 'OT':
            if (!user.wardIds.length) w.where('1 = 0');
            else w.where(`${alias}.wardId IN (:...${key}_wards)`, { [`${key}_wards`]: user.wardIds });
            return;
          case 'EMPLOYMENT_SPECIALIST':
            w.where(`${alias}.id IN (SELECT er."patientId" FROM employment_referrals er WHERE er."specialistUserId" = :${key}_me AND er."status" = 'ACCEPTED')`, { [`${key}_me`]: user.id });
            if (user.wardIds.length) w.orWhere(`${alias}.wardId IN (:...${key}_wards)`, { [`${key}_wards`]: user.wardIds });
            return;
          case 'PATIENT':
            w.where(`${alias}.id = :${key}_self`, { [`${key}_self`]: user.patientId ?? '' });
            return;
          default:
            w.where('1 = 0');
        }
      }),
    );
  }

  async findVisible(em: EntityManager, user: AuthUser, patientId: string): Promise<Patient> {
    const patient = await this.applyScope(em.createQueryBuilder(Patient, 'p').where('p.id = :id', { id: patientId }), user, 'p').getOne();
    if (!patient) throw AppError.notFound('Patient');
    return patient;
  }

  /**
   * Who may refer a person: anyone who may see the record, and ward staff (clinicians) for
   * patients on their wards, although they read nothing of employment support afterwards.
   */
  async findReferable(em: EntityManager, user: AuthUser, patientId: string): Promise<Patient> {
    if (user.role !== 'WARD_STAFF') return this.findVisible(em, user, patientId);
    const patient = await em.findOne(Patient, { where: { id: patientId } });
    if (!patient || !user.wardIds.includes(patient.wardId)) throw AppError.notFound('Patient');
    return patient;
  }

  /** Staff who keep the record: specialists, OTs and admins (patients only read and comment). */
  async findEditable(em: EntityManager, user: AuthUser, patientId: string): Promise<Patient> {
    const patient = await this.findVisible(em, user, patientId);
    if (!['ADMIN', 'OT', 'EMPLOYMENT_SPECIALIST'].includes(user.role)) throw AppError.forbidden('Your role cannot change this employment record');
    return patient;
  }
}
