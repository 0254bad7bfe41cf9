import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import type { AuthUser } from '../../common/request-context';
import { newId } from '../../database/columns';
import { UnitOfWork } from '../../database/unit-of-work';
import { EnterpriseAccess } from '../../enterprises/enterprise-access';
import { Enterprise } from '../../enterprises/enterprise.entity';
import { WorkRole } from '../../enterprises/work-role.entity';
import { LEAVE_LABELS } from '../../patients/leave';
import { PatientAccess } from '../../patients/patient-access';
import { Patient } from '../../patients/patient.entity';
import { PatientsService } from '../../patients/patients.service';
import { Assignment } from '../assignment.entity';
import { AttendanceRecord } from '../attendance-record.entity';
import { Shift } from '../shift.entity';
import { attendanceErrors, currentRecords, escortNeeded, isTooEarly, londonDayRange, weekOf, workedPay, type AttendanceInput } from './attendance-rules';
import { AttendanceErrors } from './attendance.errors';
import { AttendanceRepository } from './attendance.repository';
import type { AttendanceHistoryDto, AttendanceRecordDto } from './dto/attendance.dto';

export interface AttendanceDayAssignment {
  assignmentId: string;
  patientId: string;
  patientName: string;
  status: string;
  current: AttendanceRecordDto | null;
}

export interface AttendanceDayShift {
  shiftId: string;
  enterpriseId: string;
  enterpriseName: string;
  roleTitle: string;
  startAt: Date;
  endAt: Date;
  locationNote: string | null;
  supervisorName: string | null;
  /** The shift has ended, so "attended as planned" can be recorded. */
  ended: boolean;
  /** Its week is in an approved timesheet. */
  frozen: boolean;
  assignments: AttendanceDayAssignment[];
}

export interface WardTodayRow {
  assignmentId: string;
  patientId: string;
  patientName: string;
  wardName: string;
  enterpriseName: string;
  roleTitle: string;
  locationNote: string | null;
  locationZone: string;
  startAt: Date;
  endAt: Date;
  leaveLabel: string;
  leaveSuspended: boolean;
  escortNeeded: boolean;
  escortNames: string[];
  supervisorName: string | null;
  attendanceStatus: string | null;
}

/** Who may record attendance: leads for their enterprises' shifts, ward staff and OTs for patients on their wards. */
export const ATTENDANCE_RECORDERS = ['ENTERPRISE_LEAD', 'WARD_STAFF', 'OT'] as const;

export function toRecordDto(r: AttendanceRecord, current: boolean, names?: Map<string, string>): AttendanceRecordDto {
  return {
    id: r.id,
    assignmentId: r.assignmentId,
    status: r.status,
    actualStartAt: r.actualStartAt?.toISOString() ?? null,
    actualEndAt: r.actualEndAt?.toISOString() ?? null,
    reasonCode: r.reasonCode,
    reason: r.reason,
    minutesWorked: r.minutesWorked,
    payPence: r.payPence,
    hourlyRatePence: r.hourlyRatePence,
    supersedesId: r.supersedesId,
    recordedByUserId: r.recordedByUserId,
    ...(names ? { recordedByName: names.get(r.recordedByUserId) ?? 'Unknown' } : {}),
    recordedAt: r.recordedAt.toISOString(),
    current,
  };
}

