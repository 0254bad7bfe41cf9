import request from 'supertest';
import { PasswordService } from '../src/auth/password.service';
import { SeedRun } from '../src/database/seed-run.entity';
import { OutsideOpportunity } from '../src/employment/opportunity.entity';
import { communityStartRefusal } from '../src/employment/outside-rules';
import { leaveOn } from '../src/patients/leave';
import { LeaveEvent } from '../src/patients/leave-event.entity';
import { Patient } from '../src/patients/patient.entity';
import { DEMO_SEEDS } from '../seeds';
import { DEMO_DISCHARGED_PATIENT } from '../seeds/employment.seed';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(300_000);

const DEMO_PASSWORD = 'demo-password-for-this-test';

describe('employment support: demo data', () => {
  let t: TestApp;
  const token = async (username: string) => ({
    Authorization: `Bearer ${(await request(t.app.getHttpServer()).post('/api/auth/token').send({ username, password: DEMO_PASSWORD }).expect(201)).body.accessToken}`,
  });

  beforeAll(async () => {
    t = await createTestApp();
    // The employment data set needs only the people, wards and leave of the first two sets.
    const passwords = new PasswordService();
    for (const seed of DEMO_SEEDS.filter((s) => ['2026-11-foundation', '2026-11-patients', '2026-12-employment-support'].includes(s.name))) {
      const hashes = await Promise.all((seed.needsPasswords ?? []).map(() => passwords.hash(DEMO_PASSWORD)));
      await t.uow.run(async (em) => {
        await seed.run(em, { passwordHashes: hashes, now: new Date() });
        await em.insert(SeedRun, { name: seed.name, appliedAt: new Date() });
      });
    }
  });
  afterAll(() => t.close());

  it('has a caseload across two specialists, and a discharged person still supported', async () => {
    const sam = await t.http().get('/api/employment/caseload').set(await token('specialist')).expect(200);
    const nia = await t.http().get('/api/employment/caseload').set(await token('specialist2')).expect(200);
    expect(sam.body.items.length).toBeGreaterThanOrEqual(3);
    expect(nia.body.items.length).toBeGreaterThanOrEqual(3);
    expect(sam.body.items.some((i: { overdue: boolean }) => i.overdue)).toBe(true);
    expect(sam.body.items.find((i: { displayName: string }) => i.displayName === DEMO_DISCHARGED_PATIENT.displayName)).toMatchObject({ patientStatus: 'DISCHARGED', status: 'FOLLOW_ALONG' });
  });

  it('has employers and starts of every kind, each detained start with unescorted community leave on its date', async () => {
    const employers = await t.http().get('/api/employers').set(await token('specialist')).expect(200);
    expect(employers.body.length).toBeGreaterThanOrEqual(5);
    const starts = await t.uow.read((em) => em.find(OutsideOpportunity));
    expect([...new Set(starts.map((s) => s.kind))].sort()).toEqual(['EDUCATION', 'JOB', 'TRAINING', 'VOLUNTEERING']);
    for (const s of starts) {
      const patient = await t.uow.read((em) => em.findOneByOrFail(Patient, { id: s.patientId }));
      const events = await t.uow.read((em) => em.find(LeaveEvent, { where: { patientId: s.patientId } }));
      expect([s.title, communityStartRefusal(patient.status, leaveOn(events.filter((e) => e.effectiveFrom <= s.startsOn), s.startsOn))]).toEqual([s.title, null]);
    }
  });

  it('the demo patient reads their plan; fidelity and the return answer for the admin and the commissioner', async () => {
    const patient = await token('patient');
    const me = await t.http().get('/api/me').set(patient).expect(200);
    const plan = await t.http().get(`/api/patients/${me.body.patientId}/employment-plan`).set(patient).expect(200);
    expect(plan.body.length).toBeGreaterThan(3);
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
    const f = await t.http().get(`/api/employment/fidelity?from=${from}&to=${today}`).set(await token('admin')).expect(200);
    expect(f.body.items.find((i: { key: string }) => i.key === 'caseloadSize').value).toBe(6);
    expect(f.body.items.find((i: { key: string }) => i.key === 'caseloadPerFullTimeSpecialist')).toEqual({ key: 'caseloadPerFullTimeSpecialist', value: 3.8, score: 5 });
    const csv = await t.http().get('/api/employment/returns/quarterly.csv?quarter=2026-Q4').set(await token('commissioner')).expect(200);
    expect(csv.text).toContain('quarter,measure,value');
    await t.http().get(`/api/patients/${me.body.patientId}/employment`).set(await token('lead')).expect(403);
  });
});
