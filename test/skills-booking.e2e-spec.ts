import { addDays, londonDate } from '../src/common/dates';
import { WorkRole } from '../src/enterprises/work-role.entity';
import { rotaWorld } from './support/rota-fixtures';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const descriptors = { INTRODUCED: 'Shown how, with help.', DEVELOPING: 'Does it with prompting.', COMPETENT: 'Does it alone, to standard.', PROFICIENT: 'Does it reliably and teaches others.' };

/** Work roles' prerequisite skills are enforced in booking (SKILL_MISSING), from verified skill logs only. */
describe('skills: SKILL_MISSING in booking', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof rotaWorld>>;
  let skillId: string;
  let code: string;
  let verifier: { Authorization: string };
  const codesOf = (res: { body: { details?: { code: string }[] } }) => (res.body.details ?? []).map((d) => d.code);

  beforeAll(async () => {
    t = await createTestApp();
    w = await rotaWorld(t);
    const admin = await t.make.caller('ADMIN');
    code = `espresso-${Date.now().toString(36)}`;
    skillId = (await t.http().post('/api/skills').set(admin.auth).send({ code, name: 'Espresso', category: 'TECHNICAL', description: 'Making espresso', enterpriseKinds: ['CAFE'], levelDescriptors: descriptors }).expect(201)).body.id;
    await t.uow.run((em) => em.update(WorkRole, { id: w.role.id }, { prerequisiteSkills: [{ skillCode: code, level: 'COMPETENT' }] }));
    verifier = (await t.make.caller('OT', { wardIds: [w.ward.id] })).auth;
  });
  afterAll(() => t.close());

  const book = (shiftId: string, patientId: string) => t.http().post(`/api/shifts/${shiftId}/assignments`).set(w.ot.auth).send({ patientId });
  const log = (patientId: string, level: string, occurredOn = addDays(londonDate(), -3)) =>
    t.http().post('/api/skill-logs').set(w.ot.auth).send({ patientId, skillId, level, evidence: 'Observed on a trial session', occurredOn }).expect(201);

  it('refuses a patient without the verified level, with SKILL_MISSING naming the skill and level', async () => {
    const p = await w.worker();
    const res = await book((await w.shift()).id, p.id).expect(409);
    expect(codesOf(res)).toEqual(['SKILL_MISSING']);
    expect(res.body.details[0].message).toContain(code);
    expect(res.body.details[0].message).toContain('competent');
  });

  it('does not count a pending entry, a rejected one, or a verified one below the level', async () => {
    const p = await w.worker();
    await log(p.id, 'PROFICIENT'); // pending
    const rejected = (await log(p.id, 'COMPETENT')).body;
    await t.http().post(`/api/skill-logs/${rejected.id}/reject`).set(verifier).send({ comment: 'Not yet' }).expect(200);
    const low = (await log(p.id, 'DEVELOPING')).body;
    await t.http().post(`/api/skill-logs/${low.id}/verify`).set(verifier).send({}).expect(200);
    expect(codesOf(await book((await w.shift()).id, p.id).expect(409))).toEqual(['SKILL_MISSING']);
  });

  it('accepts the same patient once an entry at the level is verified by a second member of staff', async () => {
    const p = await w.worker();
    const s = await w.shift();
    expect(codesOf(await book(s.id, p.id).expect(409))).toEqual(['SKILL_MISSING']);
    const entry = (await log(p.id, 'COMPETENT')).body;
    // the author cannot verify their own observation (four eyes), so it still refuses
    expect((await t.http().post(`/api/skill-logs/${entry.id}/verify`).set(w.ot.auth).send({}).expect(403)).body.code).toBe('FOUR_EYES');
    expect(codesOf(await book(s.id, p.id).expect(409))).toEqual(['SKILL_MISSING']);
    await t.http().post(`/api/skill-logs/${entry.id}/verify`).set(verifier).send({ comment: 'Seen it too' }).expect(200);
    const check = await t.http().post(`/api/shifts/${s.id}/assignments/check`).set(w.ot.auth).send({ patientId: p.id });
    expect(check.body).toMatchObject({ ok: true, violations: [] });
    await book(s.id, p.id).expect(201);
  });

  it('counts a higher verified level, and only from the date the skill was shown', async () => {
    const p = await w.worker();
    const entry = (await log(p.id, 'PROFICIENT', londonDate())).body;
    await t.http().post(`/api/skill-logs/${entry.id}/verify`).set(verifier).send({}).expect(200);
    await book((await w.shift({ daysAhead: 3 })).id, p.id).expect(201);
    // a shift before the date of the entry: the skill had not been shown yet
    const earlier = await w.shift({ startAt: new Date(Date.now() - 3 * 86_400_000) });
    expect(codesOf(await book(earlier.id, p.id).expect(409))).toContain('SKILL_MISSING');
  });
});
