import { In } from 'typeorm';
import { londonDate } from '../src/common/dates';
import { WorkRole } from '../src/enterprises/work-role.entity';
import { Placement } from '../src/recruitment/placement.entity';
import { Assignment } from '../src/rota/assignment.entity';
import { Shift } from '../src/rota/shift.entity';
import { VerifiedSkillLevels } from '../src/skills/verified-skills';
import { SkillLog } from '../src/skills/skill-log.entity';
import { Skill } from '../src/skills/skill.entity';
import { SKILL_LEVELS } from '../src/skills/skills.types';
import { User } from '../src/users/user.entity';
import { DEMO_SEEDS } from '../seeds';
import { DEMO_USERS } from '../seeds/demo-users';
import { SKILL_FRAMEWORK } from '../seeds/skills.seed';
import { createTestApp, loadedDemoSeeds, TestApp } from './support/test-app';
import { DEMO_TEST_PASSWORD } from './support/test-db';

jest.setTimeout(300_000);

const PASSWORD = DEMO_TEST_PASSWORD;

/** The skills demo data: the framework, verified prerequisites for the demo rota, a history, a queue. */
describe('skills: demo data', () => {
  let t: TestApp;
  const token = async (username: string) => ({ Authorization: `Bearer ${(await t.http().post('/api/auth/token').send({ username, password: PASSWORD }).expect(201)).body.accessToken}` });

  beforeAll(async () => {
    t = await createTestApp({}, { data: 'demo' });
    // every demo data set loaded by the seeder, in DEMO_SEEDS order: the skills before the rota that needs them
    expect(await loadedDemoSeeds(t)).toEqual([...DEMO_SEEDS.map((s) => s.name)].sort());
    const order = DEMO_SEEDS.map((s) => s.name);
    expect(order.indexOf('2026-12-skills')).toBeLessThan(order.indexOf('2026-11-rota'));
  });
  afterAll(() => t.close());

  it('seeds the framework: the employability and technical skills, with a descriptor for every level', async () => {
    const skills = await t.uow.read((em) => em.find(Skill));
    const codes = skills.map((s) => s.code);
    expect(codes).toEqual(expect.arrayContaining(['timekeeping', 'teamwork', 'communication', 'customer-service', 'following-instructions', 'health-and-safety']));
    expect(codes).toEqual(expect.arrayContaining(['food-hygiene', 'barista', 'cash-handling', 'stock-control', 'horticulture', 'valeting', 'laundry-processes']));
    expect(codes.sort()).toEqual(Object.keys(SKILL_FRAMEWORK).sort());
    for (const s of skills) for (const l of SKILL_LEVELS) expect([s.code, l, s.levelDescriptors[l]?.length > 10]).toEqual([s.code, l, true]);
    // every prerequisite skill of a demo work role is in the framework
    const roles = await t.uow.read((em) => em.find(WorkRole));
    for (const r of roles) for (const p of r.prerequisiteSkills) expect(codes).toContain(p.skillCode);
  });

  it('gives every patient with an active placement the verified level each prerequisite asks, dated before the placement began', async () => {
    const placements = await t.uow.read((em) => em.find(Placement, { where: { status: 'ACTIVE' } }));
    expect(placements.length).toBeGreaterThan(8);
    let checked = 0;
    for (const p of placements) {
      const role = await t.uow.read((em) => em.findOneByOrFail(WorkRole, { id: p.workRoleId }));
      for (const pre of role.prerequisiteSkills) {
        const skill = await t.uow.read((em) => em.findOneByOrFail(Skill, { code: pre.skillCode }));
        const logs = await t.uow.read((em) => em.find(SkillLog, { where: { patientId: p.patientId, skillId: skill.id, status: 'VERIFIED' } }));
        const ok = logs.filter((l) => l.levelRank >= SKILL_LEVELS.indexOf(pre.level) + 1 && l.occurredOn < p.startOn);
        expect([p.patientId, pre.skillCode, ok.length > 0]).toEqual([p.patientId, pre.skillCode, true]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('still books every patient with an active placement in a role with shifts, and never past SKILL_MISSING', async () => {
    const placements = await t.uow.read((em) => em.find(Placement, { where: { status: 'ACTIVE' } }));
    const booked = new Set((await t.uow.read((em) => em.find(Assignment))).map((a) => a.patientId));
    const withShifts = new Set((await t.uow.read((em) => em.query('SELECT DISTINCT "workRoleId" FROM shifts'))).map((r: { workRoleId: string }) => r.workRoleId));
    const expected = [...new Set(placements.filter((p) => withShifts.has(p.workRoleId)).map((p) => p.patientId))];
    expect(expected.length).toBeGreaterThan(8);
    expect(expected.filter((id) => !booked.has(id))).toEqual([]);
    // and every booking of these placements meets its role's prerequisites with the levels verified by the shift's date
    const levels = t.app.get(VerifiedSkillLevels);
    const live = await t.uow.read((em) => em.find(Assignment, { where: { status: 'BOOKED', placementId: In(placements.map((p) => p.id)) } }));
    let withPrerequisites = 0;
    for (const a of live) {
      const shift = await t.uow.read((em) => em.findOneByOrFail(Shift, { id: a.shiftId }));
      const role = await t.uow.read((em) => em.findOneByOrFail(WorkRole, { id: shift.workRoleId }));
      if (!role.prerequisiteSkills.length) continue;
      withPrerequisites++;
      const have = await t.uow.read((em) => levels.verifiedLevels(em, a.patientId, londonDate(shift.startAt)));
      for (const p of role.prerequisiteSkills) expect([a.id, p.skillCode, (have.get(p.skillCode) ?? 0) >= SKILL_LEVELS.indexOf(p.level) + 1]).toEqual([a.id, p.skillCode, true]);
    }
    expect(withPrerequisites).toBeGreaterThan(5);
  });

  it('keeps four eyes in the demo history: no decided entry was decided by its author; every decision has a date', async () => {
    const logs = await t.uow.read((em) => em.find(SkillLog));
    expect(logs.length).toBeGreaterThan(30);
    for (const l of logs) {
      if (l.status === 'PENDING') expect([l.id, l.reviewedByUserId, l.reviewedAt]).toEqual([l.id, null, null]);
      else {
        expect(l.reviewedByUserId).not.toBe(l.createdByUserId);
        expect(l.reviewedAt!.getTime()).toBeGreaterThanOrEqual(l.createdAt.getTime());
        expect(l.reviewedAt!.getTime()).toBeLessThanOrEqual(Date.now());
      }
    }
  });

  it('links staff observations to shifts the patient attended, and has self-assessments, pending entries and one rejection with a comment', async () => {
    const logs = await t.uow.read((em) => em.find(SkillLog));
    const onShifts = logs.filter((l) => l.shiftId);
    expect(onShifts.length).toBeGreaterThan(10);
    for (const l of onShifts) {
      const a = await t.uow.read((em) => em.findOne(Assignment, { where: { shiftId: l.shiftId!, patientId: l.patientId } }));
      expect([l.id, !!a]).toEqual([l.id, true]);
    }
    expect(logs.filter((l) => l.source === 'SELF').length).toBeGreaterThanOrEqual(5);
    expect(logs.filter((l) => l.status === 'PENDING').length).toBeGreaterThanOrEqual(3);
    const rejected = logs.filter((l) => l.status === 'REJECTED');
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    for (const r of rejected) expect(r.reviewComment?.length).toBeGreaterThan(10);
  });

  it('ends each demo patient user with several verified skills, at least one at competent or above', async () => {
    for (const u of DEMO_USERS.filter((d) => d.role === 'PATIENT')) {
      const user = await t.uow.read((em) => em.findOneByOrFail(User, { username: u.username }));
      const verified = await t.uow.read((em) => em.find(SkillLog, { where: { patientId: user.patientId!, status: 'VERIFIED' } }));
      expect([u.username, new Set(verified.map((v) => v.skillId)).size >= 3]).toEqual([u.username, true]);
      expect([u.username, verified.some((v) => v.levelRank >= 3)]).toEqual([u.username, true]);
    }
  });

  it('gives the demo OT and lead a verification queue, and shows the demo patient their skills page', async () => {
    for (const username of ['ot', 'lead']) {
      const auth = await token(username);
      const res = await t.http().get('/api/skill-logs?status=PENDING').set(auth).expect(200);
      const me = await t.uow.read((em) => em.findOneByOrFail(User, { username }));
      expect([username, res.body.items.filter((i: { createdByUserId: string }) => i.createdByUserId !== me.id).length > 0]).toEqual([username, true]);
    }
    const patient = await t.make.browser('patient', PASSWORD);
    const page = await patient.get('/my/skills');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Barista');
    expect(page.text).toContain('Made the full drinks menu to standard on their own');
    const ot = await t.make.browser('ot', PASSWORD);
    const queue = await ot.get('/skills/verification');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('Jamie Reed');
  });

  it('shows the demo OT no entry of a patient on a ward they do not work on', async () => {
    const auth = await token('ot');
    const res = await t.http().get('/api/skill-logs?limit=200').set(auth).expect(200);
    const p09 = await t.uow.read((em) => em.findOneByOrFail(User, { username: 'patient2' }));
    expect(res.body.items.length).toBeGreaterThan(5);
    expect(res.body.items.map((i: { patientId: string }) => i.patientId)).not.toContain(p09.patientId);
    const theirs = await t.uow.read((em) => em.find(SkillLog, { where: { patientId: In([p09.patientId!]) }, take: 1 }));
    await t.http().get(`/api/skill-logs/${theirs[0].id}`).set(auth).expect(404);
  });
});
