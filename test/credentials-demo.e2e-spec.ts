import { Credential } from '../src/credentials/credential.entity';
import { newId } from '../src/database/columns';
import { SkillLog } from '../src/skills/skill-log.entity';
import { Skill } from '../src/skills/skill.entity';
import { User } from '../src/users/user.entity';
import { Site } from '../src/wards/site.entity';
import { credentialsSeed } from '../seeds/credentials.seed';
import { verifyWithPublishedKeys } from './credentials-world';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO_TEST_PASSWORD } from './support/test-db';

jest.setTimeout(300_000);

describe('credentials: demo data', () => {
  let t: TestApp;
  let patientId: string;

  beforeAll(async () => {
    t = await createTestApp({}, { data: 'demo' });
    patientId = (await t.uow.read((em) => em.findOneByOrFail(User, { username: 'patient' }))).patientId!;
  });
  afterAll(() => t.close());

  const eligibleLogs = () =>
    t.uow.read((em) => em.createQueryBuilder(SkillLog, 'l').where('l.patientId = :patientId', { patientId }).andWhere("l.status = 'VERIFIED'").andWhere('l.levelRank >= 3').getCount());

  it('gives the first demo patient one credential when they have a skill verified at Competent or above (none otherwise), signed with the published key', async () => {
    const credentials = await t.uow.read((em) => em.find(Credential, { where: { patientId } }));
    expect(credentials).toHaveLength((await eligibleLogs()) > 0 ? 1 : 0);
    for (const c of credentials) {
      await expect(verifyWithPublishedKeys(t, c.jwt)).resolves.toBeDefined();
      const site = await t.uow.read((em) => em.findOneOrFail(Site, { where: {} }));
      expect(JSON.stringify(c.credential)).not.toContain(site.name);
      expect(JSON.stringify(c.credential)).not.toContain('Jamie');
    }
  });

  it('the seed issues for the demo patient’s verified Competent skill, signed with the app’s key, and never twice', async () => {
    if ((await eligibleLogs()) === 0) {
      const now = new Date();
      await t.uow.run(async (em) => {
        const skill = (await em.findOne(Skill, { where: {} })) ?? { id: newId(), code: 'teamwork-demo-test', name: 'Teamwork', category: 'EMPLOYABILITY', description: 'Works with others.', enterpriseKinds: [], levelDescriptors: { INTRODUCED: 'a', DEVELOPING: 'b', COMPETENT: 'c', PROFICIENT: 'd' }, active: true, createdAt: now, updatedAt: now };
        if (!(await em.findOne(Skill, { where: { id: skill.id } }))) await em.insert(Skill, skill);
        const ot = await em.findOneByOrFail(User, { username: 'ot' });
        await em.insert(SkillLog, { id: newId(), patientId, skillId: skill.id, level: 'COMPETENT', levelRank: 3, evidence: 'Worked well with the team all week.', occurredOn: '2026-11-02', shiftId: null, source: 'STAFF', createdByUserId: ot.id, createdAt: now, status: 'VERIFIED', reviewedByUserId: ot.id, reviewedAt: now, reviewComment: null });
      });
      await t.uow.run((em) => credentialsSeed.run(em, { passwordHashes: [], now: new Date() }));
    }
    await t.uow.run((em) => credentialsSeed.run(em, { passwordHashes: [], now: new Date() }));
    const credentials = await t.uow.read((em) => em.find(Credential, { where: { patientId } }));
    expect(credentials).toHaveLength(1);
    await expect(verifyWithPublishedKeys(t, credentials[0].jwt)).resolves.toBeDefined();
    const patient = await t.uow.read((em) => em.findOneByOrFail(User, { username: 'patient' }));
    const b = await t.make.browser('patient', DEMO_TEST_PASSWORD);
    const page = await b.get('/my/credentials');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/api/credentials/${credentials[0].id}/jwt`);
    expect(patient.patientId).toBe(patientId);
  });
});
