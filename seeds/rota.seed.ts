import type { EntityManager } from 'typeorm';
import { addDays, londonDate } from '../src/common/dates';
import { Enterprise } from '../src/enterprises/enterprise.entity';
import { EnterpriseLead } from '../src/enterprises/enterprise-lead.entity';
import { WorkRole } from '../src/enterprises/work-role.entity';
import { isEscorted } from '../src/patients/leave';
import { PatientsRepository } from '../src/patients/patients.repository';
import type { RestrictionCode } from '../src/patients/restrictions';
import { WorkRestriction } from '../src/patients/work-restriction.entity';
import { Placement } from '../src/recruitment/placement.entity';
import { londonInstant } from '../src/recruitment/london-time';
import { Assignment } from '../src/rota/assignment.entity';
import { AttendanceRecord } from '../src/rota/attendance-record.entity';
import { gatherBookingFacts } from '../src/rota/booking-facts';
import { checkBooking, REVIEW_CODES, type Violation } from '../src/rota/booking-rules';
import { RotaRepository } from '../src/rota/rota.repository';
import type { AttendanceStatus } from '../src/rota/rota.types';
import { ShiftPattern } from '../src/rota/shift-pattern.entity';
import { Shift } from '../src/rota/shift.entity';
import { isoWeekday, minutesBetween, payPence, weekStartOn } from '../src/rota/time-rules';
import { VerifiedSkillLevels } from '../src/skills/verified-skills';
import { demoId } from './demo-ids';
import { DEMO_ROLES } from './enterprises.seed';
import type { DemoSeed } from './seed';

const OT = demoId('user:ot');
const LEAD = demoId('user:lead');
const WARD = demoId('user:ward');

/** Weekly patterns per demo work role (keys of DEMO_ROLES), in Europe/London wall-clock time. */
const PATTERNS: { role: string; weekdays: number[]; start: string; end: string; capacity: number; note?: string }[] = [
  { role: 'cafe.barista', weekdays: [1, 2, 3, 4, 5], start: '10:00', end: '13:00', capacity: 2 },
  { role: 'cafe.kitchen', weekdays: [1, 2, 3, 4, 5], start: '09:30', end: '12:30', capacity: 2 },
  { role: 'cafe.front-of-house', weekdays: [1, 3, 5], start: '12:00', end: '15:00', capacity: 2 },
  { role: 'cafe.front-of-house', weekdays: [6], start: '13:00', end: '16:00', capacity: 2, note: 'Visiting afternoon' },
  { role: 'shop.assistant', weekdays: [1, 3, 5], start: '10:00', end: '14:00', capacity: 2 },
  { role: 'shop.stock', weekdays: [3], start: '14:00', end: '16:00', capacity: 2, note: 'Delivery day' },
  { role: 'garden.gardener', weekdays: [2, 3, 4], start: '10:00', end: '13:00', capacity: 3 },
  { role: 'garden.grounds', weekdays: [2, 4], start: '13:30', end: '15:00', capacity: 2 },
  { role: 'garden.produce', weekdays: [3], start: '13:30', end: '15:00', capacity: 2 },
  { role: 'valet.valeter', weekdays: [1, 2, 3, 4], start: '09:30', end: '12:30', capacity: 3, note: 'Staff car park, bay 2' },
  { role: 'valet.senior', weekdays: [2, 4], start: '13:00', end: '16:00', capacity: 1, note: 'Staff car park, bay 2' },
  { role: 'laundry.assistant', weekdays: [1, 2, 3, 4, 5], start: '10:00', end: '12:00', capacity: 3 },
  { role: 'laundry.runner', weekdays: [2, 4], start: '14:00', end: '15:00', capacity: 1 },
  { role: 'post.runner', weekdays: [1, 2, 3, 4, 5], start: '10:00', end: '11:00', capacity: 2 },
  { role: 'post.sorter', weekdays: [1, 2, 3, 4, 5], start: '14:00', end: '15:00', capacity: 2 },
];

/**
 * Ward staff add a restriction after an incident, from tomorrow: Riley (Birch Ward, the demo
 * OT's ward) works in the café kitchen, which involves knives, so the OT sees those bookings
 * on the needs-review page.
 */
const CLINICAL_CHANGE: { patient: string; restriction: RestrictionCode; reason: string } = {
  patient: 'p07',
  restriction: 'NO_SHARPS',
  reason: 'Incident on the ward this morning; no knives or blades until the MDT review.',
};

/** Weeks of rota: last week (so there is always attendance to show), this week and next. */
const WEEKS = 3;
/** At most this many shifts per patient in a London week, so the rota leaves room and variety. */
const SHIFTS_PER_PATIENT_WEEK = 4;

const patients = new PatientsRepository();
const rota = new RotaRepository();
/** Verified skill levels (seeded by the skills data set), so demo bookings obey SKILL_MISSING too. */
const skills = new VerifiedSkillLevels();

