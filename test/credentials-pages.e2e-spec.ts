import type { Browser as Chromium, Page } from 'playwright-core';
import { Credential } from '../src/credentials/credential.entity';
import { credentialsWorld } from './credentials-world';
import { axeViolations, launchChromium, signInPage } from './support/axe';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(300_000);

describe('credentials: pages', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof credentialsWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await credentialsWorld(t);
  });
  afterAll(() => t.close());

  describe('without JavaScript', () => {
    it('a patient asks for a credential for their verified skill, sees it, downloads it and reads how an employer checks it', async () => {
      const log = await w.log({ level: 'PROFICIENT' });
      const b = await t.make.browser(w.patientCaller.user);
      const page = await b.get('/my/credentials');
      expect(page.status).toBe(200);
      expect(page.text).toContain('How an employer checks a credential');
      expect(page.text).toContain(`value="${log.id}"`);
      const res = await b.post('/my/credentials', { skillLogId: log.id });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/my/credentials?done=issued');
      const after = await b.get('/my/credentials?done=issued');
      expect(after.text).toContain('Barista — Proficient');
      expect(after.text).not.toContain(`value="${log.id}"`);
      const c = await t.uow.read((em) => em.findOneByOrFail(Credential, { skillLogId: log.id }));
      expect(after.text).toContain(`/api/credentials/${c.id}/jwt`);
      const jwt = await b.get(`/api/credentials/${c.id}/jwt`);
      expect(jwt.status).toBe(200);
      expect(jwt.text).toBe(c.jwt);
    });

    it('a second request for the same entry shows an error summary (409), and a form without its CSRF token is refused', async () => {
      const log = await w.log();
      const b = await t.make.browser(w.patientCaller.user);
      await b.get('/my/credentials');
      expect((await b.post('/my/credentials', { skillLogId: log.id })).status).toBe(303);
      await b.get('/my/credentials');
      const again = await b.post('/my/credentials', { skillLogId: log.id });
      expect(again.status).toBe(409);
      expect(again.text).toContain('nhsuk-error-summary');
      expect(again.text).toContain('already has an active credential');
      const noCsrf = await b.post('/my/credentials', { skillLogId: (await w.log()).id }, { csrf: false });
      expect(noCsrf.status).toBe(403);
    });

    it('a patient cannot ask for another patient’s entry (404), and staff pages are not theirs (403)', async () => {
      const theirs = await w.log({ patientId: w.otherPatient.id });
      const b = await t.make.browser(w.patientCaller.user);
      await b.get('/my/credentials');
      expect((await b.post('/my/credentials', { skillLogId: theirs.id })).status).toBe(404);
      expect((await b.get('/credentials')).status).toBe(403);
    });

    it('an OT chooses a patient in scope, issues, then revokes with a reason; errors are summarised', async () => {
      const log = await w.log();
      const b = await t.make.browser(w.ot.user);
      const list = await b.get('/credentials');
      expect(list.status).toBe(200);
      expect(list.text).toContain(w.patient.displayName);
      expect(list.text).not.toContain(w.otherPatient.displayName);
      const one = await b.get(`/credentials?patientId=${w.patient.id}`);
      expect(one.text).toContain(`value="${log.id}"`);
      const issued = await b.post('/credentials', { patientId: w.patient.id, skillLogId: log.id });
      expect(issued.status).toBe(303);
      expect(issued.headers.location).toBe(`/credentials?patientId=${w.patient.id}&done=issued`);
      const c = await t.uow.read((em) => em.findOneByOrFail(Credential, { skillLogId: log.id }));

      const form = await b.get(`/credentials/${c.id}/revoke`);
      expect(form.status).toBe(200);
      const empty = await b.post(`/credentials/${c.id}/revoke`, { reason: '' });
      expect(empty.status).toBe(422);
      expect(empty.text).toContain('nhsuk-error-summary');
      expect(empty.text).toContain('Give a reason');
      await b.get(`/credentials/${c.id}/revoke`);
      const revoked = await b.post(`/credentials/${c.id}/revoke`, { reason: 'Issued for the wrong entry' });
      expect(revoked.status).toBe(303);
      expect((await t.http().get(`/api/credentials/${c.id}/status`).expect(200)).body.status).toBe('REVOKED');
      expect((await b.get(`/credentials?patientId=${w.otherPatient.id}`)).status).toBe(404);
    });

    it('a pending entry is not offered and is refused if posted anyway (422 with an error summary)', async () => {
      const pending = await w.log({ status: 'PENDING' });
      const b = await t.make.browser(w.ot.user);
      const page = await b.get(`/credentials?patientId=${w.patient.id}`);
      expect(page.text).not.toContain(`value="${pending.id}"`);
      const res = await b.post('/credentials', { patientId: w.patient.id, skillLogId: pending.id });
      expect(res.status).toBe(422);
      expect(res.text).toContain('nhsuk-error-summary');
    });

    it('commissioners and ward staff get 403 on the credentials pages', async () => {
      for (const who of [w.commissioner, w.wardStaff]) {
        const b = await t.make.browser(who.user);
        expect((await b.get('/credentials')).status).toBe(403);
        expect((await b.get('/my/credentials')).status).toBe(403);
      }
    });
  });

  describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
    let browser: Chromium;
    let base: string;

    beforeAll(async () => {
      base = t.base;
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    const signIn = (username: string): Promise<Page> => signInPage(browser, base, username);

    const violations = (page: Page): Promise<string[]> => axeViolations(page, base);

    it('the patient’s page, empty, with credentials and eligible skills, and after an error', async () => {
      const found: string[] = [];
      const newcomer = await t.make.caller('PATIENT', { patientId: (await t.make.patient({ wardId: w.ward.id })).id });
      let page = await signIn(newcomer.user.username);
      expect((await page.goto(base + '/my/credentials'))?.status()).toBe(200);
      found.push(...(await violations(page)));

      await w.log();
      await w.log({ level: 'PROFICIENT' });
      page = await signIn(w.patientCaller.user.username);
      await page.goto(base + '/my/credentials');
      await Promise.all([page.waitForNavigation(), page.locator('main form[method=post] button').first().click()]);
      expect(page.url()).toContain('done=issued');
      found.push(...(await violations(page)));
      // Post an entry that already has a credential: the page comes back with an error summary.
      const issuedId = await t.uow.read(async (em) => (await em.findOneOrFail(Credential, { where: { patientId: w.patient.id, status: 'ACTIVE' }, order: { issuedAt: 'DESC' } })).skillLogId);
      await page.evaluate(`document.querySelector('main form[method=post] input[name=skillLogId]').value = '${issuedId}'`);
      await Promise.all([page.waitForNavigation(), page.locator('main form[method=post] button').first().click()]);
      expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
      found.push(...(await violations(page)));
      expect(found).toEqual([]);
    });

    it('the staff page, with a patient chosen, and the revoke form with an error', async () => {
      const found: string[] = [];
      await w.log();
      const page = await signIn(w.ot.user.username);
      for (const path of ['/credentials', `/credentials?patientId=${w.patient.id}`, `/credentials?patientId=${w.patient.id}&done=issued`]) {
        expect((await page.goto(base + path))?.status()).toBe(200);
        found.push(...(await violations(page)));
      }
      const c = await t.uow.read((em) => em.findOneOrFail(Credential, { where: { patientId: w.patient.id, status: 'ACTIVE' }, order: { issuedAt: 'DESC' } }));
      await page.goto(`${base}/credentials/${c.id}/revoke`);
      found.push(...(await violations(page)));
      await Promise.all([page.waitForNavigation(), page.locator('main form[method=post] button').last().click()]);
      expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
      found.push(...(await violations(page)));
      expect(found).toEqual([]);
    });
  });
});
