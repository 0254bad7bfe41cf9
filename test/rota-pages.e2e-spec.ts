import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { BenefitsLimit } from '../src/patients/benefits-limit.entity';
import { WorkRestriction } from '../src/patients/work-restriction.entity';
import { Placement } from '../src/recruitment/placement.entity';
import { londonInstant, londonTimeOfDay } from '../src/recruitment/london-time';
import { Assignment } from '../src/rota/assignment.entity';
import { Shift } from '../src/rota/shift.entity';
import { weekStartOn } from '../src/rota/time-rules';
import type { Browser } from './support/factories';
import { rotaWorld } from './support/rota-fixtures';
import { createTestApp, TestApp } from './support/test-app';

describe('rota pages: board, booking panel, forms and needs review', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof rotaWorld>>;
  let ot: Browser;

  beforeAll(async () => {
    t = await createTestApp();
    w = await rotaWorld(t);
    ot = await t.make.browser(w.ot.user);
  });
  afterAll(() => t.close());

  const assignmentsOf = (patientId: string) => t.uow.read((em) => em.find(Assignment, { where: { patientId } }));
  const bookViaApi = (shiftId: string, patientId: string) => t.http().post(`/api/shifts/${shiftId}/assignments`).set(w.ot.auth).send({ patientId }).expect(201);
  /** The part of a page between two headings, so a test can say which list a patient is in. */
  const section = (html: string, from: string, to?: string) => {
    const start = html.indexOf(from);
    expect(start).toBeGreaterThanOrEqual(0);
    const end = to ? html.indexOf(to, start) : -1;
    return html.slice(start, end > start ? end : undefined);
  };

  it('shows the week grid with the shift in UK time, who is booked and the free places', async () => {
    const booked = await w.worker();
    const s = await w.shift({ capacity: 4 });
    await bookViaApi(s.id, booked.id);
    const page = await ot.get(`/rota?enterpriseId=${w.enterprise.id}&week=${londonDate(s.startAt)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<h1><span class="nhsuk-caption-l">Week beginning`);
    expect(page.text).toMatch(/<caption class="nhsuk-table__caption">[^<]*shifts from/);
    expect(page.text).toContain('<th scope="col" class="nhsuk-table__header">Free places</th>');
    expect(page.text).toContain(`href="/rota/shifts/${s.id}"`);
    expect(page.text).toContain(`${londonTimeOfDay(s.startAt)} to ${londonTimeOfDay(s.endAt)}`);
    expect(page.text).toContain('1 of 4');
    expect(page.text).toContain(booked.displayName);
    // the seven days of the week are row headers, empty days say so
    expect(page.text.match(/<th scope="row"/g)!.length).toBeGreaterThanOrEqual(7);
    expect(page.text).toContain('No shifts');
    // previous and next week links keep the enterprise
    const monday = weekStartOn(s.startAt);
    expect(page.text).toContain(`/rota?enterpriseId=${w.enterprise.id}&amp;week=${addDays(monday, 7)}`);
    expect(page.text).toContain(`/rota?enterpriseId=${w.enterprise.id}&amp;week=${addDays(monday, -7)}`);
  });

  it('books an eligible patient through the form (303) and lists the booking', async () => {
    const p = await w.worker();
    const s = await w.shift();
    const page = await ot.get(`/rota/shifts/${s.id}`);
    expect(page.status).toBe(200);
    expect(section(page.text, '<h3>Can be booked</h3>', '<h3>Cannot be booked</h3>')).toContain(p.displayName);
    const res = await ot.post(`/rota/shifts/${s.id}/book`, { patientId: p.id });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/rota/shifts/${s.id}?done=booked`);
    expect(await assignmentsOf(p.id)).toEqual([expect.objectContaining({ shiftId: s.id, status: 'BOOKED', overrideReason: null })]);
    const after = await ot.get(res.headers.location);
    expect(after.text).toContain('Patient booked');
    expect(section(after.text, 'id="booked"', 'id="booking"')).toContain(p.displayName);
  });

  it('re-renders a refused booking with the reasons in plain English and writes nothing', async () => {
    const p = await w.worker();
    await t.http().post(`/api/patients/${p.id}/leave/suspend`).set(w.ot.auth).send({ reason: 'incident on the ward', effectiveFrom: londonDate() }).expect(201);
    const s = await w.shift();
    await ot.get(`/rota/shifts/${s.id}`);
    const res = await ot.post(`/rota/shifts/${s.id}/book`, { patientId: p.id });
    expect(res.status).toBe(409);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain(`${p.displayName} cannot be booked: Leave is suspended (incident on the ward)`);
    expect(res.text).toContain(`href="#patient-${p.id}"`);
    expect(await assignmentsOf(p.id)).toEqual([]);
  });

  it('lists eligible patients with a Book button and ineligible ones with every reason', async () => {
    const ok = await w.worker();
    const wardOnly = await w.worker({ leave: null });
    const escorted = await w.worker({ leave: 'ESCORTED_GROUNDS' });
    const restricted = await w.worker();
    await t.uow.run((em) => em.insert(WorkRestriction, { id: newId(), patientId: restricted.id, restriction: 'NO_CASH_HANDLING', effectiveFrom: addDays(londonDate(), -1), effectiveUntil: null, reason: 'test', setByUserId: w.ot.user.id, createdAt: new Date(), liftedOn: null, liftedByUserId: null, liftReason: null }));
    const s = await w.shift();
    const page = await ot.get(`/rota/shifts/${s.id}`);
    const can = section(page.text, '<h3>Can be booked</h3>', '<h3>Cannot be booked</h3>');
    const cannot = section(page.text, '<h3>Cannot be booked</h3>', 'id="staff"');
    expect(can).toContain(ok.displayName);
    expect(can).toContain(`<input type="hidden" name="patientId" value="${ok.id}">`);
    for (const p of [wardOnly, escorted, restricted]) expect(can).not.toContain(p.displayName);
    expect(cannot).toContain(wardOnly.displayName);
    expect(cannot).toContain('Ward only (no leave) on that date');
    expect(cannot).toContain('Escorted grounds leave: name an escort on the shift');
    expect(cannot).toContain('No cash handling, and the role involves cash');
    // no override is offered for rules other than the caps
    expect(cannot).not.toContain('Book with override');
  });

  it('offers an OT the cap override with a reason, books with the reason recorded, never silently', async () => {
    const p = await w.worker();
    await t.uow.run((em) => em.insert(BenefitsLimit, { id: newId(), patientId: p.id, mode: 'CUSTOM', weeklyEarningsCapPence: null, weeklyHoursCapMinutes: 120, effectiveFrom: addDays(londonDate(), -1), note: null, recordedByUserId: w.ot.user.id, recordedAt: new Date() }));
    const s = await w.shift();
    const page = await ot.get(`/rota/shifts/${s.id}`);
    const cannot = section(page.text, '<h3>Cannot be booked</h3>', 'id="staff"');
    expect(cannot).toContain('This week would be 3h, over the 2h limit');
    expect(cannot).toContain(`id="override-reason-${p.id}"`);

    const noReason = await ot.post(`/rota/shifts/${s.id}/book`, { patientId: p.id, override: 'yes', overrideReason: ' ' });
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('Give the reason for going over the limit');
    expect(await assignmentsOf(p.id)).toEqual([]);

    const res = await ot.post(`/rota/shifts/${s.id}/book`, { patientId: p.id, override: 'yes', overrideReason: 'Benefits counselling: receives no benefits now' });
    expect(res.status).toBe(303);
    expect(await assignmentsOf(p.id)).toEqual([expect.objectContaining({ status: 'BOOKED', overrideReason: 'Benefits counselling: receives no benefits now', overriddenCodes: ['HOURS_CAP'], overriddenByUserId: w.ot.user.id })]);
    expect((await ot.get(`/rota/shifts/${s.id}`)).text).toContain('Weekly limit overridden: Benefits counselling: receives no benefits now');

    // an enterprise lead sees the reasons but is offered no override
    const other = await w.worker();
    await t.uow.run((em) => em.insert(BenefitsLimit, { id: newId(), patientId: other.id, mode: 'CUSTOM', weeklyEarningsCapPence: null, weeklyHoursCapMinutes: 120, effectiveFrom: addDays(londonDate(), -1), note: null, recordedByUserId: w.ot.user.id, recordedAt: new Date() }));
    const lead = await t.make.browser(w.supervisor);
    const leadPage = await lead.get(`/rota/shifts/${s.id}`);
    expect(leadPage.status).toBe(200);
    expect(section(leadPage.text, '<h3>Cannot be booked</h3>', 'id="staff"')).toContain(other.displayName);
    expect(leadPage.text).not.toContain('Book with override');
  });

  it('cancels a booking through the form, asking for a reason first', async () => {
    const p = await w.worker();
    const s = await w.shift();
    const a = (await bookViaApi(s.id, p.id)).body;
    await ot.get(`/rota/shifts/${s.id}`);
    const bad = await ot.post(`/rota/shifts/${s.id}/assignments/${a.id}/cancel`, { reason: '' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Give the reason for cancelling the booking');
    expect(bad.text).toContain(`id="cancel-reason-${a.id}"`);
    expect((await assignmentsOf(p.id))[0].status).toBe('BOOKED');
    const res = await ot.post(`/rota/shifts/${s.id}/assignments/${a.id}/cancel`, { reason: 'Ward round moved' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/rota/shifts/${s.id}?done=booking-cancelled`);
    expect(await assignmentsOf(p.id)).toEqual([expect.objectContaining({ status: 'CANCELLED', cancelReason: 'Ward round moved' })]);
  });

  it('lists a booking flagged after a leave suspension on the needs-review page and on the board', async () => {
    const p = await w.worker();
    const s = await w.shift();
    await bookViaApi(s.id, p.id);
    await t.http().post(`/api/patients/${p.id}/leave/suspend`).set(w.ot.auth).send({ reason: 'incident', effectiveFrom: londonDate() }).expect(201);
    const page = await ot.get('/rota/needs-review');
    expect(page.status).toBe(200);
    const row = section(page.text, p.displayName, '</tr>');
    expect(row).toContain(`href="/rota/shifts/${s.id}"`);
    expect(row).toContain('Barista');
    expect(row).toContain('Leave is suspended (incident)');
    const board = await ot.get(`/rota?enterpriseId=${w.enterprise.id}&week=${londonDate(s.startAt)}`);
    expect(board.text).toContain(`${p.displayName} (needs review)`);
    expect(board.text).toContain('1 needs review');
    const shiftPage = await ot.get(`/rota/shifts/${s.id}`);
    expect(section(shiftPage.text, 'id="booked"', 'id="booking"')).toContain('Needs review because:');
  });

  it('creates a shift from the form in UK time, re-rendering validation errors with a summary', async () => {
    const form = await ot.get('/rota/shifts/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain(`${w.enterprise.name}: Barista`);
    const bad = await ot.post('/rota/shifts/new', { workRoleId: '', date: '2026-13-40', startTime: '9am', endTime: '13:00', capacity: 'lots' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('There is a problem');
    expect(bad.text).toContain('Choose the work role');
    expect(bad.text).toContain('Enter the start time in 24-hour UK time');
    expect(bad.text).toContain('Enter the number of places as a whole number');
    expect(bad.text).toContain('value="9am"');

    const date = addDays(londonDate(), 9);
    const backwards = await ot.post('/rota/shifts/new', { workRoleId: w.role.id, date, startTime: '13:00', endTime: '10:00', capacity: '2' });
    expect(backwards.status).toBe(422);
    expect(backwards.text).toContain('href="#endTime"');

    const res = await ot.post('/rota/shifts/new', { workRoleId: w.role.id, date, startTime: '10:00', endTime: '12:30', capacity: '3', supervisorUserId: w.supervisor.id, escortUserIds: [w.escort.id], publish: 'yes' });
    expect(res.status).toBe(303);
    const id = /^\/rota\/shifts\/([0-9a-f-]{36})\?done=created$/.exec(res.headers.location)![1];
    const shift = await t.uow.read((em) => em.findOneByOrFail(Shift, { id }));
    expect(shift).toMatchObject({ workRoleId: w.role.id, capacity: 3, status: 'PUBLISHED', supervisorUserId: w.supervisor.id, escortUserIds: [w.escort.id] });
    expect(shift.startAt.toISOString()).toBe(londonInstant(date, '10:00')!.toISOString());
    expect(shift.endAt.toISOString()).toBe(londonInstant(date, '12:30')!.toISOString());
  });

  it('creates a weekly pattern of shifts from the form, re-rendering validation errors', async () => {
    await ot.get('/rota/patterns/new');
    const bad = await ot.post('/rota/patterns/new', { workRoleId: w.role.id, startTime: '10:00', endTime: '13:00', capacity: '2', fromOn: '2027-02-01', weeks: '30' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Choose at least one day of the week');
    expect(bad.text).toContain('Enter the number of weeks as a whole number from 1 to 26');
    expect(await t.uow.read((em) => em.count(Shift, { where: { workRoleId: w.role.id, startAt: londonInstant('2027-02-01', '10:00')! } }))).toBe(0);

    // Monday 1 February 2027: Mondays and Wednesdays for two weeks
    const res = await ot.post('/rota/patterns/new', { workRoleId: w.role.id, weekdays: ['1', '3'], startTime: '10:00', endTime: '13:00', capacity: '2', supervisorUserId: w.supervisor.id, fromOn: '2027-02-01', weeks: '2', publish: 'yes' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/rota?enterpriseId=${w.enterprise.id}&week=2027-02-01&created=4&skipped=0`);
    const shifts = await t.uow.read((em) => em.createQueryBuilder(Shift, 's').where('s.workRoleId = :r AND s.patternId IS NOT NULL', { r: w.role.id }).orderBy('s.startAt').getMany());
    expect(shifts.map((s) => londonDate(s.startAt))).toEqual(['2027-02-01', '2027-02-03', '2027-02-08', '2027-02-10']);
    expect(shifts.every((s) => s.status === 'PUBLISHED' && londonTimeOfDay(s.startAt) === '10:00')).toBe(true);
    const board = await ot.get(res.headers.location);
    expect(board.text).toContain('Created 4 shifts');
  });

  it('publishes a draft, names the supervisor and escorts, and cancels the shift through the forms', async () => {
    const date = addDays(londonDate(), 12);
    await ot.get('/rota/shifts/new');
    const created = await ot.post('/rota/shifts/new', { workRoleId: w.role.id, date, startTime: '14:00', endTime: '16:00', capacity: '2' });
    const path = created.headers.location.replace('?done=created', '');
    const shiftOf = () => t.uow.read((em) => em.findOneByOrFail(Shift, { id: path.split('/').pop()! }));
    expect((await shiftOf()).status).toBe('DRAFT');
    const page = await ot.get(path);
    expect(page.text).toContain('Publish shift');
    expect((await ot.post(`${path}/publish`, {})).status).toBe(303);
    expect((await shiftOf()).status).toBe('PUBLISHED');

    await ot.get(path);
    const badStaff = await ot.post(`${path}/staff`, { supervisorUserId: 'nobody' });
    expect(badStaff.status).toBe(422);
    expect(badStaff.text).toContain('Choose a supervisor from the list');
    expect((await ot.post(`${path}/staff`, { supervisorUserId: w.supervisor.id, escortUserIds: w.escort.id })).status).toBe(303);
    expect(await shiftOf()).toMatchObject({ supervisorUserId: w.supervisor.id, escortUserIds: [w.escort.id] });

    await ot.get(path);
    const noReason = await ot.post(`${path}/cancel`, { reason: '' });
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('Give the reason for cancelling the shift');
    expect((await ot.post(`${path}/cancel`, { reason: 'Ward incident' })).status).toBe(303);
    expect(await shiftOf()).toMatchObject({ status: 'CANCELLED', cancelReason: 'Ward incident' });
    expect((await ot.get(path)).text).toContain('This shift is cancelled');
  });

  it('refuses a form posted without the CSRF token', async () => {
    const p = await w.worker();
    const s = await w.shift();
    await ot.get(`/rota/shifts/${s.id}`);
    const res = await ot.post(`/rota/shifts/${s.id}/book`, { patientId: p.id }, { csrf: false });
    expect(res.status).toBe(403);
    expect(await assignmentsOf(p.id)).toEqual([]);
  });

  it('gives a patient 403 on the rota pages', async () => {
    const patient = await t.make.user('PATIENT');
    const b = await t.make.browser(patient);
    expect((await b.get('/rota')).status).toBe(403);
    expect((await b.get('/rota/needs-review')).status).toBe(403);
    expect((await b.get(`/rota/shifts/${(await w.shift()).id}`)).status).toBe(403);
  });

  it('shows an OT only patients on their wards in the booking panel, and cannot book others', async () => {
    const otherWard = await t.make.ward({ siteId: w.site.id });
    const stranger = await t.make.patient({ wardId: otherWard.id, displayName: 'Stranger On Another Ward' });
    await t.uow.run((em) => em.insert(Placement, { id: newId(), patientId: stranger.id, workRoleId: w.role.id, applicationId: null, startOn: addDays(londonDate(), -30), endOn: null, status: 'ACTIVE', activeKey: 'A', endReason: null, endNote: null, createdByUserId: w.ot.user.id, createdAt: new Date(), updatedAt: new Date() }));
    const mine = await w.worker();
    const s = await w.shift();
    const page = await ot.get(`/rota/shifts/${s.id}`);
    expect(page.text).toContain(mine.displayName);
    expect(page.text).not.toContain(stranger.displayName);
    const res = await ot.post(`/rota/shifts/${s.id}/book`, { patientId: stranger.id });
    expect(res.status).toBe(404);
    expect(await assignmentsOf(stranger.id)).toEqual([]);
  });
});