/**
 * Attendance per assignment. Records are append-only: a correction is a new record that
 * supersedes the current one. On PostgreSQL the enterprise row is share-locked (so timesheet
 * approval, which locks it for update, cannot interleave) and then the assignment row is
 * locked (so two corrections cannot fork the chain); SQLite is serialized by the unit of work.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: AttendanceRepository,
    private readonly patientAccess: PatientAccess,
    private readonly enterpriseAccess: EnterpriseAccess,
    private readonly patients: PatientsService,
    private readonly audit: AuditService,
  ) {}

  async record(user: AuthUser, assignmentId: string, input: AttendanceInput): Promise<AttendanceRecordDto> {
    return this.uow.run(async (em) => {
      const { shift } = await this.visibleAssignment(em, user, assignmentId);
      if (this.uow.kind === 'postgres') await em.findOne(Enterprise, { where: { id: shift.enterpriseId }, lock: { mode: 'pessimistic_read' } });
      const a = (await em.findOne(Assignment, { where: { id: assignmentId }, lock: this.uow.lockMode() }))!;
      if (a.status === 'CANCELLED') throw AttendanceErrors.assignmentCancelled();
      if (await this.repo.findTimesheet(em, shift.enterpriseId, a.weekStartOn)) throw AttendanceErrors.timesheetApproved();
      const now = new Date();
      if (isTooEarly(a.startAt, now)) throw AttendanceErrors.tooEarly();
      const errors = attendanceErrors(input, a, now);
      if (errors.length) throw AppError.validation(errors.map((e) => e.message).join('; '), errors);

      const role = await em.findOneByOrFail(WorkRole, { id: shift.workRoleId });
      const previous = currentRecords(await this.repo.findRecordsForAssignment(em, a.id)).get(a.id) ?? null;
      // A correction keeps the rate the shift was first paid at; a first record takes the role's rate now.
      const hourlyRatePence = previous?.hourlyRatePence ?? role.hourlyRatePence;
      const worked = workedPay(input, hourlyRatePence);
      const record = em.create(AttendanceRecord, {
        id: newId(),
        assignmentId: a.id,
        status: input.status,
        actualStartAt: input.actualStartAt ?? null,
        actualEndAt: input.actualEndAt ?? null,
        reasonCode: input.reasonCode ?? null,
        reason: input.reason?.trim() || null,
        minutesWorked: worked.minutesWorked,
        payPence: worked.payPence,
        hourlyRatePence,
        supersedesId: previous?.id ?? null,
        recordedByUserId: user.id,
        // strictly after the record it corrects, so "newest" and the chain always agree
        recordedAt: previous && previous.recordedAt.getTime() >= now.getTime() ? new Date(previous.recordedAt.getTime() + 1) : now,
      });
      await em.insert(AttendanceRecord, record);
      await this.audit.record({
        action: previous ? 'attendance.correct' : 'attendance.record',
        entityType: 'assignment',
        entityId: a.id,
        patientId: a.patientId,
        detail: { status: record.status, minutesWorked: record.minutesWorked, payPence: record.payPence, supersedesId: record.supersedesId },
      });
      return toRecordDto(record, true);
    });
  }

  /** "Attended as planned": the booked start and end as the actual times. */
  async recordAsPlanned(user: AuthUser, assignmentId: string): Promise<AttendanceRecordDto> {
    return this.uow.run(async (em) => {
      const { assignment } = await this.visibleAssignment(em, user, assignmentId);
      return this.record(user, assignmentId, { status: 'ATTENDED', actualStartAt: assignment.startAt, actualEndAt: assignment.endAt });
    });
  }

  async history(user: AuthUser, assignmentId: string): Promise<AttendanceHistoryDto> {
    const result = await this.uow.read(async (em) => {
      const { assignment: a, shift, patient } = await this.visibleAssignment(em, user, assignmentId);
      const records = await this.repo.findRecordsForAssignment(em, a.id);
      const current = currentRecords(records).get(a.id) ?? null;
      const names = await this.repo.userNames(em, records.map((r) => r.recordedByUserId));
      const role = await em.findOneByOrFail(WorkRole, { id: shift.workRoleId });
      const enterprise = await em.findOneByOrFail(Enterprise, { id: shift.enterpriseId });
      return {
        assignmentId: a.id,
        shiftId: a.shiftId,
        patientId: a.patientId,
        patientName: patient.displayName,
        roleTitle: role.title,
        enterpriseId: enterprise.id,
        enterpriseName: enterprise.name,
        startAt: a.startAt.toISOString(),
        endAt: a.endAt.toISOString(),
        plannedMinutes: a.plannedMinutes,
        assignmentStatus: a.status,
        frozen: !!(await this.repo.findTimesheet(em, shift.enterpriseId, a.weekStartOn)),
        current: current ? toRecordDto(current, true, names) : null,
        records: records.map((r) => toRecordDto(r, r.id === current?.id, names)),
      };
    });
    await this.audit.recordPatientReads('attendance.read', [result.patientId], 'assignment');
    return result;
  }

  /**
   * The day's published shifts for the attendance page: a lead's enterprises, or the patients
   * on the caller's wards (ward staff, OT), each booking with its current attendance.
   */
  async day(user: AuthUser, date: string): Promise<AttendanceDayShift[]> {
    const now = new Date();
    const { from, to } = londonDayRange(date);
    const result = await this.uow.read(async (em) => {
      const lead = user.role === 'ENTERPRISE_LEAD';
      const enterpriseIds = lead ? await this.enterpriseAccess.enterpriseIdsLedBy(em, user.id) : undefined;
      const shifts = await this.repo.findPublishedShifts(em, from, to, enterpriseIds);
      const all = await this.repo.findAssignmentsForShifts(em, shifts.map((s) => s.id), true);
      const visible = await this.visiblePatients(em, user, all.map((a) => a.patientId));
      const assignments = all.filter((a) => visible.has(a.patientId));
      const current = currentRecords(await this.repo.findRecordsForAssignments(em, assignments.map((a) => a.id)));
      const names = await this.repo.userNames(em, [...shifts.map((s) => s.supervisorUserId ?? ''), ...[...current.values()].map((r) => r.recordedByUserId)].filter(Boolean));
      const roles = await this.repo.rolesById(em, shifts.map((s) => s.workRoleId));
      const enterprises = await this.repo.enterprisesById(em, shifts.map((s) => s.enterpriseId));
      const frozen = new Set<string>();
      for (const id of enterprises.keys()) if (await this.repo.findTimesheet(em, id, weekOf(date))) frozen.add(id);
      return shifts
        .map((s) => ({
          shiftId: s.id,
          enterpriseId: s.enterpriseId,
          enterpriseName: enterprises.get(s.enterpriseId)?.name ?? '',
          roleTitle: roles.get(s.workRoleId)?.title ?? '',
          startAt: s.startAt,
          endAt: s.endAt,
          locationNote: s.locationNote,
          supervisorName: s.supervisorUserId ? (names.get(s.supervisorUserId) ?? null) : null,
          ended: s.endAt.getTime() <= now.getTime(),
          frozen: frozen.has(s.enterpriseId),
          assignments: assignments
            .filter((a) => a.shiftId === s.id)
            .map((a) => ({ assignmentId: a.id, patientId: a.patientId, patientName: visible.get(a.patientId)!.displayName, status: a.status, current: current.has(a.id) ? toRecordDto(current.get(a.id)!, true, names) : null }))
            .sort((x, y) => x.patientName.localeCompare(y.patientName)),
        }))
        .filter((s) => lead || s.assignments.length > 0);
    });
    await this.audit.recordPatientReads('attendance.day.read', [...new Set(result.flatMap((s) => s.assignments.map((a) => a.patientId)))], 'assignment');
    return result;
  }

  /** Patients on the caller's wards with a published shift on the day: where, when, and escorts. */
  async wardToday(user: AuthUser, date: string): Promise<WardTodayRow[]> {
    const { from, to } = londonDayRange(date);
    const rows = await this.uow.read(async (em) => {
      const shifts = await this.repo.findPublishedShifts(em, from, to);
      const assignments = await this.repo.findAssignmentsForShifts(em, shifts.map((s) => s.id), true);
      const onWards = await this.repo.findPatientsOnWards(em, assignments.map((a) => a.patientId), user.wardIds);
      const visible = await this.visiblePatients(em, user, onWards.map((p) => p.id));
      const mine = assignments.filter((a) => visible.has(a.patientId));
      if (!mine.length) return [];
      const shiftMap = new Map(shifts.map((s) => [s.id, s]));
      const roles = await this.repo.rolesById(em, shifts.map((s) => s.workRoleId));
      const enterprises = await this.repo.enterprisesById(em, shifts.map((s) => s.enterpriseId));
      const wards = await this.repo.wardsById(em, [...visible.values()].map((p) => p.wardId));
      const leave = await this.patients.leaveTodayFor(em, [...visible.keys()], date);
      const staffIds = mine.flatMap((a) => [shiftMap.get(a.shiftId)!.supervisorUserId ?? '', ...shiftMap.get(a.shiftId)!.escortUserIds]).filter(Boolean);
      const names = await this.repo.userNames(em, staffIds);
      const current = currentRecords(await this.repo.findRecordsForAssignments(em, mine.map((a) => a.id)));
      return mine
        .map((a) => {
          const s = shiftMap.get(a.shiftId)!;
          const e = enterprises.get(s.enterpriseId)!;
          const p = visible.get(a.patientId)!;
          const l = leave.get(p.id)!;
          return {
            assignmentId: a.id,
            patientId: p.id,
            patientName: p.displayName,
            wardName: wards.get(p.wardId)?.name ?? '',
            enterpriseName: e.name,
            roleTitle: roles.get(s.workRoleId)?.title ?? '',
            locationNote: s.locationNote,
            locationZone: e.locationZone,
            startAt: s.startAt,
            endAt: s.endAt,
            leaveLabel: l.suspended ? 'Leave suspended' : LEAVE_LABELS[l.level],
            leaveSuspended: l.suspended,
            escortNeeded: escortNeeded(l.effectiveLevel, e.minimumLeave),
            escortNames: s.escortUserIds.map((id) => names.get(id) ?? 'Unknown'),
            supervisorName: s.supervisorUserId ? (names.get(s.supervisorUserId) ?? null) : null,
            attendanceStatus: current.get(a.id)?.status ?? null,
          };
        })
        .sort((x, y) => x.startAt.getTime() - y.startAt.getTime() || x.patientName.localeCompare(y.patientName));
    });
    await this.audit.recordPatientReads('ward-today.read', [...new Set(rows.map((r) => r.patientId))], 'assignment');
    return rows;
  }

  // ---- helpers ----

  /** The assignment, its shift and patient if the caller may see them: otherwise 404, as if it did not exist. */
  private async visibleAssignment(em: EntityManager, user: AuthUser, assignmentId: string): Promise<{ assignment: Assignment; shift: Shift; patient: Patient }> {
    const assignment = await em.findOneBy(Assignment, { id: assignmentId });
    if (!assignment) throw AppError.notFound('Assignment');
    const patient = (await this.visiblePatients(em, user, [assignment.patientId])).get(assignment.patientId);
    if (!patient) throw AppError.notFound('Assignment');
    const shift = await em.findOneByOrFail(Shift, { id: assignment.shiftId });
    if (user.role === 'ENTERPRISE_LEAD' && !(await this.enterpriseAccess.leadsEnterprise(em, user, shift.enterpriseId))) throw AppError.notFound('Assignment');
    return { assignment, shift, patient };
  }

  private async visiblePatients(em: EntityManager, user: AuthUser, patientIds: string[]): Promise<Map<string, Patient>> {
    const ids = [...new Set(patientIds)];
    if (!ids.length) return new Map();
    const out = new Map<string, Patient>();
    for (let i = 0; i < ids.length; i += 500) {
      const qb = em.createQueryBuilder(Patient, 'p').where('p.id IN (:...ids)', { ids: ids.slice(i, i + 500) });
      this.patientAccess.applyScope(qb, user, 'p');
      for (const p of await qb.getMany()) out.set(p.id, p);
    }
    return out;
  }
}
