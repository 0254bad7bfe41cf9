import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { BenefitsLimit } from '../src/patients/benefits-limit.entity';
import { WorkRestriction } from '../src/patients/work-restriction.entity';
import { londonInstant } from '../src/recruitment/london-time';
import { weekOf } from '../src/rota/attendance/attendance-rules';
import { Assignment } from '../src/rota/assignment.entity';
import { rotaWorld } from './support/rota-fixtures';
import { createTestApp, TestApp } from './support/test-app';

describe('rota: booking rules through the API', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof rotaWorld>>;
  const codesOf = (res: { body: { details?: { code: string }[] } }) => (res.body.details ?? []).map((d) => d.code);

  beforeAll(async () => {
    t = await createTestApp();
    w = await rotaWorld(t);
  });
  afterAll(() => t.close());

  const book = (shiftId: string, patientId: string, extra: Record<string, unknown> = {}) => t.http().post(`/api/shifts/${shiftId}/assignments`).set(w.ot.auth).send({ patientId, ...extra });

  it('books a patient who breaks no rule: 201 with the assignment', async () => {
    const p = await w.worker();
    const s = await w.shift();
    const res = await book(s.id, p.id).expect(201);
    expect(res.body).toMatchObject({ shiftId: s.id, patientId: p.id, status: 'BOOKED', plannedMinutes: 180, plannedPayPence: 3000 });
    const shift = await t.http().get(`/api/shifts/${s.id}`).set(w.ot.auth).expect(200);
    expect(shift.body.assignments).toEqual([expect.objectContaining({ patientId: p.id, status: 'BOOKED' })]);
    expect(shift.body).toMatchObject({ booked: 1, freePlaces: 3 });
  });

  it('refuses NO_PLACEMENT', async () => {
    const p = await w.worker({ placed: false });
    const res = await book((await w.shift()).id, p.id).expect(409);
    expect(res.body.code).toBe('BOOKING_REFUSED');
    expect(codesOf(res)).toEqual(['NO_PLACEMENT']);
  });

  it('refuses OVERLAP with a shift in another enterprise', async () => {
    const other = await rotaWorld(t);
    const p = await w.worker();
    // place the same patient in the other enterprise's role too
    await t.uow.run((em) => em.query(`INSERT INTO placements (id, "patientId", "workRoleId", "applicationId", "startOn", "endOn", status, "activeKey", "endReason", "endNote", "createdByUserId", "createdAt", "updatedAt") SELECT '${newId()}', "patientId", '${other.role.id}', NULL, "startOn", NULL, 'ACTIVE', 'A', NULL, NULL, "createdByUserId", "createdAt", "updatedAt" FROM placements WHERE "patientId" = '${p.id}'`));
    const s1 = await w.shift({ daysAhead: 40 });
    const s2 = await other.shift({ startAt: new Date(s1.startAt.getTime() + 3_600_000) });
    await book(s1.id, p.id).expect(201);
    const res = await t.http().post(`/api/shifts/${s2.id}/assignments`).set(w.ot.auth).send({ patientId: p.id }).expect(409);
    expect(codesOf(res)).toEqual(['OVERLAP']);
  });

  it('refuses LEAVE_INSUFFICIENT when leave is below the zone or suspended', async () => {
    const none = await w.worker({ leave: null });
    expect(codesOf(await book((await w.shift()).id, none.id).expect(409))).toEqual(['LEAVE_INSUFFICIENT']);
    const p = await w.worker();
    await t.http().post(`/api/patients/${p.id}/leave/suspend`).set(w.ot.auth).send({ reason: 'Incident', effectiveFrom: londonDate() }).expect(201);
    expect(codesOf(await book((await w.shift()).id, p.id).expect(409))).toEqual(['LEAVE_INSUFFICIENT']);
  });

  it('refuses ESCORT_REQUIRED for escorted leave without an escort, and books when one is named', async () => {
    const p = await w.worker({ leave: 'ESCORTED_GROUNDS' });
    expect(codesOf(await book((await w.shift()).id, p.id).expect(409))).toEqual(['ESCORT_REQUIRED']);
    await book((await w.shift({ escorts: [w.escort.id] })).id, p.id).expect(201);
  });

  it('refuses RESTRICTION when a restriction meets a role activity', async () => {
    const p = await w.worker();
    await t.uow.run((em) => em.insert(WorkRestriction, { id: newId(), patientId: p.id, restriction: 'NO_CASH_HANDLING', effectiveFrom: addDays(londonDate(), -1), effectiveUntil: null, reason: 'test', setByUserId: w.ot.user.id, createdAt: new Date(), liftedOn: null, liftedByUserId: null, liftReason: null }));
    expect(codesOf(await book((await w.shift()).id, p.id).expect(409))).toEqual(['RESTRICTION']);
  });

  it('refuses HOURS_CAP and EARNINGS_CAP over the week, and lets an OT override them with a recorded reason', async () => {
    const p = await w.worker();
    await t.uow.run((em) => em.insert(BenefitsLimit, { id: newId(), patientId: p.id, mode: 'CUSTOM', weeklyEarningsCapPence: 5000, weeklyHoursCapMinutes: 300, effectiveFrom: addDays(londonDate(), -1), note: null, recordedByUserId: w.ot.user.id, recordedAt: new Date() }));
    // two 3-hour shifts in the same London week (a Tuesday and a Wednesday well ahead)
    const monday = new Date(Date.UTC(2027, 0, 4, 10)); // Monday 4 January 2027
    const s1 = await w.shift({ startAt: new Date(monday.getTime() + 86_400_000) });
    const s2 = await w.shift({ startAt: new Date(monday.getTime() + 2 * 86_400_000) });
    await book(s1.id, p.id).expect(201);
    const refused = await book(s2.id, p.id).expect(409);
    expect(codesOf(refused).sort()).toEqual(['EARNINGS_CAP', 'HOURS_CAP']);
    // a lead cannot override; a blank reason is not a reason
    const lead = { Authorization: `Bearer ${await t.make.token(w.supervisor)}` };
    await t.http().post(`/api/shifts/${s2.id}/assignments`).set(lead).send({ patientId: p.id, overrideReason: 'please' }).expect(409);
    await book(s2.id, p.id, { overrideReason: '   ' }).expect(409);
    const ok = await book(s2.id, p.id, { overrideReason: 'Benefits counselling: this week only' }).expect(201);
    expect(ok.body).toMatchObject({ overrideReason: 'Benefits counselling: this week only', overriddenCodes: expect.arrayContaining(['HOURS_CAP', 'EARNINGS_CAP']) });
  });

  it('refuses CAPACITY and SUPERVISION', async () => {
    const full = await w.shift({ capacity: 1 });
    await book(full.id, (await w.worker()).id).expect(201);
    expect(codesOf(await book(full.id, (await w.worker()).id).expect(409))).toEqual(['CAPACITY']);
    const unsupervised = await w.shift({ supervised: false });
    expect(codesOf(await book(unsupervised.id, (await w.worker()).id).expect(409))).toEqual(['SUPERVISION']);
  });

  it('lists every broken rule at once, and never lets an OT override anything but the caps', async () => {
    const p = await w.worker({ leave: null, placed: false });
    const res = await book((await w.shift({ supervised: false })).id, p.id, { overrideReason: 'override everything' }).expect(409);
    expect(codesOf(res).sort()).toEqual(['LEAVE_INSUFFICIENT', 'NO_PLACEMENT', 'SUPERVISION']);
  });

  it('refuses TIMESHEET_APPROVED for a booking into a week whose timesheet is approved, and /check reports it', async () => {
    const x = await rotaWorld(t);
    const lastMonday = addDays(weekOf(londonDate()), -7);
    const tuesday = londonInstant(addDays(lastMonday, 1), '10:00')!;
    const s1 = await x.shift({ startAt: tuesday });
    const s2 = await x.shift({ startAt: new Date(tuesday.getTime() + 86_400_000) });
    const p = await x.worker();
    const check = (shiftId: string) => t.http().post(`/api/shifts/${shiftId}/assignments/check`).set(x.ot.auth).send({ patientId: p.id }).expect(200);
    expect((await check(s1.id)).body).toMatchObject({ ok: true, violations: [] });

    const lead = { Authorization: `Bearer ${await t.make.token(x.supervisor.username)}` };
    await t.http().post(`/api/enterprises/${x.enterprise.id}/timesheets/${lastMonday}/approve`).set(lead).expect(201);
    const refused = await t.http().post(`/api/shifts/${s1.id}/assignments`).set(x.ot.auth).send({ patientId: p.id }).expect(409);
    expect(refused.body.code).toBe('TIMESHEET_APPROVED');
    expect(codesOf(refused)).toEqual(['TIMESHEET_APPROVED']);
    expect((await check(s2.id)).body).toMatchObject({ ok: false, violations: [expect.objectContaining({ code: 'TIMESHEET_APPROVED' })] });
    const overridden = await t.http().post(`/api/shifts/${s2.id}/assignments`).set(x.ot.auth).send({ patientId: p.id, overrideReason: 'Worked it after all' }).expect(409);
    expect(overridden.body.code).toBe('TIMESHEET_APPROVED');
    expect(codesOf(overridden)).toEqual(['TIMESHEET_APPROVED']);
    expect(await t.uow.read((em) => em.count(Assignment, { where: { patientId: p.id } }))).toBe(0);
    // the weeks around it stay open
    await t.http().post(`/api/shifts/${(await x.shift({ daysAhead: 9 })).id}/assignments`).set(x.ot.auth).send({ patientId: p.id }).expect(201);
  });

  it('answers /check the same without writing', async () => {
    const p = await w.worker({ leave: null });
    const s = await w.shift();
    const res = await t.http().post(`/api/shifts/${s.id}/assignments/check`).set(w.ot.auth).send({ patientId: p.id }).expect(200);
    expect(res.body).toMatchObject({ ok: false, violations: [expect.objectContaining({ code: 'LEAVE_INSUFFICIENT' })] });
    expect(await t.uow.read((em) => em.count(Assignment, { where: { shiftId: s.id } }))).toBe(0);
  });

  it('books a batch and answers per item', async () => {
    const good = await w.worker();
    const bad = await w.worker({ placed: false });
    const s = await w.shift();
    const res = await t.http().post('/api/assignments/batch').set(w.ot.auth).send({ items: [{ shiftId: s.id, patientId: good.id }, { shiftId: s.id, patientId: bad.id }] }).expect(200);
    expect(res.body).toMatchObject({ booked: 1, refused: 1 });
    expect(res.body.items[1]).toMatchObject({ ok: false, code: 'BOOKING_REFUSED', violations: [expect.objectContaining({ code: 'NO_PLACEMENT' })] });
  });

  it('answers 404 for a patient the OT cannot see', async () => {
    const stranger = await t.make.patient();
    const res = await book((await w.shift()).id, stranger.id).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('flags future bookings NEEDS_REVIEW with the reason when leave is suspended or a restriction added, without deleting them', async () => {
    const p = await w.worker();
    const a = await book((await w.shift()).id, p.id).expect(201);
    const b = await book((await w.shift()).id, p.id).expect(201);
    await t.http().post(`/api/patients/${p.id}/leave/suspend`).set(w.ot.auth).send({ reason: 'Incident', effectiveFrom: londonDate() }).expect(201);
    const rows = await t.uow.read((em) => em.findBy(Assignment, { patientId: p.id }));
    expect(rows.map((r) => r.status)).toEqual(['NEEDS_REVIEW', 'NEEDS_REVIEW']);
    expect(rows[0].reviewReasons[0].code).toBe('LEAVE_INSUFFICIENT');
    const list = await t.http().get('/api/assignments/needs-review').set(w.ot.auth).expect(200);
    expect(list.body.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([a.body.id, b.body.id]));

    const q = await w.worker();
    const c = await book((await w.shift()).id, q.id).expect(201);
    await t.http().post(`/api/patients/${q.id}/restrictions`).set(w.ot.auth).send({ restriction: 'NO_FOOD_PREPARATION', effectiveFrom: londonDate(), reason: 'Review' }).expect(201);
    const flagged = await t.uow.read((em) => em.findOneByOrFail(Assignment, { id: c.body.id }));
    expect(flagged).toMatchObject({ status: 'NEEDS_REVIEW', reviewReasons: [expect.objectContaining({ code: 'RESTRICTION' })] });
  });

  it('cancels a booking with a reason and frees the place', async () => {
    const s = await w.shift({ capacity: 1 });
    const a = await book(s.id, (await w.worker()).id).expect(201);
    await t.http().post(`/api/assignments/${a.body.id}/cancel`).set(w.ot.auth).send({ reason: 'Ward round' }).expect(201);
    await book(s.id, (await w.worker()).id).expect(201);
  });

  it('lists a week of shifts with booked counts and free places; patients see published shifts only', async () => {
    const start = new Date(Date.UTC(2027, 2, 2, 10));
    const s1 = await w.shift({ startAt: start, capacity: 3 });
    const draft = await w.shift({ startAt: new Date(start.getTime() + 86_400_000) });
    await t.uow.run((em) => em.update('shifts', { id: draft.id }, { status: 'DRAFT' }));
    await book(s1.id, (await w.worker()).id).expect(201);
    const from = new Date(start.getTime() - 86_400_000).toISOString();
    const to = new Date(start.getTime() + 5 * 86_400_000).toISOString();
    const res = await t.http().get(`/api/shifts?enterpriseId=${w.enterprise.id}&from=${from}&to=${to}`).set(w.ot.auth).expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items[0]).toMatchObject({ id: s1.id, roleTitle: 'Barista', enterpriseName: w.enterprise.name, capacity: 3, booked: 1, freePlaces: 2, status: 'PUBLISHED', startAt: start.toISOString() });
    const patient = await t.make.caller('PATIENT');
    const seen = await t.http().get(`/api/shifts?enterpriseId=${w.enterprise.id}&from=${from}&to=${to}`).set(patient.auth).expect(200);
    expect(seen.body.items.map((i: { id: string }) => i.id)).toEqual([s1.id]);
    await t.http().get(`/api/shifts/${draft.id}`).set(patient.auth).expect(404);
    await t.http().get(`/api/shifts?from=${to}&to=${from}`).set(w.ot.auth).expect(422);
  });
});
