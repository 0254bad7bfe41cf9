import { In } from 'typeorm';
import { addDays } from '../src/common/dates';
import { Enterprise } from '../src/enterprises/enterprise.entity';
import { WorkRole } from '../src/enterprises/work-role.entity';
import { londonInstant } from '../src/recruitment/london-time';
import { Assignment } from '../src/rota/assignment.entity';
import { AttendanceRecord } from '../src/rota/attendance-record.entity';
import { checkBooking, REVIEW_CODES } from '../src/rota/booking-rules';
import { BookingService } from '../src/rota/booking.service';
import { LIVE_ASSIGNMENT_STATUSES } from '../src/rota/rota.types';
import { Shift } from '../src/rota/shift.entity';
import { minutesBetween, payPence, weekStartOn } from '../src/rota/time-rules';
import { demoId } from '../seeds/demo-ids';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO_TEST_PASSWORD, demoSeededWindow } from './support/test-db';

jest.setTimeout(300_000);

const DEMO_PASSWORD = DEMO_TEST_PASSWORD;

describe('rota demo data (seeds/rota.seed.ts, after all earlier demo seeds)', () => {
  let t: TestApp;
  let seededFrom: Date;
  let seededTo: Date;
  let shifts: Shift[];
  let assignments: Assignment[];

  beforeAll(async () => {
    t = await createTestApp({}, { data: 'demo' });
    ({ from: seededFrom, to: seededTo } = demoSeededWindow());
    shifts = await t.uow.read((em) => em.find(Shift));
    assignments = await t.uow.read((em) => em.find(Assignment));
  });
  afterAll(() => t.close());

  it('publishes a rota for this London week and next for every demo enterprise', async () => {
    const enterprises = await t.uow.read((em) => em.find(Enterprise, { where: { status: 'ACTIVE' } }));
    expect(enterprises.length).toBeGreaterThanOrEqual(6);
    const monday = weekStartOn(seededFrom);
    for (const week of [monday, addDays(monday, 7)]) {
      const from = londonInstant(week, '00:00')!;
      const to = londonInstant(addDays(week, 7), '00:00')!;
      for (const e of enterprises) {
        const inWeek = shifts.filter((s) => s.enterpriseId === e.id && s.startAt >= from && s.startAt < to);
        expect([e.name, week, inWeek.length > 0 && inWeek.every((s) => s.status === 'PUBLISHED' && s.supervisorUserId !== null)]).toEqual([e.name, week, true]);
      }
    }
  });

  it('books placed patients, never over a shift’s capacity', () => {
    const live = assignments.filter((a) => LIVE_ASSIGNMENT_STATUSES.includes(a.status));
    expect(live.length).toBeGreaterThanOrEqual(20);
    expect(new Set(live.map((a) => a.patientId)).size).toBeGreaterThanOrEqual(8);
    for (const s of shifts) expect(live.filter((a) => a.shiftId === s.id).length).toBeLessThanOrEqual(s.capacity);
    // an escort is named where a patient with escorted leave is booked (p02, p06)
    const escorted = live.filter((a) => [demoId('patient:p02'), demoId('patient:p06')].includes(a.patientId));
    expect(escorted.length).toBeGreaterThan(0);
    for (const a of escorted) expect(shifts.find((s) => s.id === a.shiftId)!.escortUserIds).toEqual([demoId('user:ward')]);
  });

  it('books nothing that breaks a booking rule, unless it is flagged for review with that rule', async () => {
    const booking = t.app.get(BookingService);
    const live = assignments.filter((a) => LIVE_ASSIGNMENT_STATUSES.includes(a.status));
    const broken = await t.uow.read(async (em) => {
      const out: string[] = [];
      for (const a of live) {
        const shift = shifts.find((s) => s.id === a.shiftId)!;
        const codes = checkBooking(await booking.gather(em, shift, a.patientId)).map((v) => v.code);
        const allowed = a.status === 'NEEDS_REVIEW' ? a.reviewReasons.map((r) => r.code) : [];
        if (codes.some((c) => !allowed.includes(c))) out.push(`${a.id} ${a.status}: ${codes.join(', ')}`);
      }
      return out;
    });
    expect(broken).toEqual([]);
  });

  it('flags future bookings put in question by a clinical change, shown to the demo OT', async () => {
    const flagged = assignments.filter((a) => a.status === 'NEEDS_REVIEW');
    expect(flagged.length).toBeGreaterThanOrEqual(1);
    for (const a of flagged) {
      expect(a.startAt.getTime()).toBeGreaterThan(seededTo.getTime());
      expect(a.reviewReasons.length).toBeGreaterThan(0);
      expect(a.reviewReasons.every((r) => REVIEW_CODES.includes(r.code))).toBe(true);
    }
    const ot = await t.make.browser('ot', DEMO_PASSWORD);
    const page = await ot.get('/rota/needs-review');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Riley Hughes');
    expect(page.text).toContain('No sharps, and the role involves sharps');
    const board = await ot.get(`/rota?enterpriseId=${demoId('enterprise:cafe')}&week=${weekStartOn(flagged[0].startAt)}`);
    expect(board.status).toBe(200);
    expect(board.text).toContain('Kitchen assistant');
    expect(board.text).toContain('Riley Hughes (needs review)');
  });

  it('records attendance with pay for booked shifts that have ended: mostly attended, some late or absent, one cancelled for a ward incident', async () => {
    const records = await t.uow.read((em) => em.find(AttendanceRecord));
    const roles = new Map((await t.uow.read((em) => em.find(WorkRole))).map((r) => [r.id, r]));
    const byAssignment = new Map(records.map((r) => [r.assignmentId, r]));
    expect(records).toHaveLength(byAssignment.size);
    const ended = assignments.filter((a) => a.status === 'BOOKED' && a.endAt <= seededFrom);
    expect(ended.length).toBeGreaterThanOrEqual(10);
    for (const a of ended) expect(byAssignment.has(a.id)).toBe(true);
    const recordedFor = await t.uow.read((em) => em.find(Assignment, { where: { id: In([...byAssignment.keys()]) } }));
    for (const a of recordedFor) {
      expect(a.endAt.getTime()).toBeLessThanOrEqual(seededTo.getTime());
      const r = byAssignment.get(a.id)!;
      const shift = shifts.find((s) => s.id === a.shiftId)!;
      const minutes = r.actualStartAt && r.actualEndAt ? minutesBetween(r.actualStartAt, r.actualEndAt) : 0;
      expect([r.minutesWorked, r.payPence]).toEqual([minutes, payPence(minutes, roles.get(shift.workRoleId)!.hourlyRatePence)]);
    }
    const count = (s: string) => records.filter((r) => r.status === s).length;
    expect(count('ATTENDED')).toBeGreaterThan(records.length / 2);
    expect(count('LATE') + count('ABSENT')).toBeGreaterThanOrEqual(2);
    expect(records.filter((r) => r.status !== 'ATTENDED' && r.status !== 'LATE').every((r) => r.minutesWorked === 0 && r.reason)).toBe(true);
    const cancelled = records.filter((r) => r.status === 'CANCELLED');
    expect(cancelled).toEqual([expect.objectContaining({ reasonCode: 'WARD_INCIDENT', payPence: 0 })]);
    expect(records.filter((r) => r.status === 'LATE').every((r) => r.minutesWorked > 0 && r.reason)).toBe(true);
  });
});
