import { addDays, londonDate } from '../src/common/dates';
import { employmentWorld } from './employment-world';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

/** The employment support pages work without JavaScript: forms post with CSRF and show errors; scope as in the API. */
describe('employment support pages', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof employmentWorld>>;
  let referralId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await employmentWorld(t);
    referralId = await w.onCaseload(w.pA.id, w.specialistA, addDays(londonDate(), -10));
  });
  afterAll(() => t.close());

  it('a specialist: My caseload, a person’s record, the employer directory and fidelity', async () => {
    const b = await t.make.browser(w.specialistA.user);
    const caseload = await b.get('/employment/caseload');
    expect(caseload.status).toBe(200);
    expect(caseload.text).toContain('My caseload');
    expect(caseload.text).toContain(w.pA.displayName);
    const rec = await b.get(`/employment/patients/${w.pA.id}`);
    expect(rec.status).toBe(200);
    expect(rec.text).toContain('Person-centred plan');
    expect((await b.get('/employment/employers')).status).toBe(200);
    const fid = await b.get('/employment/fidelity?from=2026-07-01&to=2026-09-30');
    expect(fid.status).toBe(200);
    expect(fid.text).toContain('Caseload per full-time specialist');
    expect((await b.get('/employment/fidelity?from=2026-09-30&to=2026-07-01')).status).toBe(422);
    expect((await b.get(`/employment/patients/${w.pB.id}`)).status).toBe(404);
  });

  it('forms: add a plan step (errors first), an employer, a contact, a start refused for leave, and the benefits situation', async () => {
    const b = await t.make.browser(w.specialistA.user);
    await b.get(`/employment/patients/${w.pA.id}/plan/new`);
    expect((await b.post(`/employment/patients/${w.pA.id}/plan/new`, { kind: 'STEP', text: 'Visit the job centre' })).status).toBe(422);
    const ok = await b.post(`/employment/patients/${w.pA.id}/plan/new`, { kind: 'STEP', text: 'Visit the job centre', dueOn: addDays(londonDate(), -1) });
    expect(ok.status).toBe(303);
    const caseload = await b.get('/employment/caseload');
    expect(caseload.text).toContain('Visit the job centre');
    expect(caseload.text).toContain('Overdue');
    const withStep = await b.get(`/employment/patients/${w.pA.id}`);
    const stepId = /\/plan\/([0-9a-f-]{36})\/done/.exec(withStep.text)![1];
    expect((await b.post(`/employment/patients/${w.pA.id}/plan/${stepId}/done`, {})).status).toBe(303);
    expect((await b.get('/employment/caseload')).text).not.toContain('Visit the job centre');

    await b.get('/employment/employers/new');
    expect((await b.post('/employment/employers/new', { name: 'Canal Street Books', sector: 'Retail' })).status).toBe(303);
    expect((await b.get('/employment/employers')).text).toContain('Canal Street Books');
    const employers = await t.http().get('/api/employers').set(w.specialistA.auth).expect(200);
    const emp = employers.body.find((e: { name: string }) => e.name === 'Canal Street Books');

    await b.get(`/employment/employer-contacts/new?patientId=${w.pA.id}`);
    expect((await b.post(`/employment/employer-contacts/new?patientId=${w.pA.id}`, { employerId: emp.id, contactedOn: londonDate(), faceToFace: 'true', purpose: 'JOB_DEVELOPMENT' })).status).toBe(303);

    await b.get(`/employment/patients/${w.pA.id}/opportunities/new`);
    const refused = await b.post(`/employment/patients/${w.pA.id}/opportunities/new`, { kind: 'JOB', title: 'Bookseller', employerId: emp.id, startsOn: londonDate(), hoursPerWeek: '10', hourlyPayPence: '12.21', competitive: 'true' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('unescorted community leave');

    await b.get(`/employment/patients/${w.pA.id}/benefits`);
    expect((await b.post(`/employment/patients/${w.pA.id}/benefits`, { situation: 'UNIVERSAL_CREDIT', effectiveFrom: londonDate(), workAllowanceMonthlyPence: '411.00' })).status).toBe(303);
    const rec = await b.get(`/employment/patients/${w.pA.id}`);
    expect(rec.text).toContain('Estimated Universal Credit reduction');
    expect((await b.post(`/employment/patients/${w.pA.id}/benefits`, { situation: 'LEGACY', effectiveFrom: londonDate() }, { csrf: false })).status).toBe(403);
  });

  it('accept and decline pages: a decline without a reason shows an error', async () => {
    const p = await t.make.patient({ wardId: w.wardA.id });
    const b = await t.make.browser(w.specialistA.user);
    await b.get(`/employment/patients/${p.id}/refer`);
    expect((await b.post(`/employment/patients/${p.id}/refer`, { referredOn: londonDate(), source: 'CLINICIAN' })).status).toBe(303);
    expect((await b.get('/employment/caseload')).text).toContain('Referrals waiting for a decision');
    const rec = await b.get(`/employment/patients/${p.id}`);
    const id = /\/employment\/referrals\/([0-9a-f-]{36})\/decline/.exec(rec.text)![1];
    await b.get(`/employment/referrals/${id}/decline`);
    expect((await b.post(`/employment/referrals/${id}/decline`, { declinedOn: londonDate() })).status).toBe(422);
    expect((await b.post(`/employment/referrals/${id}/decline`, { reason: 'Not ready yet, to revisit in a month', declinedOn: londonDate() })).status).toBe(303);
    await b.get(`/employment/referrals/${referralId}/update`);
    expect((await b.post(`/employment/referrals/${referralId}/update`, { status: 'JOB_SEARCH', profileStartedOn: londonDate() })).status).toBe(303);
  });

  it('forms for a start: the first 4 hours, the end with a reason, a disclosure choice; the admin sets a specialist’s working time', async () => {
    const p = await t.make.patient({ wardId: w.wardA.id, status: 'DISCHARGED' });
    const emp = await w.employer('Riverside Car Wash');
    const o = (await t.http().post(`/api/patients/${p.id}/opportunities`).set(w.specialistA.auth).send({ kind: 'JOB', employerId: emp.id, title: 'Car valeter', startsOn: '2026-07-01', hoursPerWeek: 20, hourlyPayPence: 1250, competitive: true }).expect(201)).body;
    const b = await t.make.browser(w.specialistA.user);
    const rec = await b.get(`/employment/patients/${p.id}`);
    expect(rec.text).toContain('Record the first 4 hours');
    await b.get(`/employment/patients/${p.id}/opportunities/${o.id}/four-hours`);
    expect((await b.post(`/employment/patients/${p.id}/opportunities/${o.id}/four-hours`, { fourHoursWorkedOn: '2026-06-01' })).status).toBe(422);
    expect((await b.post(`/employment/patients/${p.id}/opportunities/${o.id}/four-hours`, { fourHoursWorkedOn: '2026-07-02' })).status).toBe(303);
    await b.get(`/employment/patients/${p.id}/opportunities/${o.id}/end`);
    expect((await b.post(`/employment/patients/${p.id}/opportunities/${o.id}/end`, { endsOn: '2026-09-01' })).status).toBe(422);
    expect((await b.post(`/employment/patients/${p.id}/opportunities/${o.id}/end`, { endsOn: '2026-09-01', endReason: 'MOVED_ON' })).status).toBe(303);
    await b.get(`/employment/patients/${p.id}/disclosures/new`);
    expect((await b.post(`/employment/patients/${p.id}/disclosures/new`, { employerId: emp.id, choice: 'NOTHING', decidedOn: '2026-06-20' })).status).toBe(303);
    const after = await t.http().get(`/api/patients/${p.id}/employment`).set(w.specialistA.auth).expect(200);
    expect(after.body.opportunities[0]).toMatchObject({ fourHoursWorkedOn: '2026-07-02', endsOn: '2026-09-01', endReason: 'MOVED_ON', jobStartCounted: true });
    expect(after.body.disclosures).toEqual([expect.objectContaining({ choice: 'NOTHING' })]);
    expect((await b.get(`/employment/specialists/${w.specialistA.user.id}/fte`)).status).toBe(403);
    const admin = await t.make.browser(w.admin.user);
    expect((await admin.get('/employment/caseload')).text).toContain('Specialists’ working time');
    await admin.get(`/employment/specialists/${w.specialistA.user.id}/fte`);
    expect((await admin.post(`/employment/specialists/${w.specialistA.user.id}/fte`, { fte: '1.5' })).status).toBe(422);
    expect((await admin.post(`/employment/specialists/${w.specialistA.user.id}/fte`, { fte: '0.6' })).status).toBe(303);
    const list = await t.http().get('/api/employment/specialists').set(w.admin.auth).expect(200);
    expect(list.body.find((x: { userId: string }) => x.userId === w.specialistA.user.id).fte).toBe(0.6);
  });

  it('a patient: My plan (with a comment, errors first) and My work outside; no staff pages', async () => {
    const b = await t.make.browser(w.patientUser.user);
    const plan = await b.get('/my/plan');
    expect(plan.status).toBe(200);
    expect(plan.text).toContain('My next steps');
    expect((await b.post('/my/plan', { text: ' ' })).status).toBe(422);
    expect((await b.post('/my/plan', { text: 'I would like to work with animals' })).status).toBe(303);
    expect((await b.get('/my/plan?done=1')).text).toContain('I would like to work with animals');
    expect((await b.get('/my/work-outside')).status).toBe(200);
    expect((await b.get('/employment/caseload')).status).toBe(403);
    expect((await b.get(`/employment/patients/${w.pA.id}`)).status).toBe(403);
  });

  it('a patient not on a caseload asks for employment support from My plan (a self-referral)', async () => {
    const p = await t.make.patient({ wardId: w.wardA.id });
    const me = await t.make.user('PATIENT', { patientId: p.id });
    const b = await t.make.browser(me);
    expect((await b.get('/my/plan')).text).toContain('Ask for employment support');
    expect((await b.post('/my/plan/refer', {})).status).toBe(303);
    const after = await b.get('/my/plan?done=referred');
    expect(after.text).toContain('You have asked for employment support');
    expect(after.text).not.toContain('Ask for employment support</button>');
    expect((await b.post('/my/plan/refer', {})).status).toBe(409);
    const rec = await t.http().get(`/api/patients/${p.id}/employment`).set(w.specialistA.auth).expect(200);
    expect(rec.body.referrals).toEqual([expect.objectContaining({ source: 'SELF', status: 'PENDING' })]);
  });

  it('enterprise leads get none of it; commissioners get fidelity and the return only', async () => {
    const lead = await t.make.browser(w.lead.user);
    expect((await lead.get('/employment/caseload')).status).toBe(403);
    expect((await lead.get(`/employment/patients/${w.pA.id}`)).status).toBe(403);
    expect((await lead.get('/employment/fidelity')).status).toBe(403);
    const c = await t.make.browser(w.commissioner.user);
    const fid = await c.get('/employment/fidelity?from=2026-07-01&to=2026-09-30');
    expect(fid.status).toBe(200);
    expect(fid.text).toContain('Counts of 1 to 4 show as');
    expect((await c.get('/employment/returns')).status).toBe(200);
    expect((await c.get('/employment/caseload')).status).toBe(403);
    const home = await c.get('/');
    expect(home.text).toContain('/employment/fidelity');
  });
});
