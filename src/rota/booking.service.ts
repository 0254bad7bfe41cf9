import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { EnterpriseAccess } from '../enterprises/enterprise-access';
import { Enterprise } from '../enterprises/enterprise.entity';
import { WorkRole } from '../enterprises/work-role.entity';
import { PatientAccess } from '../patients/patient-access';
import { Patient } from '../patients/patient.entity';
import { PatientsRepository } from '../patients/patients.repository';
import { Assignment } from './assignment.entity';
import { gatherBookingFacts } from './booking-facts';
import { checkBooking, decide, REVIEW_CODES, type BookingFacts, type Violation } from './booking-rules';
import { RotaRepository } from './rota.repository';
import { Shift } from './shift.entity';
import { minutesBetween, payPence, weekStartOn } from './time-rules';

/** Verified skill levels (1-4) by skill code for a patient; provided once skills exist. */
export interface VerifiedSkillsProvider {
  verifiedLevels(em: EntityManager, patientId: string, onDate: string): Promise<Map<string, number>>;
}
export const VERIFIED_SKILLS = Symbol('VERIFIED_SKILLS');

export interface BookingAnswer {
  ok: boolean;
  violations: Violation[];
  /** Codes that will be (or were) overridden with the reason given. */
  overridden: string[];
}

export const BOOKING_ROLES = ['OT', 'ENTERPRISE_LEAD'] as const;

/**
 * Booking patients onto shifts. Checks and the write happen in one unit of work: on SQLite the
 * unit of work is serialized; on PostgreSQL the patient row and then the shift row are locked
 * (SELECT ... FOR UPDATE), so concurrent requests -- from any number of app instances -- can
 * neither double-book a patient nor overfill a shift. Every check is an indexed query bounded
 * by the shift or the week: cost does not grow with a patient's history.
 */
