import type { Browser } from 'playwright-core';
import { axeViolations, launchChromium, signInPage } from './support/axe';
import { createTestApp, TestApp } from './support/test-app';
import { tillsWorld } from './tills-world';

jest.setTimeout(300_000);

/** The till, its session pages, the Z report and stock pass axe-core (WCAG 2.2 AA), with a basket, change due and errors. */
describe('tills: pages are accessible', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof tillsWorld>>;
  let browser: Browser;
  let base: string;
  let openId: string;
  let closedId: string;

  beforeAll(async () => {
    t = await createTestApp();
    base = t.base;
    w = await tillsWorld(t);
    const closed = await w.open({ openingFloatPence: 1000, till: 'Yesterday' });
    await w.sale(closed.id, { lines: [{ productId: w.sandwich.id, quantity: 2 }, { productId: w.tea.id, quantity: 1 }], payments: [{ method: 'CASH', amountPence: 1000 }] }).expect(201);
    await t.http().post(`/api/till-sessions/${closed.id}/cash-movements`).set(w.lead.auth).send({ kind: 'OUT', amountPence: 200, reason: 'Milk' }).expect(201);
    await t.http().post(`/api/till-sessions/${closed.id}/close`).set(w.lead.auth).send({ countedCashPence: 1600 }).expect(200);
    closedId = closed.id;
    openId = (await w.open({ openingFloatPence: 1000, till: 'Main' })).id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('as the lead: tills, the till with a basket and change due, close (with an error), Z report, stock', async () => {
    const page = await signInPage(browser, base, w.lead.user.username);
    const found: string[] = [];
    for (const path of [`/till?enterpriseId=${w.enterprise.id}`, `/till/sessions/${openId}`, `/till/sessions/${openId}?basket=${w.sandwich.id}:2,${w.tea.id}:1`, `/till/sessions/${openId}?total=470&change=530`, `/till/sessions/${openId}/close`, `/till/sessions/${closedId}/z-report`, `/till/stock?enterpriseId=${w.enterprise.id}`]) {
      const res = await page.goto(base + path);
      expect([path, res?.status()]).toEqual([path, 200]);
      found.push(...(await axeViolations(page, base)));
    }
    await page.goto(`${base}/till/sessions/${openId}/close`);
    await page.fill('#counted', 'lots');
    await page.click('button[type=submit]:has-text("Close the till")');
    found.push(...(await axeViolations(page, base)));
    const sold = (await w.sale(openId, { lines: [{ productId: w.crisps.id, quantity: 2 }], payments: [{ method: 'CASH', amountPence: 200 }] }).expect(201)).body;
    await page.goto(`${base}/till/sales/${sold.id}/refund`);
    found.push(...(await axeViolations(page, base)));
    await page.click('button:has-text("Refund")');
    expect(await page.textContent('body')).toContain('Give a reason for the refund');
    found.push(...(await axeViolations(page, base)));
    await page.goto(`${base}/till/stock?enterpriseId=${w.enterprise.id}`);
    await page.click('button:has-text("Receive")');
    expect(await page.textContent('body')).toContain('Choose a product');
    found.push(...(await axeViolations(page, base)));
    await page.goto(`${base}/till/sessions/${openId}?basket=${w.tea.id}:1`);
    await page.fill('#tendered', '0.01');
    await page.click('button:has-text("Take payment")');
    expect(await page.textContent('body')).toContain('do not cover the total');
    found.push(...(await axeViolations(page, base)));
    expect(found).toEqual([]);
  });

  it('as a patient: My money', async () => {
    const p = await w.patientWorker();
    await w.sale(openId, { lines: [{ productId: w.tea.id, quantity: 1 }], payments: [{ method: 'PATIENT_ACCOUNT', amountPence: 120, patientId: p.patient.id }] }).expect(201);
    const page = await signInPage(browser, base, p.user.username);
    const res = await page.goto(`${base}/till/my-money`);
    expect(res?.status()).toBe(200);
    expect(await axeViolations(page, base)).toEqual([]);
  });
});
