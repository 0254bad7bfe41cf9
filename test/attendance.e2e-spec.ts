import { AuditEvent } from '../src/audit/audit-event.entity';
import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { Patient } from '../src/patients/patient.entity';
import { Placement } from '../src/recruitment/placement.entity';
import { londonInstant } from '../src/recruitment/london-time';
import { Assignment } from '../src/rota/assignment.entity';
import { AttendanceRecord } from '../src/rota/attendance-record.entity';
import { weekOf } from '../src/rota/attendance/attendance-rules';
import { TimesheetLine } from '../src/rota/timesheet-line.entity';
import { Timesheet } from '../src/rota/timesheet.entity';
import { minutesBetween, payPence, weekStartOn } from '../src/rota/time-rules';
import { rotaWorld } from './support/rota-fixtures';
import { createTestApp, TestApp } from './support/test-app';

type World = Awaited<ReturnType<typeof rotaWorld>>;
type Auth = { Authorization: string };

const today = londonDate();
const yesterday = addDays(today, -1);
const lastMonday = addDays(weekOf(today), -7);
const at = (date: string, time: string) => londonInstant(date, time)!;

describe('attendance, pay, timesheets and calendar feeds (API)', () => {
  let t: TestApp;
  let w: World;
  let lead: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    w = await rotaWorld(t);
    lead = await authOf(w.supervisor);
  });
  afterAll(() => t.close());

  const authOf = async (user: { username: string }) => ({ Authorization: `Bearer ${await t.make.token(user.username)}` });

  /** A booking inserted directly (the booking API rightly works on the rota ahead, not on past weeks). */
  async function booked(world: World, patient: Patient, startAt: Date, minutes = 180): Promise<Assignment> {
    const shift = await world.shift({ startAt, hours: minutes / 60 });
    const placement = await t.uow.read((em) => em.findOneByOrFail(Placement, { patientId: patient.id, workRoleId: world.role.id }));
    const now = new Date();
    const a = {
      id: newId(),
      shiftId: shift.id,
      patientId: patient.id,
      placementId: placement.id,
      startAt: shift.startAt,
      endAt: shift.endAt,
      weekStartOn: weekStartOn(shift.startAt),
      plannedMinutes: minutesBetween(shift.startAt, shift.endAt),
      plannedPayPence: payPence(minutesBetween(shift.startAt, shift.endAt), world.role.hourlyRatePence),
      status: 'BOOKED',
      liveKey: 'L',
      reviewReasons: [],
      overrideReason: null,
      overriddenCodes: [],
      overriddenByUserId: null,
      createdByUserId: world.ot.user.id,
      createdAt: now,
      updatedAt: now,
      cancelReason: null,
      cancelledAt: null,
    } as Assignment;
    await t.uow.run((em) => em.insert(Assignment, a));
    return a;
  }

  const record = (assignmentId: string, auth: Auth, body: Record<string, unknown>) => t.http().post(`/api/assignments/${assignmentId}/attendance`).set(auth).send(body);
  const attended = (a: Assignment, startAt = a.startAt, endAt = a.endAt) => ({ status: 'ATTENDED', actualStartAt: startAt.toISOString(), actualEndAt: endAt.toISOString() });

  describe('recording attendance', () => {
    it('records ATTENDED with actual times: real minutes and pay at the role’s rate', async () => {
      const a = await booked(w, await w.worker(), at(yesterday, '10:00'));
      const res = await record(a.id, lead, attended(a)).expect(201);
      expect(res.body).toMatchObject({ assignmentId: a.id, status: 'ATTENDED', minutesWorked: 180, payPence: 3000, supersedesId: null, current: true, recordedByUserId: w.supervisor.id });
      const audit = await t.uow.read((em) => em.findOneBy(AuditEvent, { action: 'attendance.record', entityId: a.id }));
      expect(audit?.patientId).toBe(a.patientId);
    });

    it('records LATE and LEFT_EARLY for the minutes actually worked', async () => {
      const late = await booked(w, await w.worker(), at(yesterday, '10:00'));
      expect((await record(late.id, lead, { status: 'LATE', actualStartAt: at(yesterday, '10:30').toISOString(), actualEndAt: late.endAt.toISOString() }).expect(201)).body).toMatchObject({ minutesWorked: 150, payPence: 2500 });
      const early = await booked(w, await w.worker(), at(yesterday, '10:00'));
      expect((await record(early.id, lead, { status: 'LEFT_EARLY', actualStartAt: early.startAt.toISOString(), actualEndAt: at(yesterday, '11:20').toISOString() }).expect(201)).body).toMatchObject({ minutesWorked: 80, payPence: 1333 });
    });

    it('records ABSENT with a reason and CANCELLED with a reason code, both unpaid', async () => {
      const absent = await booked(w, await w.worker(), at(yesterday, '10:00'));
      expect((await record(absent.id, lead, { status: 'ABSENT', reason: 'Unwell' }).expect(201)).body).toMatchObject({ status: 'ABSENT', reason: 'Unwell', minutesWorked: 0, payPence: 0, actualStartAt: null });
      const cancelled = await booked(w, await w.worker(), at(yesterday, '10:00'));
      expect((await record(cancelled.id, lead, { status: 'CANCELLED', reasonCode: 'WARD_INCIDENT' }).expect(201)).body).toMatchObject({ status: 'CANCELLED', reasonCode: 'WARD_INCIDENT', minutesWorked: 0, payPence: 0 });
    });

    it('refuses invalid records with field-by-field 422s', async () => {
      const a = await booked(w, await w.worker(), at(yesterday, '10:00'));
      const fieldsOf = (res: { body: { details?: { field: string }[] } }) => (res.body.details ?? []).map((d) => d.field).sort();
      const noTimes = await record(a.id, lead, { status: 'ATTENDED' }).expect(422);
      expect(noTimes.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(noTimes)).toEqual(['actualEndAt', 'actualStartAt']);
      expect(fieldsOf(await record(a.id, lead, { status: 'ABSENT' }).expect(422))).toEqual(['reason']);
      expect(fieldsOf(await record(a.id, lead, { status: 'CANCELLED', reason: 'no code' }).expect(422))).toEqual(['reasonCode']);
      expect(fieldsOf(await record(a.id, lead, { status: 'CANCELLED', reasonCode: 'WEATHER' }).expect(422))).toEqual(['reasonCode']);
      expect(fieldsOf(await record(a.id, lead, { status: 'SICK' }).expect(422))).toEqual(['status']);
      expect(fieldsOf(await record(a.id, lead, { ...attended(a), actualEndAt: a.startAt.toISOString() }).expect(422))).toEqual(['actualEndAt']);
      expect(fieldsOf(await record(a.id, lead, attended(a, new Date(a.startAt.getTime() - 5 * 3_600_000))).expect(422))).toEqual(['actualStartAt']);
      expect(fieldsOf(await record(a.id, lead, { status: 'LATE', actualStartAt: a.startAt.toISOString(), actualEndAt: a.endAt.toISOString() }).expect(422))).toEqual(['actualStartAt']);
      expect(fieldsOf(await record(a.id, lead, { ...attended(a), extra: 1 }).expect(422))).toEqual(['extra']);
      expect(await t.uow.read((em) => em.countBy(AttendanceRecord, { assignmentId: a.id }))).toBe(0);
    });

    it('refuses attendance before the shift’s London day (422 TOO_EARLY), and accepts an absence on the day itself', async () => {
      const p = await w.worker();
      const tomorrow = await w.shift({ startAt: at(addDays(today, 1), '10:00') });
      const booking = await t.http().post(`/api/shifts/${tomorrow.id}/assignments`).set(w.ot.auth).send({ patientId: p.id }).expect(201);
      const res = await record(booking.body.id, lead, { status: 'ABSENT', reason: 'Planned appointment' }).expect(422);
      expect(res.body.code).toBe('TOO_EARLY');
      const later = await booked(w, await w.worker(), at(today, '23:30'), 30);
      await record(later.id, lead, { status: 'ABSENT', reason: 'Ward round ran late' }).expect(201);
    });

    it('refuses a finish in the future: pay is for time worked', async () => {
      // started an hour ago (so on or after its London day), ends in an hour
      const a = await booked(w, await w.worker(), new Date(Date.now() - 3_600_000), 120);
      const res = await record(a.id, lead, attended(a)).expect(422);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'actualEndAt', message: expect.stringMatching(/future/) })] });
      // what has happened can be recorded already: the patient did not turn up
      await record(a.id, lead, { status: 'ABSENT', reason: 'Did not come' }).expect(201);
    });

    it('keeps the earlier record when correcting: a new record supersedes it, and the history shows both', async () => {
      const a = await booked(w, await w.worker(), at(yesterday, '10:00'));
      const first = await record(a.id, lead, attended(a)).expect(201);
      const second = await record(a.id, lead, { status: 'LATE', actualStartAt: at(yesterday, '10:15').toISOString(), actualEndAt: a.endAt.toISOString(), reason: 'Ward round' }).expect(201);
      expect(second.body).toMatchObject({ supersedesId: first.body.id, minutesWorked: 165, payPence: 2750 });
      const history = await t.http().get(`/api/assignments/${a.id}/attendance`).set(lead).expect(200);
      expect(history.body.current).toMatchObject({ id: second.body.id, status: 'LATE', recordedByName: w.supervisor.displayName });
      expect(history.body.records.map((r: { id: string; current: boolean }) => [r.id, r.current])).toEqual([
        [second.body.id, true],
        [first.body.id, false],
      ]);
      const rows = await t.uow.read((em) => em.findBy(AttendanceRecord, { assignmentId: a.id }));
      expect(rows.find((r) => r.id === first.body.id)).toMatchObject({ status: 'ATTENDED', minutesWorked: 180, payPence: 3000 });
      const audit = await t.uow.read((em) => em.findOneBy(AuditEvent, { action: 'attendance.correct', entityId: a.id }));
      expect(audit).not.toBeNull();
    });

    it('is append-only in the database: UPDATE and DELETE on attendance_records are refused', async () => {
      const a = await booked(w, await w.worker(), at(yesterday, '10:00'));
      const res = await record(a.id, lead, attended(a)).expect(201);
      await expect(t.uow.run((em) => em.query(`UPDATE attendance_records SET "payPence" = 999999 WHERE id = '${res.body.id}'`))).rejects.toThrow(/APPEND_ONLY/);
      await expect(t.uow.run((em) => em.query(`DELETE FROM attendance_records WHERE id = '${res.body.id}'`))).rejects.toThrow(/APPEND_ONLY/);
      const row = await t.uow.read((em) => em.findOneByOrFail(AttendanceRecord, { id: res.body.id }));
      expect(row.payPence).toBe(3000);
    });

    it('pays a shift 01:00-03:00 London on the night the clocks go forward (29 March 2026) for one hour', async () => {
      const a = await booked(w, await w.worker(), new Date('2026-03-29T01:00:00Z'), 60);
      expect(a.weekStartOn).toBe('2026-03-23');
      const res = await record(a.id, lead, { status: 'ATTENDED', actualStartAt: '2026-03-29T01:00:00Z', actualEndAt: '2026-03-29T02:00:00Z' }).expect(201);
      expect(res.body).toMatchObject({ minutesWorked: 60, payPence: 1000 });
      const sheet = await t.http().get(`/api/enterprises/${w.enterprise.id}/timesheets/2026-03-23`).set(lead).expect(200);
      expect(sheet.body.lines).toEqual([expect.objectContaining({ assignmentId: a.id, date: '2026-03-29', minutesWorked: 60, payPence: 1000 })]);
    });

    it('rounds pay half-up to the penny per shift', async () => {
      const odd = await rotaWorld(t, { rate: 1050 });
      const oddLead = await authOf(odd.supervisor);
      const a = await booked(odd, await odd.worker(), at(yesterday, '10:00'));
      // 3 minutes at £10.50 an hour is 52.5p: half-up gives 53p (banker's rounding would give 52p)
      expect((await record(a.id, oddLead, attended(a, a.startAt, new Date(a.startAt.getTime() + 3 * 60_000))).expect(201)).body).toMatchObject({ minutesWorked: 3, payPence: 53 });
      // 1 minute is 17.5p: 18p
      expect((await record(a.id, oddLead, attended(a, a.startAt, new Date(a.startAt.getTime() + 60_000))).expect(201)).body).toMatchObject({ minutesWorked: 1, payPence: 18 });
    });

    it('keeps the rate a shift was paid at: a later change of the role’s rate rewrites no record, correction or timesheet line', async () => {
      const y = await rotaWorld(t, { rate: 1000 });
      const yLead = await authOf(y.supervisor);
      const p = await y.worker();
      const a1 = await booked(y, p, at(addDays(lastMonday, 1), '10:00'));
      const a2 = await booked(y, p, at(addDays(lastMonday, 3), '10:00'));
      expect((await record(a1.id, yLead, attended(a1)).expect(201)).body).toMatchObject({ minutesWorked: 180, payPence: 3000, hourlyRatePence: 1000 });

      await t.http().patch(`/api/work-roles/${y.role.id}`).set(yLead).send({ hourlyRatePence: 1500 }).expect(200);
      // a correction keeps the rate the shift was first paid at; a first record takes the new rate
      const corrected = await record(a1.id, yLead, { status: 'LATE', actualStartAt: at(addDays(lastMonday, 1), '10:30').toISOString(), actualEndAt: a1.endAt.toISOString() }).expect(201);
      expect(corrected.body).toMatchObject({ minutesWorked: 150, payPence: 2500, hourlyRatePence: 1000 });
      expect((await record(a2.id, yLead, attended(a2)).expect(201)).body).toMatchObject({ minutesWorked: 180, payPence: 4500, hourlyRatePence: 1500 });
      const history = await t.http().get(`/api/assignments/${a1.id}/attendance`).set(yLead).expect(200);
      expect(history.body.records.map((r: { payPence: number; hourlyRatePence: number }) => [r.payPence, r.hourlyRatePence])).toEqual([
        [2500, 1000],
        [3000, 1000],
      ]);

      const open = await t.http().get(`/api/enterprises/${y.enterprise.id}/timesheets/${lastMonday}`).set(yLead).expect(200);
      expect(open.body.lines.map((l: { hourlyRatePence: number; payPence: number }) => [l.hourlyRatePence, l.payPence])).toEqual([
        [1000, 2500],
        [1500, 4500],
      ]);
      await t.http().post(`/api/enterprises/${y.enterprise.id}/timesheets/${lastMonday}/approve`).set(yLead).expect(201);
      await t.http().patch(`/api/work-roles/${y.role.id}`).set(yLead).send({ hourlyRatePence: 2000 }).expect(200);
      const frozen = await t.uow.read(async (em) => em.findBy(TimesheetLine, { timesheetId: (await em.findOneByOrFail(Timesheet, { enterpriseId: y.enterprise.id, weekStartOn: lastMonday })).id }));
      expect(frozen.map((l) => [l.hourlyRatePence, l.payPence]).sort()).toEqual([
        [1000, 2500],
        [1500, 4500],
      ]);
      const after = await t.http().get(`/api/enterprises/${y.enterprise.id}/timesheets/${lastMonday}`).set(yLead).expect(200);
      expect(after.body.totals).toMatchObject({ payPence: 7000 });
    });

    it('refuses attendance for a cancelled booking (409 ASSIGNMENT_CANCELLED)', async () => {
      const p = await w.worker();
      const s = await w.shift({ startAt: at(addDays(today, 3), '10:00') });
      const b = await t.http().post(`/api/shifts/${s.id}/assignments`).set(w.ot.auth).send({ patientId: p.id }).expect(201);
      await t.http().post(`/api/assignments/${b.body.id}/cancel`).set(w.ot.auth).send({ reason: 'Ward round' }).expect(201);
      expect((await record(b.body.id, lead, { status: 'ABSENT', reason: 'x y z' }).expect(409)).body.code).toBe('ASSIGNMENT_CANCELLED');
    });

    it('lets ward staff and OTs on the patient’s ward record, and answers 404 to ward staff of another ward and leads of another enterprise', async () => {
      const a = await booked(w, await w.worker(), at(yesterday, '10:00'));
      const ward = await t.make.caller('WARD_STAFF', { wardIds: [w.ward.id] });
      await record(a.id, ward.auth, attended(a)).expect(201);
      await record(a.id, w.ot.auth, { status: 'ABSENT', reason: 'Correction: was on leave' }).expect(201);
      const otherWard = await t.make.caller('WARD_STAFF', { wardIds: [(await t.make.ward()).id] });
      expect((await record(a.id, otherWard.auth, attended(a)).expect(404)).body.code).toBe('NOT_FOUND');
      await t.http().get(`/api/assignments/${a.id}/attendance`).set(otherWard.auth).expect(404);
      const other = await rotaWorld(t);
      await record(a.id, await authOf(other.supervisor), attended(a)).expect(404);
      const patient = await t.make.caller('PATIENT', { patientId: a.patientId });
      await record(a.id, patient.auth, attended(a)).expect(403);
      await t.http().post(`/api/assignments/${newId()}/attendance`).set(lead).send(attended(a)).expect(404);
      expect(await t.uow.read((em) => em.countBy(AttendanceRecord, { assignmentId: a.id }))).toBe(2);
    });
  });

  describe('weekly timesheets', () => {
    it('lists lines with patient, minutes, pay and status, and totals that are the sum of the lines', async () => {
      const x = await rotaWorld(t);
      const xLead = await authOf(x.supervisor);
      const [p1, p2] = [await x.worker(), await x.worker()];
      const mon = await booked(x, p1, at(lastMonday, '10:00'));
      const tue = await booked(x, p1, at(addDays(lastMonday, 1), '10:00'));
      const wed = await booked(x, p2, at(addDays(lastMonday, 2), '10:00'));
      const thu = await booked(x, p2, at(addDays(lastMonday, 3), '10:00'));
      const unrecorded = await booked(x, p2, at(addDays(lastMonday, 4), '10:00'));
      await record(mon.id, xLead, attended(mon)).expect(201);
      await record(tue.id, xLead, { status: 'LATE', actualStartAt: at(addDays(lastMonday, 1), '10:15').toISOString(), actualEndAt: tue.endAt.toISOString() }).expect(201);
      await record(wed.id, xLead, { status: 'ABSENT', reason: 'Unwell' }).expect(201);
      await record(thu.id, xLead, attended(thu)).expect(201);
      await record(thu.id, xLead, { status: 'LEFT_EARLY', actualStartAt: thu.startAt.toISOString(), actualEndAt: at(addDays(lastMonday, 3), '12:20').toISOString() }).expect(201);

      const res = await t.http().get(`/api/enterprises/${x.enterprise.id}/timesheets/${lastMonday}`).set(xLead).expect(200);
      const sheet = res.body;
      expect(sheet).toMatchObject({ enterpriseId: x.enterprise.id, weekStartOn: lastMonday, weekEndOn: addDays(lastMonday, 6), status: 'OPEN' });
      expect(sheet.lines.map((l: Record<string, unknown>) => [l.assignmentId, l.patientName, l.attendanceStatus, l.minutesWorked, l.payPence])).toEqual([
        [mon.id, p1.displayName, 'ATTENDED', 180, 3000],
        [tue.id, p1.displayName, 'LATE', 165, 2750],
        [wed.id, p2.displayName, 'ABSENT', 0, 0],
        [thu.id, p2.displayName, 'LEFT_EARLY', 140, 2333],
        [unrecorded.id, p2.displayName, null, 0, 0],
      ]);
      const sum = (k: string) => sheet.lines.reduce((n: number, l: Record<string, number>) => n + l[k], 0);
      expect(sheet.totals).toEqual({ shifts: 5, minutesWorked: sum('minutesWorked'), payPence: sum('payPence'), unrecorded: 1 });
      expect(sheet.totals).toMatchObject({ minutesWorked: 485, payPence: 8083 });
      expect(sheet.patients).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ patientId: p1.id, shifts: 2, minutesWorked: 345, payPence: 5750 }),
          expect.objectContaining({ patientId: p2.id, shifts: 3, minutesWorked: 140, payPence: 2333 }),
        ]),
      );
      const reads = await t.uow.read((em) => em.countBy(AuditEvent, { action: 'timesheet.read', patientId: p1.id }));
      expect(reads).toBeGreaterThanOrEqual(1);

      // approval waits until every shift has attendance
      const missing = await t.http().post(`/api/enterprises/${x.enterprise.id}/timesheets/${lastMonday}/approve`).set(xLead).expect(409);
      expect(missing.body).toMatchObject({ code: 'ATTENDANCE_MISSING', details: [expect.objectContaining({ assignmentId: unrecorded.id })] });
    });

    it('approves a week once: freezes its lines in one go, then refuses attendance changes (409 TIMESHEET_APPROVED) and a second approval (409 ALREADY_APPROVED)', async () => {
      const x = await rotaWorld(t);
      const xLead = await authOf(x.supervisor);
      const p = await x.worker();
      const a1 = await booked(x, p, at(lastMonday, '10:00'));
      const a2 = await booked(x, p, at(addDays(lastMonday, 6), '10:00'), 120);
      await record(a1.id, xLead, attended(a1)).expect(201);
      await record(a2.id, xLead, attended(a2)).expect(201);
      const approved = await t.http().post(`/api/enterprises/${x.enterprise.id}/timesheets/${lastMonday}/approve`).set(xLead).expect(201);
      expect(approved.body).toMatchObject({ status: 'APPROVED', approvedByName: x.supervisor.displayName, totals: { shifts: 2, minutesWorked: 300, payPence: 5000, unrecorded: 0 } });

      const rows = await t.uow.read(async (em) => {
        const ts = await em.findOneByOrFail(Timesheet, { enterpriseId: x.enterprise.id, weekStartOn: lastMonday });
        return { ts, lines: await em.findBy(TimesheetLine, { timesheetId: ts.id }) };
      });
      expect(rows.ts).toMatchObject({ status: 'APPROVED', totalMinutes: 300, totalPayPence: 5000, approvedByUserId: x.supervisor.id });
      expect(rows.lines.map((l) => [l.assignmentId, l.attendanceStatus, l.minutesWorked, l.hourlyRatePence, l.payPence]).sort()).toEqual(
        [
          [a1.id, 'ATTENDED', 180, 1000, 3000],
          [a2.id, 'ATTENDED', 120, 1000, 2000],
        ].sort(),
      );
      expect(rows.lines.reduce((n, l) => n + l.payPence, 0)).toBe(rows.ts.totalPayPence);

      const frozen = await record(a1.id, xLead, { status: 'ABSENT', reason: 'Too late to change' }).expect(409);
      expect(frozen.body.code).toBe('TIMESHEET_APPROVED');
      const wardStaff = await t.make.caller('WARD_STAFF', { wardIds: [x.ward.id] });
      expect((await record(a2.id, wardStaff.auth, { status: 'ABSENT', reason: 'Too late to change' }).expect(409)).body.code).toBe('TIMESHEET_APPROVED');
      expect((await t.http().post(`/api/enterprises/${x.enterprise.id}/timesheets/${lastMonday}/approve`).set(xLead).expect(409)).body.code).toBe('ALREADY_APPROVED');
      await expect(t.uow.run((em) => em.query(`UPDATE timesheet_lines SET "payPence" = 1 WHERE "timesheetId" = '${rows.ts.id}'`))).rejects.toThrow(/APPEND_ONLY/);

      const after = await t.http().get(`/api/enterprises/${x.enterprise.id}/timesheets/${lastMonday}`).set(xLead).expect(200);
      expect(after.body).toMatchObject({ status: 'APPROVED', timesheetId: rows.ts.id, totals: { payPence: 5000 } });
      expect((await t.http().get(`/api/assignments/${a1.id}/attendance`).set(xLead).expect(200)).body.frozen).toBe(true);
    });

    it('refuses to approve a week that is not over (409 WEEK_NOT_OVER) and a week given by another day than Monday (422)', async () => {
      const thisMonday = weekOf(today);
      expect((await t.http().post(`/api/enterprises/${w.enterprise.id}/timesheets/${thisMonday}/approve`).set(lead).expect(409)).body.code).toBe('WEEK_NOT_OVER');
      const tuesday = addDays(lastMonday, 1);
      expect((await t.http().get(`/api/enterprises/${w.enterprise.id}/timesheets/${tuesday}`).set(lead).expect(422)).body.code).toBe('VALIDATION_FAILED');
      await t.http().post(`/api/enterprises/${w.enterprise.id}/timesheets/${tuesday}/approve`).set(lead).expect(422);
      await t.http().get(`/api/enterprises/${w.enterprise.id}/timesheets/not-a-date`).set(lead).expect(422);
      await t.http().get(`/api/enterprises/${w.enterprise.id}/timesheets/2026-02-30`).set(lead).expect(422);
    });

    it('lets only the enterprise’s leads and admins read, and only its leads approve', async () => {
      const other = await rotaWorld(t);
      await t.http().get(`/api/enterprises/${w.enterprise.id}/timesheets/${lastMonday}`).set(await authOf(other.supervisor)).expect(403);
      await t.http().post(`/api/enterprises/${w.enterprise.id}/timesheets/${lastMonday}/approve`).set(await authOf(other.supervisor)).expect(403);
      await t.http().get(`/api/enterprises/${w.enterprise.id}/timesheets/${lastMonday}`).set(w.ot.auth).expect(403);
      const admin = await t.make.caller('ADMIN');
      await t.http().get(`/api/enterprises/${w.enterprise.id}/timesheets/${lastMonday}`).set(admin.auth).expect(200);
      await t.http().post(`/api/enterprises/${w.enterprise.id}/timesheets/${lastMonday}/approve`).set(admin.auth).expect(403);
      await t.http().get(`/api/enterprises/${newId()}/timesheets/${lastMonday}`).set(admin.auth).expect(404);
    });

    it('exports the week as CSV: header row, pay in pounds, commas and quotes escaped, formulas defused; an audited read', async () => {
      const x = await rotaWorld(t, { rate: 1001 });
      const xLead = await authOf(x.supervisor);
      const p1 = await x.worker();
      const p2 = await x.worker();
      await t.uow.run(async (em) => {
        await em.update(Patient, { id: p1.id }, { displayName: 'O"Brien, Pat' });
        await em.update(Patient, { id: p2.id }, { displayName: '=cmd|calc' });
      });
      const a1 = await booked(x, p1, at(lastMonday, '10:00'));
      const a2 = await booked(x, p2, at(addDays(lastMonday, 1), '10:00'));
      await record(a1.id, xLead, attended(a1)).expect(201);
      await record(a2.id, xLead, { status: 'CANCELLED', reasonCode: 'ENTERPRISE_CLOSED' }).expect(201);
      const res = await t.http().get(`/api/enterprises/${x.enterprise.id}/timesheets/${lastMonday}.csv`).set(xLead).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(new RegExp(`attachment; filename="timesheet-.*-${lastMonday}-draft\\.csv"`));
      const text = res.text;
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.split('\r\n')).toEqual([
        'Patient name,Hospital number,Date,Role,Attendance,Minutes,Pay (pounds)',
        `"O""Brien, Pat",${p1.hospitalNumber},${lastMonday},Barista,ATTENDED,180,30.03`,
        `'=cmd|calc,${p2.hospitalNumber},${addDays(lastMonday, 1)},Barista,CANCELLED,0,0.00`,
        '',
      ]);
      const exports = await t.uow.read((em) => em.findBy(AuditEvent, { action: 'timesheet.export' }));
      expect(exports.map((e) => e.patientId)).toEqual(expect.arrayContaining([p1.id, p2.id]));
      await t.http().get(`/api/enterprises/${x.enterprise.id}/timesheets/${addDays(lastMonday, 2)}.csv`).set(xLead).expect(422);
      await t.http().get(`/api/enterprises/${x.enterprise.id}/timesheets/${lastMonday}.csv`).set(lead).expect(403);
    });
  });

  describe('under concurrent requests', () => {
    it('keeps corrections a single chain and approval all-or-nothing when they race', async () => {
      const x = await rotaWorld(t);
      const xLead = await authOf(x.supervisor);
      const a = await booked(x, await x.worker(), at(lastMonday, '10:00'));
      const corrections = Array.from({ length: 8 }, (_, i) => record(a.id, xLead, attended(a, a.startAt, new Date(a.endAt.getTime() - i * 60_000))));
      const approvals = Array.from({ length: 4 }, () => t.http().post(`/api/enterprises/${x.enterprise.id}/timesheets/${lastMonday}/approve`).set(xLead));
      const results = await Promise.all([...corrections, ...approvals]);
      const recorded = results.slice(0, 8).filter((r) => r.status === 201);
      const approved = results.slice(8).filter((r) => r.status === 201);
      expect(results.slice(0, 8).filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.code === 'TIMESHEET_APPROVED')).toBe(true);
      expect(results.slice(8).filter((r) => r.status !== 201).every((r) => r.status === 409 && ['ALREADY_APPROVED', 'ATTENDANCE_MISSING'].includes(r.body.code))).toBe(true);
      expect(approved.length).toBeLessThanOrEqual(1);

      const records = await t.uow.read((em) => em.findBy(AttendanceRecord, { assignmentId: a.id }));
      expect(records).toHaveLength(recorded.length);
      // one chain: every record but the first supersedes a different earlier one, and exactly one is current
      const superseded = records.map((r) => r.supersedesId).filter(Boolean);
      expect(new Set(superseded).size).toBe(superseded.length);
      expect(records.filter((r) => r.supersedesId === null)).toHaveLength(records.length ? 1 : 0);
      const head = records.filter((r) => !superseded.includes(r.id));
      expect(head).toHaveLength(records.length ? 1 : 0);
      if (approved.length) {
        // the frozen line is the record that is current now: nothing was recorded after approval
        const line = await t.uow.read((em) => em.findOneByOrFail(TimesheetLine, { assignmentId: a.id }));
        expect(line.attendanceRecordId).toBe(head[0].id);
      }
    });
  });

  describe('iCalendar feeds', () => {
    const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

    it('gives a patient their own shifts, named by the enterprise’s reference name, in UTC, with CRLF and folded lines', async () => {
      const p = await w.worker();
      await t.uow.run((em) => em.update(Patient, { id: p.id }, { displayName: 'Ics Patient' }));
      const a = await booked(w, p, at(yesterday, '10:00'));
      const future = await booked(w, p, at(addDays(today, 2), '10:00'));
      const stranger = await booked(w, await w.worker(), at(addDays(today, 2), '14:00'));
      const me = await t.make.caller('PATIENT', { patientId: p.id });
      const res = await t.http().get('/api/me/shifts.ics').set(me.auth).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      const ics = res.text;
      expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
      expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      const body = unfold(ics);
      expect(body).toContain(`UID:assignment-${a.id}@wardworks`);
      expect(body).toContain(`UID:assignment-${future.id}@wardworks`);
      expect(body).not.toContain(stranger.id);
      expect(body).toContain(`DTSTART:${a.startAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')}`);
      expect(body).toMatch(/DTEND:\d{8}T\d{6}Z/);
      expect(body).toContain('SUMMARY:Barista at Community Café');
      expect(body).not.toContain(w.enterprise.name);
      expect((body.match(/BEGIN:VEVENT/g) ?? []).length).toBe(2);
      // another patient's feed holds none of these shifts
      const other = await t.make.caller('PATIENT', { patientId: (await w.worker()).id });
      const theirs = await t.http().get('/api/me/shifts.ics').set(other.auth).expect(200);
      expect(theirs.text).not.toContain(a.id);
      expect(theirs.text).not.toContain('BEGIN:VEVENT');
      // and a patient cannot read an enterprise's rota feed
      await t.http().get(`/api/enterprises/${w.enterprise.id}/rota.ics`).set(me.auth).expect(403);
    });

    it('gives staff an enterprise’s rota with booking counts and never a patient’s name', async () => {
      const x = await rotaWorld(t);
      const p = await x.worker();
      await t.uow.run((em) => em.update(Patient, { id: p.id }, { displayName: 'Secret Name' }));
      const a = await booked(x, p, at(addDays(today, 1), '10:00'));
      const res = await t.http().get(`/api/enterprises/${x.enterprise.id}/rota.ics`).set(x.ot.auth).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      const body = unfold(res.text);
      expect(body).toContain(`UID:shift-${a.shiftId}@wardworks`);
      expect(body).toContain(`SUMMARY:Barista\\, ${x.enterprise.name} (1/4 booked)`);
      expect(body).toContain('Booked: 1 of 4 places (3 free)');
      expect(body).not.toContain('Secret Name');
      expect(body).not.toContain(p.hospitalNumber);
      expect(body).not.toContain(p.id);
      const wardStaff = await t.make.caller('WARD_STAFF', { wardIds: [x.ward.id] });
      await t.http().get(`/api/enterprises/${x.enterprise.id}/rota.ics`).set(wardStaff.auth).expect(200);
      await t.http().get(`/api/enterprises/${newId()}/rota.ics`).set(wardStaff.auth).expect(404);
    });
  });
});
