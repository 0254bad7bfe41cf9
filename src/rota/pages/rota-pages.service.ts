import { Inject, Injectable, Optional } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { addDays, isValidDate, londonDate } from '../../common/dates';
import type { AuthUser } from '../../common/request-context';
import { UnitOfWork } from '../../database/unit-of-work';
import { EnterpriseAccess } from '../../enterprises/enterprise-access';
import { PatientAccess } from '../../patients/patient-access';
import { londonInstant, londonTimeOfDay } from '../../recruitment/london-time';
import type { Violation } from '../booking-rules';
import { BookingService } from '../booking.service';
import type { AssignmentDto, ShiftDto } from '../dto/rota.dto';
import { ReviewService } from '../review.service';
import { OVERRIDABLE_CODES } from '../rota.types';
import { ENTERPRISE_WORK, type EnterpriseWorkProvider } from '../enterprise-work';
import { ShiftsService } from '../shifts.service';
import { weekStartOn } from '../time-rules';
import { RotaPagesRepository, type PatientScope, type RoleOption, type StaffOption } from './rota-pages.repository';

/** Roles that plan the rota (create, publish and cancel shifts; name staff). */
export const PLANNER_ROLES = ['ADMIN', 'OT', 'ENTERPRISE_LEAD'] as const;
/** Roles that book patients on shifts. */
export const BOOKER_ROLES = ['OT', 'ENTERPRISE_LEAD'] as const;

export interface BoardShift {
  id: string;
  time: string;
  roleTitle: string;
  capacity: number;
  booked: number;
  freePlaces: number;
  status: string;
  needsReview: number;
  names: { name: string; needsReview: boolean }[];
  otherBooked: number;
}

export interface BoardView {
  enterprises: { id: string; name: string; mine: boolean }[];
  enterprise: { id: string; name: string } | null;
  weekStartOn: string;
  weekEndOn: string;
  thisWeek: string;
  previousWeek: string;
  nextWeek: string;
  days: { date: string; shifts: BoardShift[]; work: { time: string; what: string; where: string }[] }[];
  totals: { shifts: number; freePlaces: number; needsReview: number; drafts: number };
  canPlan: boolean;
}

export interface PanelRow {
  patientId: string;
  displayName: string;
  wardName: string;
  violations: Violation[];
  /** Only the benefits caps stand in the way, and the caller is an OT: offer an override with a reason. */
  overridable: boolean;
}

export interface ShiftView {
  shift: ShiftDto & { assignments: AssignmentDto[] };
  date: string;
  time: string;
  supervisorName: string | null;
  escortNames: string[];
  canManage: boolean;
  canBook: boolean;
  started: boolean;
  staff: StaffOption[];
  eligible: PanelRow[];
  ineligible: PanelRow[];
}

export interface ReviewRow extends AssignmentDto {
  enterpriseName: string;
  roleTitle: string;
  date: string;
  time: string;
}

export function timeRange(startAt: Date | string, endAt: Date | string): string {
  const s = new Date(startAt);
  const e = new Date(endAt);
  const sameDay = londonDate(s) === londonDate(e);
  return `${londonTimeOfDay(s)} to ${londonTimeOfDay(e)}${sameDay ? '' : ' (next day)'}`;
}

/** The Monday of the London week holding a date (YYYY-MM-DD); this week when the date is missing or not real. */
export function mondayOf(date?: string): string {
  if (date && isValidDate(date)) return weekStartOn(londonInstant(date, '12:00')!);
  return weekStartOn(new Date());
}

/**
 * The read side of the rota pages: the week board, a shift with its booking panel, the
 * needs-review list and the options the forms offer. Writes go through ShiftsService and
 * BookingService, which hold the rules.
 */
