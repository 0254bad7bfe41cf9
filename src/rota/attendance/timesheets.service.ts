import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { addDays, isValidDate, londonDate } from '../../common/dates';
import { penceToPounds } from '../../common/money';
import type { AuthUser } from '../../common/request-context';
import { newId } from '../../database/columns';
import { UnitOfWork } from '../../database/unit-of-work';
import { EnterpriseAccess } from '../../enterprises/enterprise-access';
import { Enterprise } from '../../enterprises/enterprise.entity';
import { Assignment } from '../assignment.entity';
import { TimesheetLine } from '../timesheet-line.entity';
import { Timesheet } from '../timesheet.entity';
import { isoWeekday } from '../time-rules';
import { currentRecords, londonDayRange } from './attendance-rules';
import { AttendanceErrors } from './attendance.errors';
import { AttendanceRepository } from './attendance.repository';
import { toCsv } from './csv';
import type { TimesheetDto, TimesheetLineDto, TimesheetPatientDto } from './dto/attendance.dto';

/** 422 unless the week is given by its Monday, YYYY-MM-DD. */
export function checkWeekStart(weekStartOn: string): void {
  if (!isValidDate(weekStartOn) || isoWeekday(weekStartOn) !== 1) throw AttendanceErrors.notMonday();
}

export const CSV_HEADER = ['Patient name', 'Hospital number', 'Date', 'Role', 'Attendance', 'Minutes', 'Pay (pounds)'];

/**
 * Weekly timesheets per enterprise. While open, a timesheet is computed from the current
 * attendance records; approval freezes it into Timesheet and TimesheetLine rows (append-only)
 * in one transaction, and from then on the week's attendance cannot change. Payroll posts an
 * approved week (ledger).
 */
