import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Enterprise } from '../src/enterprises/enterprise.entity';
import { EnterpriseLead } from '../src/enterprises/enterprise-lead.entity';
import { WorkRole } from '../src/enterprises/work-role.entity';
import { Placement } from '../src/recruitment/placement.entity';
import type { Ward } from '../src/wards/ward.entity';
import { createTestApp, TestApp } from './support/test-app';

describe('patients (scope, leave, restrictions, limits, profile)', () => {
  let t: TestApp;
  let wardA: Ward;
  let wardB: Ward;
  let ot: { Authorization: string };
  let otUserId: string;
  const today = londonDate();

  beforeAll(async () => {
    t = await createTestApp();
    const site = await t.make.site();
    wardA = await t.make.ward({ siteId: site.id });
    wardB = await t.make.ward({ siteId: site.id });
    const caller = await t.make.caller('OT', { wardIds: [wardA.id] });
    ot = caller.auth;
    otUserId = caller.user.id;
  });
  afterAll(() => t.close());

  it('lists only patients on the caller’s wards, with the contract shape, and audits each read', async () => {
    const mine = await t.make.patient({ wardId: wardA.id });
    const other = await t.make.patient({ wardId: wardB.id });
    const res = await t.http().get('/api/patients?limit=200').set(ot).expect(200);
    const ids = res.body.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(other.id);
    expect(res.body.total).toBe(res.body.items.length);
    expect(res.body.items.find((p: { id: string }) => p.id === mine.id)).toMatchObject({
      id: mine.id,
      displayName: mine.displayName,
      hospitalNumber: mine.hospitalNumber,
      wardId: wardA.id,
      status: 'ACTIVE',
      leaveToday: { level: 'NONE', suspended: false },
    });
    const reads = await t.uow.read((em) => em.find(AuditEvent, { where: { action: 'patient.list', patientId: mine.id } }));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads[0].userId).toBe(otUserId);
  });

  it('answers 404 to an OT reading a patient on a ward they are not assigned to', async () => {
    const other = await t.make.patient({ wardId: wardB.id });
    const res = await t.http().get(`/api/patients/${other.id}`).set(ot).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('answers 404 to a patient reading another patient, and shows a patient their own record', async () => {
    const { user, auth } = await t.make.caller('PATIENT');
    const other = await t.make.patient({ wardId: wardA.id });
    await t.http().get(`/api/patients/${other.id}`).set(auth).expect(404);
    const own = await t.http().get(`/api/patients/${user.patientId}`).set(auth).expect(200);
    expect(own.body.id).toBe(user.patientId);
    const list = await t.http().get('/api/patients').set(auth).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([user.patientId]);
  });

  it('refuses commissioners every patient route', async () => {
    const { auth } = await t.make.caller('COMMISSIONER');
    const p = await t.make.patient({ wardId: wardA.id });
    await t.http().get('/api/patients').set(auth).expect(403);
    await t.http().get(`/api/patients/${p.id}`).set(auth).expect(403);
  });

  it('lets an enterprise lead see patients placed in their enterprise and no others', async () => {
    const { user, auth } = await t.make.caller('ENTERPRISE_LEAD');
    const now = new Date();
    const enterpriseId = newId();
    const roleId = newId();
    const worker = await t.make.patient({ wardId: wardB.id });
    const stranger = await t.make.patient({ wardId: wardB.id });
    await t.uow.run(async (em) => {
      await em.insert(Enterprise, { id: enterpriseId, siteId: wardB.siteId, wardId: null, name: `Cafe ${enterpriseId}`, kind: 'CAFE', businessNeed: 'Refreshments', locationZone: 'GROUNDS', minimumLeave: 'ESCORTED_GROUNDS', referenceName: 'Riverside Café', openingTimes: null, status: 'ACTIVE', createdAt: now, updatedAt: now });
      await em.insert(EnterpriseLead, { enterpriseId, userId: user.id });
      await em.insert(WorkRole, { id: roleId, enterpriseId, title: 'Barista', duties: 'Coffee', hourlyRatePence: 500, activities: ['CASH'], prerequisiteSkills: [], positions: 2, patientsPerSupervisor: 4, active: true, createdAt: now, updatedAt: now });
      await em.insert(Placement, { id: newId(), patientId: worker.id, workRoleId: roleId, applicationId: null, startOn: today, endOn: null, status: 'ACTIVE', activeKey: 'A', endReason: null, endNote: null, createdByUserId: user.id, createdAt: now, updatedAt: now });
    });
    await t.http().get(`/api/patients/${worker.id}`).set(auth).expect(200);
    await t.http().get(`/api/patients/${stranger.id}`).set(auth).expect(404);
    // a lead cannot change clinical information
    await t.http().post(`/api/patients/${worker.id}/leave`).set(auth).send({ level: 'NONE', effectiveFrom: today }).expect(403);
  });

  it('keeps leave as a dated history and answers the leave on any date, suspension included', async () => {
    const p = await t.make.patient({ wardId: wardA.id });
    const start = addDays(today, -30);
    const res = await t.http().post(`/api/patients/${p.id}/leave`).set(ot).send({ level: 'ESCORTED_GROUNDS', effectiveFrom: start, grantedBy: 'Dr Example', note: 'ward round' }).expect(201);
    expect(res.body).toMatchObject({ kind: 'GRANT', level: 'ESCORTED_GROUNDS', effectiveFrom: start, grantedBy: 'Dr Example' });
    await t.http().post(`/api/patients/${p.id}/leave`).set(ot).send({ level: 'UNESCORTED_GROUNDS', effectiveFrom: addDays(today, -10) }).expect(201);
    await t.http().post(`/api/patients/${p.id}/leave/suspend`).set(ot).send({ reason: 'Incident on the ward', effectiveFrom: addDays(today, -2) }).expect(201);

    const on = (d: string) => t.http().get(`/api/patients/${p.id}/leave?on=${d}`).set(ot).expect(200);
    expect((await on(addDays(today, -31))).body).toMatchObject({ level: 'NONE', effectiveLevel: 'NONE' });
    expect((await on(addDays(today, -20))).body).toMatchObject({ level: 'ESCORTED_GROUNDS', suspended: false });
    expect((await on(addDays(today, -5))).body).toMatchObject({ level: 'UNESCORTED_GROUNDS', suspended: false, effectiveLevel: 'UNESCORTED_GROUNDS' });
    expect((await on(today)).body).toMatchObject({ level: 'UNESCORTED_GROUNDS', suspended: true, suspensionReason: 'Incident on the ward', effectiveLevel: 'NONE' });

    await t.http().post(`/api/patients/${p.id}/leave/reinstate`).set(ot).send({ reason: 'Reviewed at ward round', effectiveFrom: today }).expect(201);
    expect((await on(today)).body).toMatchObject({ suspended: false, effectiveLevel: 'UNESCORTED_GROUNDS' });
    expect((await on(addDays(today, -1))).body).toMatchObject({ suspended: true });

    const detail = await t.http().get(`/api/patients/${p.id}`).set(ot).expect(200);
    expect(detail.body.leaveHistory.map((e: { kind: string }) => e.kind).sort()).toEqual(['GRANT', 'GRANT', 'REINSTATE', 'SUSPEND']);
  });

  it('refuses to change leave history in the database (append-only)', async () => {
    const p = await t.make.patient({ wardId: wardA.id });
    const ev = await t.http().post(`/api/patients/${p.id}/leave`).set(ot).send({ level: 'ESCORTED_GROUNDS', effectiveFrom: today }).expect(201);
    await expect(t.ds.query(`UPDATE leave_events SET level = 'UNESCORTED_COMMUNITY' WHERE id = '${ev.body.id}'`)).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`DELETE FROM leave_events WHERE id = '${ev.body.id}'`)).rejects.toThrow(/append-only/);
  });

  it('validates leave input field by field', async () => {
    const p = await t.make.patient({ wardId: wardA.id });
    const res = await t.http().post(`/api/patients/${p.id}/leave`).set(ot).send({ level: 'ANYWHERE', effectiveFrom: '2026-13-45' }).expect(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['effectiveFrom', 'level']);
    await t.http().post(`/api/patients/${p.id}/leave`).set(ot).send({ level: 'NONE', effectiveFrom: today, effectiveUntil: addDays(today, -1) }).expect(422);
  });

  it('dates restrictions, records who and why, and lifts them without erasing', async () => {
    const p = await t.make.patient({ wardId: wardA.id });
    const r = await t.http().post(`/api/patients/${p.id}/restrictions`).set(ot).send({ restriction: 'NO_SHARPS', effectiveFrom: addDays(today, -3), reason: 'Risk assessment' }).expect(201);
    expect(r.body).toMatchObject({ restriction: 'NO_SHARPS', setByUserId: otUserId, reason: 'Risk assessment', inForce: true });
    let detail = await t.http().get(`/api/patients/${p.id}`).set(ot).expect(200);
    expect(detail.body.restrictionsInForce).toEqual(['NO_SHARPS']);
    await t.http().post(`/api/patients/${p.id}/restrictions/${r.body.id}/lift`).set(ot).send({ liftedOn: today, reason: 'Reviewed' }).expect(201);
    await t.http().post(`/api/patients/${p.id}/restrictions/${r.body.id}/lift`).set(ot).send({ liftedOn: today, reason: 'Again' }).expect(409);
    detail = await t.http().get(`/api/patients/${p.id}`).set(ot).expect(200);
    expect(detail.body.restrictionsInForce).toEqual([]);
    expect(detail.body.restrictions).toHaveLength(1);
    expect(detail.body.restrictions[0]).toMatchObject({ liftedOn: today, liftReason: 'Reviewed', inForce: false });
  });

  it('uses the site default benefits limits until a patient overrides them, including no cap', async () => {
    const p = await t.make.patient({ wardId: wardA.id });
    const specialist = (await t.make.caller('EMPLOYMENT_SPECIALIST', { wardIds: [wardA.id] })).auth;
    let detail = await t.http().get(`/api/patients/${p.id}`).set(ot).expect(200);
    expect(detail.body.benefitsLimits).toMatchObject({ weeklyEarningsCapPence: 19550, weeklyHoursCapMinutes: 959, source: 'SITE_DEFAULT' });
    await t.http().put(`/api/patients/${p.id}/benefits-limits`).set(specialist).send({ mode: 'CUSTOM', weeklyEarningsCapPence: 10000, effectiveFrom: today, note: 'benefits counselling' }).expect(200);
    detail = await t.http().get(`/api/patients/${p.id}`).set(ot).expect(200);
    expect(detail.body.benefitsLimits).toMatchObject({ weeklyEarningsCapPence: 10000, weeklyHoursCapMinutes: null, source: 'CUSTOM' });
    await t.http().put(`/api/patients/${p.id}/benefits-limits`).set(ot).send({ mode: 'NO_CAP', effectiveFrom: today }).expect(200);
    detail = await t.http().get(`/api/patients/${p.id}`).set(ot).expect(200);
    expect(detail.body.benefitsLimits).toMatchObject({ weeklyEarningsCapPence: null, weeklyHoursCapMinutes: null, source: 'NO_CAP' });
    await t.http().put(`/api/patients/${p.id}/benefits-limits`).set(ot).send({ mode: 'CUSTOM', effectiveFrom: today }).expect(422);
    await t.http().put(`/api/patients/${p.id}/benefits-limits`).set(ot).send({ mode: 'CUSTOM', weeklyEarningsCapPence: 12.5, effectiveFrom: today }).expect(422);
    const ward = (await t.make.caller('WARD_STAFF', { wardIds: [wardA.id] })).auth;
    await t.http().put(`/api/patients/${p.id}/benefits-limits`).set(ward).send({ mode: 'NO_CAP', effectiveFrom: today }).expect(403);
  });

  it('keeps a vocational profile', async () => {
    const p = await t.make.patient({ wardId: wardA.id });
    const res = await t.http().put(`/api/patients/${p.id}/vocational-profile`).set(ot).send({ workPreferences: 'Outdoors', goals: 'Horticulture course', strengths: 'Reliable', stage: 'VOCATIONAL_PROFILING', nextReviewOn: addDays(today, 28) }).expect(200);
    expect(res.body).toMatchObject({ workPreferences: 'Outdoors', stage: 'VOCATIONAL_PROFILING', nextReviewOn: addDays(today, 28) });
    const detail = await t.http().get(`/api/patients/${p.id}`).set(ot).expect(200);
    expect(detail.body.vocationalProfile.goals).toBe('Horticulture course');
    await t.http().put(`/api/patients/${p.id}/vocational-profile`).set(ot).send({ stage: 'FLYING' }).expect(422);
  });

  it('moves who can see a patient when the patient moves ward', async () => {
    const p = await t.make.patient({ wardId: wardA.id });
    const otB = (await t.make.caller('OT', { wardIds: [wardB.id] })).auth;
    await t.http().get(`/api/patients/${p.id}`).set(otB).expect(404);
    await t.http().post(`/api/patients/${p.id}/ward`).set(ot).send({ wardId: wardB.id }).expect(201);
    await t.http().get(`/api/patients/${p.id}`).set(otB).expect(200);
    await t.http().get(`/api/patients/${p.id}`).set(ot).expect(404);
  });

  it('ends a discharged patient’s active placements', async () => {
    const p = await t.make.patient({ wardId: wardA.id });
    const now = new Date();
    const enterpriseId = newId();
    const roleId = newId();
    const placementId = newId();
    await t.uow.run(async (em) => {
      await em.insert(Enterprise, { id: enterpriseId, siteId: wardA.siteId, wardId: null, name: `Shop ${enterpriseId}`, kind: 'SHOP', businessNeed: 'Shop', locationZone: 'GROUNDS', minimumLeave: 'ESCORTED_GROUNDS', referenceName: 'Shop', openingTimes: null, status: 'ACTIVE', createdAt: now, updatedAt: now });
      await em.insert(WorkRole, { id: roleId, enterpriseId, title: 'Assistant', duties: 'Stock', hourlyRatePence: 500, activities: [], prerequisiteSkills: [], positions: 2, patientsPerSupervisor: 4, active: true, createdAt: now, updatedAt: now });
      await em.insert(Placement, { id: placementId, patientId: p.id, workRoleId: roleId, applicationId: null, startOn: addDays(today, -60), endOn: null, status: 'ACTIVE', activeKey: 'A', endReason: null, endNote: null, createdByUserId: otUserId, createdAt: now, updatedAt: now });
    });
    await t.http().post(`/api/patients/${p.id}/status`).set(ot).send({ status: 'DISCHARGED' }).expect(201);
    const placement = await t.uow.read((em) => em.findOneByOrFail(Placement, { id: placementId }));
    expect(placement).toMatchObject({ status: 'ENDED', endReason: 'DISCHARGED', endOn: today, activeKey: placementId });
  });

  it('adds patients only to the caller’s wards, with unique hospital numbers', async () => {
    const res = await t.http().post('/api/patients').set(ot).send({ wardId: wardA.id, displayName: 'New Person', hospitalNumber: 'T-UNIQUE-1' }).expect(201);
    expect(res.body).toMatchObject({ displayName: 'New Person', wardId: wardA.id, status: 'ACTIVE' });
    await t.http().post('/api/patients').set(ot).send({ wardId: wardA.id, displayName: 'Dup', hospitalNumber: 'T-UNIQUE-1' }).expect(409);
    await t.http().post('/api/patients').set(ot).send({ wardId: wardB.id, displayName: 'Elsewhere', hospitalNumber: 'T-UNIQUE-2' }).expect(422);
  });

  it('filters by leave level today', async () => {
    const p = await t.make.patient({ wardId: wardA.id });
    await t.http().post(`/api/patients/${p.id}/leave`).set(ot).send({ level: 'ESCORTED_COMMUNITY', effectiveFrom: today }).expect(201);
    const res = await t.http().get('/api/patients?leave=ESCORTED_COMMUNITY').set(ot).expect(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
  });
});
