import type { Browser, Page } from 'playwright-core';
import { referencesWorld, STATEMENT } from './references-world';
import { axeViolations, launchChromium, signInPage } from './support/axe';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(300_000);

/** The reference pages pass axe-core (WCAG 2.2 AA): staff, patient and public verify pages, with data, empty and with errors. */
describe('references: pages are accessible', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof referencesWorld>>;
  let browser: Browser;
  let base: string;
  const ids = { draft: '', approved: '', withdrawn: '', approvedCode: '', withdrawnCode: '' };

  beforeAll(async () => {
    t = await createTestApp();
    base = t.base;
    w = await referencesWorld(t);
    const body = (placementId: string) => ({ placementId, statement: STATEMENT + '\n\nSecond paragraph.', refereeName: 'Olivia Thompson', refereeJobTitle: 'Café supervisor' });
    const withdrawn = (await t.http().post('/api/references').set(w.ot.auth).send(body(w.otherPlacement.id)).expect(201)).body;
    await t.http().post(`/api/references/${withdrawn.id}/approve`).set(w.ot2.auth).expect(200);
    await t.http().post(`/api/references/${withdrawn.id}/withdraw`).set(w.ot.auth).send({ reason: 'Replaced' }).expect(200);
    const approved = (await t.http().post('/api/references').set(w.ot.auth).send(body(w.placement.id)).expect(201)).body;
    await t.http().post(`/api/references/${approved.id}/approve`).set(w.ot2.auth).expect(200);
    const draft = (await t.http().post('/api/references').set(w.lead.auth).send(body(w.placement2.id)).expect(201)).body;
    Object.assign(ids, { draft: draft.id, approved: approved.id, withdrawn: withdrawn.id, approvedCode: approved.verificationCode, withdrawnCode: withdrawn.verificationCode });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const signIn = (username: string): Promise<Page> => signInPage(browser, base, username);

  const violations = (page: Page): Promise<string[]> => axeViolations(page, base);

  const pagesPass = async (page: Page, paths: [string, number][]) => {
    const found: string[] = [];
    for (const [path, status] of paths) {
      const res = await page.goto(base + path);
      expect([path, res?.status()]).toEqual([path, status]);
      found.push(...(await violations(page)));
    }
    expect(found).toEqual([]);
  };

  it('as an OT: the list, the new-reference forms, a draft (approve), its edit form, an approved and a withdrawn reference', async () => {
    const page = await signIn(w.ot.user.username);
    await pagesPass(page, [
      ['/references', 200],
      ['/references?status=DRAFT', 200],
      ['/references/new', 200],
      [`/references/new?placementId=${w.placement.id}`, 200],
      [`/references/${ids.draft}`, 200],
      [`/references/${ids.draft}/edit`, 200],
      [`/references/${ids.approved}`, 200],
      [`/references/${ids.withdrawn}`, 200],
    ]);
  });

  it('forms with errors show an error summary and pass axe', async () => {
    const page = await signIn(w.ot.user.username);
    const found: string[] = [];
    await page.goto(`${base}/references/new`);
    await Promise.all([page.waitForNavigation(), page.locator('main form[method=post] button').last().click()]);
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
    found.push(...(await violations(page)));
    await page.goto(`${base}/references/${ids.approved}`);
    await Promise.all([page.waitForNavigation(), page.locator('form[action$="/withdraw"] button').click()]);
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
    found.push(...(await violations(page)));
    await page.goto(`${base}/references/${ids.draft}/edit`);
    await page.fill('#statement', 'short');
    await Promise.all([page.waitForNavigation(), page.locator('main form[method=post] button').last().click()]);
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
    found.push(...(await violations(page)));
    expect(found).toEqual([]);
  });

  it('as the lead who wrote a draft: the page says another person must approve it', async () => {
    const page = await signIn(w.lead.user.username);
    await pagesPass(page, [[`/references/${ids.draft}`, 200]]);
    expect(await page.content()).toContain('another OT or enterprise lead must approve it');
  });

  it('as a patient: my references (with one and with none), and one reference with the choice of name', async () => {
    const page = await signIn(w.patientUser.user.username);
    await pagesPass(page, [
      ['/my/references', 200],
      [`/my/references/${ids.approved}`, 200],
      [`/my/references/${ids.approved}?done=saved`, 200],
    ]);
    const other = await signIn(w.otherUser.user.username);
    await pagesPass(other, [['/my/references', 200]]);
  });

  it('signed out: the verify form, an approved, a withdrawn and an unknown code', async () => {
    const page = await (await browser.newContext()).newPage();
    await pagesPass(page, [
      ['/verify', 200],
      ['/verify?code=nope', 422],
      [`/verify/${ids.approvedCode}`, 200],
      [`/verify/${ids.withdrawnCode}`, 200],
      ['/verify/ABCDEFGHJKLM', 404],
    ]);
  });
});