@Injectable()
export class TimesheetsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: AttendanceRepository,
    private readonly enterpriseAccess: EnterpriseAccess,
    private readonly audit: AuditService,
  ) {}

  /** The enterprises whose timesheets the caller keeps: a lead's own, or every one for an admin. */
  async enterprisesFor(user: AuthUser): Promise<{ id: string; name: string }[]> {
    return this.uow.read(async (em) => {
      const ids = user.role === 'ADMIN' ? undefined : await this.enterpriseAccess.enterpriseIdsLedBy(em, user.id);
      return (await this.repo.findEnterprises(em, ids)).map((e) => ({ id: e.id, name: e.name }));
    });
  }

  async get(user: AuthUser, enterpriseId: string, weekStartOn: string): Promise<TimesheetDto> {
    checkWeekStart(weekStartOn);
    const dto = await this.uow.read(async (em) => this.build(em, await this.enterpriseAccess.findManageable(em, user, enterpriseId), weekStartOn));
    await this.audit.recordPatientReads('timesheet.read', patientIdsOf(dto), 'timesheet');
    return dto;
  }

  async approve(user: AuthUser, enterpriseId: string, weekStartOn: string): Promise<TimesheetDto> {
    checkWeekStart(weekStartOn);
    await this.uow.run(async (em) => {
      await this.enterpriseAccess.findManageable(em, user, enterpriseId);
      // Serializes approvals of this enterprise with each other and with attendance records (which share-lock it).
      const enterprise = (await em.findOne(Enterprise, { where: { id: enterpriseId }, lock: this.uow.lockMode() }))!;
      if (await this.repo.findTimesheet(em, enterpriseId, weekStartOn)) throw AttendanceErrors.alreadyApproved();
      if (londonDate() < addDays(weekStartOn, 7)) throw AttendanceErrors.weekNotOver();
      const open = await this.buildOpen(em, enterprise, weekStartOn);
      const missing = open.lines.filter((l) => !l.attendanceRecordId);
      if (missing.length) {
        throw AttendanceErrors.attendanceMissing(missing.map((l) => ({ code: 'ATTENDANCE_MISSING', field: 'assignmentId', assignmentId: l.assignmentId, message: `No attendance recorded for the ${l.roleTitle} shift on ${l.date}` })));
      }
      const timesheet = em.create(Timesheet, {
        id: newId(),
        enterpriseId,
        weekStartOn,
        status: 'APPROVED',
        totalMinutes: open.totals.minutesWorked,
        totalPayPence: open.totals.payPence,
        approvedByUserId: user.id,
        approvedAt: new Date(),
      });
      await em.insert(Timesheet, timesheet);
      const lines = open.lines.map((l) =>
        em.create(TimesheetLine, {
          id: newId(),
          timesheetId: timesheet.id,
          assignmentId: l.assignmentId,
          patientId: l.patientId,
          attendanceRecordId: l.attendanceRecordId!,
          attendanceStatus: l.attendanceStatus!,
          minutesWorked: l.minutesWorked,
          hourlyRatePence: l.hourlyRatePence,
          payPence: l.payPence,
        }),
      );
      for (let i = 0; i < lines.length; i += 200) await em.insert(TimesheetLine, lines.slice(i, i + 200));
      await this.audit.record({ action: 'timesheet.approve', entityType: 'timesheet', entityId: timesheet.id, detail: { enterpriseId, weekStartOn, lines: lines.length, totalMinutes: timesheet.totalMinutes, totalPayPence: timesheet.totalPayPence } });
    });
    return this.get(user, enterpriseId, weekStartOn);
  }

  /** The week as CSV for payroll: one row per line, pay in pounds; an audited read of patient data. */
  async csv(user: AuthUser, enterpriseId: string, weekStartOn: string): Promise<{ filename: string; body: string }> {
    checkWeekStart(weekStartOn);
    const dto = await this.uow.read(async (em) => this.build(em, await this.enterpriseAccess.findManageable(em, user, enterpriseId), weekStartOn));
    await this.audit.recordPatientReads('timesheet.export', patientIdsOf(dto), 'timesheet');
    const rows = dto.lines.map((l) => [l.patientName, l.hospitalNumber, l.date, l.roleTitle, l.attendanceStatus ?? 'NOT_RECORDED', l.minutesWorked, penceToPounds(l.payPence)]);
    const slug = dto.enterpriseName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'enterprise';
    return { filename: `timesheet-${slug}-${weekStartOn}${dto.status === 'APPROVED' ? '' : '-draft'}.csv`, body: toCsv(CSV_HEADER, rows) };
  }

  // ---- building ----

  private async build(em: EntityManager, enterprise: Enterprise, weekStartOn: string): Promise<TimesheetDto> {
    const timesheet = await this.repo.findTimesheet(em, enterprise.id, weekStartOn);
    return timesheet ? this.buildApproved(em, enterprise, timesheet) : this.buildOpen(em, enterprise, weekStartOn);
  }

  /** An open week: live bookings (and any with attendance) and their current attendance records. */
  private async buildOpen(em: EntityManager, enterprise: Enterprise, weekStartOn: string): Promise<TimesheetDto> {
    const from = londonDayRange(weekStartOn).from;
    const to = londonDayRange(addDays(weekStartOn, 7)).from;
    const shifts = await this.repo.findEnterpriseShifts(em, enterprise.id, from, to);
    const assignments = (await this.repo.findAssignmentsForShifts(em, shifts.map((s) => s.id), false)).filter((a) => a.weekStartOn === weekStartOn);
    const current = currentRecords(await this.repo.findRecordsForAssignments(em, assignments.map((a) => a.id)));
    const kept = assignments.filter((a) => a.status !== 'CANCELLED' || current.has(a.id));
    const shiftMap = new Map(shifts.map((s) => [s.id, s]));
    const roles = await this.repo.rolesById(em, shifts.map((s) => s.workRoleId));
    const patients = await this.repo.patientsById(em, kept.map((a) => a.patientId));
    const lines = kept.map((a) => {
      const role = roles.get(shiftMap.get(a.shiftId)!.workRoleId)!;
      const r = current.get(a.id);
      return lineOf(a, patients.get(a.patientId)!, role.title, {
        attendanceStatus: r?.status ?? null,
        attendanceRecordId: r?.id ?? null,
        minutesWorked: r?.minutesWorked ?? 0,
        hourlyRatePence: r?.hourlyRatePence ?? role.hourlyRatePence,
        payPence: r?.payPence ?? 0,
      });
    });
    return sheet(enterprise, weekStartOn, null, null, lines);
  }

  /** An approved week: exactly the frozen lines. */
  private async buildApproved(em: EntityManager, enterprise: Enterprise, timesheet: Timesheet): Promise<TimesheetDto> {
    const frozen = await this.repo.findTimesheetLines(em, timesheet.id);
    const assignments = new Map((frozen.length ? await em.find(Assignment, { where: { id: In(frozen.map((l) => l.assignmentId)) } }) : []).map((a) => [a.id, a]));
    const shifts = await this.repo.shiftsById(em, [...assignments.values()].map((a) => a.shiftId));
    const roles = await this.repo.rolesById(em, [...shifts.values()].map((s) => s.workRoleId));
    const patients = await this.repo.patientsById(em, frozen.map((l) => l.patientId));
    const approver = (await this.repo.userNames(em, [timesheet.approvedByUserId])).get(timesheet.approvedByUserId) ?? null;
    const lines = frozen.map((l) => {
      const a = assignments.get(l.assignmentId)!;
      return lineOf(a, patients.get(l.patientId)!, roles.get(shifts.get(a.shiftId)!.workRoleId)?.title ?? '', {
        attendanceStatus: l.attendanceStatus,
        attendanceRecordId: l.attendanceRecordId,
        minutesWorked: l.minutesWorked,
        hourlyRatePence: l.hourlyRatePence,
        payPence: l.payPence,
      });
    });
    return sheet(enterprise, timesheet.weekStartOn, timesheet, approver, lines);
  }
}

