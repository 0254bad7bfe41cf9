import type { EntityManager } from 'typeorm';
import { addDays, londonDate } from '../src/common/dates';
import { WorkRole } from '../src/enterprises/work-role.entity';
import type { EthnicCategory, StatedGender } from '../src/outcomes/demographics.types';
import { PatientDemographics } from '../src/outcomes/patient-demographics.entity';
import { londonInstant } from '../src/recruitment/london-time';
import { Placement } from '../src/recruitment/placement.entity';
import type { EndReason } from '../src/recruitment/recruitment.types';
import { Assignment } from '../src/rota/assignment.entity';
import { AttendanceRecord } from '../src/rota/attendance-record.entity';
import type { AttendanceStatus } from '../src/rota/rota.types';
import { gatherBookingFacts } from '../src/rota/booking-facts';
import { checkBooking } from '../src/rota/booking-rules';
import { RotaRepository } from '../src/rota/rota.repository';
import { PatientsRepository } from '../src/patients/patients.repository';
import { VerifiedSkillLevels } from '../src/skills/verified-skills';
import { Shift } from '../src/rota/shift.entity';
import { minutesBetween, payPence, weekStartOn } from '../src/rota/time-rules';
import { demoId } from './demo-ids';
import { DEMO_ROLES } from './enterprises.seed';
import type { DemoSeed } from './seed';

const OT = demoId('user:ot');
const LEAD = demoId('user:lead');
const WARD = demoId('user:ward');

/** Equality monitoring fields for the demo patients (two left unrecorded, one "not stated"). */
const DEMOGRAPHICS: Record<string, { birthYear: number | null; gender: StatedGender | null; ethnic: EthnicCategory | null }> = {
  p01: { birthYear: 1994, gender: '1', ethnic: 'A' },
  p02: { birthYear: 1988, gender: '2', ethnic: 'M' },
  p03: { birthYear: 1979, gender: '1', ethnic: 'N' },
  p04: { birthYear: 2001, gender: '1', ethnic: 'J' },
  p05: { birthYear: 1985, gender: '1', ethnic: 'A' },
  p06: { birthYear: 1968, gender: '2', ethnic: 'C' },
  p07: { birthYear: 1999, gender: '1', ethnic: 'D' },
  p08: { birthYear: 1991, gender: '1', ethnic: 'M' },
  p09: { birthYear: 1983, gender: '1', ethnic: 'A' },
  p10: { birthYear: null, gender: null, ethnic: null },
  p11: { birthYear: 1975, gender: '2', ethnic: 'H' },
  p12: { birthYear: 1996, gender: '1', ethnic: 'Z' },
  p13: { birthYear: 1990, gender: '9', ethnic: 'A' },
  p14: { birthYear: null, gender: '1', ethnic: null },
};

/** Placements that ended over the past year (days from today), a spread of end reasons. */
const PAST_PLACEMENTS: { patient: string; role: string; start: number; end: number; reason: EndReason; note: string }[] = [
  { patient: 'p03', role: 'garden.gardener', start: -360, end: -250, reason: 'PROGRESSED_TRAINING', note: 'Started a horticulture course at the local college.' },
  { patient: 'p06', role: 'laundry.assistant', start: -350, end: -300, reason: 'CLINICAL', note: 'Paused on the advice of the clinical team.' },
  { patient: 'p08', role: 'post.runner', start: -340, end: -200, reason: 'PROGRESSED_VOLUNTEERING', note: 'Volunteering at a community garden.' },
  { patient: 'p10', role: 'valet.valeter', start: -330, end: -280, reason: 'RESIGNED', note: 'Wanted to try a different kind of work.' },
  { patient: 'p13', role: 'shop.stock', start: -320, end: -150, reason: 'PROGRESSED_EMPLOYMENT', note: 'Part-time job in a supermarket, on community leave.' },
  { patient: 'p04', role: 'laundry.runner', start: -300, end: -230, reason: 'TRANSFERRED', note: 'Moved to another ward.' },
  { patient: 'p14', role: 'cafe.kitchen', start: -280, end: -120, reason: 'PROGRESSED_EDUCATION', note: 'Enrolled on an English and maths course.' },
  { patient: 'p07', role: 'garden.grounds', start: -260, end: -90, reason: 'PROGRESSED_TRAINING', note: 'Started a groundskeeping apprenticeship taster.' },
  { patient: 'p06', role: 'post.sorter', start: -240, end: -60, reason: 'DISCHARGED', note: 'Discharged to a step-down service.' },
  { patient: 'p10', role: 'laundry.assistant', start: -200, end: -45, reason: 'CLINICAL', note: 'Stopped while treatment changed.' },
];

/** Placements in the ward laundry (no leave needed) that began about a year ago and go on. */
const LONG_PLACEMENTS: { patient: string; role: string; start: number }[] = [
  { patient: 'p08', role: 'laundry.assistant', start: -360 },
  { patient: 'p13', role: 'laundry.runner', start: -330 },
];

const rota = new RotaRepository();
const patients = new PatientsRepository();
const skills = new VerifiedSkillLevels();

/** Attendance for the n-th historical shift: mostly attended, some late or absent (cancellations come from the rota seed). */
function attendance(n: number): { status: AttendanceStatus; late: number; reason: string | null } {
  if (n % 13 === 7) return { status: 'ABSENT', late: 0, reason: 'Unwell; stayed on the ward.' };
  if (n % 9 === 4) return { status: 'LATE', late: 20, reason: 'Ward round ran late.' };
  return { status: 'ATTENDED', late: 0, reason: null };
}

