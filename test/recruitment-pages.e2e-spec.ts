import { addDays } from '../src/common/dates';
import { Placement } from '../src/recruitment/placement.entity';
import type { User } from '../src/users/user.entity';
import type { Ward } from '../src/wards/ward.entity';
import { RecruitmentWorld } from './recruitment-world';
import type { Browser } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

// Booting the app and hashing test passwords can pass Jest's 5 s hook default on a busy machine.
jest.setTimeout(60_000);

/** The three fields of an NHS date input. */
function dateParts(name: string, date: string): Record<string, string> {
  const [y, m, d] = date.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
}

function redirectedTo(res: { status: number; headers: Record<string, string> }): string {
  expect(res.status).toBe(303);
  return res.headers.location;
}

describe('recruitment pages', () => {
  let t: TestApp;
  let w: RecruitmentWorld;
  let ward: Ward;
  let otUser: User;
  let adminId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = new RecruitmentWorld(t);
    ward = await t.make.ward();
    otUser = await t.make.user('OT', { wardIds: [ward.id] });
    adminId = (await t.make.user('ADMIN')).id;
  });
  afterAll(() => t.close());

  async function patientBrowser(): Promise<{ patientId: string; browser: Browser; user: User }> {
    const patient = await t.make.patient({ wardId: ward.id, displayName: `Pat ${Math.random().toString(36).slice(2, 8)}` });
    const user = await t.make.user('PATIENT', { patientId: patient.id });
    return { patientId: patient.id, browser: await t.make.browser(user), user };
  }

  it('takes an OT through the vacancy, applicants (with the restriction warning) and the application forms to a placement and its end', async () => {
    const { vacancy, role } = await w.openVacancy({ title: 'Till and counter assistant', activities: ['CASH', 'PUBLIC_CONTACT'] });
    const patient = await t.make.patient({ wardId: ward.id, displayName: 'Robin Example' });
    await w.restriction(patient.id, 'NO_CASH_HANDLING', adminId);
    const ot = await t.make.browser(otUser);

    const list = await ot.get('/vacancies');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Till and counter assistant');

    // apply for the patient through the form
    const applyPage = await ot.get(`/vacancies/${vacancy.id}/apply`);
    expect(applyPage.text).toContain('Robin Example');
    const missing = await ot.post(`/vacancies/${vacancy.id}/apply`, { patientId: '' });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('There is a problem');
    expect(missing.text).toContain('href="#patientId"');
    const applied = await ot.post(`/vacancies/${vacancy.id}/apply`, { patientId: patient.id, statement: 'Robin wants to learn the till' });
    const appPath = redirectedTo(applied).split('?')[0];
    expect(appPath).toMatch(/^\/applications\/[0-9a-f-]{36}$/);

    const vacancyPage = await ot.get(`/vacancies/${vacancy.id}`);
    expect(vacancyPage.text).toContain('Robin Example');
    expect(vacancyPage.text).toContain('Restriction conflict');
    expect(vacancyPage.text).toContain('No cash handling');

    let page = await ot.get(appPath);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Restriction conflict');
    expect(page.text).toContain('Book an interview');

    const noPanel = await ot.post(`${appPath}/interviews`, { ...dateParts('interviewOn', addDays(w.today, 2)), interviewTime: '10:30', panel: '' });
    expect(noPanel.status).toBe(422);
    expect(noPanel.text).toContain('Say who is on the interview panel');
    expect(noPanel.text).toContain('href="#panel"');
    const badTime = await ot.post(`${appPath}/interviews`, { ...dateParts('interviewOn', addDays(w.today, 2)), interviewTime: '25:00', panel: 'Olivia (OT)' });
    expect(badTime.status).toBe(422);
    expect(badTime.text).toContain('href="#interviewTime"');

    redirectedTo(await ot.post(`${appPath}/interviews`, { ...dateParts('interviewOn', '2030-07-01'), interviewTime: '10:30', panel: 'Olivia (OT)' }));
    page = await ot.get(appPath);
    expect(page.text).toContain('Interview booked');
    expect(page.text).toContain('1 Jul 2030, 10:30'); // London time, shown as entered
    const interviewAction = /action="(\/applications\/[^"]+\/interviews\/[0-9a-f-]{36})"/.exec(page.text)![1];

    const noOutcome = await ot.post(interviewAction, { feedback: 'x' });
    expect(noOutcome.status).toBe(422);
    expect(noOutcome.text).toContain('Choose the outcome of the interview');
    redirectedTo(await ot.post(interviewAction, { outcome: 'SUCCESSFUL', feedback: 'Clear and friendly with customers' }));

    const badDate = await ot.post(`${appPath}/offers`, { 'startOn-day': '31', 'startOn-month': '2', 'startOn-year': '2030' });
    expect(badDate.status).toBe(422);
    expect(badDate.text).toContain('Start date must be a real date');
    expect(badDate.text).toContain('href="#startOn-day"');
    redirectedTo(await ot.post(`${appPath}/offers`, { ...dateParts('startOn', w.today), terms: 'Mornings' }));
    page = await ot.get(appPath);
    expect(page.text).toContain('Record acceptance');
    const acceptAction = /action="(\/applications\/[^"]+\/offers\/[0-9a-f-]{36}\/accept)"/.exec(page.text)![1];
    redirectedTo(await ot.post(acceptAction, {}));
    page = await ot.get(appPath);
    expect(page.text).toContain('Placed');
    const placementPath = /href="(\/placements\/[0-9a-f-]{36})"/.exec(page.text)![1];

    const placementPage = await ot.get(placementPath);
    expect(placementPage.text).toContain('End the placement');
    const noReason = await ot.post(`${placementPath}/end`, { ...dateParts('endOn', w.today), note: '' });
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('Choose why the placement ended');
    redirectedTo(await ot.post(`${placementPath}/end`, { ...dateParts('endOn', w.today), endReason: 'PROGRESSED_EMPLOYMENT', note: 'Job at a garden centre' }));
    const ended = await ot.get(placementPath);
    expect(ended.text).toContain('Moved on to paid employment');
    expect(ended.text).not.toContain('End the placement');
    const stored = await t.uow.read((em) => em.find(Placement, { where: { patientId: patient.id, workRoleId: role.id } }));
    expect(stored).toEqual([expect.objectContaining({ status: 'ENDED', endReason: 'PROGRESSED_EMPLOYMENT', endNote: 'Job at a garden centre' })]);
  });

  it('lets a lead open a vacancy through the form, with errors shown in an error summary, and close it', async () => {
    const e = await w.enterprise();
    const role = await w.role(e.id, { title: 'Valeting assistant', positions: 2 });
    const { user: leadUser } = await w.lead(e.id);
    const lead = await t.make.browser(leadUser);
    const form = await lead.get('/vacancies/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Valeting assistant');

    const wrong = await lead.post('/vacancies/new', { workRoleId: role.id, ...dateParts('opensOn', w.today), ...dateParts('closesOn', addDays(w.today, -1)), positions: '1' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('There is a problem');
    expect(wrong.text).toContain('The closing date must be on or after the opening date');
    expect(wrong.text).toContain('href="#closesOn-day"');
    const empty = await lead.post('/vacancies/new', { workRoleId: '', positions: 'two' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Choose the work role');
    expect(empty.text).toContain('Enter the opening date');
    expect(empty.text).toContain('Enter the number of positions as a whole number');

    const created = await lead.post('/vacancies/new', { workRoleId: role.id, description: 'Weekend valeting', ...dateParts('opensOn', w.today), ...dateParts('closesOn', addDays(w.today, 10)), positions: '2' });
    const location = redirectedTo(created);
    expect(location).toMatch(/^\/vacancies\/[0-9a-f-]{36}\?done=created$/);
    const path = location.split('?')[0];
    const show = await lead.get(location);
    expect(show.text).toContain('Vacancy opened');
    expect(show.text).toContain('Weekend valeting');
    const closedAt = redirectedTo(await lead.post(`${path}/close`, {}));
    const closed = await lead.get(closedAt);
    expect(closed.text).toContain('Vacancy closed');
    expect(closed.text).not.toContain('Close this vacancy');

    const ot = await t.make.browser(otUser);
    expect((await ot.get('/vacancies/new')).status).toBe(403);
  });

  it('lets a patient find an open job, apply, read feedback, accept the offer and see the job, without clinical details', async () => {
    const { vacancy, role } = await w.openVacancy({ title: 'Garden helper', activities: ['TOOLS'] });
    const closed = await w.vacancy(role.id, { opensOn: addDays(w.today, -20), closesOn: addDays(w.today, -2), description: 'An old one' });
    const { patientId, browser } = await patientBrowser();
    await w.restriction(patientId, 'NO_TOOLS', adminId);

    const jobs = await browser.get('/jobs');
    expect(jobs.status).toBe(200);
    expect(jobs.text).toContain('Garden helper');
    expect(jobs.text).toContain(`/jobs/${vacancy.id}`);
    expect(jobs.text).not.toContain(`/jobs/${closed.id}`);
    expect((await browser.get(`/jobs/${closed.id}`)).status).toBe(404);

    const job = await browser.get(`/jobs/${vacancy.id}`);
    expect(job.text).toContain('Apply for this job');
    const noCsrf = await browser.post(`/jobs/${vacancy.id}/apply`, { statement: 'x' }, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(redirectedTo(await browser.post(`/jobs/${vacancy.id}/apply`, { statement: 'I grow tomatoes' }))).toBe('/my/applications?done=applied');

    let mine = await browser.get('/my/applications?done=applied');
    expect(mine.text).toContain('Your application has been sent');
    expect(mine.text).toContain('Garden helper');
    expect(mine.text).toContain('Applied');
    expect(mine.text).not.toContain('No tools');
    expect(mine.text).not.toContain('Restriction');
    expect((await browser.get(`/jobs/${vacancy.id}`)).text).toContain('You have applied for this job');

    // staff interview and offer through the API
    const ot = { Authorization: `Bearer ${await t.make.token(otUser)}` };
    const list = await t.http().get(`/api/applications?patientId=${patientId}`).set(ot).expect(200);
    const appId = list.body.items[0].id;
    const booked = await t.http().post(`/api/applications/${appId}/interviews`).set(ot).send({ scheduledAt: '2030-05-01T09:00:00Z', panel: 'Garden lead' }).expect(201);
    await t.http().patch(`/api/interviews/${booked.body.interviews[0].id}`).set(ot).send({ outcome: 'SUCCESSFUL', feedback: 'You knew a lot about soil.' }).expect(200);
    await t.http().post(`/api/applications/${appId}/offers`).set(ot).send({ startOn: w.today, terms: 'Mondays' }).expect(201);

    mine = await browser.get('/my/applications');
    expect(mine.text).toContain('You knew a lot about soil.');
    expect(mine.text).toContain('Accept the job');
    const acceptAction = /action="(\/my\/applications\/[^"]+\/accept)"/.exec(mine.text)![1];
    expect(redirectedTo(await browser.post(acceptAction, {}))).toBe('/my/jobs?done=accepted');
    const myJobs = await browser.get('/my/jobs?done=accepted');
    expect(myJobs.text).toContain('You accepted the job');
    expect(myJobs.text).toContain('Garden helper');
    expect(myJobs.text).toContain('Jobs you have now');
  });

  it('keeps each patient to their own pages: no staff pages, no other patient’s application', async () => {
    const { vacancy } = await w.openVacancy({ title: 'Post round assistant' });
    const me = await patientBrowser();
    const other = await patientBrowser();
    await other.browser.get(`/jobs/${vacancy.id}`);
    redirectedTo(await other.browser.post(`/jobs/${vacancy.id}/apply`, { statement: 'Mine' }));
    const otherApp = /action="\/my\/applications\/([0-9a-f-]{36})\/withdraw"/.exec((await other.browser.get('/my/applications')).text)![1];

    const mine = await me.browser.get('/my/applications');
    expect(mine.text).not.toContain('Post round assistant');
    expect((await me.browser.post(`/my/applications/${otherApp}/withdraw`, {})).status).toBe(404);
    expect((await me.browser.get(`/applications/${otherApp}`)).status).toBe(403);
    expect((await me.browser.get('/vacancies')).status).toBe(403);
    const ot = await t.make.browser(otUser);
    expect((await ot.get('/jobs')).status).toBe(403);

    const back = redirectedTo(await other.browser.post(`/my/applications/${otherApp}/withdraw`, {}));
    expect((await other.browser.get(back)).text).toContain('Your application has been withdrawn');
  });

  it('shows a patient their current and past jobs', async () => {
    const e = await w.enterprise({ name: `Laundry ${Date.now()}` });
    const now = await w.role(e.id, { title: 'Laundry assistant' });
    const before = await w.role(e.id, { title: 'Linen runner' });
    const { patientId, browser } = await patientBrowser();
    const ot = { Authorization: `Bearer ${await t.make.token(otUser)}` };
    await t.http().post('/api/placements').set(ot).send({ patientId, workRoleId: now.id, startOn: w.today }).expect(201);
    const old = await t.http().post('/api/placements').set(ot).send({ patientId, workRoleId: before.id, startOn: addDays(w.today, -100) }).expect(201);
    await t.http().post(`/api/placements/${old.body.id}/end`).set(ot).send({ endOn: addDays(w.today, -10), endReason: 'PROGRESSED_VOLUNTEERING', note: 'private staff note' }).expect(201);
    const page = await browser.get('/my/jobs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Laundry assistant');
    expect(page.text).toContain('Linen runner');
    expect(page.text).toContain('Moved on to volunteering');
    expect(page.text).not.toContain('private staff note');
  });
});
