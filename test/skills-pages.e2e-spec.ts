import { addDays, londonDate } from '../src/common/dates';
import { SkillLog } from '../src/skills/skill-log.entity';
import { Skill } from '../src/skills/skill.entity';
import { skillsWorld } from './skills-world';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const dateParts = (date: string) => {
  const [y, m, d] = date.split('-');
  return { 'occurredOn-day': String(Number(d)), 'occurredOn-month': String(Number(m)), 'occurredOn-year': y };
};

/** The skills pages, without JavaScript: what each role sees, the forms, their errors and scope. */
describe('skills pages', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof skillsWorld>>;
  const secretA = 'Evidence only patient A and their staff may read';
  const secretB = 'Evidence only patient B and their staff may read';

  beforeAll(async () => {
    t = await createTestApp();
    w = await skillsWorld(t);
    const a = (await t.http().post('/api/skill-logs').set(w.lead.auth).send(w.entry(w.patientA.id, { level: 'COMPETENT', evidence: secretA })).expect(201)).body;
    await t.http().post(`/api/skill-logs/${a.id}/verify`).set(w.otA.auth).send({}).expect(200);
    await t.http().post('/api/skill-logs').set(w.patientBUser.auth).send(w.entry(undefined, { evidence: secretB })).expect(201);
  });
  afterAll(() => t.close());

  describe('My skills (patient)', () => {
    it('shows each skill’s highest verified level with its descriptor, the timeline and the form, and nothing of another patient', async () => {
      const b = await t.make.browser(w.patientAUser.user);
      const res = await b.get('/my/skills');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<h1>My skills</h1>');
      expect(res.text).toContain('Level 3: competent');
      expect(res.text).toContain('Does it on their own, to the standard, most of the time.');
      expect(res.text).toContain(secretA);
      expect(res.text).not.toContain(secretB);
      expect(res.text).toMatch(/name="_csrf" value="[^"]+"/);
      expect(res.text).toContain('action="/my/skills"');
      expect(res.text).toContain(`value="${londonDate().slice(0, 4)}"`);
    });

    it('logs a self-assessment from the form and shows it as waiting for verification', async () => {
      const b = await t.make.browser(w.patientAUser.user);
      await b.get('/my/skills');
      const res = await b.post('/my/skills', { skillId: w.teamwork.id, level: 'DEVELOPING', evidence: 'I helped a colleague close the café', ...dateParts(addDays(londonDate(), -2)), shiftId: '' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/my/skills?done=logged#pending');
      const row = await t.uow.read((em) => em.findOneByOrFail(SkillLog, { evidence: 'I helped a colleague close the café' }));
      expect(row).toMatchObject({ patientId: w.patientA.id, source: 'SELF', status: 'PENDING', level: 'DEVELOPING' });
      const page = await b.get('/my/skills?done=logged');
      expect(page.text).toContain('Your skill has been logged');
      expect(page.text).toContain('I helped a colleague close the café');
    });

    it('shows an error summary linking to each field of an incomplete form (422), and keeps what was typed', async () => {
      const b = await t.make.browser(w.patientAUser.user);
      await b.get('/my/skills');
      const res = await b.post('/my/skills', { skillId: '', evidence: 'kept text', 'occurredOn-day': '31', 'occurredOn-month': '2', 'occurredOn-year': '2026' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('nhsuk-error-summary');
      expect(res.text).toContain('<title>Error: My skills – WardWorks</title>');
      for (const href of ['#skillId', '#level', '#occurredOn-day']) expect(res.text).toContain(`href="${href}"`);
      expect(res.text).toContain('Choose the skill');
      expect(res.text).toContain('The date must be a real date');
      expect(res.text).toContain('kept text');
    });

    it('refuses a date in the future with a message on the date field', async () => {
      const b = await t.make.browser(w.patientAUser.user);
      await b.get('/my/skills');
      const res = await b.post('/my/skills', { skillId: w.barista.id, level: 'INTRODUCED', evidence: 'Tomorrow', ...dateParts(addDays(londonDate(), 2)) });
      expect(res.status).toBe(422);
      expect(res.text).toContain('The date cannot be in the future');
      expect(res.text).toContain('href="#occurredOn-day"');
    });

    it('refuses the form without its CSRF token', async () => {
      const b = await t.make.browser(w.patientAUser.user);
      await b.get('/my/skills');
      const res = await b.post('/my/skills', { skillId: w.barista.id }, { csrf: false });
      expect(res.status).toBe(403);
    });

    it('keeps patients out of the staff pages', async () => {
      const b = await t.make.browser(w.patientAUser.user);
      expect((await b.get('/skills/verification')).status).toBe(403);
      expect((await b.get(`/patients/${w.patientA.id}/skills`)).status).toBe(403);
      expect((await b.get('/skills/framework/new')).status).toBe(403);
      expect((await b.get('/skills/framework')).status).toBe(200);
    });
  });

  describe('Verification queue (staff)', () => {
    it('lists pending entries of patients the caller can see, with verify and reject forms', async () => {
      const b = await t.make.browser(w.otA.user);
      const res = await b.get('/skills/verification');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<h1>Verification queue</h1>');
      expect(res.text).toContain('I helped a colleague close the café');
      expect(res.text).not.toContain(secretB);
      expect(res.text).toMatch(/formaction="\/skills\/verification\/[0-9a-f-]+\/reject"/);
      const other = await t.make.browser(w.otB.user);
      const theirs = await other.get('/skills/verification');
      expect(theirs.text).toContain(secretB);
      expect(theirs.text).not.toContain('I helped a colleague close the café');
    });

    it('verifies from the queue and redirects back with a banner', async () => {
      const e = (await t.http().post('/api/skill-logs').set(w.patientAUser.auth).send(w.entry(undefined, { evidence: 'Queue verify' })).expect(201)).body;
      const b = await t.make.browser(w.otA.user);
      await b.get('/skills/verification');
      const res = await b.post(`/skills/verification/${e.id}/verify`, { comment: 'Seen it', returnTo: '/skills/verification' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/skills/verification?done=verified');
      expect((await t.uow.read((em) => em.findOneByOrFail(SkillLog, { id: e.id })))).toMatchObject({ status: 'VERIFIED', reviewComment: 'Seen it' });
    });

    it('re-renders the queue with an error on that entry’s comment when rejecting without one (422)', async () => {
      const e = (await t.http().post('/api/skill-logs').set(w.patientAUser.auth).send(w.entry(undefined, { evidence: 'Queue reject' })).expect(201)).body;
      const b = await t.make.browser(w.otA.user);
      await b.get('/skills/verification');
      const res = await b.post(`/skills/verification/${e.id}/reject`, { comment: '', returnTo: '/skills/verification' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('nhsuk-error-summary');
      expect(res.text).toContain(`href="#comment-${e.id}"`);
      const ok = await b.post(`/skills/verification/${e.id}/reject`, { comment: 'Try it on your own first', returnTo: `/patients/${w.patientA.id}/skills` });
      expect(ok.status).toBe(303);
      expect(ok.headers.location).toBe(`/patients/${w.patientA.id}/skills?done=rejected`);
      const again = await b.post(`/skills/verification/${e.id}/verify`, { returnTo: 'https://evil.example/' });
      expect(again.status).toBe(409);
      expect(again.text).toContain('already been rejected');
    });

    it('shows no forms for the caller’s own observation (four eyes), and is closed to ward staff', async () => {
      const e = (await t.http().post('/api/skill-logs').set(w.otA.auth).send(w.entry(w.patientA.id, { evidence: 'My own observation' })).expect(201)).body;
      const b = await t.make.browser(w.otA.user);
      const res = await b.get('/skills/verification');
      expect(res.text).toContain('My own observation');
      expect(res.text).not.toContain(`/skills/verification/${e.id}/verify`);
      expect(res.text).toContain('You made this entry, so another member of staff must verify it.');
      const ward = await t.make.browser(w.wardStaffA.user);
      expect((await ward.get('/skills/verification')).status).toBe(403);
    });
  });

  describe('a patient’s skills (staff)', () => {
    it('shows the patient’s skills to staff who can see them, and 404 to staff of another ward', async () => {
      const b = await t.make.browser(w.otA.user);
      const res = await b.get(`/patients/${w.patientA.id}/skills`);
      expect(res.status).toBe(200);
      expect(res.text).toContain(secretA);
      expect(res.text).toContain('Log an observation');
      expect((await b.get(`/patients/${w.patientB.id}/skills`)).status).toBe(404);
      const lead = await t.make.browser(w.otherLead.user);
      expect((await lead.get(`/patients/${w.patientA.id}/skills`)).status).toBe(404);
      const commissioner = await t.make.browser(w.commissioner.user);
      expect((await commissioner.get(`/patients/${w.patientA.id}/skills`)).status).toBe(403);
    });

    it('lets ward staff log an observation but not verify', async () => {
      const b = await t.make.browser(w.wardStaffA.user);
      const page = await b.get(`/patients/${w.patientA.id}/skills`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('/skills/verification/');
      const res = await b.post(`/patients/${w.patientA.id}/skills`, { skillId: w.teamwork.id, level: 'INTRODUCED', evidence: 'Ward staff saw it', ...dateParts(londonDate()) });
      expect(res.status).toBe(303);
      expect(await t.uow.read((em) => em.findOneByOrFail(SkillLog, { evidence: 'Ward staff saw it' }))).toMatchObject({ source: 'STAFF', createdByUserId: w.wardStaffA.user.id });
    });
  });

  describe('the framework (admin)', () => {
    it('lists the framework; an admin adds, edits and takes a skill out of use', async () => {
      const b = await t.make.browser(w.admin.user);
      const list = await b.get('/skills/framework');
      expect(list.status).toBe(200);
      expect(list.text).toContain('Barista');
      expect(list.text).toContain('href="/skills/framework/new"');
      await b.get('/skills/framework/new');
      const bad = await b.post('/skills/framework/new', { code: 'Bad Code', name: '', category: 'TECHNICAL' });
      expect(bad.status).toBe(422);
      expect(bad.text).toContain('nhsuk-error-summary');
      expect(bad.text).toContain('Describe the competent level');
      const code = `ironing-${Date.now().toString(36)}`;
      const form = { code, name: 'Ironing', category: 'TECHNICAL', description: 'Pressing clothes', enterpriseKinds: 'LAUNDRY', INTRODUCED: 'a', DEVELOPING: 'b', COMPETENT: 'c', PROFICIENT: 'd' };
      const created = await b.post('/skills/framework/new', form);
      expect(created.status).toBe(303);
      const skill = await t.uow.read((em) => em.findOneByOrFail(Skill, { code }));
      expect(skill).toMatchObject({ name: 'Ironing', enterpriseKinds: ['LAUNDRY'], levelDescriptors: { INTRODUCED: 'a', DEVELOPING: 'b', COMPETENT: 'c', PROFICIENT: 'd' }, active: true });
      expect(created.headers.location).toBe(`/skills/framework/${skill.id}?done=created`);
      expect((await b.post('/skills/framework/new', form)).status).toBe(409);
      await b.get(`/skills/framework/${skill.id}/edit`);
      const edited = await b.post(`/skills/framework/${skill.id}/edit`, { ...form, name: 'Ironing and pressing' });
      expect(edited.status).toBe(303);
      await b.get(`/skills/framework/${skill.id}`);
      expect((await b.post(`/skills/framework/${skill.id}/deactivate`, {})).status).toBe(303);
      const page = await b.get(`/skills/framework/${skill.id}?done=deactivated`);
      expect(page.text).toContain('Ironing and pressing');
      expect(page.text).toContain('Out of use');
      expect(await t.uow.read((em) => em.findOneByOrFail(Skill, { id: skill.id }))).toMatchObject({ active: false, code });
    });

    it('shows the framework to staff without the admin controls', async () => {
      const b = await t.make.browser(w.otA.user);
      const res = await b.get(`/skills/framework/${w.barista.id}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('Does it reliably and could show someone else.');
      expect(res.text).not.toContain('/deactivate');
      expect((await b.get(`/skills/framework/${w.barista.id}/edit`)).status).toBe(403);
    });
  });
});
