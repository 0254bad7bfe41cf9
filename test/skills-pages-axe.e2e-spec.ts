import type { Browser, Page } from 'playwright-core';
import { skillsWorld } from './skills-world';
import { axeViolations, launchChromium, signInPage } from './support/axe';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(300_000);

/** The skills pages pass axe-core (WCAG 2.2 AA): with data, empty, and with form errors. */
describe('skills: pages are accessible', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof skillsWorld>>;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    base = t.base;
    w = await skillsWorld(t);
    const shift = await w.pastShiftOf(w.patientA.id, 2);
    const verified = (await t.http().post('/api/skill-logs').set(w.lead.auth).send(w.entry(w.patientA.id, { level: 'COMPETENT' })).expect(201)).body;
    await t.http().post(`/api/skill-logs/${verified.id}/verify`).set(w.otA.auth).send({ comment: 'Seen it' }).expect(200);
    const rejected = (await t.http().post('/api/skill-logs').set(w.patientAUser.auth).send(w.entry(undefined, { skillId: w.teamwork.id })).expect(201)).body;
    await t.http().post(`/api/skill-logs/${rejected.id}/reject`).set(w.otA.auth).send({ comment: 'Not yet' }).expect(200);
    await t.http().post('/api/skill-logs').set(w.patientAUser.auth).send(w.entry(undefined, { shiftId: shift.id, occurredOn: new Date(shift.startAt).toISOString().slice(0, 10) }));
    await t.http().post('/api/skill-logs').set(w.patientAUser.auth).send(w.entry(undefined, { evidence: 'Pending one' })).expect(201);
    await t.http().post('/api/skill-logs').set(w.otA.auth).send(w.entry(w.patientA.id, { evidence: 'My own' })).expect(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const signIn = (username: string): Promise<Page> => signInPage(browser, base, username);

  const violations = (page: Page): Promise<string[]> => axeViolations(page, base);

  const pagesPass = async (username: string, paths: string[]) => {
    const page = await signIn(username);
    const found: string[] = [];
    for (const path of paths) {
      const res = await page.goto(base + path);
      expect([path, res?.status()]).toEqual([path, 200]);
      found.push(...(await violations(page)));
    }
    expect(found).toEqual([]);
    return page;
  };

  it('as a patient: My skills with data, after logging, and with errors', async () => {
    const page = await pagesPass(w.patientAUser.user.username, ['/my/skills', '/my/skills?done=logged', '/skills/framework', `/skills/framework/${w.barista.id}`]);
    await page.goto(base + '/my/skills');
    await page.fill('#occurredOn-day', '');
    await Promise.all([page.waitForNavigation(), page.locator('form[action="/my/skills"] button').click()]);
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
    expect(await violations(page)).toEqual([]);
  });

  it('as a patient with nothing logged yet', async () => {
    await pagesPass(w.patientBUser.user.username, ['/my/skills']);
  });

  it('as an OT: the verification queue (with an error), a patient’s skills, the framework', async () => {
    const page = await pagesPass(w.otA.user.username, ['/skills/verification', `/patients/${w.patientA.id}/skills`, '/skills/verification?done=verified']);
    await page.goto(base + '/skills/verification');
    await Promise.all([page.waitForNavigation(), page.locator('button[formaction$="/reject"]').first().click()]);
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
    expect(await violations(page)).toEqual([]);
    await page.goto(`${base}/patients/${w.patientA.id}/skills`);
    await Promise.all([page.waitForNavigation(), page.locator(`form[action="/patients/${w.patientA.id}/skills"] button`).click()]);
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
    expect(await violations(page)).toEqual([]);
  });

  it('as ward staff: a patient’s skills; as an OT of another ward: an empty queue', async () => {
    await pagesPass(w.wardStaffA.user.username, [`/patients/${w.patientA.id}/skills`]);
    await pagesPass(w.otB.user.username, ['/skills/verification']);
  });

  it('as an admin: the framework, a skill, the add and edit forms (with errors)', async () => {
    const page = await pagesPass(w.admin.user.username, ['/skills/framework', `/skills/framework/${w.barista.id}`, '/skills/framework/new', `/skills/framework/${w.barista.id}/edit`]);
    await page.goto(base + '/skills/framework/new');
    await Promise.all([page.waitForNavigation(), page.locator('main form[method=post] button').last().click()]);
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
    expect(await violations(page)).toEqual([]);
  });
});
