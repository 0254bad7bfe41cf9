import { londonDate } from '../src/common/dates';
import { nextWeekday, ordersWorld } from './orders-world';
import { createTestApp, TestApp } from './support/test-app';

/** The order and booking pages, driven as a browser without JavaScript would: plain forms with CSRF tokens. */
describe('orders and bookings: pages', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof ordersWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await ordersWorld(t);
  });
  afterAll(() => t.close());

  it('ward staff order from the form with their ward’s cost centre preselected, and see it in My orders', async () => {
    const b = await t.make.browser(w.wardA.user);
    const pick = await b.get('/orders/new');
    expect(pick.status).toBe(200);
    expect(pick.text).toContain(w.laundry.name);
    const form = await b.get(`/orders/new?enterpriseId=${w.laundry.id}`);
    expect(form.status).toBe(200);
    expect(form.text).toMatch(new RegExp(`<option value="${w.ccA.code}" selected`));
    expect(form.text).not.toContain(w.ccB.code);
    const bad = await b.post('/orders/new', { enterpriseId: w.laundry.id, costCentreCode: w.ccA.code, neededOn: 'soon', neededTime: '10:00', location: '' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('There is a problem');
    expect(bad.text).toContain('Order at least one item');
    const tomorrow = nextWeekday(2, 2);
    const ok = await b.post('/orders/new', { enterpriseId: w.laundry.id, costCentreCode: w.ccA.code, [`qty-${w.bag.id}`]: '3', neededOn: tomorrow, neededTime: '10:30', location: 'Alder Ward laundry room', notes: '' });
    expect(ok.status).toBe(303);
    const page = await b.get(ok.headers.location);
    expect(page.text).toContain('Your order has been sent.');
    expect(page.text).toContain('Personal laundry bag');
    const mine = await b.get('/orders');
    expect(mine.status).toBe(200);
    expect(mine.text).toMatch(/WO-[0-9A-F]{8}/);
    // Refused server-side even if the form is tampered with.
    const other = await b.post('/orders/new', { enterpriseId: w.laundry.id, costCentreCode: w.ccB.code, [`qty-${w.bag.id}`]: '1', neededOn: tomorrow, neededTime: '10:30', location: 'Birch' });
    expect(other.status).toBe(422);
    expect(other.text).toContain('Choose a cost centre you may order on');
  });

  it('the lead works the queue: accept, start and record a delivery with a shortfall; the statement shows it', async () => {
    const o = await w.order();
    const lead = await t.make.browser(w.lead.user);
    const queue = await lead.get('/enterprise-orders');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(o.reference);
    const placed = await lead.post('/enterprise-orders/standing', { enterpriseId: w.laundry.id });
    expect(placed.status).toBe(303);
    expect(placed.headers.location).toContain('placed=0');
    expect((await lead.get(placed.headers.location)).text).toContain('0 orders placed from standing orders.');
    await lead.get(`/orders/${o.id}`);
    expect((await lead.post(`/orders/${o.id}/decline`, { reason: '' })).status).toBe(422);
    expect((await lead.post(`/orders/${o.id}/accept`, {})).status).toBe(303);
    await lead.get(`/orders/${o.id}`);
    expect((await lead.post(`/orders/${o.id}/start`, {})).status).toBe(303);
    await lead.get(`/orders/${o.id}`);
    expect((await lead.post(`/orders/${o.id}/deliver`, { [`delivered-${w.bag.id}`]: '3', [`delivered-${w.linen.id}`]: '2', shortfallNote: 'One bag still drying' })).status).toBe(303);
    const done = await lead.get(`/orders/${o.id}?done=deliver`);
    expect(done.text).toContain('Delivery recorded and recharged.');
    expect(done.text).toContain('£16.00 delivered and recharged');
    const sheet = await lead.get(`/day-sheet?enterpriseId=${w.laundry.id}&date=${o.neededBy.slice(0, 10)}`);
    expect(sheet.status).toBe(200);
    const statement = await lead.get(`/cost-centres?code=${w.ccA.code}&month=${londonDate().slice(0, 7)}`);
    expect(statement.status).toBe(200);
    expect(statement.text).toContain(o.reference);
    expect(statement.text).toContain('Balances to the ledger');
    const csv = await lead.get(`/cost-centres/${w.ccA.code}/statement.csv?month=${londonDate().slice(0, 7)}`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toContain(o.reference);
    // Ward staff have no statements page; a stranger cannot open the order.
    expect((await (await t.make.browser(w.wardA.user)).get('/cost-centres')).status).toBe(403);
    expect((await (await t.make.browser(w.wardB.user)).get(`/orders/${o.id}`)).status).toBe(404);
  });

  it('books a slot with the picker (radios, no JavaScript), sees it in My bookings and cancels it', async () => {
    const b = await t.make.browser(w.wardB.user);
    const list = await b.get('/bookings/new');
    expect(list.text).toContain('Full valet');
    const day = nextWeekday(3);
    const picker = await b.get(`/bookings/new?serviceId=${w.service.id}&from=${day}`);
    expect(picker.status).toBe(200);
    const slot = /name="startAt" type="radio" value="([^"]+)"/.exec(picker.text) ?? /type="radio"[^>]*name="startAt"[^>]*value="([^"]+)"/.exec(picker.text) ?? /value="([^"]+)"[^>]*name="startAt"/.exec(picker.text);
    expect(slot).not.toBeNull();
    expect((await b.post('/bookings/new', { serviceId: w.service.id, from: day, details: '' })).status).toBe(422);
    const booked = await b.post('/bookings/new', { serviceId: w.service.id, from: day, startAt: slot![1], details: 'XY99 ZZZ', payment: 'ON_COLLECTION' });
    expect(booked.status).toBe(303);
    const mine = await b.get('/bookings?done=booked');
    expect(mine.text).toContain('XY99 ZZZ');
    const id = /action="\/bookings\/([0-9a-f-]{36})\/cancel"/.exec(mine.text)![1];
    expect((await b.post(`/bookings/${id}/cancel`, { reason: '' })).status).toBe(422);
    expect((await b.post(`/bookings/${id}/cancel`, { reason: 'Car sold' })).status).toBe(303);
    expect((await b.get('/bookings')).text).toContain('Cancelled');
    // The enterprise marks a booking done from its day sheet.
    const again = (await t.http().post('/api/service-bookings').set(w.wardB.auth).send({ serviceId: w.service.id, startAt: slot![1], payment: 'RECHARGE', costCentreCode: w.ccB.code }).expect(201)).body;
    const lead = await t.make.browser(w.lead.user);
    const sheet = await lead.get(`/day-sheet?enterpriseId=${w.valet.id}&date=${day}`);
    expect(sheet.text).toContain(`/day-sheet/bookings/${again.id}/complete`);
    expect((await lead.post(`/day-sheet/bookings/${again.id}/complete`, {})).status).toBe(303);
    expect((await t.http().get(`/api/service-bookings?enterpriseId=${w.valet.id}`).set(w.lead.auth).expect(200)).body.find((x: { id: string }) => x.id === again.id)).toMatchObject({ status: 'COMPLETED', journalEntryId: expect.any(String) });
  });

  it('an admin lists and adds cost centres from the form, with field errors', async () => {
    const b = await t.make.browser(w.admin.user);
    const list = await b.get('/admin/cost-centres');
    expect(list.status).toBe(200);
    expect(list.text).toContain(w.ccA.code);
    await b.get('/admin/cost-centres/new');
    const bad = await b.post('/admin/cost-centres/new', { code: 'x', name: '' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter a code of 2 to 20 capital letters');
    const taken = await b.post('/admin/cost-centres/new', { code: w.ccA.code, name: 'Again' });
    expect(taken.status).toBe(409);
    const ok = await b.post('/admin/cost-centres/new', { code: 'd-chaplaincy', name: 'Chaplaincy', wardId: '', budgetHolderUserId: w.lead.user.id });
    expect(ok.status).toBe(303);
    expect((await b.get('/admin/cost-centres?done=created')).text).toContain('D-CHAPLAINCY');
    expect((await (await t.make.browser(w.wardA.user)).get('/admin/cost-centres')).status).toBe(403);
  });

  it('a lead keeps the catalogue: adds a service, sets a dated price, takes a product out of use', async () => {
    const b = await t.make.browser(w.lead.user);
    expect((await b.get(`/catalogue?enterpriseId=${w.valet.id}`)).text).toContain('Full valet');
    await b.get(`/catalogue/new?enterpriseId=${w.valet.id}`);
    const bad = await b.post(`/catalogue/new?enterpriseId=${w.valet.id}`, { kind: 'SERVICE', name: 'Interior clean', category: 'Valeting', pricePence: 'lots', durationMinutes: '' });
    expect(bad.status).toBe(422);
    const ok = await b.post(`/catalogue/new?enterpriseId=${w.valet.id}`, { kind: 'SERVICE', name: 'Interior clean', category: 'Valeting', pricePence: '12.50', unit: 'car', durationMinutes: '45', slotCapacity: '1', bufferMinutes: '15', minimumNoticeMinutes: '60', cancellationCutoffMinutes: '120', detailsLabel: 'Vehicle registration' });
    expect(ok.status).toBe(303);
    const services = (await t.http().get(`/api/enterprises/${w.valet.id}/products`).set(w.lead.auth).expect(200)).body;
    expect(services.find((p: { name: string }) => p.name === 'Interior clean')).toMatchObject({ kind: 'SERVICE', pricePence: 1250, durationMinutes: 45, slotCapacity: 1 });
    await b.get(`/catalogue?enterpriseId=${w.laundry.id}`);
    expect((await b.post(`/catalogue/${w.linen.id}/price`, { price: 'cheap', effectiveOn: londonDate() })).status).toBe(422);
    expect((await b.post(`/catalogue/${w.linen.id}/price`, { price: '2.95', effectiveOn: londonDate() })).status).toBe(303);
    expect((await t.http().get(`/api/products/${w.linen.id}`).set(w.lead.auth).expect(200)).body.pricePence).toBe(295);
    await b.get(`/catalogue?enterpriseId=${w.laundry.id}`);
    const towels = (await t.http().post(`/api/enterprises/${w.laundry.id}/products`).set(w.lead.auth).send({ kind: 'PRODUCT', name: 'Old towels', category: 'Laundry', pricePence: 100 }).expect(201)).body;
    await b.get(`/catalogue?enterpriseId=${w.laundry.id}`);
    expect((await b.post(`/catalogue/${towels.id}/active`, { active: 'false' })).status).toBe(303);
    expect((await t.http().get(`/api/products/${towels.id}`).set(w.lead.auth).expect(200)).body.active).toBe(false);
    const other = await t.make.browser(w.otherLead.user);
    await other.get('/catalogue');
    const refused = await other.post(`/catalogue/${towels.id}/active`, { active: 'true' });
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('CSRF');
  });
});
