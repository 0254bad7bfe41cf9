import { addDays, londonDate } from '../src/common/dates';
import { WorkRole } from '../src/enterprises/work-role.entity';
import { PatientsRepository } from '../src/patients/patients.repository';
import { restrictionConflicts } from '../src/patients/restrictions';
import { Application } from '../src/recruitment/application.entity';
import { Placement } from '../src/recruitment/placement.entity';
import { vacancyState } from '../src/recruitment/recruitment-rules';
import { APPLICATION_STATUSES } from '../src/recruitment/recruitment.types';
import { Vacancy } from '../src/recruitment/vacancy.entity';
import { demoId } from '../seeds/demo-ids';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO_TEST_PASSWORD } from './support/test-db';

// Booting the app and hashing the demo passwords can pass Jest's 5 s hook default.
jest.setTimeout(300_000);

const PASSWORD = DEMO_TEST_PASSWORD;

describe('recruitment demo data', () => {
  let t: TestApp;
  const today = londonDate();
  const token = async (username: string) => {
    const res = await t.http().post('/api/auth/token').send({ username, password: PASSWORD }).expect(201);
    return { Authorization: `Bearer ${res.body.accessToken}` };
  };

  beforeAll(async () => {
    t = await createTestApp({}, { data: 'demo' });
  });
  afterAll(() => t.close());

  it('has vacancies open now, opening later and closed', async () => {
    const rows = await t.uow.read((em) => em.find(Vacancy, { relations: { workRole: true } }));
    const states = rows.map((v) => vacancyState(v, v.workRole!.active, today));
    expect(states.filter((s) => s === 'OPEN').length).toBeGreaterThanOrEqual(3);
    expect(states).toContain('CLOSED');
    expect(states).toContain('UPCOMING');
    for (const v of rows) {
      expect(v.opensOn <= v.closesOn).toBe(true);
      expect(v.positions).toBeLessThanOrEqual(v.workRole!.positions);
    }
  });

  it('has applications at every stage, with the restriction conflicts the rule gives', async () => {
    const apps = await t.uow.read((em) => em.find(Application, { relations: { vacancy: { workRole: true } } }));
    expect([...new Set(apps.map((a) => a.status))].sort()).toEqual([...APPLICATION_STATUSES].sort());
    const repo = new PatientsRepository();
    for (const a of apps) {
      const inForce = await t.uow.read((em) => repo.findRestrictionCodesInForce(em, a.patientId, londonDate(a.submittedAt)));
      expect([a.id, a.restrictionConflicts]).toEqual([a.id, restrictionConflicts(inForce, a.vacancy!.workRole!.activities)]);
    }
    expect(apps.some((a) => a.restrictionConflicts.length > 0)).toBe(true);
  });

  it('places most demo patients, the demo patient in two roles, never past a role’s positions, with two progressions', async () => {
    const placements = await t.uow.read((em) => em.find(Placement));
    const active = placements.filter((p) => p.status === 'ACTIVE');
    expect(active.every((p) => p.activeKey === 'A' && p.endOn === null)).toBe(true);
    expect(new Set(active.map((p) => p.patientId)).size).toBeGreaterThanOrEqual(10);
    const p01 = active.filter((p) => p.patientId === demoId('patient:p01'));
    expect(new Set(p01.map((p) => p.workRoleId)).size).toBeGreaterThanOrEqual(2);
    const roles = await t.uow.read((em) => em.find(WorkRole));
    for (const r of roles) expect([r.title, active.filter((p) => p.workRoleId === r.id).length <= r.positions]).toEqual([r.title, true]);
    const ended = placements.filter((p) => p.status === 'ENDED');
    expect(ended.map((p) => p.endReason)).toEqual(expect.arrayContaining(['PROGRESSED_VOLUNTEERING', 'PROGRESSED_EMPLOYMENT']));
    expect(ended.every((p) => p.activeKey === p.id && p.endOn !== null && p.endOn >= p.startOn)).toBe(true);
    // started before last week, so the rota has placements to book against
    expect(active.filter((p) => p.startOn <= addDays(today, -7)).map((p) => p.id)).toEqual(active.map((p) => p.id));
  });

  it('lets the demo patient see open jobs, their feedback and accept their offer; patient2 sees only their own', async () => {
    const patient = await token('patient');
    const jobs = await t.http().get('/api/vacancies').set(patient).expect(200);
    expect(jobs.body.total).toBeGreaterThanOrEqual(3);
    expect(jobs.body.items.every((v: { status: string }) => v.status === 'OPEN')).toBe(true);
    const mine = await t.http().get('/api/applications').set(patient).expect(200);
    expect(mine.body.items.every((a: { patientId: string }) => a.patientId === demoId('patient:p01'))).toBe(true);
    const offered = mine.body.items.find((a: { status: string }) => a.status === 'OFFERED');
    expect(offered.interviews[0].feedback).toEqual(expect.any(String));
    const accepted = await t.http().post(`/api/offers/${offered.offer.id}/accept`).set(patient).expect(201);
    expect(accepted.body.placementId).toEqual(expect.any(String));
    const jobsNow = await t.http().get('/api/placements?status=ACTIVE').set(patient).expect(200);
    expect(jobsNow.body.total).toBe(3);

    const patient2 = await token('patient2');
    await t.http().get(`/api/applications/${offered.id}`).set(patient2).expect(404);
    const theirs = await t.http().get('/api/applications').set(patient2).expect(200);
    expect(theirs.body.items.map((a: { patientId: string }) => a.patientId)).toEqual(theirs.body.items.map(() => demoId('patient:p09')));
  });

  it('shows the OT the applicants on their wards only, with the restriction conflict', async () => {
    const ot = await token('ot');
    const barista = demoId('vacancy:barista');
    const res = await t.http().get(`/api/applications?vacancyId=${barista}`).set(ot).expect(200);
    const names = res.body.items.map((a: { patientId: string }) => a.patientId);
    // p06 and p14 are on Birch (the OT's ward), p02 on Alder; p08 is on Cedar, which the OT does not work on
    expect(names).toEqual(expect.arrayContaining([demoId('patient:p02'), demoId('patient:p06'), demoId('patient:p14')]));
    expect(names).not.toContain(demoId('patient:p08'));
    const p06 = res.body.items.find((a: { patientId: string }) => a.patientId === demoId('patient:p06'));
    expect(p06.restrictionConflicts).toEqual(['NO_CASH_HANDLING']);
  });
});