/** Attendance for the n-th past booking: mostly as planned, a few late or absent, one lost to a ward incident. */
function attendanceFor(n: number, shift: Shift): { status: AttendanceStatus; start: Date | null; end: Date | null; reasonCode: string | null; reason: string | null } {
  if (n === 3) return { status: 'CANCELLED', start: null, end: null, reasonCode: 'WARD_INCIDENT', reason: 'Ward incident: the ward was locked down and no one could leave for work.' };
  if (n % 9 === 5) return { status: 'ABSENT', start: null, end: null, reasonCode: null, reason: 'Unwell; stayed on the ward.' };
  if (n % 7 === 2) return { status: 'LATE', start: new Date(shift.startAt.getTime() + 20 * 60_000), end: shift.endAt, reasonCode: null, reason: 'Ward round ran late.' };
  return { status: 'ATTENDED', start: shift.startAt, end: shift.endAt, reasonCode: null, reason: null };
}

/**
 * A published rota for last week, this week and next for every demo enterprise, from weekly
 * patterns; bookings for placed patients that pass every booking rule (weekly caps included);
 * future bookings put in question by a later clinical change (a suspension of leave, a new
 * restriction), flagged for review; and attendance with pay for the shifts that have ended.
 */
export const rotaSeed: DemoSeed = {
  name: '2026-11-rota',
  async run(em: EntityManager, { now }) {
    const firstMonday = addDays(weekStartOn(now), -7);
    const led = new Set((await em.find(EnterpriseLead, { where: { userId: LEAD } })).map((l) => l.enterpriseId));

    // 1. Patterns and their shifts.
    const shifts: { shift: Shift; role: WorkRole; enterprise: Enterprise; roleKey: string }[] = [];
    for (const [i, p] of PATTERNS.entries()) {
      const role = await em.findOneBy(WorkRole, { id: DEMO_ROLES[p.role] ?? '' });
      if (!role?.active) continue;
      const enterprise = await em.findOneByOrFail(Enterprise, { id: role.enterpriseId });
      if (enterprise.status !== 'ACTIVE') continue;
      const supervisor = led.has(enterprise.id) ? LEAD : OT;
      const patternId = demoId(`shift-pattern:${p.role}:${i}`);
      const createdAt = new Date(londonInstant(firstMonday, '09:00')!.getTime() - 7 * 86_400_000);
      await em.insert(ShiftPattern, { id: patternId, workRoleId: role.id, weekdays: p.weekdays, startTime: p.start, endTime: p.end, capacity: p.capacity, supervisorUserId: supervisor, fromOn: firstMonday, weeks: WEEKS, createdByUserId: OT, createdAt });
      for (let d = 0; d < WEEKS * 7; d++) {
        const date = addDays(firstMonday, d);
        if (!p.weekdays.includes(isoWeekday(date))) continue;
        const shift = em.create(Shift, {
          id: demoId(`shift:${p.role}:${i}:${d}`),
          workRoleId: role.id,
          enterpriseId: enterprise.id,
          startAt: londonInstant(date, p.start)!,
          endAt: londonInstant(date, p.end)!,
          capacity: p.capacity,
          supervisorUserId: supervisor,
          escortUserIds: [],
          locationNote: p.note ?? null,
          status: 'PUBLISHED',
          cancelReason: null,
          patternId,
          createdByUserId: OT,
          createdAt,
          updatedAt: createdAt,
          publishedAt: createdAt,
        });
        await em.insert(Shift, shift);
        shifts.push({ shift, role, enterprise, roleKey: p.role });
      }
    }
    shifts.sort((a, b) => a.shift.startAt.getTime() - b.shift.startAt.getTime() || a.shift.id.localeCompare(b.shift.id));

    // 2. Bookings, in time order, for patients placed in each role.
    const placements = await em.find(Placement, { where: { status: 'ACTIVE' }, order: { patientId: 'ASC' } });
    const placedIn = new Map<string, string[]>();
    for (const p of placements) placedIn.set(p.workRoleId, [...(placedIn.get(p.workRoleId) ?? []), p.patientId]);
    const perWeek = new Map<string, number>();
    const booked: { a: Assignment; shift: Shift; role: WorkRole }[] = [];
    const turn = new Map<string, number>();

    const insert = async (shift: Shift, role: WorkRole, patientId: string, review: Violation[]) => {
      const placement = (await rota.findActivePlacementOn(em, patientId, role.id, londonDate(shift.startAt)))!;
      const minutes = minutesBetween(shift.startAt, shift.endAt);
      // Booked the week before the shift (before any later change of leave).
      const createdAt = new Date(Math.min(shift.startAt.getTime(), now.getTime()) - 8 * 86_400_000);
      const a = em.create(Assignment, {
        id: demoId(`assignment:${shift.id}:${patientId}`),
        shiftId: shift.id,
        patientId,
        placementId: placement.id,
        startAt: shift.startAt,
        endAt: shift.endAt,
        weekStartOn: weekStartOn(shift.startAt),
        plannedMinutes: minutes,
        plannedPayPence: payPence(minutes, role.hourlyRatePence),
        status: review.length ? 'NEEDS_REVIEW' : 'BOOKED',
        liveKey: 'L',
        reviewReasons: review.map((v) => ({ code: v.code, message: v.message })),
        overrideReason: null,
        overriddenCodes: [],
        overriddenByUserId: null,
        createdByUserId: OT,
        createdAt,
        updatedAt: review.length ? now : createdAt,
        cancelReason: null,
        cancelledAt: null,
      });
      await em.insert(Assignment, a);
      booked.push({ a, shift, role });
    };

    for (const { shift, role } of shifts) {
      const candidates = placedIn.get(role.id) ?? [];
      if (!candidates.length) continue;
      // Rotate who is offered the shift first, so the work is shared out.
      const start = turn.get(role.id) ?? 0;
      turn.set(role.id, start + 1);
      const week = weekStartOn(shift.startAt);
      for (let k = 0; k < candidates.length; k++) {
        const patientId = candidates[(start + k) % candidates.length];
        const key = `${patientId}:${week}`;
        if ((perWeek.get(key) ?? 0) >= SHIFTS_PER_PATIENT_WEEK) continue;
        let facts = await gatherBookingFacts(em, { rota, patients, skills }, shift, patientId);
        let violations = checkBooking(facts);
        if (violations.length === 1 && violations[0].code === 'ESCORT_REQUIRED') {
          // Escorted leave: ward staff escort on this shift.
          shift.escortUserIds = [WARD];
          await em.update(Shift, { id: shift.id }, { escortUserIds: [WARD] });
          facts = await gatherBookingFacts(em, { rota, patients, skills }, shift, patientId);
          violations = checkBooking(facts);
        }
        const future = shift.startAt > now;
        // A future booking made before the patient's leave was suspended: kept and flagged for the OT.
        const flagged = future && facts.leave.suspended && violations.length > 0 && violations.every((v) => REVIEW_CODES.includes(v.code));
        if (violations.length && !flagged) continue;
        if (flagged && isEscorted(facts.leave.level) && !shift.escortUserIds.length) {
          shift.escortUserIds = [WARD];
          await em.update(Shift, { id: shift.id }, { escortUserIds: [WARD] });
        }
        await insert(shift, role, patientId, flagged ? violations : []);
        perWeek.set(key, (perWeek.get(key) ?? 0) + 1);
        if (facts.liveOnShift + 1 >= shift.capacity) break;
      }
    }

    // 3. A clinical change after the rota was made: the OT must review the bookings it puts in question.
    const change = CLINICAL_CHANGE;
    const changedPatient = demoId('patient:' + change.patient);
    const effectiveFrom = addDays(londonDate(now), 1);
    await em.insert(WorkRestriction, {
      id: demoId(`restriction:${change.patient}:${change.restriction}`),
      patientId: changedPatient,
      restriction: change.restriction,
      effectiveFrom,
      effectiveUntil: null,
      reason: change.reason,
      setByUserId: WARD,
      createdAt: now,
      liftedOn: null,
      liftedByUserId: null,
      liftReason: null,
    });
    for (const b of booked) {
      if (b.a.patientId !== changedPatient || b.a.status !== 'BOOKED' || londonDate(b.shift.startAt) < effectiveFrom) continue;
      const reasons = checkBooking(await gatherBookingFacts(em, { rota, patients, skills }, b.shift, changedPatient)).filter((v) => REVIEW_CODES.includes(v.code));
      if (!reasons.length) continue;
      b.a.status = 'NEEDS_REVIEW';
      b.a.reviewReasons = reasons.map((v) => ({ code: v.code, message: v.message }));
      await em.update(Assignment, { id: b.a.id }, { status: 'NEEDS_REVIEW', reviewReasons: b.a.reviewReasons, updatedAt: now });
    }

    // 4. Attendance and pay for bookings on shifts that have ended.
    let n = 0;
    for (const { a, shift, role } of booked) {
      if (a.status !== 'BOOKED' || shift.endAt > now) continue;
      const r = attendanceFor(n++, shift);
      const minutes = r.start && r.end ? minutesBetween(r.start, r.end) : 0;
      await em.insert(AttendanceRecord, {
        id: demoId(`attendance:${a.id}`),
        assignmentId: a.id,
        status: r.status,
        actualStartAt: r.start,
        actualEndAt: r.end,
        reasonCode: r.reasonCode,
        reason: r.reason,
        minutesWorked: minutes,
        payPence: payPence(minutes, role.hourlyRatePence),
        hourlyRatePence: role.hourlyRatePence,
        supersedesId: null,
        recordedByUserId: shift.supervisorUserId ?? OT,
        recordedAt: new Date(Math.min(shift.endAt.getTime() + 30 * 60_000, now.getTime())),
      });
    }
  },
};
