import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import { instantParam } from '../../database/columns';
import { Enterprise } from '../../enterprises/enterprise.entity';
import { WorkRole } from '../../enterprises/work-role.entity';
import { Patient } from '../../patients/patient.entity';
import { User } from '../../users/user.entity';
import { Ward } from '../../wards/ward.entity';
import { Assignment } from '../assignment.entity';
import { AttendanceRecord } from '../attendance-record.entity';
import { LIVE_ASSIGNMENT_STATUSES } from '../rota.types';
import { Shift } from '../shift.entity';
import { TimesheetLine } from '../timesheet-line.entity';
import { Timesheet } from '../timesheet.entity';

const CHUNK = 500;

/** Runs an IN (...) query in chunks, so a long list never passes the driver's parameter limit. */
async function inChunks<T>(ids: string[], fn: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(...(await fn(unique.slice(i, i + CHUNK))));
  return out;
}

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

/** Named, bounded queries for attendance, timesheets and feeds: each by an index and a time or id bound. */
@Injectable()
export class AttendanceRepository {
  findRecordsForAssignment(em: EntityManager, assignmentId: string): Promise<AttendanceRecord[]> {
    return em.find(AttendanceRecord, { where: { assignmentId }, order: { recordedAt: 'DESC', id: 'DESC' } });
  }

  findRecordsForAssignments(em: EntityManager, assignmentIds: string[]): Promise<AttendanceRecord[]> {
    return inChunks(assignmentIds, (ids) => em.find(AttendanceRecord, { where: { assignmentId: In(ids) } }));
  }

  findTimesheet(em: EntityManager, enterpriseId: string, weekStartOn: string): Promise<Timesheet | null> {
    return em.findOne(Timesheet, { where: { enterpriseId, weekStartOn } });
  }

  findTimesheetLines(em: EntityManager, timesheetId: string): Promise<TimesheetLine[]> {
    return em.find(TimesheetLine, { where: { timesheetId } });
  }