@Injectable()
export class BookingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: RotaRepository,
    private readonly patients: PatientsRepository,
    private readonly patientAccess: PatientAccess,
    private readonly enterpriseAccess: EnterpriseAccess,
    private readonly audit: AuditService,
    @Optional() @Inject(VERIFIED_SKILLS) private readonly skills?: VerifiedSkillsProvider,
  ) {}

  /** Answers whether the booking would be accepted, writing nothing. */
  async check(user: AuthUser, shiftId: string, patientId: string, overrideReason?: string): Promise<BookingAnswer> {
    return this.uow.read(async (em) => {
      const { violations } = await this.evaluate(em, user, shiftId, patientId, false);
      const d = decide(violations, { reason: overrideReason, byOt: user.role === 'OT' });
      return { ok: d.allowed, violations, overridden: d.overridden };
    });
  }

  async book(user: AuthUser, shiftId: string, patientId: string, overrideReason?: string): Promise<Assignment> {
    return this.uow.run(async (em) => {
      const { violations, shift, role } = await this.evaluate(em, user, shiftId, patientId, true);
      const d = decide(violations, { reason: overrideReason, byOt: user.role === 'OT' });
      if (!d.allowed) throw bookingRefused(violations);
      const placement = (await this.repo.findActivePlacementOn(em, patientId, shift.workRoleId, londonDate(shift.startAt)))!;
      const minutes = minutesBetween(shift.startAt, shift.endAt);
      const now = new Date();
      const a = em.create(Assignment, {
        id: newId(),
        shiftId,
        patientId,
        placementId: placement.id,
        startAt: shift.startAt,
        endAt: shift.endAt,
        weekStartOn: weekStartOn(shift.startAt),
        plannedMinutes: minutes,
        plannedPayPence: payPence(minutes, role.hourlyRatePence),
        status: 'BOOKED',
        liveKey: 'L',
        reviewReasons: [],
        overrideReason: d.overridden.length ? overrideReason!.trim() : null,
        overriddenCodes: d.overridden,
        overriddenByUserId: d.overridden.length ? user.id : null,
        createdByUserId: user.id,
        createdAt: now,
        updatedAt: now,
        cancelReason: null,
        cancelledAt: null,
      });
      await em.insert(Assignment, a);
      await this.audit.record({ action: 'assignment.book', entityType: 'assignment', entityId: a.id, patientId, detail: { shiftId, overridden: d.overridden } });
      return a;
    });
  }

  async cancel(user: AuthUser, assignmentId: string, reason: string): Promise<Assignment> {
    return this.uow.run(async (em) => {
      const a = await em.findOne(Assignment, { where: { id: assignmentId }, lock: this.uow.lockMode() });
      if (!a) throw AppError.notFound('Assignment');
      await this.patientAccess.findVisible(em, user, a.patientId);
      if (a.status === 'CANCELLED') throw AppError.conflict('ALREADY_CANCELLED', 'This booking is already cancelled');
      const shift = await em.findOneByOrFail(Shift, { id: a.shiftId });
      if (user.role === 'ENTERPRISE_LEAD' && !(await this.enterpriseAccess.leadsEnterprise(em, user, shift.enterpriseId))) throw AppError.forbidden();
      Object.assign(a, { status: 'CANCELLED', liveKey: a.id, cancelReason: reason, cancelledAt: new Date(), updatedAt: new Date() });
      await em.save(a);
      await this.audit.record({ action: 'assignment.cancel', entityType: 'assignment', entityId: a.id, patientId: a.patientId, detail: { shiftId: a.shiftId } });
      return a;
    });
  }

  /**
   * After a patient's leave is reduced or suspended, or a restriction is added: future bookings
   * that now break a rule are flagged NEEDS_REVIEW with the reasons (never deleted). Runs in
   * the caller's unit of work.
   */
  async reviewPatient(em: EntityManager, patientId: string): Promise<number> {
    const future = await this.repo.findFutureLiveAssignments(em, patientId, new Date());
    let flagged = 0;
    for (const a of future) {
      const shift = await em.findOneByOrFail(Shift, { id: a.shiftId });
      const facts = await this.gather(em, shift, patientId);
      const reasons = checkBooking(facts).filter((v) => REVIEW_CODES.includes(v.code));
      if (reasons.length) {
        await em.update(Assignment, { id: a.id }, { status: 'NEEDS_REVIEW', reviewReasons: reasons, updatedAt: new Date() });
        await this.audit.record({ action: 'assignment.needs-review', entityType: 'assignment', entityId: a.id, patientId, detail: { codes: reasons.map((r) => r.code) } });
        flagged++;
      }
    }
    return flagged;
  }

  private async evaluate(em: EntityManager, user: AuthUser, shiftId: string, patientId: string, lock: boolean): Promise<{ violations: Violation[]; shift: Shift; role: WorkRole }> {
    // Lock order everywhere: patient, then shift.
    const lockMode = lock ? this.uow.lockMode() : undefined;
    const visible = await this.patientAccess.findVisible(em, user, patientId);
    if (lockMode) await em.findOne(Patient, { where: { id: visible.id }, lock: lockMode });
    const shift = await em.findOne(Shift, { where: { id: shiftId }, lock: lockMode });
    if (!shift) throw AppError.notFound('Shift');
    // Share-locks the enterprise as attendance does, so a timesheet approval (which locks it for
    // update) cannot interleave with a booking into the week it freezes (TIMESHEET_APPROVED).
    if (lockMode && this.uow.kind === 'postgres') await em.findOne(Enterprise, { where: { id: shift.enterpriseId }, lock: { mode: 'pessimistic_read' } });
    if (user.role === 'ENTERPRISE_LEAD' && !(await this.enterpriseAccess.leadsEnterprise(em, user, shift.enterpriseId))) {
      throw AppError.forbidden('You can book only on shifts of enterprises you lead');
    }
    const facts = await this.gather(em, shift, patientId);
    const existing = await this.repo.findLiveAssignment(em, shiftId, patientId);
    const violations = checkBooking(facts);
    if (existing) violations.unshift({ code: 'OVERLAP', message: 'Already booked on this shift' });
    const role = await em.findOneByOrFail(WorkRole, { id: shift.workRoleId });
    return { violations, shift, role };
  }

  /** The facts for one booking decision: each a bounded, indexed query. */
  gather(em: EntityManager, shift: Shift, patientId: string): Promise<BookingFacts> {
    return gatherBookingFacts(em, { rota: this.repo, patients: this.patients, skills: this.skills }, shift, patientId);
  }

}

/**
 * 409 listing every broken rule. A booking into a week whose timesheet is approved answers with
 * the code TIMESHEET_APPROVED itself (as attendance changes to that week do): the week is closed
 * whatever else is wrong, and no override opens it.
 */
export function bookingRefused(violations: Violation[]): AppError {
  const code = violations.some((v) => v.code === 'TIMESHEET_APPROVED') ? 'TIMESHEET_APPROVED' : 'BOOKING_REFUSED';
  return new AppError(code, `The booking breaks ${violations.length} rule${violations.length === 1 ? '' : 's'}: ${violations.map((v) => v.code).join(', ')}`, 409, violations.map((v) => ({ code: v.code, message: v.message })));
}
