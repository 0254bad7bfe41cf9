import { addDays, londonDate } from '../src/common/dates';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { SkillLog } from '../src/skills/skill-log.entity';
import { Skill } from '../src/skills/skill.entity';
import { DESCRIPTORS, skillsWorld } from './skills-world';
import { createTestApp, isPostgres, TestApp } from './support/test-app';

jest.setTimeout(120_000);

describe('skills API', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof skillsWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await skillsWorld(t);
  });
  afterAll(() => t.close());

  const post = (auth: { Authorization: string }, body: Record<string, unknown>) => t.http().post('/api/skill-logs').set(auth).send(body);
  const verify = (auth: { Authorization: string }, id: string, body: Record<string, unknown> = {}) => t.http().post(`/api/skill-logs/${id}/verify`).set(auth).send(body);
  const reject = (auth: { Authorization: string }, id: string, body: Record<string, unknown> = {}) => t.http().post(`/api/skill-logs/${id}/reject`).set(auth).send(body);
  const audits = (action: string, entityId?: string) => t.uow.read((em) => em.find(AuditEvent, { where: { action, ...(entityId ? { entityId } : {}) } }));

  describe('the framework', () => {
    it('lists active skills with a descriptor per level to every signed-in role, patients included', async () => {
      for (const caller of [w.patientAUser, w.commissioner, w.wardStaffA, w.admin]) {
        const res = await t.http().get('/api/skills').set(caller.auth).expect(200);
        const barista = res.body.items.find((s: { id: string }) => s.id === w.barista.id);
        expect(barista).toMatchObject({ code: w.barista.code, name: 'Barista', category: 'TECHNICAL', levels: ['INTRODUCED', 'DEVELOPING', 'COMPETENT', 'PROFICIENT'], levelDescriptors: DESCRIPTORS, active: true });
      }
      await t.http().get('/api/skills').expect(401);
    });

    it('lets only an admin add a skill; a duplicate code is 409 SKILL_CODE_TAKEN; a missing descriptor is 422', async () => {
      const body = { code: `cleaning-${Date.now()}`, name: 'Cleaning', category: 'EMPLOYABILITY', description: 'Keeping the workplace clean', levelDescriptors: DESCRIPTORS };
      await t.http().post('/api/skills').set(w.otA.auth).send(body).expect(403);
      const created = await t.http().post('/api/skills').set(w.admin.auth).send(body).expect(201);
      expect(created.body).toMatchObject({ code: body.code, active: true, enterpriseKinds: [] });
      expect((await t.http().post('/api/skills').set(w.admin.auth).send(body).expect(409)).body.code).toBe('SKILL_CODE_TAKEN');
      const missing = await t.http().post('/api/skills').set(w.admin.auth).send({ ...body, code: `other-${Date.now()}`, levelDescriptors: { ...DESCRIPTORS, COMPETENT: ' ' } }).expect(422);
      expect(missing.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'levelDescriptors.COMPETENT' })]));
      await t.http().post('/api/skills').set(w.admin.auth).send({ ...body, code: 'Not A Slug' }).expect(422);
      expect((await audits('skill.create', created.body.id)).length).toBe(1);
    });

    it('lets an admin edit and deactivate a skill (never delete); an inactive skill takes no new entries', async () => {
      const s = (await t.http().post('/api/skills').set(w.admin.auth).send({ code: `retiring-${Date.now()}`, name: 'Retiring', category: 'TECHNICAL', description: 'Old', enterpriseKinds: ['SHOP'], levelDescriptors: DESCRIPTORS }).expect(201)).body;
      await t.http().patch(`/api/skills/${s.id}`).set(w.otA.auth).send({ name: 'x' }).expect(403);
      const edited = await t.http().patch(`/api/skills/${s.id}`).set(w.admin.auth).send({ name: 'Retired skill', levelDescriptors: { ...DESCRIPTORS, PROFICIENT: 'Teaches it' } }).expect(200);
      expect(edited.body).toMatchObject({ name: 'Retired skill', code: s.code, levelDescriptors: { PROFICIENT: 'Teaches it' } });
      await t.http().patch(`/api/skills/${s.id}`).set(w.admin.auth).send({ code: 'new-code' }).expect(422);
      await t.http().patch(`/api/skills/${s.id}`).set(w.admin.auth).send({ active: false }).expect(200);
      const listed = (await t.http().get('/api/skills').set(w.otA.auth).expect(200)).body.items.map((i: { id: string }) => i.id);
      expect(listed).not.toContain(s.id);
      const all = (await t.http().get('/api/skills?includeInactive=true').set(w.otA.auth).expect(200)).body.items.map((i: { id: string }) => i.id);
      expect(all).toContain(s.id);
      const res = await post(w.patientAUser.auth, w.entry(undefined, { skillId: s.id })).expect(409);
      expect(res.body.code).toBe('SKILL_INACTIVE');
      await t.http().delete(`/api/skills/${s.id}`).set(w.admin.auth).expect(404);
      expect(await t.uow.read((em) => em.count(Skill, { where: { id: s.id } }))).toBe(1);
      expect((await audits('skill.deactivate', s.id)).length).toBe(1);
    });
  });

  describe('logging a skill', () => {
    it('a patient logs for themself without patientId: 201, SELF, PENDING, the level by name', async () => {
      const res = await post(w.patientAUser.auth, w.entry(undefined)).expect(201);
      expect(res.body).toMatchObject({ id: expect.any(String), patientId: w.patientA.id, skillId: w.barista.id, level: 'DEVELOPING', levelRank: 2, status: 'PENDING', source: 'SELF', createdByUserId: w.patientAUser.user.id, reviewedByUserId: null, reviewComment: null });
      expect((await audits('skill-log.create', res.body.id))[0]).toMatchObject({ patientId: w.patientA.id, userId: w.patientAUser.user.id });
      await post(w.patientAUser.auth, w.entry(w.patientA.id)).expect(201);
    });

    it('a patient naming another patient gets 404, and nothing is written', async () => {
      const before = await t.uow.read((em) => em.count(SkillLog));
      expect((await post(w.patientAUser.auth, w.entry(w.patientB.id)).expect(404)).body.code).toBe('NOT_FOUND');
      expect(await t.uow.read((em) => em.count(SkillLog))).toBe(before);
    });

    it('staff who can see the patient log observations (STAFF); staff of another ward get 404; staff must name the patient', async () => {
      for (const caller of [w.otA, w.wardStaffA, w.specialistA, w.lead]) {
        const res = await post(caller.auth, w.entry(w.patientA.id)).expect(201);
        expect(res.body).toMatchObject({ source: 'STAFF', status: 'PENDING', createdByUserId: caller.user.id });
      }
      await post(w.otB.auth, w.entry(w.patientA.id)).expect(404);
      await post(w.otherLead.auth, w.entry(w.patientA.id)).expect(404);
      await post(w.lead.auth, w.entry(w.unplacedA.id)).expect(404);
      const res = await post(w.otA.auth, w.entry(undefined)).expect(422);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'patientId' })]);
    });

    it('refuses admins and commissioners with 403', async () => {
      await post(w.admin.auth, w.entry(w.patientA.id)).expect(403);
      await post(w.commissioner.auth, w.entry(w.patientA.id)).expect(403);
    });

    it.each([
      ['an unknown skill', { skillId: '00000000-0000-4000-8000-000000000000' }, 'skillId'],
      ['a level that is not a name', { level: '3' }, 'level'],
      ['no evidence', { evidence: '   ' }, 'evidence'],
      ['a date in the future', { occurredOn: addDays(londonDate(), 1) }, 'occurredOn'],
      ['a date that does not exist', { occurredOn: '2026-02-30' }, 'occurredOn'],
      ['an unknown field', { rating: 5 }, 'rating'],
      ['a shift the patient was not booked on', { shiftId: '00000000-0000-4000-8000-000000000000' }, 'shiftId'],
    ])('refuses %s with 422 naming the field', async (_name, change, field) => {
      const res = await post(w.otA.auth, w.entry(w.patientA.id, change)).expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, code: 'VALIDATION_FAILED' });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('links an entry to a shift the patient was booked on, on that date; not another patient’s shift or another date', async () => {
      const shift = await w.pastShiftOf(w.patientA.id, 2);
      const date = londonDate(shift.startAt);
      const res = await post(w.patientAUser.auth, w.entry(undefined, { shiftId: shift.id, occurredOn: date })).expect(201);
      expect(res.body.shiftId).toBe(shift.id);
      await post(w.patientAUser.auth, w.entry(undefined, { shiftId: shift.id, occurredOn: addDays(date, -1) })).expect(422);
      const other = await w.worker();
      const theirs = await w.pastShiftOf(other.id, 3);
      const refused = await post(w.patientAUser.auth, w.entry(undefined, { shiftId: theirs.id, occurredOn: londonDate(theirs.startAt) })).expect(422);
      expect(refused.body.details).toEqual([expect.objectContaining({ field: 'shiftId' })]);
    });
  });

  describe('reading skill logs', () => {
    it('a patient sees only their own entries; asking for another patient is 404', async () => {
      await post(w.patientBUser.auth, w.entry(undefined)).expect(201);
      const mine = await t.http().get('/api/skill-logs?limit=200').set(w.patientAUser.auth).expect(200);
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(new Set(mine.body.items.map((i: { patientId: string }) => i.patientId))).toEqual(new Set([w.patientA.id]));
      await t.http().get(`/api/skill-logs?patientId=${w.patientB.id}`).set(w.patientAUser.auth).expect(404);
      const bEntry = (await t.http().get('/api/skill-logs').set(w.patientBUser.auth).expect(200)).body.items[0];
      await t.http().get(`/api/skill-logs/${bEntry.id}`).set(w.patientAUser.auth).expect(404);
      await t.http().get(`/api/skill-logs/${bEntry.id}`).set(w.patientBUser.auth).expect(200);
    });

    it('staff see entries of patients on their wards only; another ward is 404; a commissioner is 403', async () => {
      const a = await t.http().get('/api/skill-logs?limit=200').set(w.otA.auth).expect(200);
      expect(a.body.items.map((i: { patientId: string }) => i.patientId)).not.toContain(w.patientB.id);
      const b = await t.http().get('/api/skill-logs?limit=200').set(w.otB.auth).expect(200);
      expect(new Set(b.body.items.map((i: { patientId: string }) => i.patientId))).toEqual(new Set([w.patientB.id]));
      await t.http().get(`/api/skill-logs?patientId=${w.patientA.id}`).set(w.otB.auth).expect(404);
      await t.http().get('/api/skill-logs').set(w.commissioner.auth).expect(403);
      await t.http().get(`/api/skill-logs/${a.body.items[0].id}`).set(w.otB.auth).expect(404);
    });

    it('filters by patient and status, pages like other lists, and audits each patient read', async () => {
      const res = await t.http().get(`/api/skill-logs?patientId=${w.patientA.id}&status=PENDING&limit=2&offset=1`).set(w.otA.auth).expect(200);
      expect(res.body).toMatchObject({ limit: 2, offset: 1, total: expect.any(Number) });
      expect(res.body.total).toBeGreaterThan(3);
      expect(res.body.items).toHaveLength(2);
      for (const i of res.body.items) expect(i).toMatchObject({ patientId: w.patientA.id, status: 'PENDING' });
      const reads = await t.uow.read((em) => em.find(AuditEvent, { where: { action: 'skill-log.list', userId: w.otA.user.id, patientId: w.patientA.id } }));
      expect(reads.length).toBeGreaterThan(0);
      await t.http().get('/api/skill-logs?status=DONE').set(w.otA.auth).expect(422);
      await t.http().get('/api/skill-logs?limit=500').set(w.otA.auth).expect(422);
    });
  });

  describe('verifying and rejecting', () => {
    it('an OT who can see the patient verifies a self-assessment: VERIFIED, by whom, when, with the comment; audited', async () => {
      const e = (await post(w.patientAUser.auth, w.entry(undefined)).expect(201)).body;
      const res = await verify(w.otA.auth, e.id, { comment: 'Seen it myself' }).expect(200);
      expect(res.body).toMatchObject({ id: e.id, status: 'VERIFIED', reviewedByUserId: w.otA.user.id, reviewComment: 'Seen it myself', evidence: e.evidence, level: e.level });
      expect(new Date(res.body.reviewedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect((await audits('skill-log.verify', e.id))[0]).toMatchObject({ patientId: w.patientA.id, userId: w.otA.user.id });
    });

    it('four eyes: the author of a staff observation cannot verify or reject it (403 FOUR_EYES); a colleague can', async () => {
      const e = (await post(w.otA.auth, w.entry(w.patientA.id)).expect(201)).body;
      const self = await verify(w.otA.auth, e.id).expect(403);
      expect(self.body).toMatchObject({ code: 'FOUR_EYES', message: expect.stringContaining('another member of staff') });
      expect((await reject(w.otA.auth, e.id, { comment: 'x' }).expect(403)).body.code).toBe('FOUR_EYES');
      expect((await t.uow.read((em) => em.findOneByOrFail(SkillLog, { id: e.id }))).status).toBe('PENDING');
      await verify(w.otA2.auth, e.id).expect(200);
    });

    it('a decided entry is never decided again: 409 ALREADY_DECIDED, and it stays as it was', async () => {
      const e = (await post(w.patientAUser.auth, w.entry(undefined)).expect(201)).body;
      const decided = (await reject(w.specialistA.auth, e.id, { comment: 'Not yet: try it on your own first' }).expect(200)).body;
      expect(decided).toMatchObject({ status: 'REJECTED', reviewComment: 'Not yet: try it on your own first', reviewedByUserId: w.specialistA.user.id });
      expect((await verify(w.otA.auth, e.id).expect(409)).body.code).toBe('ALREADY_DECIDED');
      expect((await reject(w.otA.auth, e.id, { comment: 'again' }).expect(409)).body.code).toBe('ALREADY_DECIDED');
      const row = await t.uow.read((em) => em.findOneByOrFail(SkillLog, { id: e.id }));
      expect(row).toMatchObject({ status: 'REJECTED', reviewedByUserId: w.specialistA.user.id, reviewComment: 'Not yet: try it on your own first' });
    });

    it('a rejection needs a comment (422); verification does not', async () => {
      const e = (await post(w.patientAUser.auth, w.entry(undefined)).expect(201)).body;
      const res = await reject(w.otA.auth, e.id, {}).expect(422);
      expect(new Set(res.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['comment']));
      await reject(w.otA.auth, e.id, { comment: '  ' }).expect(422);
      expect((await t.uow.read((em) => em.findOneByOrFail(SkillLog, { id: e.id }))).status).toBe('PENDING');
      expect((await verify(w.otA.auth, e.id, {}).expect(200)).body).toMatchObject({ status: 'VERIFIED', reviewComment: null });
    });

    it('only verifiers who can see the patient decide: ward staff, patients, admins 403; another ward 404; a lead in scope may', async () => {
      const e = (await post(w.patientAUser.auth, w.entry(undefined)).expect(201)).body;
      await verify(w.wardStaffA.auth, e.id).expect(403);
      await verify(w.patientAUser.auth, e.id).expect(403);
      await verify(w.admin.auth, e.id).expect(403);
      await verify(w.commissioner.auth, e.id).expect(403);
      await verify(w.otB.auth, e.id).expect(404);
      await verify(w.otherLead.auth, e.id).expect(404);
      await verify(w.lead.auth, e.id).expect(200);
      await verify(w.otA.auth, '00000000-0000-4000-8000-000000000000').expect(404);
      await verify(w.otA.auth, 'not-an-id').expect(404);
    });

    it('decides once under concurrent requests: one succeeds, the other is ALREADY_DECIDED', async () => {
      const e = (await post(w.patientAUser.auth, w.entry(undefined)).expect(201)).body;
      const [a, b] = await Promise.all([verify(w.otA.auth, e.id), reject(w.otA2.auth, e.id, { comment: 'No' })]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const row = await t.uow.read((em) => em.findOneByOrFail(SkillLog, { id: e.id }));
      expect(row.status).toBe(a.status === 200 ? 'VERIFIED' : 'REJECTED');
      expect((await audits(a.status === 200 ? 'skill-log.verify' : 'skill-log.reject', e.id)).length).toBe(1);
    });
  });

  describe('the database keeps entries as they were', () => {
    const refused = async (sql: string, params: unknown[]) => {
      await expect(t.uow.run((em) => em.query(sql, params))).rejects.toThrow(/APPEND_ONLY/);
    };
    const p = (n: number) => (isPostgres ? `$${n}` : '?');

    it('refuses to change or delete a decided entry, and to edit a pending one’s content', async () => {
      const e = (await post(w.patientAUser.auth, w.entry(undefined)).expect(201)).body;
      await refused(`UPDATE skill_logs SET evidence = ${p(1)} WHERE id = ${p(2)}`, ['edited', e.id]);
      await refused(`UPDATE skill_logs SET level = 'PROFICIENT', "levelRank" = 4 WHERE id = ${p(1)}`, [e.id]);
      await verify(w.otA.auth, e.id).expect(200);
      await refused(`UPDATE skill_logs SET status = 'REJECTED' WHERE id = ${p(1)}`, [e.id]);
      await refused(`UPDATE skill_logs SET "reviewComment" = 'changed' WHERE id = ${p(1)}`, [e.id]);
      await refused(`DELETE FROM skill_logs WHERE id = ${p(1)}`, [e.id]);
      const row = await t.uow.read((em) => em.findOneByOrFail(SkillLog, { id: e.id }));
      expect(row).toMatchObject({ status: 'VERIFIED', evidence: e.evidence, level: 'DEVELOPING', reviewComment: null });
    });

    it('refuses to delete a pending entry too', async () => {
      const e = (await post(w.patientAUser.auth, w.entry(undefined)).expect(201)).body;
      await refused(`DELETE FROM skill_logs WHERE id = ${p(1)}`, [e.id]);
      expect(await t.uow.read((em) => em.count(SkillLog, { where: { id: e.id } }))).toBe(1);
    });
  });
});