  /** Shifts of an enterprise starting in [from, to): index (enterpriseId, startAt). */
  findEnterpriseShifts(em: EntityManager, enterpriseId: string, from: Date, to: Date): Promise<Shift[]> {
    return em
      .createQueryBuilder(Shift, 's')
      .where('s.enterpriseId = :enterpriseId', { enterpriseId })
      .andWhere('s.startAt >= :from AND s.startAt < :to', { from: instantParam(from), to: instantParam(to) })
      .orderBy('s.startAt', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
  }

  /** Published shifts starting in [from, to), optionally of some enterprises: index (startAt). */
  findPublishedShifts(em: EntityManager, from: Date, to: Date, enterpriseIds?: string[]): Promise<Shift[]> {
    if (enterpriseIds && !enterpriseIds.length) return Promise.resolve([]);
    const qb = em
      .createQueryBuilder(Shift, 's')
      .where('s.startAt >= :from AND s.startAt < :to', { from: instantParam(from), to: instantParam(to) })
      .andWhere("s.status = 'PUBLISHED'")
      .orderBy('s.startAt', 'ASC')
      .addOrderBy('s.id', 'ASC');
    if (enterpriseIds) qb.andWhere('s.enterpriseId IN (:...enterpriseIds)', { enterpriseIds });
    return qb.getMany();
  }

  /** Assignments of the given shifts, all statuses (index (shiftId, status)). */
  findAssignmentsForShifts(em: EntityManager, shiftIds: string[], liveOnly: boolean): Promise<Assignment[]> {
    return inChunks(shiftIds, (ids) => em.find(Assignment, { where: { shiftId: In(ids), ...(liveOnly ? { status: In(LIVE_ASSIGNMENT_STATUSES) } : {}) }, order: { startAt: 'ASC', createdAt: 'ASC' } }));
  }

  /** Shifts starting in [from, to) that a user supervises or escorts (escorts are a JSON list of ids). */
  findShiftsStaffedBy(em: EntityManager, userId: string, from: Date, to: Date): Promise<Shift[]> {
    return em
      .createQueryBuilder(Shift, 's')
      .where('s.startAt >= :from AND s.startAt < :to', { from: instantParam(from), to: instantParam(to) })
      .andWhere(new Brackets((w) => w.where('s.supervisorUserId = :userId', { userId }).orWhere('s.escortUserIds LIKE :escort', { escort: `%"${userId}"%` })))
      .orderBy('s.startAt', 'ASC')
      .getMany();
  }

  /** Live assignments of some patients starting in [from, to): index (patientId, startAt). */
  findLiveAssignmentsOfPatients(em: EntityManager, patientIds: string[], from: Date, to: Date): Promise<Assignment[]> {
    return inChunks(patientIds, (ids) =>
      em
        .createQueryBuilder(Assignment, 'a')
        .where('a.patientId IN (:...ids)', { ids })
        .andWhere('a.startAt >= :from AND a.startAt < :to', { from: instantParam(from), to: instantParam(to) })
        .andWhere('a.status IN (:...live)', { live: LIVE_ASSIGNMENT_STATUSES })
        .getMany(),
    );
  }

  /** A patient's live assignments starting in [from, to): index (patientId, startAt). */
  findPatientAssignments(em: EntityManager, patientId: string, from: Date, to: Date): Promise<Assignment[]> {
    return em
      .createQueryBuilder(Assignment, 'a')
      .where('a.patientId = :patientId', { patientId })
      .andWhere('a.startAt >= :from AND a.startAt < :to', { from: instantParam(from), to: instantParam(to) })
      .andWhere('a.status IN (:...live)', { live: LIVE_ASSIGNMENT_STATUSES })
      .orderBy('a.startAt', 'ASC')
      .getMany();
  }

  /** A patient's assignments in London weeks [fromWeek, toWeek): index (patientId, weekStartOn). */
  findPatientAssignmentsInWeeks(em: EntityManager, patientId: string, fromWeek: string, toWeek: string): Promise<Assignment[]> {
    return em
      .createQueryBuilder(Assignment, 'a')
      .where('a.patientId = :patientId', { patientId })
      .andWhere('a.weekStartOn >= :fromWeek AND a.weekStartOn < :toWeek', { fromWeek, toWeek })
      .getMany();
  }

  /** Patients on the given wards among the given ids. */
  async findPatientsOnWards(em: EntityManager, patientIds: string[], wardIds: string[]): Promise<Patient[]> {
    if (!wardIds.length) return [];
    return inChunks(patientIds, (ids) => em.find(Patient, { where: { id: In(ids), wardId: In(wardIds) } }));
  }

  /** Enterprises by name: the given ones, or all. */
  findEnterprises(em: EntityManager, ids?: string[]): Promise<Enterprise[]> {
    if (ids && !ids.length) return Promise.resolve([]);
    return em.find(Enterprise, { where: ids ? { id: In(ids) } : {}, order: { name: 'ASC' } });
  }

  async shiftsById(em: EntityManager, ids: string[]): Promise<Map<string, Shift>> {
    return byId(await inChunks(ids, (chunk) => em.find(Shift, { where: { id: In(chunk) } })));
  }

  async rolesById(em: EntityManager, ids: string[]): Promise<Map<string, WorkRole>> {
    return byId(await inChunks(ids, (chunk) => em.find(WorkRole, { where: { id: In(chunk) } })));
  }

  async enterprisesById(em: EntityManager, ids: string[]): Promise<Map<string, Enterprise>> {
    return byId(await inChunks(ids, (chunk) => em.find(Enterprise, { where: { id: In(chunk) } })));
  }

  async patientsById(em: EntityManager, ids: string[]): Promise<Map<string, Patient>> {
    return byId(await inChunks(ids, (chunk) => em.find(Patient, { where: { id: In(chunk) } })));
  }

  async wardsById(em: EntityManager, ids: string[]): Promise<Map<string, Ward>> {
    return byId(await inChunks(ids, (chunk) => em.find(Ward, { where: { id: In(chunk) } })));
  }

  /** Display names of users (staff names on rotas); never anything else about them. */
  async userNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const users = await inChunks(ids, (chunk) => em.find(User, { where: { id: In(chunk) }, select: { id: true, displayName: true } }));
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
