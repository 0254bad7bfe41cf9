import { Inject, Injectable, Optional } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { addDays, londonDate } from '../../common/dates';
import { AppError } from '../../common/errors/app-error';
import type { AuthUser } from '../../common/request-context';
import { UnitOfWork } from '../../database/unit-of-work';
import { UC_DEFAULT_WORK_ALLOWANCE_PENCE, type EffectiveCaps } from '../../patients/benefits';
import { Patient } from '../../patients/patient.entity';
import { PatientsRepository } from '../../patients/patients.repository';
import { Site } from '../../wards/site.entity';
import { Ward } from '../../wards/ward.entity';
import { londonTimeOfDay } from '../../recruitment/london-time';
import { ENTERPRISE_WORK, type EnterpriseWorkProvider } from '../enterprise-work';
import { LIVE_ASSIGNMENT_STATUSES } from '../rota.types';
import { ATTENDANCE_LABELS, currentRecords, isWorked, londonDayRange, weekOf } from './attendance-rules';
import { AttendanceRepository } from './attendance.repository';
import { capsNote, universalCreditNote } from './earnings-note';

export const PAST_WEEKS = 8;

export interface MyShift {
  assignmentId: string;
  date: string;
  startAt: Date;
  endAt: Date;
  roleTitle: string;
  where: string;
  locationNote: string | null;
  supervisorName: string | null;
  needsReview: boolean;
  plannedMinutes: number;
  plannedPayPence: number;
  attendance: { status: string; label: string; minutesWorked: number; payPence: number } | null;
  /** Orders the enterprise delivers that day: what and where only. */
  work: { time: string; what: string; where: string }[];
}

export interface MyWeekView {
  weekStartOn: string;
  weekEndOn: string;
  shifts: MyShift[];
  /** Worked minutes and pay where attendance is recorded, planned ones for the rest. */
  projected: { minutes: number; payPence: number };
  caps: EffectiveCaps;
  note: string[];
  pastWeeks: { weekStartOn: string; weekEndOn: string; shifts: number; shiftsWorked: number; minutesWorked: number; payPence: number }[];
}

/** The patient's own week: shifts, projected hours and earnings against their limits, and past weeks from attendance. */
@Injectable()
export class MyWeekService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: AttendanceRepository,
    private readonly patients: PatientsRepository,
    private readonly audit: AuditService,
    @Optional() @Inject(ENTERPRISE_WORK) private readonly work?: EnterpriseWorkProvider,
  ) {}

  async view(user: AuthUser): Promise<MyWeekView> {
    if (!user.patientId) throw AppError.notFound('Patient');
    const patientId = user.patientId;
    const today = londonDate();
    const week = weekOf(today);
    const view = await this.uow.read(async (em) => {
      const patient = await em.findOneBy(Patient, { id: patientId });
      if (!patient) throw AppError.notFound('Patient');
      const ward = await em.findOneByOrFail(Ward, { id: patient.wardId });
      const site = await em.findOneByOrFail(Site, { id: ward.siteId });
      const caps = await this.patients.findCapsOn(em, site, patientId, today);

      const thisWeek = await this.repo.findPatientAssignments(em, patientId, londonDayRange(week).from, londonDayRange(addDays(week, 7)).from);
      const past = await this.repo.findPatientAssignmentsInWeeks(em, patientId, addDays(week, -7 * PAST_WEEKS), week);
      const current = currentRecords(await this.repo.findRecordsForAssignments(em, [...thisWeek, ...past].map((a) => a.id)));
      const shifts = await this.repo.shiftsById(em, thisWeek.map((a) => a.shiftId));
      const roles = await this.repo.rolesById(em, [...shifts.values()].map((s) => s.workRoleId));
      const enterprises = await this.repo.enterprisesById(em, [...shifts.values()].map((s) => s.enterpriseId));
      const names = await this.repo.userNames(em, [...shifts.values()].map((s) => s.supervisorUserId ?? '').filter(Boolean));

      const mine: MyShift[] = thisWeek.map((a) => {
        const s = shifts.get(a.shiftId)!;
        const r = current.get(a.id);
        return {
          assignmentId: a.id,
          date: londonDate(a.startAt),
          startAt: a.startAt,
          endAt: a.endAt,
          roleTitle: roles.get(s.workRoleId)?.title ?? '',
          where: enterprises.get(s.enterpriseId)?.referenceName ?? '',
          locationNote: s.locationNote,
          supervisorName: s.supervisorUserId ? (names.get(s.supervisorUserId) ?? null) : null,
          needsReview: a.status === 'NEEDS_REVIEW',
          plannedMinutes: a.plannedMinutes,
          plannedPayPence: a.plannedPayPence,
          attendance: r ? { status: r.status, label: ATTENDANCE_LABELS[r.status], minutesWorked: r.minutesWorked, payPence: r.payPence } : null,
          work: [],
        };
      });
      if (this.work && thisWeek.length) {
        const work = await this.work.workFor(em, [...new Set([...shifts.values()].map((s) => s.enterpriseId))], londonDayRange(week).from, londonDayRange(addDays(week, 7)).from);
        for (const [i, a] of thisWeek.entries()) {
          const enterpriseId = shifts.get(a.shiftId)!.enterpriseId;
          mine[i].work = work.filter((w) => w.enterpriseId === enterpriseId && w.date === mine[i].date).map((w) => ({ time: londonTimeOfDay(w.neededBy), what: w.what, where: w.where }));
        }
      }
      const projected = {
        minutes: mine.reduce((n, s) => n + (s.attendance ? s.attendance.minutesWorked : s.plannedMinutes), 0),
        payPence: mine.reduce((n, s) => n + (s.attendance ? s.attendance.payPence : s.plannedPayPence), 0),
      };

      const weeks = new Map<string, MyWeekView['pastWeeks'][number]>();
      for (const a of past) {
        const r = current.get(a.id);
        if (!r && !LIVE_ASSIGNMENT_STATUSES.includes(a.status)) continue;
        const w = weeks.get(a.weekStartOn) ?? { weekStartOn: a.weekStartOn, weekEndOn: addDays(a.weekStartOn, 6), shifts: 0, shiftsWorked: 0, minutesWorked: 0, payPence: 0 };
        w.shifts += 1;
        if (r && isWorked(r.status)) w.shiftsWorked += 1;
        w.minutesWorked += r?.minutesWorked ?? 0;
        w.payPence += r?.payPence ?? 0;
        weeks.set(a.weekStartOn, w);
      }
      return {
        weekStartOn: week,
        weekEndOn: addDays(week, 6),
        shifts: mine,
        projected,
        caps,
        note:
          caps.source === 'UNIVERSAL_CREDIT'
            ? [...capsNote(projected, caps), universalCreditNote(projected, (await this.patients.findBenefitsSituationOn(em, patientId, today))?.workAllowanceMonthlyPence ?? UC_DEFAULT_WORK_ALLOWANCE_PENCE)]
            : capsNote(projected, caps),
        pastWeeks: [...weeks.values()].sort((x, y) => y.weekStartOn.localeCompare(x.weekStartOn)),
      };
    });
    await this.audit.recordPatientReads('my-week.read', [patientId]);
    return view;
  }
}
