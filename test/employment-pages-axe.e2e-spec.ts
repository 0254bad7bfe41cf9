import type { Browser, Page } from 'playwright-core';
import { addDays, londonDate } from '../src/common/dates';
import { employmentWorld } from './employment-world';
import { axeViolations, launchChromium, signInPage } from './support/axe';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(300_000);

/** The employment support pages pass axe-core (WCAG 2.2 AA), with data, empty and with errors. */
describe('employment support: pages are accessible', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof employmentWorld>>;
  let browser: Browser;
  let base: string;
  let referralId: string;
  let pendingId: string;
  let jobId: string;

  beforeAll(async () => {
    t = await createTestApp();
    base = t.base;
    w = await employmentWorld(t);
    await t.http().put(`/api/employment/specialists/${w.specialistA.user.id}`).set(w.admin.auth).send({ fte: 0.8 }).expect(200);
    referralId = await w.onCaseload(w.pA.id, w.specialistA, addDays(londonDate(), -40));
    const s = w.specialistA.auth;
    await t.http().patch(`/api/employment/referrals/${referralId}`).set(s).send({ benefitsPlanningOfferedOn: addDays(londonDate(), -30), benefitsPlanningDoneOn: addDays(londonDate(), -20) }).expect(200);
    await t.http().post(`/api/patients/${w.pA.id}/employment-plan`).set(s).send({ kind: 'STRENGTH', text: 'Reliable and friendly with customers' }).expect(201);
    await t.http().post(`/api/patients/${w.pA.id}/employment-plan`).set(s).send({ kind: 'GOAL', goalKind: 'EMPLOYMENT', text: 'A part-time job in a bakery' }).expect(201);
    await t.http().post(`/api/patients/${w.pA.id}/employment-plan`).set(s).send({ kind: 'STEP', text: 'Update CV', dueOn: addDays(londonDate(), -3) }).expect(201);
    await t.http().post(`/api/patients/${w.pA.id}/employment-plan`).set(s).send({ kind: 'REVIEW', text: 'Review after the first month', patientWords: 'I am enjoying it' }).expect(201);
    await w.grantLeave(w.pA.id, 'UNESCORTED_COMMUNITY');
    const emp = await w.employer('Hillside Bakery');
    const job = (await t.http().post(`/api/patients/${w.pA.id}/opportunities`).set(s).send({ kind: 'JOB', employerId: emp.id, title: 'Bakery assistant', startsOn: addDays(londonDate(), -14), hoursPerWeek: 10, hourlyPayPence: 1221, competitive: true, fourHoursWorkedOn: addDays(londonDate(), -13) }).expect(201)).body;
    jobId = job.id;
    await t.http().post(`/api/patients/${w.pA.id}/follow-along`).set(s).send({ opportunityId: job.id, contactedOn: addDays(londonDate(), -7), mode: 'FACE_TO_FACE', withWhom: 'BOTH' }).expect(201);
    await t.http().post('/api/employer-contacts').set(s).send({ employerId: emp.id, patientId: w.pA.id, contactedOn: addDays(londonDate(), -30), faceToFace: true, purpose: 'JOB_DEVELOPMENT' }).expect(201);
    await t.http().post(`/api/patients/${w.pA.id}/disclosures`).set(s).send({ employerId: emp.id, choice: 'HEALTH_CONDITION', decidedOn: addDays(londonDate(), -20) }).expect(201);
    await t.http().put(`/api/patients/${w.pA.id}/benefits-situation`).set(s).send({ situation: 'UNIVERSAL_CREDIT', effectiveFrom: addDays(londonDate(), -60) }).expect(200);
    const p2 = await t.make.patient({ wardId: w.wardA.id });
    pendingId = (await t.http().post('/api/employment/referrals').set(w.ot.auth).send({ patientId: p2.id, referredOn: londonDate(), source: 'OT' }).expect(201)).body.id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const pagesPass = async (page: Page, paths: [string, number][]) => {
    const found: string[] = [];
    for (const [path, status] of paths) {
      const res = await page.goto(base + path);
      expect([path, res?.status()]).toEqual([path, status]);
      found.push(...(await axeViolations(page, base)));
    }
    expect(found).toEqual([]);
  };

  it('as a specialist: caseload, record, forms, employers and fidelity', async () => {
    const page = await signInPage(browser, base, w.specialistA.user.username);
    await pagesPass(page, [
      ['/employment/caseload', 200],
      [`/employment/patients/${w.pA.id}`, 200],
      [`/employment/patients/${w.pA.id}/plan/new`, 200],
      [`/employment/patients/${w.pA.id}/opportunities/new`, 200],
      [`/employment/patients/${w.pA.id}/follow-along/new`, 200],
      [`/employment/patients/${w.pA.id}/benefits`, 200],
      [`/employment/patients/${w.pA.id}/opportunities/${jobId}/end`, 200],
      [`/employment/patients/${w.pA.id}/opportunities/${jobId}/four-hours`, 200],
      [`/employment/patients/${w.pA.id}/disclosures/new`, 200],
      [`/employment/referrals/${referralId}/update`, 200],
      [`/employment/referrals/${pendingId}/accept`, 200],
      [`/employment/referrals/${pendingId}/decline`, 200],
      ['/employment/employers', 200],
      ['/employment/employers/new', 200],
      [`/employment/employer-contacts/new?patientId=${w.pA.id}`, 200],
      ['/employment/fidelity', 200],
      ['/employment/fidelity?from=2026-09-30&to=2026-07-01', 422],
    ]);
  });

  it('forms with errors show an error summary and pass axe', async () => {
    const page = await signInPage(browser, base, w.specialistA.user.username);
    const found: string[] = [];
    for (const path of [`/employment/patients/${w.pA.id}/plan/new`, `/employment/referrals/${pendingId}/decline`, `/employment/patients/${w.pA.id}/opportunities/new`]) {
      await page.goto(base + path);
      await Promise.all([page.waitForNavigation(), page.locator('main form[method=post] button').last().click()]);
      expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
      found.push(...(await axeViolations(page, base)));
    }
    expect(found).toEqual([]);
  });

  it('as a patient: My plan (and with an error) and My work outside', async () => {
    const page = await signInPage(browser, base, w.patientUser.user.username);
    await pagesPass(page, [
      ['/my/plan', 200],
      ['/my/work-outside', 200],
    ]);
    const fresh = await t.make.user('PATIENT', { patientId: (await t.make.patient({ wardId: w.wardA.id })).id });
    const other = await signInPage(browser, base, fresh.username);
    await pagesPass(other, [['/my/plan', 200]]);
    await Promise.all([other.waitForNavigation(), other.locator('form[action="/my/plan/refer"] button').click()]);
    expect(await axeViolations(other, base)).toEqual([]);
    await page.goto(base + '/my/plan');
    await Promise.all([page.waitForNavigation(), page.locator('main form[method=post] button').last().click()]);
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
    expect(await axeViolations(page, base)).toEqual([]);
  });

  it('as an admin and a commissioner: fidelity and the quarterly return', async () => {
    const admin = await signInPage(browser, base, w.admin.user.username);
    await pagesPass(admin, [
      ['/employment/caseload', 200],
      [`/employment/specialists/${w.specialistA.user.id}/fte`, 200],
      ['/employment/fidelity', 200],
      ['/employment/returns', 200],
    ]);
    const commissioner = await signInPage(browser, base, w.commissioner.user.username);
    await pagesPass(commissioner, [
      ['/employment/fidelity', 200],
      ['/employment/returns?quarter=2026-Q3', 200],
    ]);
  });
});