/**
 * A year of outcomes for the demo: equality monitoring fields for the demo patients, placements
 * that ended over the past year with a spread of end reasons, two long-standing laundry
 * placements, and a weekly shift with attendance and pay for each active placement in the weeks
 * before the demo rota begins, wherever the booking rules allow it on that date, so the outcomes
 * dashboard shows twelve months.
 */
export const outcomesSeed: DemoSeed = {
  name: '2026-12-outcomes',
  async run(em: EntityManager, { now }) {
    const today = londonDate(now);
    for (const [key, d] of Object.entries(DEMOGRAPHICS)) {
      await em.insert(PatientDemographics, { patientId: demoId('patient:' + key), birthYear: d.birthYear, statedGender: d.gender, ethnicCategory: d.ethnic, updatedByUserId: OT, updatedAt: now });
    }
    for (const p of PAST_PLACEMENTS) {
      const id = demoId(`placement:${p.patient}:${p.role}:${p.start}:past`);
      const at = londonInstant(addDays(today, p.start - 1), '09:00')!;
      await em.insert(Placement, { id, patientId: demoId('patient:' + p.patient), workRoleId: DEMO_ROLES[p.role], applicationId: null, startOn: addDays(today, p.start), endOn: addDays(today, p.end), status: 'ENDED', activeKey: id, endReason: p.reason, endNote: p.note, createdByUserId: OT, createdAt: at, updatedAt: londonInstant(addDays(today, p.end), '16:00')! });
    }

    // Long-standing ward-based work (the laundry needs no leave): placed about a year ago and still going.
    for (const l of LONG_PLACEMENTS) {
      const id = demoId(`placement:${l.patient}:${l.role}:${l.start}:long`);
      const at = londonInstant(addDays(today, l.start - 1), '09:00')!;
      await em.insert(Placement, { id, patientId: demoId('patient:' + l.patient), workRoleId: DEMO_ROLES[l.role], applicationId: null, startOn: addDays(today, l.start), endOn: null, status: 'ACTIVE', activeKey: 'A', endReason: null, endNote: null, createdByUserId: OT, createdAt: at, updatedAt: at });
    }

    // One shift a week (Wednesday 10:00-13:00 London) per active placement, from a year ago until
    // the demo rota starts (the rota seed covers last week onwards), booked only where every
    // booking rule passes on that date, as the rota seed does, with attendance and pay.
    const rotaStarts = addDays(weekStartOn(now), -7);
    const placements = await em.find(Placement, { where: { status: 'ACTIVE' } });
    const roles = new Map((await em.find(WorkRole)).map((r) => [r.id, r]));
    let n = 0;
    for (let monday = addDays(weekStartOn(now), -52 * 7); monday < rotaStarts; monday = addDays(monday, 7)) {
      const date = addDays(monday, 2);
      for (const pl of placements) {
        if (pl.startOn > date) continue;
        const role = roles.get(pl.workRoleId);
        if (!role?.active) continue;
        const start = londonInstant(date, '10:00')!;
        const end = londonInstant(date, '13:00')!;
        const key = `${pl.id}:${date}`;
        const createdAt = new Date(start.getTime() - 7 * 86_400_000);
        const shift = em.create(Shift, { id: demoId(`outcomes-shift:${key}`), workRoleId: role.id, enterpriseId: role.enterpriseId, startAt: start, endAt: end, capacity: 1, supervisorUserId: LEAD, escortUserIds: [], locationNote: null, status: 'PUBLISHED', cancelReason: null, patternId: null, createdByUserId: OT, createdAt, updatedAt: createdAt, publishedAt: createdAt });
        let violations = checkBooking(await gatherBookingFacts(em, { rota, patients, skills }, shift, pl.patientId));
        if (violations.length === 1 && violations[0].code === 'ESCORT_REQUIRED') {
          shift.escortUserIds = [WARD];
          violations = checkBooking(await gatherBookingFacts(em, { rota, patients, skills }, shift, pl.patientId));
        }
        if (violations.length) continue;
        const a = attendance(n++);
        const planned = 180;
        const assignmentId = demoId(`outcomes-assignment:${key}`);
        await em.insert(Shift, shift);
        await em.insert(Assignment, { id: assignmentId, shiftId: shift.id, patientId: pl.patientId, placementId: pl.id, startAt: start, endAt: end, weekStartOn: weekStartOn(start), plannedMinutes: planned, plannedPayPence: payPence(planned, role.hourlyRatePence), status: 'BOOKED', liveKey: 'L', reviewReasons: [], overrideReason: null, overriddenCodes: [], overriddenByUserId: null, createdByUserId: OT, createdAt, updatedAt: createdAt, cancelReason: null, cancelledAt: null });
        const actualStart = new Date(start.getTime() + a.late * 60_000);
        const worked = a.status === 'ABSENT' ? 0 : minutesBetween(actualStart, end);
        await em.insert(AttendanceRecord, { id: demoId(`outcomes-attendance:${key}`), assignmentId, status: a.status, actualStartAt: worked ? actualStart : null, actualEndAt: worked ? end : null, reasonCode: null, reason: a.reason, minutesWorked: worked, payPence: payPence(worked, role.hourlyRatePence), hourlyRatePence: role.hourlyRatePence, supersedesId: null, recordedByUserId: LEAD, recordedAt: new Date(end.getTime() + 30 * 60_000) });
      }
    }
  },
};
