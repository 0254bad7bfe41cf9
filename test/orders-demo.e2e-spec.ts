import request from 'supertest';
import { londonDate } from '../src/common/dates';
import { DEMO_ENTERPRISES } from '../seeds/enterprises.seed';
import { DEMO_COST_CENTRES, DEMO_PRODUCTS } from '../seeds/orders.seed';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO_TEST_PASSWORD } from './support/test-db';

jest.setTimeout(300_000);

const DEMO_PASSWORD = DEMO_TEST_PASSWORD;

describe('orders: demo data', () => {
  let t: TestApp;
  const token = async (username: string) => ({
    Authorization: `Bearer ${(await request(t.app.getHttpServer()).post('/api/auth/token').send({ username, password: DEMO_PASSWORD }).expect(201)).body.accessToken}`,
  });

  beforeAll(async () => {
    t = await createTestApp({}, { data: 'demo' });
  });
  afterAll(() => t.close());

  it('has a cost centre named after each demo ward, and departments', async () => {
    const list = (await t.http().get('/api/cost-centres').set(await token('ward')).expect(200)).body;
    expect(list.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['Alder Ward', 'Birch Ward', 'Cedar Ward', 'Willow Ward', 'Pharmacy']));
    expect(list.filter((c: { canOrder: boolean }) => c.canOrder).map((c: { code: string }) => c.code).sort()).toEqual([DEMO_COST_CENTRES.alder.code, DEMO_COST_CENTRES.estates.code].sort());
  });

  it('has standing laundry orders, a month of deliveries whose statement balances to the ledger', async () => {
    const admin = await token('admin');
    const standing = (await t.http().get('/api/standing-orders').set(admin).expect(200)).body;
    expect(standing.filter((s: { enterpriseId: string }) => s.enterpriseId === DEMO_ENTERPRISES.laundry).length).toBeGreaterThanOrEqual(2);
    const lastMonth = londonDate(new Date(Date.parse(`${londonDate().slice(0, 7)}-01T12:00:00Z`) - 86_400_000)).slice(0, 7);
    const s = (await t.http().get(`/api/cost-centres/${DEMO_COST_CENTRES.alder.code}/statement?month=${lastMonth}`).set(admin).expect(200)).body;
    expect(s.orders.length).toBeGreaterThanOrEqual(8);
    expect(s.balanced).toBe(true);
    expect(s.totalPence).toBeGreaterThan(0);
    const verify = (await t.http().get(`/api/enterprises/${DEMO_ENTERPRISES.laundry}/ledger/verify`).set(admin).expect(200)).body;
    expect(verify.valid).toBe(true);
    const estates = (await t.http().get(`/api/cost-centres/${DEMO_COST_CENTRES.estates.code}/statement?month=${lastMonth}`).set(admin).expect(200)).body;
    expect(estates.orders.some((o: { kind: string }) => o.kind === 'BOOKING')).toBe(true);
    expect(estates.balanced).toBe(true);
    const open = (await t.http().get(`/api/orders?enterpriseId=${DEMO_ENTERPRISES.laundry}&status=REQUESTED`).set(admin).expect(200)).body;
    expect(open.length).toBeGreaterThan(0);
  });

  it('has car valet services, opening hours, bookings, and a booking flagged by a later closure', async () => {
    const ward = await token('ward');
    const products = (await t.http().get(`/api/enterprises/${DEMO_ENTERPRISES.valet}/products`).set(ward).expect(200)).body;
    expect(products.map((p: { id: string }) => p.id)).toContain(DEMO_PRODUCTS['valet.full']);
    const lead = await token('lead');
    const bookings = (await t.http().get(`/api/service-bookings?enterpriseId=${DEMO_ENTERPRISES.valet}`).set(lead).expect(200)).body;
    expect(bookings.length).toBeGreaterThan(5);
    expect(bookings.some((b: { flag: unknown }) => b.flag)).toBe(true);
    const slots = (await t.http().get(`/api/enterprises/${DEMO_ENTERPRISES.valet}/availability?serviceId=${DEMO_PRODUCTS['valet.full']}&from=${londonDate()}&to=${londonDate(new Date(Date.now() + 13 * 86_400_000))}`).set(ward).expect(200)).body.slots;
    expect(slots.length).toBeGreaterThan(0);
  });
});
