import { PasswordService } from '../src/auth/password.service';
import { JsonLogger } from '../src/common/logging/json-logger';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config';
import { prepareDatabase } from '../src/database/bootstrap';
import { SeedRun } from '../src/database/seed-run.entity';
import { runDemoSeeds } from '../src/database/seeder';
import { Patient } from '../src/patients/patient.entity';
import { UserWard } from '../src/users/user-ward.entity';
import { User } from '../src/users/user.entity';
import { Site } from '../src/wards/site.entity';
import { Ward } from '../src/wards/ward.entity';
import { DEMO_SEEDS } from '../seeds';
import { createTestApp, TestApp } from './support/test-app';

// Booting the app on a busy machine can pass Jest's default 5 s (the project-level testTimeout is not applied).
jest.setTimeout(300_000);

const DEMO_PASSWORD = 'demo-password-for-this-test';
const DEMO_USERNAMES = ['admin', 'ot', 'lead', 'ward', 'specialist', 'patient', 'patient2', 'commissioner'];

describe('demo data (seeds/)', () => {
  let t: TestApp;
  let firstRun: string[];
  const counts = async () =>
    t.uow.read(async (em) => ({
      sites: await em.count(Site),
      wards: await em.count(Ward),
      patients: await em.count(Patient),
      users: await em.count(User),
      userWards: await em.count(UserWard),
      seedRuns: await em.count(SeedRun),
    }));

  beforeAll(async () => {
    t = await createTestApp();
    firstRun = await runDemoSeeds(t.uow, new PasswordService(), DEMO_PASSWORD);
  }, 300_000);
  afterAll(() => t.close());

  it('loads every demo data set on a fresh database, each marked as loaded', async () => {
    expect(firstRun).toEqual(DEMO_SEEDS.map((s) => s.name));
    const marks = await t.uow.read((em) => em.find(SeedRun));
    expect(marks.map((m) => m.name).sort()).toEqual(DEMO_SEEDS.map((s) => s.name).sort());
  });

  it('has one medium secure site with three medium secure wards and a low secure ward', async () => {
    const sites = await t.uow.read((em) => em.find(Site));
    expect(sites).toHaveLength(1);
    const wards = await t.uow.read((em) => em.find(Ward, { where: { siteId: sites[0].id } }));
    expect(wards).toHaveLength(4);
    expect(wards.map((w) => w.securityLevel).sort()).toEqual(['LOW', 'MEDIUM', 'MEDIUM', 'MEDIUM']);
  });

  it('has at least twelve patients, on the demo wards', async () => {
    const patients = await t.uow.read((em) => em.find(Patient));
    expect(patients.length).toBeGreaterThanOrEqual(12);
    const wardIds = new Set((await t.uow.read((em) => em.find(Ward))).map((w) => w.id));
    for (const p of patients) expect(wardIds.has(p.wardId)).toBe(true);
  });

  it('has one user per role, with the usernames of the README, who sign in with DEMO_PASSWORD', async () => {
    const users = await t.uow.read((em) => em.find(User));
    expect(users.map((u) => u.username).sort()).toEqual(expect.arrayContaining([...DEMO_USERNAMES].sort()));
    const byName = new Map(users.map((u) => [u.username, u]));
    expect(Object.fromEntries(DEMO_USERNAMES.map((n) => [n, byName.get(n)!.role]))).toEqual({
      admin: 'ADMIN',
      ot: 'OT',
      lead: 'ENTERPRISE_LEAD',
      ward: 'WARD_STAFF',
      specialist: 'EMPLOYMENT_SPECIALIST',
      patient: 'PATIENT',
      patient2: 'PATIENT',
      commissioner: 'COMMISSIONER',
    });
    for (const username of DEMO_USERNAMES) {
      const res = await t.http().post('/api/auth/token').send({ username, password: DEMO_PASSWORD });
      expect([username, res.status]).toEqual([username, 201]);
      const me = await t.http().get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body.mustChangePassword).toBe(false);
      if (me.body.role === 'PATIENT') expect(me.body.patientId).toEqual(expect.any(String));
    }
    await t.http().post('/api/auth/token').send({ username: 'admin', password: 'wardworks-demo' }).expect(401);
  });

  it('assigns the demo ot and ward users to some wards but not all, so scoping is visible', async () => {
    const allWards = await t.uow.read((em) => em.count(Ward));
    for (const username of ['ot', 'ward']) {
      const user = await t.uow.read((em) => em.findOneByOrFail(User, { username }));
      const assigned = await t.uow.read((em) => em.count(UserWard, { where: { userId: user.id } }));
      expect([username, assigned > 0, assigned < allWards]).toEqual([username, true, true]);
    }
  });

  it('links the two demo patient users to different patient records', async () => {
    const [p1, p2] = await Promise.all(['patient', 'patient2'].map((username) => t.uow.read((em) => em.findOneByOrFail(User, { username }))));
    expect(p1.patientId).toEqual(expect.any(String));
    expect(p2.patientId).toEqual(expect.any(String));
    expect(p1.patientId).not.toBe(p2.patientId);
  });

  it('loads nothing on a second run, and the counts stay the same', async () => {
    const before = await counts();
    expect(await runDemoSeeds(t.uow, new PasswordService(), DEMO_PASSWORD)).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('loads nothing at a restart either (prepareDatabase with DEMO_DATA on)', async () => {
    const before = await counts();
    const config: AppConfig = { ...t.app.get<AppConfig>(APP_CONFIG), demoData: true, demoPassword: DEMO_PASSWORD };
    expect(await prepareDatabase(t.ds, config, new JsonLogger('silent'))).toEqual({ seeded: [] });
    expect(await counts()).toEqual(before);
  });
});

describe('demo data at start (prepareDatabase)', () => {
  it('loads nothing with DEMO_DATA off, and everything once with DEMO_DATA on and the DEMO_PASSWORD given', async () => {
    const t = await createTestApp({ DEMO_DATA: 'true', DEMO_PASSWORD: 'another-demo-password' });
    try {
      const config = t.app.get<AppConfig>(APP_CONFIG);
      expect(config).toMatchObject({ demoData: true, demoPassword: 'another-demo-password' });
      expect(await prepareDatabase(t.ds, { ...config, demoData: false }, new JsonLogger('silent'))).toEqual({ seeded: [] });
      expect(await t.uow.read((em) => em.count(User))).toBe(0);
      expect((await prepareDatabase(t.ds, config, new JsonLogger('silent'))).seeded).toEqual(DEMO_SEEDS.map((s) => s.name));
      expect((await prepareDatabase(t.ds, config, new JsonLogger('silent'))).seeded).toEqual([]);
      await t.http().post('/api/auth/token').send({ username: 'ot', password: 'another-demo-password' }).expect(201);
    } finally {
      await t.close();
    }
  }, 300_000);
});
