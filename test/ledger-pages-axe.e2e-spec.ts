import type { Browser, Page } from 'playwright-core';
import { londonDate } from '../src/common/dates';
import { cr, dr, entryBody, ledgerWorld } from './ledger-world';
import { axeViolations, launchChromium, signInPage } from './support/axe';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(300_000);

/** The finance and surplus pages pass axe-core (WCAG 2.2 AA), with data, empty and with form errors. */
describe('ledger: pages are accessible', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    base = t.base;
    w = await ledgerWorld(t);
    const id = w.enterprise.id;
    const today = londonDate();
    await t.http().post(`/api/enterprises/${id}/journal-entries`).set(w.lead.auth).send(entryBody(today, [dr('1100', 50000), cr('4000', 50000)])).expect(201);
    await t.http().post(`/api/enterprises/${id}/journal-entries`).set(w.lead.auth).send(entryBody(today, [dr('5000', 70000), cr('1100', 70000)])).expect(201);
    await t.http().post(`/api/enterprises/${id}/journal-entries`).set(w.lead.auth).send(entryBody('2025-06-01', [dr('1100', 90000), cr('4200', 90000)])).expect(201);
    await t.http().post(`/api/enterprises/${id}/periods/2025-01/close`).set(w.lead.auth).expect(201);
    const { sheet } = await w.timesheet('2026-02-02', [[120, 1500]]);
    await w.timesheet('2026-02-09', [[60, 750]]);
    await t.http().post(`/api/enterprises/${id}/payroll-runs`).set(w.lead.auth).send({ timesheetId: sheet.id }).expect(201);
    const p = (await t.http().post(`/api/enterprises/${id}/reinvestment-proposals`).set(w.lead.auth).send({ amountPence: 1000, purpose: 'TRAINING', title: 'Food hygiene course', opportunities: 'Two patients certified' }).expect(201)).body;
    await t.http().post(`/api/reinvestment-proposals/${p.id}/approve`).set(w.lead.auth).expect(200);
    await t.http().post(`/api/reinvestment-proposals/${p.id}/approve`).set(w.admin.auth).expect(200);
    await t.http().post(`/api/enterprises/${id}/reinvestment-proposals`).set(w.lead.auth).send({ amountPence: 500, purpose: 'OTHER', title: 'Bunting', opportunities: 'None' }).expect(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const signIn = (username: string): Promise<Page> => signInPage(browser, base, username);

  const violations = (page: Page): Promise<string[]> => axeViolations(page, base);

  const pagesPass = async (paths: string[]) => {
    const page = await signIn(w.lead.user.username);
    const found: string[] = [];
    for (const path of paths) {
      const res = await page.goto(base + path);
      expect(res?.status()).toBe(200);
      found.push(...(await violations(page)));
    }
    expect(found).toEqual([]);
  };

  it('as a lead: the enterprise list, dashboard, journal and reports', async () => {
    const id = w.enterprise.id;
    await pagesPass(['/finance', `/finance/${id}`, `/finance/${id}/journal`, `/finance/${id}/journal?from=2026-02-31`, `/finance/${id}/reports`, `/finance/${id}/verify`]);
  });

  it('as a lead: the money forms, periods, payroll and reinvestment', async () => {
    const id = w.enterprise.id;
    await pagesPass([`/finance/${id}/takings`, `/finance/${id}/purchases`, `/finance/${id}/internal-contracts`, `/finance/${id}/grants`, `/finance/${id}/periods`, `/finance/${id}/payroll`, `/finance/${id}/reinvestment`, `/finance/${id}/reinvestment/new`]);
  });

  it('as a lead: forms with errors, and a page after a redirect with a banner', async () => {
    const page = await signIn(w.lead.user.username);
    const id = w.enterprise.id;
    const found: string[] = [];
    await page.goto(`${base}/finance/${id}/takings`);
    await page.fill('#amount', '12.345');
    await Promise.all([page.waitForNavigation(), page.locator('main form[method=post] button').last().click()]);
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
    found.push(...(await violations(page)));
    await page.goto(`${base}/finance/${id}/takings`);
    await page.fill('#occurredOn', '2025-01-10');
    await page.check('#method');
    await page.fill('#amount', '5');
    await Promise.all([page.waitForNavigation(), page.locator('main form[method=post] button').last().click()]);
    expect(await page.content()).toContain('closed');
    found.push(...(await violations(page)));
    await page.goto(`${base}/finance/${id}/periods`);
    await Promise.all([page.waitForNavigation(), page.locator('main form[method=post] button').last().click()]);
    found.push(...(await violations(page)));
    await page.goto(`${base}/finance/${id}/journal`);
    await Promise.all([page.waitForNavigation(), page.locator('form[action$="/reverse"] button').first().click()]);
    expect(page.url()).toContain('reversed=');
    found.push(...(await violations(page)));
    expect(found).toEqual([]);
  });

  it('as an admin and a commissioner: the surplus page', async () => {
    const found: string[] = [];
    for (const user of [w.admin.user, w.commissioner.user]) {
      const page = await signIn(user.username);
      const res = await page.goto(base + '/surplus');
      expect(res?.status()).toBe(200);
      found.push(...(await violations(page)));
    }
    expect(found).toEqual([]);
  });
});
