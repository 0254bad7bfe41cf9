import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { Enterprise } from '../../enterprises/enterprise.entity';
import { WorkRole } from '../../enterprises/work-role.entity';
import { Patient } from '../../patients/patient.entity';
import { Placement } from '../../recruitment/placement.entity';
import { STAFF_ROLES } from '../../users/roles';
import { User } from '../../users/user.entity';
import { Ward } from '../../wards/ward.entity';
import { Assignment } from '../assignment.entity';
import { LIVE_ASSIGNMENT_STATUSES } from '../rota.types';
import { Shift } from '../shift.entity';

/** Adds the caller's patient scope to a query (PatientAccess.applyScope bound to the caller). */
export type PatientScope = <T extends object>(qb: SelectQueryBuilder<T>, alias: string) => SelectQueryBuilder<T>;

export interface RoleOption {
  id: string;
  title: string;
  enterpriseId: string;
  enterpriseName: string;
}

export interface StaffOption {
  id: string;
  displayName: string;
  role: string;
}

export interface Candidate {
  patientId: string;
  displayName: string;
  wardName: string;
}

export interface BookedName {
  shiftId: string;
  patientId: string;
  patientName: string;
  status: string;
}

/** Read queries behind the rota pages, each bounded by an enterprise, a role, a date or a set of shifts. */
@Injectable()
export class RotaPagesRepository {
  findActiveEnterprises(em: EntityManager): Promise<{ id: string; name: string }[]> {
    return em.find(Enterprise, { select: { id: true, name: true }, where: { status: 'ACTIVE' }, order: { name: 'ASC' } });
  }

  /** Active work roles of active enterprises, optionally only some enterprises. */
  async findActiveRoles(em: EntityManager, enterpriseIds?: string[]): Promise<RoleOption[]> {
    const qb = em
      .createQueryBuilder(WorkRole, 'r')
      .innerJoin(Enterprise, 'e', 'e.id = r.enterpriseId')
      .select(['r.id AS "id"', 'r.title AS "title"', 'r.enterpriseId AS "enterpriseId"', 'e.name AS "enterpriseName"'])
      .where('r.active = :active', { active: true })
      .andWhere("e.status = 'ACTIVE'")
      .orderBy('e.name', 'ASC')
      .addOrderBy('r.title', 'ASC');
    if (enterpriseIds) {
      if (!enterpriseIds.length) return [];
      qb.andWhere('r.enterpriseId IN (:...enterpriseIds)', { enterpriseIds });
    }
    return qb.getRawMany<RoleOption>();
  }

  /** Active staff who can supervise or escort. */
  findActiveStaff(em: EntityManager): Promise<StaffOption[]> {
    return em.find(User, { select: { id: true, displayName: true, role: true }, where: { active: true, role: In([...STAFF_ROLES]) }, order: { displayName: 'ASC' } });
  }

  findUserNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return Promise.resolve(new Map());
    return em.find(User, { select: { id: true, displayName: true }, where: { id: In(unique) } }).then((rows) => new Map(rows.map((u) => [u.id, u.displayName])));
  }

  /**
   * Patients the caller can see who hold an active placement in the role on a date, and are not
   * already booked on the shift: the people the booking panel offers.
   */
  findCandidates(em: EntityManager, scope: PatientScope, workRoleId: string, date: string, shiftId: string): Promise<Candidate[]> {
    const qb = em
      .createQueryBuilder(Placement, 'pl')
      .innerJoin(Patient, 'p', 'p.id = pl.patientId')
      .innerJoin(Ward, 'w', 'w.id = p.wardId')
      .select(['p.id AS "patientId"', 'p.displayName AS "displayName"', 'w.name AS "wardName"'])
      .where('pl.workRoleId = :workRoleId', { workRoleId })
      .andWhere("pl.status = 'ACTIVE'")
      .andWhere('pl.startOn <= :date', { date })
      .andWhere(new Brackets((b) => b.where('pl.endOn IS NULL').orWhere('pl.endOn >= :date', { date })))
      .andWhere("p.status = 'ACTIVE'")
      .andWhere((sub) => {
        const booked = sub
          .subQuery()
          .select('a.patientId')
          .from(Assignment, 'a')
          .where('a.shiftId = :shiftId', { shiftId })
          .andWhere('a.status IN (:...live)', { live: LIVE_ASSIGNMENT_STATUSES })
          .getQuery();
        return `p.id NOT IN ${booked}`;
      })
      .orderBy('p.displayName', 'ASC')
      .take(200);
    return scope(qb, 'p').getRawMany<Candidate>();
  }

  /** Live bookings on some shifts of patients the caller can see, with their names. */
  findVisibleLiveBookings(em: EntityManager, scope: PatientScope, shiftIds: string[]): Promise<BookedName[]> {
    if (!shiftIds.length) return Promise.resolve([]);
    const qb = em
      .createQueryBuilder(Assignment, 'a')
      .innerJoin(Patient, 'p', 'p.id = a.patientId')
      .select(['a.shiftId AS "shiftId"', 'a.patientId AS "patientId"', 'p.displayName AS "patientName"', 'a.status AS "status"'])
      .where('a.shiftId IN (:...shiftIds)', { shiftIds })
      .andWhere('a.status IN (:...live)', { live: LIVE_ASSIGNMENT_STATUSES })
      .orderBy('p.displayName', 'ASC');
    return scope(qb, 'p').getRawMany<BookedName>();
  }

  /** How many bookings on each shift need review (a count, no patient data). */
  async countNeedsReview(em: EntityManager, shiftIds: string[]): Promise<Map<string, number>> {
    if (!shiftIds.length) return new Map();
    const rows = await em
      .createQueryBuilder(Assignment, 'a')
      .select('a.shiftId', 'shiftId')
      .addSelect('COUNT(*)', 'n')
      .where('a.shiftId IN (:...shiftIds)', { shiftIds })
      .andWhere("a.status = 'NEEDS_REVIEW'")
      .groupBy('a.shiftId')
      .getRawMany<{ shiftId: string; n: unknown }>();
    return new Map(rows.map((r) => [r.shiftId, Number(r.n)]));
  }

  /** Enterprise and role names of some shifts. */
  async findShiftLabels(em: EntityManager, shiftIds: string[]): Promise<Map<string, { enterpriseName: string; roleTitle: string }>> {
    const unique = [...new Set(shiftIds)];
    if (!unique.length) return new Map();
    const rows = await em
      .createQueryBuilder(Shift, 's')
      .innerJoin(WorkRole, 'r', 'r.id = s.workRoleId')
      .innerJoin(Enterprise, 'e', 'e.id = s.enterpriseId')
      .select(['s.id AS "id"', 'e.name AS "enterpriseName"', 'r.title AS "roleTitle"'])
      .where('s.id IN (:...ids)', { ids: unique })
      .getRawMany<{ id: string; enterpriseName: string; roleTitle: string }>();
    return new Map(rows.map((r) => [r.id, { enterpriseName: r.enterpriseName, roleTitle: r.roleTitle }]));
  }
}