function lineOf(a: Assignment, patient: { displayName: string; hospitalNumber: string }, roleTitle: string, paid: Pick<TimesheetLineDto, 'attendanceStatus' | 'attendanceRecordId' | 'minutesWorked' | 'hourlyRatePence' | 'payPence'>): TimesheetLineDto {
  return {
    assignmentId: a.id,
    shiftId: a.shiftId,
    patientId: a.patientId,
    patientName: patient.displayName,
    hospitalNumber: patient.hospitalNumber,
    roleTitle,
    date: londonDate(a.startAt),
    startAt: a.startAt.toISOString(),
    endAt: a.endAt.toISOString(),
    plannedMinutes: a.plannedMinutes,
    ...paid,
  };
}

function sheet(enterprise: Enterprise, weekStartOn: string, timesheet: Timesheet | null, approvedByName: string | null, unsorted: TimesheetLineDto[]): TimesheetDto {
  const lines = [...unsorted].sort((x, y) => x.startAt.localeCompare(y.startAt) || x.patientName.localeCompare(y.patientName) || x.assignmentId.localeCompare(y.assignmentId));
  const byPatient = new Map<string, TimesheetPatientDto>();
  for (const l of lines) {
    const p = byPatient.get(l.patientId) ?? { patientId: l.patientId, patientName: l.patientName, hospitalNumber: l.hospitalNumber, shifts: 0, minutesWorked: 0, payPence: 0 };
    p.shifts += 1;
    p.minutesWorked += l.minutesWorked;
    p.payPence += l.payPence;
    byPatient.set(l.patientId, p);
  }
  return {
    enterpriseId: enterprise.id,
    enterpriseName: enterprise.name,
    weekStartOn,
    weekEndOn: addDays(weekStartOn, 6),
    status: timesheet ? 'APPROVED' : 'OPEN',
    timesheetId: timesheet?.id ?? null,
    approvedAt: timesheet?.approvedAt.toISOString() ?? null,
    approvedByName,
    lines,
    patients: [...byPatient.values()].sort((x, y) => x.patientName.localeCompare(y.patientName)),
    totals: {
      shifts: lines.length,
      minutesWorked: lines.reduce((n, l) => n + l.minutesWorked, 0),
      payPence: lines.reduce((n, l) => n + l.payPence, 0),
      unrecorded: lines.filter((l) => !l.attendanceRecordId).length,
    },
  };
}

function patientIdsOf(dto: TimesheetDto): string[] {
  return [...new Set(dto.lines.map((l) => l.patientId))];
}
