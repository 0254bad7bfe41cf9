import type { Browser, Page } from 'playwright-core';
import { londonDate } from '../src/common/dates';
import { nextWeekday, ordersWorld } from './orders-world';
import { axeViolations, launchChromium, signInPage } from './support/axe';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(300_000);

/** The order, booking, queue, day sheet and statement pages pass axe-core (WCAG 2.2 AA), with data and with form errors. */
describe('orders and bookings: pages are accessible', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof ordersWorld>>;
  let browser: Browser;
  let base: string;
  let orderId: string;
  let deliveredId: string;

  beforeAll(async () => {
    t = await createTestApp();
    base = t.base;
    w = await ordersWorld(t);
    orderId = (await w.order()).id;
    deliveredId = (await w.order()).id;
    await t.http().post(`/api/orders/${deliveredId}/accept`).set(w.lead.auth).send({}).expect(200);
    await t.http().post(`/api/orders/${deliveredId}/deliver`).set(w.lead.auth).send({ lines: [{ productId: w.bag.id, quantity: 3 }] }).expect(200);
    const [slot] = (await t.http().get(`/api/enterprises/${w.valet.id}/availability?serviceId=${w.service.id}&from=${nextWeekday(1)}&to=${nextWeekday(1)}`).set(w.wardA.auth).expect(200)).body.slots;
    await t.http().post('/api/service-bookings').set(w.wardA.auth).send({ serviceId: w.service.id, startAt: slot.startAt, details: 'AB12 CDE' }).expect(201);
    await t.http().post('/api/closure-days').set(w.lead.auth).send({ enterpriseId: w.valet.id, date: nextWeekday(1), reason: 'Staff training' }).expect(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const pagesPass = async (username: string, paths: string[]): Promise<Page> => {
    const page = await signInPage(browser, base, username);
    const found: string[] = [];
    for (const path of paths) {
      const res = await page.goto(base + path);
      expect([path, res?.status()]).toEqual([path, 200]);
      found.push(...(await axeViolations(page, base)));
    }
    expect(found).toEqual([]);
    return page;
  };

  it('as ward staff: My orders, the order form (with errors), an order, My bookings (flagged), the slot picker (with an error)', async () => {
    const page = await pagesPass(w.wardA.user.username, ['/orders', '/orders/new', `/orders/new?enterpriseId=${w.laundry.id}`, `/orders/${orderId}`, `/orders/${deliveredId}`, '/bookings', '/bookings/new', `/bookings/new?serviceId=${w.service.id}&from=${nextWeekday(2)}`]);
    await page.goto(`${base}/orders/new?enterpriseId=${w.laundry.id}`);
    await page.fill('#neededOn', 'not a date');
    await Promise.all([page.waitForNavigation(), page.locator('main form[method=post] button').click()]);
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
    expect(await axeViolations(page, base)).toEqual([]);
    await page.goto(`${base}/bookings/new?serviceId=${w.service.id}&from=${nextWeekday(2)}`);
    await Promise.all([page.waitForNavigation(), page.locator('main form[method=post] button').click()]);
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
    expect(await axeViolations(page, base)).toEqual([]);
  });

  it('as the lead: the queue, an order with its actions (and an error), the day sheet and a statement', async () => {
    const page = await pagesPass(w.lead.user.username, ['/enterprise-orders', `/orders/${orderId}`, `/day-sheet?enterpriseId=${w.valet.id}&date=${nextWeekday(1)}`, `/day-sheet?enterpriseId=${w.laundry.id}`, '/cost-centres', `/cost-centres?code=${w.ccA.code}&month=${londonDate().slice(0, 7)}`, `/catalogue?enterpriseId=${w.valet.id}`, `/catalogue/new?enterpriseId=${w.valet.id}`]);
    await page.goto(`${base}/orders/${orderId}`);
    await Promise.all([page.waitForNavigation(), page.locator(`form[action$="/decline"] button`).click()]);
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
    expect(await axeViolations(page, base)).toEqual([]);
  });

  it('as an admin: cost centres and the add form (with errors)', async () => {
    const page = await pagesPass(w.admin.user.username, ['/admin/cost-centres', '/admin/cost-centres/new']);
    await page.goto(`${base}/admin/cost-centres/new`);
    await Promise.all([page.waitForNavigation(), page.locator('main form[method=post] button').click()]);
    expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
    expect(await axeViolations(page, base)).toEqual([]);
  });
});