@Injectable()
export class RotaPagesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: RotaPagesRepository,
    private readonly shifts: ShiftsService,
    private readonly booking: BookingService,
    private readonly review: ReviewService,
    private readonly patientAccess: PatientAccess,
    private readonly enterpriseAccess: EnterpriseAccess,
    private readonly audit: AuditService,
    @Optional() @Inject(ENTERPRISE_WORK) private readonly work?: EnterpriseWorkProvider,
  ) {}

  private scopeFor(user: AuthUser): PatientScope {
    return <T extends object>(qb: SelectQueryBuilder<T>, alias: string) => this.patientAccess.applyScope(qb, user, alias);
  }

  async board(user: AuthUser, q: { enterpriseId?: string; week?: string }): Promise<BoardView> {
    const monday = mondayOf(q.week);
    const { enterprises, led } = await this.uow.read(async (em) => ({
      enterprises: await this.repo.findActiveEnterprises(em),
      led: user.role === 'ENTERPRISE_LEAD' ? new Set(await this.enterpriseAccess.enterpriseIdsLedBy(em, user.id)) : new Set<string>(),
    }));
    // An enterprise lead's own enterprises come first.
    const ordered = [...enterprises.filter((e) => led.has(e.id)), ...enterprises.filter((e) => !led.has(e.id))].map((e) => ({ ...e, mine: led.has(e.id) }));
    const enterprise = ordered.find((e) => e.id === q.enterpriseId) ?? ordered[0] ?? null;
    const days = Array.from({ length: 7 }, (_, i) => ({ date: addDays(monday, i), shifts: [] as BoardShift[], work: [] as { time: string; what: string; where: string }[] }));
    const totals = { shifts: 0, freePlaces: 0, needsReview: 0, drafts: 0 };
    const view: BoardView = {
      enterprises: ordered,
      enterprise: enterprise && { id: enterprise.id, name: enterprise.name },
      weekStartOn: monday,
      weekEndOn: addDays(monday, 6),
      thisWeek: mondayOf(),
      previousWeek: addDays(monday, -7),
      nextWeek: addDays(monday, 7),
      days,
      totals,
      canPlan: user.role !== 'ENTERPRISE_LEAD' || led.size > 0,
    };
    if (!enterprise) return view;

    const from = londonInstant(monday, '00:00')!;
    const to = londonInstant(addDays(monday, 7), '00:00')!;
    const page = await this.shifts.list(user, { enterpriseId: enterprise.id, from: from.toISOString(), to: to.toISOString(), limit: 200, offset: 0 });
    const ids = page.items.map((s) => s.id);
    const { names, flags, work } = await this.uow.read(async (em) => ({
      names: await this.repo.findVisibleLiveBookings(em, this.scopeFor(user), ids),
      flags: await this.repo.countNeedsReview(em, ids),
      work: this.work ? await this.work.workFor(em, [enterprise.id], from, to) : [],
    }));
    // Orders to deliver sit beside the day's shifts.
    for (const w of work) days.find((d) => d.date === w.date)?.work.push({ time: londonTimeOfDay(w.neededBy), what: w.what, where: w.where });
    await this.audit.recordPatientReads('rota.board.read', [...new Set(names.map((n) => n.patientId))], 'shift');

    for (const s of page.items) {
      const mine = names.filter((n) => n.shiftId === s.id);
      const row: BoardShift = {
        id: s.id,
        time: timeRange(s.startAt, s.endAt),
        roleTitle: s.roleTitle,
        capacity: s.capacity,
        booked: s.booked,
        freePlaces: s.freePlaces,
        status: s.status,
        needsReview: flags.get(s.id) ?? 0,
        names: mine.map((n) => ({ name: n.patientName, needsReview: n.status === 'NEEDS_REVIEW' })),
        otherBooked: Math.max(0, s.booked - mine.length),
      };
      days.find((d) => d.date === londonDate(new Date(s.startAt)))?.shifts.push(row);
      totals.shifts++;
      if (s.status === 'DRAFT') totals.drafts++;
      if (s.status !== 'CANCELLED') totals.freePlaces += s.freePlaces;
      totals.needsReview += row.needsReview;
    }
    return view;
  }

  async shiftView(user: AuthUser, shiftId: string): Promise<ShiftView> {
    const shift = (await this.shifts.get(user, shiftId)) as ShiftDto & { assignments: AssignmentDto[] };
    const startAt = new Date(shift.startAt);
    const started = startAt <= new Date();
    const { canManage, leads, staff, names, candidates } = await this.uow.read(async (em) => {
      const leadsIt = user.role === 'ENTERPRISE_LEAD' && (await this.enterpriseAccess.leadsEnterprise(em, user, shift.enterpriseId));
      const bookable = (user.role === 'OT' || leadsIt) && shift.status !== 'CANCELLED' && !started;
      return {
        canManage: user.role === 'ADMIN' || user.role === 'OT' || leadsIt,
        leads: leadsIt,
        staff: await this.repo.findActiveStaff(em),
        names: await this.repo.findUserNames(em, [...(shift.supervisorUserId ? [shift.supervisorUserId] : []), ...shift.escortUserIds]),
        candidates: bookable ? await this.repo.findCandidates(em, this.scopeFor(user), shift.workRoleId, londonDate(startAt), shift.id) : [],
      };
    });
    const canBook = user.role === 'OT' || leads;
    if (candidates.length) await this.audit.recordPatientReads('rota.booking-panel.read', candidates.map((c) => c.patientId), 'shift');

    const eligible: PanelRow[] = [];
    const ineligible: PanelRow[] = [];
    for (const c of candidates) {
      const answer = await this.booking.check(user, shift.id, c.patientId);
      const row: PanelRow = {
        ...c,
        violations: answer.violations,
        overridable: user.role === 'OT' && answer.violations.length > 0 && answer.violations.every((v) => OVERRIDABLE_CODES.includes(v.code)),
      };
      (answer.violations.length ? ineligible : eligible).push(row);
    }
    return {
      shift,
      date: londonDate(startAt),
      time: timeRange(shift.startAt, shift.endAt),
      supervisorName: shift.supervisorUserId ? (names.get(shift.supervisorUserId) ?? 'Unknown') : null,
      escortNames: shift.escortUserIds.map((id) => names.get(id) ?? 'Unknown'),
      canManage,
      canBook,
      started,
      staff,
      eligible,
      ineligible,
    };
  }

  async needsReview(user: AuthUser): Promise<ReviewRow[]> {
    const rows = await this.review.list(user);
    const labels = await this.uow.read((em) => this.repo.findShiftLabels(em, rows.map((r) => r.shiftId)));
    return rows.map((r) => ({
      ...r,
      enterpriseName: labels.get(r.shiftId)?.enterpriseName ?? '',
      roleTitle: labels.get(r.shiftId)?.roleTitle ?? '',
      date: londonDate(new Date(r.startAt)),
      time: timeRange(r.startAt, r.endAt),
    }));
  }

  /** Work roles the caller may create shifts for (a lead: their enterprises' roles), and the staff to name. */
  async formOptions(user: AuthUser): Promise<{ roles: RoleOption[]; staff: StaffOption[] }> {
    return this.uow.read(async (em) => ({
      roles: await this.repo.findActiveRoles(em, user.role === 'ENTERPRISE_LEAD' ? await this.enterpriseAccess.enterpriseIdsLedBy(em, user.id) : undefined),
      staff: await this.repo.findActiveStaff(em),
    }));
  }
}
