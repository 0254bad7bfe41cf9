import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { Patient } from '../src/patients/patient.entity';
import { Placement } from '../src/recruitment/placement.entity';
import { londonInstant } from '../src/recruitment/london-time';
import { Assignment } from '../src/rota/assignment.entity';
import { AttendanceRecord } from '../src/rota/attendance-record.entity';
import { weekOf } from '../src/rota/attendance/attendance-rules';
import { Timesheet } from '../src/rota/timesheet.entity';
import { minutesBetween, payPence, weekStartOn } from '../src/rota/time-rules';
import type { LeaveLevel } from '../src/patients/leave';
import { rotaWorld } from './support/rota-fixtures';
import { createTestApp, TestApp } from './support/test-app';

type World = Awaited<ReturnType<typeof rotaWorld>>;

const today = londonDate();
const yesterday = addDays(today, -1);
const lastMonday = addDays(weekOf(today), -7);
const at = (date: string, time: string) => londonInstant(date, time)!;

describe('attendance pages: attendance, timesheets, today on my ward, my week', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await rotaWorld(t);
  });
  afterAll(() => t.close());

  async function named(world: World, displayName: string, leave?: LeaveLevel): Promise<Patient> {
    const p = await world.worker(leave ? { leave } : {});
    await t.uow.run((em) => em.update(Patient, { id: p.id }, { displayName }));
    return { ...p, displayName };
  }

  /** A booking inserted directly (past shifts cannot be booked through the rota). */
  async function booked(world: World, patient: Patient, startAt: Date, minutes = 180, escorts: string[] = []): Promise<Assignment> {
    const shift = await world.shift({ startAt, hours: minutes / 60, escorts });
    const placement = await t.uow.read((em) => em.findOneByOrFail(Placement, { patientId: patient.id, workRoleId: world.role.id }));
    const now = new Date();
    const planned = minutesBetween(shift.startAt, shift.endAt);
    const a = { id: newId(), shiftId: shift.id, patientId: patient.id, placementId: placement.id, startAt: shift.startAt, endAt: shift.endAt, weekStartOn: weekStartOn(shift.startAt), plannedMinutes: planned, plannedPayPence: payPence(planned, world.role.hourlyRatePence), status: 'BOOKED', liveKey: 'L', reviewReasons: [], overrideReason: null, overriddenCodes: [], overriddenByUserId: null, createdByUserId: world.ot.user.id, createdAt: now, updatedAt: now, cancelReason: null, cancelledAt: null } as Assignment;
    await t.uow.run((em) => em.insert(Assignment, a));
    return a;
  }

  const recordsOf = (assignmentId: string) => t.uow.read((em) => em.find(AttendanceRecord, { where: { assignmentId }, order: { recordedAt: 'ASC' } }));

  it('shows a lead the day’s shifts and records “attended as planned” with one button', async () => {
    const p = await named(w, 'Quick Button');
    const a = await booked(w, p, at(yesterday, '10:00'));
    const b = await t.make.browser(w.supervisor);
    const page = await b.get(`/attendance?date=${yesterday}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>');
    expect(page.text).toContain('Quick Button');
    expect(page.text).toContain(`action="/attendance/assignments/${a.id}/as-planned"`);
    expect(page.text).toContain('Attended as planned');
    const res = await b.post(`/attendance/assignments/${a.id}/as-planned`, { date: yesterday });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/attendance?date=${yesterday}&done=recorded`);
    const after = await b.get(res.headers.location);
    expect(after.text).toContain('Attendance recorded');
    expect(after.text).toContain('Attended, 10:00 to 13:00');
    expect(await recordsOf(a.id)).toEqual([expect.objectContaining({ status: 'ATTENDED', minutesWorked: 180, payPence: 3000, recordedByUserId: w.supervisor.id })]);
  });

  it('re-renders the attendance form with an error summary, then records a correction that keeps the earlier record', async () => {
    const p = await named(w, 'Form Person');
    const a = await booked(w, p, at(yesterday, '10:00'));
    const b = await t.make.browser(w.supervisor);
    await b.post(`/attendance/assignments/${a.id}/as-planned`, { date: yesterday });

    const form = await b.get(`/attendance/assignments/${a.id}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Record attendance');
    expect(form.text).toContain('Form Person');
    expect(form.text).toContain('name="_csrf"');

    const empty = await b.post(`/attendance/assignments/${a.id}`, { actualStartAt: '10:00' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('There is a problem');
    expect(empty.text).toContain('href="#status"');
    expect(empty.text).toContain('Choose what happened');

    const badTime = await b.post(`/attendance/assignments/${a.id}`, { status: 'LATE', actualStartAt: 'ten past', actualEndAt: '13:00' });
    expect(badTime.status).toBe(422);
    expect(badTime.text).toContain('Enter the start time as hours and minutes');
    expect(badTime.text).toContain('value="ten past"');

    const noReason = await b.post(`/attendance/assignments/${a.id}`, { status: 'ABSENT', actualStartAt: '10:00', actualEndAt: '13:00', reason: '' });
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('Say why the patient was absent');
    expect(noReason.text).toContain('href="#reason"');

    const notLate = await b.post(`/attendance/assignments/${a.id}`, { status: 'LATE', actualStartAt: '10:00', actualEndAt: '13:00' });
    expect(notLate.status).toBe(422);
    expect(notLate.text).toContain('Late means starting after the planned start');

    const ok = await b.post(`/attendance/assignments/${a.id}`, { status: 'LATE', actualStartAt: '10:20', actualEndAt: '13:00', reason: 'Ward round' });
    expect(ok.status).toBe(303);
    const records = await recordsOf(a.id);
    expect(records.map((r) => [r.status, r.minutesWorked, r.payPence])).toEqual([
      ['ATTENDED', 180, 3000],
      ['LATE', 160, 2667],
    ]);
    expect(records[1].supersedesId).toBe(records[0].id);
    const history = await b.get(`/attendance/assignments/${a.id}`);
    expect(history.text).toContain('Corrected');
    expect(history.text).toContain('Current');

    const cancelled = await b.post(`/attendance/assignments/${a.id}`, { status: 'CANCELLED', reasonCode: 'WARD_ROUND', actualStartAt: '10:00', actualEndAt: '13:00' });
    expect(cancelled.status).toBe(303);
    expect((await recordsOf(a.id)).at(-1)).toMatchObject({ status: 'CANCELLED', reasonCode: 'WARD_ROUND', actualStartAt: null, payPence: 0 });
  });

  it('refuses attendance before the shift’s day on the form, and a form post without the CSRF token', async () => {
    const p = await w.worker();
    const s = await w.shift({ startAt: at(addDays(today, 2), '10:00') });
    const booking = await t.http().post(`/api/shifts/${s.id}/assignments`).set(w.ot.auth).send({ patientId: p.id }).expect(201);
    const b = await t.make.browser(w.supervisor);
    await b.get(`/attendance/assignments/${booking.body.id}`);
    const res = await b.post(`/attendance/assignments/${booking.body.id}`, { status: 'ABSENT', reason: 'Appointment' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('You can record attendance from the day of the shift');
    const forged = await b.post(`/attendance/assignments/${booking.body.id}`, { status: 'ABSENT', reason: 'Appointment' }, { csrf: false });
    expect(forged.status).toBe(403);
    expect(await recordsOf(booking.body.id)).toEqual([]);
  });

  it('answers 404 to ward staff for a patient on another ward, and shows them only their wards’ patients', async () => {
    const mine = await named(w, 'On My Ward');
    const a = await booked(w, mine, at(yesterday, '14:00'));
    const elsewhere = await t.make.patient({ displayName: 'Elsewhere Person' });
    await t.uow.run((em) => em.insert(Placement, { id: newId(), patientId: elsewhere.id, workRoleId: w.role.id, applicationId: null, startOn: addDays(today, -30), endOn: null, status: 'ACTIVE', activeKey: 'A', endReason: null, endNote: null, createdByUserId: w.ot.user.id, createdAt: new Date(), updatedAt: new Date() }));
    const theirs = await booked(w, elsewhere, at(yesterday, '14:00'));
    const staff = await t.make.user('WARD_STAFF', { wardIds: [w.ward.id] });
    const b = await t.make.browser(staff);
    const page = await b.get(`/attendance?date=${yesterday}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('On My Ward');
    expect(page.text).not.toContain('Elsewhere Person');
    expect((await b.get(`/attendance/assignments/${theirs.id}`)).status).toBe(404);
    const refused = await b.post(`/attendance/assignments/${theirs.id}`, { status: 'ABSENT', reason: 'Not mine' });
    expect(refused.status).toBe(404);
    expect((await b.post(`/attendance/assignments/${a.id}`, { status: 'ABSENT', reason: 'Unwell' })).status).toBe(303);
    expect(await recordsOf(theirs.id)).toEqual([]);
  });

  it('shows ward staff today’s shifts on their wards: who, where, when, whether an escort is needed and who it is', async () => {
    const x = await rotaWorld(t);
    const escorted = await named(x, 'Needs Escort', 'ESCORTED_GROUNDS');
    const free = await named(x, 'Goes Alone', 'UNESCORTED_GROUNDS');
    await booked(x, escorted, at(today, '14:00'), 120, [x.escort.id]);
    await booked(x, free, at(today, '15:00'), 60);
    await booked(x, await named(x, 'Tomorrow Person'), at(addDays(today, 1), '10:00'));
    const staff = await t.make.user('WARD_STAFF', { wardIds: [x.ward.id] });
    const b = await t.make.browser(staff);
    const page = await b.get('/ward/today');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Today on my ward');
    expect(page.text).toContain('Needs Escort');
    expect(page.text).toContain('Goes Alone');
    expect(page.text).not.toContain('Tomorrow Person');
    expect(page.text).toContain('14:00 to 16:00');
    expect(page.text).toContain(x.enterprise.name);
    const row = (name: string) => page.text.slice(page.text.indexOf(name), page.text.indexOf('</tr>', page.text.indexOf(name)));
    expect(row('Needs Escort')).toMatch(/nhsuk-tag--orange">\s*Yes\s*</);
    expect(row('Needs Escort')).toContain(x.escort.displayName);
    expect(row('Goes Alone')).toContain('Not needed');
    expect(page.text).toContain('2 shifts today; 1 needs an escort.');

    const otherStaff = await t.make.user('WARD_STAFF', { wardIds: [(await t.make.ward()).id] });
    const other = await (await t.make.browser(otherStaff)).get('/ward/today');
    expect(other.text).not.toContain('Needs Escort');
    expect(other.text).toContain('No patients on your wards have a shift today.');
  });

  it('shows a patient their week: shifts by reference name with their supervisor, hours and earnings against their limits, past weeks and the calendar link', async () => {
    const x = await rotaWorld(t);
    const p = await named(x, 'Myweek Patient');
    const thisWeek = weekOf(today);
    const mine = await booked(x, p, at(addDays(thisWeek, 6), '10:00'));
    const past = await booked(x, p, at(lastMonday, '10:00'));
    await t.http().post(`/api/assignments/${past.id}/attendance`).set({ Authorization: `Bearer ${await t.make.token(x.supervisor.username)}` }).send({ status: 'LATE', actualStartAt: at(lastMonday, '11:00').toISOString(), actualEndAt: past.endAt.toISOString() }).expect(201);
    const user = await t.make.user('PATIENT', { patientId: p.id });
    const b = await t.make.browser(user);
    const page = await b.get('/my/week');
    expect(page.status).toBe(200);
    expect(page.text).toContain('My week');
    expect(page.text).toContain('Barista at Community Café');
    expect(page.text).not.toContain(x.enterprise.name);
    expect(page.text).toContain(x.supervisor.displayName);
    expect(page.text).toContain('10:00 to 13:00');
    expect(page.text).toContain('£30.00');
    expect(page.text).toContain('Your hours are within your limit of 15 hours 59 minutes a week (12 hours 59 minutes to spare).');
    expect(page.text).toContain('Your earnings are within your limit of £195.50 a week (£165.50 to spare).');
    expect(page.text).toContain('href="/api/me/shifts.ics"');
    // last week, from attendance: 2 hours late start, £20.00
    const pastRow = page.text.slice(page.text.indexOf('Past weeks'));
    expect(pastRow).toContain('1 of 1');
    expect(pastRow).toContain('2 hours');
    expect(pastRow).toContain('£20.00');
    expect(mine.weekStartOn).toBe(thisWeek);
    const ics = await b.get('/api/me/shifts.ics');
    expect(ics.status).toBe(200);
    expect(ics.text).toContain(`UID:assignment-${mine.id}@wardworks`);
    // staff pages are not for patients
    expect((await b.get('/attendance')).status).toBe(403);
    expect((await b.get('/ward/today')).status).toBe(403);
  });

  it('shows a lead the week’s timesheet with totals and a CSV link, approves it through the form, and refuses a second approval with an error summary', async () => {
    const x = await rotaWorld(t);
    const p = await named(x, 'Timesheet Person');
    const a1 = await booked(x, p, at(lastMonday, '10:00'));
    const a2 = await booked(x, p, at(addDays(lastMonday, 2), '10:00'), 60);
    const b = await t.make.browser(x.supervisor);
    await b.post(`/attendance/assignments/${a1.id}/as-planned`, { date: lastMonday });

    const open = await b.get(`/attendance/timesheets?enterpriseId=${x.enterprise.id}&week=${lastMonday}`);
    expect(open.status).toBe(200);
    expect(open.text).toContain('Timesheet Person');
    expect(open.text).toContain('Not approved yet');
    expect(open.text).toContain(`href="/api/enterprises/${x.enterprise.id}/timesheets/${lastMonday}.csv"`);
    expect(open.text).toContain('Record attendance for every shift before you approve the week.');
    expect(open.text).not.toContain('Approve timesheet');

    // a stale page (or a crafted post) is still refused
    const missing = await b.post('/attendance/timesheets/approve', { enterpriseId: x.enterprise.id, weekStartOn: lastMonday });
    expect(missing.status).toBe(409);
    expect(missing.text).toContain('There is a problem');
    expect(missing.text).toContain('Record attendance for every shift first');

    await b.post(`/attendance/assignments/${a2.id}/as-planned`, { date: addDays(lastMonday, 2) });
    expect((await b.get(`/attendance/timesheets?enterpriseId=${x.enterprise.id}&week=${lastMonday}`)).text).toContain('Approve timesheet');
    const approved = await b.post('/attendance/timesheets/approve', { enterpriseId: x.enterprise.id, weekStartOn: lastMonday });
    expect(approved.status).toBe(303);
    const after = await b.get(approved.headers.location);
    expect(after.text).toContain('Timesheet approved');
    expect(after.text).toContain('£40.00');
    expect(after.text).not.toContain('Approve timesheet');
    expect(await t.uow.read((em) => em.countBy(Timesheet, { enterpriseId: x.enterprise.id, weekStartOn: lastMonday }))).toBe(1);

    const twice = await b.post('/attendance/timesheets/approve', { enterpriseId: x.enterprise.id, weekStartOn: lastMonday });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('already approved');

    // the week is frozen on the attendance page too
    const day = await b.get(`/attendance?date=${lastMonday}`);
    expect(day.text).toContain('timesheet is approved');
    expect(day.text).not.toContain(`/attendance/assignments/${a1.id}/as-planned`);
    const csv = await b.get(`/api/enterprises/${x.enterprise.id}/timesheets/${lastMonday}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Timesheet Person');
  });
});
