import { londonDate } from '../src/common/dates';
import { JournalEntry } from '../src/ledger/journal-entry.entity';
import { ordersWorld } from './orders-world';
import { createTestApp, TestApp } from './support/test-app';

describe('orders: ward orders, their states and recharges', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof ordersWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await ordersWorld(t);
  });
  afterAll(() => t.close());

  const act = (id: string, action: string, by = w.lead, body: Record<string, unknown> = {}) => t.http().post(`/api/orders/${id}/${action}`).set(by.auth).send(body);

  describe('placing an order', () => {
    it('lets ward staff order on their ward’s cost centre: 201 REQUESTED with the total in pence', async () => {
      const o = await w.order();
      expect(o).toMatchObject({ status: 'REQUESTED', totalPence: 4 * 350 + 2 * 275, costCentreCode: w.ccA.code, location: 'Alder Ward linen cupboard' });
      expect(o.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(o.reference).toMatch(/^WO-[0-9A-F]{8}$/);
      expect(o.events).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'REQUESTED', byUserId: w.wardA.user.id })]);
    });

    it('refuses an order on another ward’s cost centre (403 COST_CENTRE_NOT_ALLOWED) and on a department not assigned', async () => {
      const base = { enterpriseId: w.laundry.id, lines: [{ productId: w.bag.id, quantity: 1 }], neededBy: w.neededBy(), location: 'Birch' };
      const r = await t.http().post('/api/orders').set(w.wardA.auth).send({ ...base, costCentreCode: w.ccB.code }).expect(403);
      expect(r.body).toMatchObject({ statusCode: 403, code: 'COST_CENTRE_NOT_ALLOWED' });
      expect(r.body.requestId).toBeTruthy();
      await t.http().post('/api/orders').set(w.wardA.auth).send({ ...base, costCentreCode: w.dept.code }).expect(403);
      await t.http().post('/api/orders').set(w.patient.auth).send({ ...base, costCentreCode: w.ccA.code }).expect(403);
    });

    it('lets an admin assign someone to a department’s cost centre', async () => {
      await t.http().put(`/api/cost-centres/${w.dept.code}/users`).set(w.admin.auth).send({ userIds: [w.wardB.user.id] }).expect(200);
      await w.order(w.wardB, { costCentreCode: w.dept.code, location: 'Pharmacy' });
      const list = (await t.http().get('/api/cost-centres').set(w.wardB.auth).expect(200)).body;
      expect(list.filter((c: { canOrder: boolean }) => c.canOrder).map((c: { code: string }) => c.code).sort()).toEqual([w.ccB.code, w.dept.code].sort());
    });

    it('refuses orders on a closed cost centre (422 COST_CENTRE_INACTIVE) until it is reopened; only admins close one', async () => {
      const cc = (await t.http().post('/api/cost-centres').set(w.admin.auth).send({ code: 'A-TEMP', name: 'Alder annexe', wardId: w.alder.id }).expect(201)).body;
      await t.http().patch(`/api/cost-centres/${cc.code}`).set(w.lead.auth).send({ active: false }).expect(403);
      expect((await t.http().patch(`/api/cost-centres/${cc.code}`).set(w.admin.auth).send({ active: false }).expect(200)).body.active).toBe(false);
      expect((await t.http().post('/api/orders').set(w.wardA.auth).send({ enterpriseId: w.laundry.id, costCentreCode: cc.code, lines: [{ productId: w.bag.id, quantity: 1 }], neededBy: w.neededBy(), location: 'Annexe' }).expect(422)).body.code).toBe('COST_CENTRE_INACTIVE');
      await t.http().patch(`/api/cost-centres/${cc.code}`).set(w.admin.auth).send({ active: true }).expect(200);
      await w.order(w.wardA, { costCentreCode: cc.code });
      expect((await t.http().post('/api/cost-centres').set(w.admin.auth).send({ code: 'A-TEMP', name: 'Again' }).expect(409)).body.code).toBe('COST_CENTRE_CODE_TAKEN');
      await t.http().post('/api/cost-centres').set(w.wardA.auth).send({ code: 'X-NO', name: 'No' }).expect(403);
    });

    it('lets the enterprise lead enter a phone order on any cost centre, naming the customer', async () => {
      const o = await w.order(w.lead, { costCentreCode: w.ccB.code, customerName: 'Sister Birch, by phone' });
      expect(o.customerName).toBe('Sister Birch, by phone');
    });

    it.each([
      ['another enterprise’s product', () => ({ lines: [{ productId: w.otherProduct.id, quantity: 1 }] }), 422, 'PRODUCT_NOT_AVAILABLE'],
      ['a service (booked, not ordered)', () => ({ enterpriseId: w.valet.id, lines: [{ productId: w.service.id, quantity: 1 }] }), 422, 'PRODUCT_NOT_AVAILABLE'],
      ['a product twice', () => ({ lines: [{ productId: w.bag.id, quantity: 1 }, { productId: w.bag.id, quantity: 2 }] }), 422, 'DUPLICATE_LINE'],
      ['no lines', () => ({ lines: [] }), 422, 'VALIDATION_FAILED'],
      ['a needed-by time in the past', () => ({ neededBy: new Date(Date.now() - 3600_000).toISOString() }), 422, 'NEEDED_BY_PAST'],
      ['an unknown field', () => ({ priority: 'high' }), 422, 'VALIDATION_FAILED'],
      ['an unknown cost centre', () => ({ costCentreCode: 'NOPE' }), 404, 'NOT_FOUND'],
    ])('refuses %s', async (_name, change, status, code) => {
      const body = { enterpriseId: w.laundry.id, costCentreCode: w.ccA.code, lines: [{ productId: w.bag.id, quantity: 1 }], neededBy: w.neededBy(), location: 'Alder', ...change() };
      const r = await t.http().post('/api/orders').set(w.wardA.auth).send(body);
      expect(r.status).toBe(status);
      if (code) expect(r.body.code).toBe(code);
    });

    it('a product taken out of use cannot be ordered, and a new price applies to new orders only', async () => {
      const p = (await t.http().post(`/api/enterprises/${w.laundry.id}/products`).set(w.lead.auth).send({ kind: 'PRODUCT', name: 'Duvet', category: 'Laundry', pricePence: 500 }).expect(201)).body;
      const before = await w.order(w.wardA, { lines: [{ productId: p.id, quantity: 1 }] });
      const priced = (await t.http().post(`/api/products/${p.id}/prices`).set(w.lead.auth).send({ pricePence: 650 }).expect(201)).body;
      expect(priced.pricePence).toBe(650);
      const after = await w.order(w.wardA, { lines: [{ productId: p.id, quantity: 1 }] });
      expect([before.totalPence, after.totalPence]).toEqual([500, 650]);
      expect((await t.http().get(`/api/orders/${before.id}`).set(w.wardA.auth).expect(200)).body.totalPence).toBe(500);
      await t.http().patch(`/api/products/${p.id}`).set(w.lead.auth).send({ active: false }).expect(200);
      const r = await t.http().post('/api/orders').set(w.wardA.auth).send({ enterpriseId: w.laundry.id, costCentreCode: w.ccA.code, lines: [{ productId: p.id, quantity: 1 }], neededBy: w.neededBy(), location: 'Alder' }).expect(422);
      expect(r.body.code).toBe('PRODUCT_NOT_AVAILABLE');
      const listed = (await t.http().get(`/api/enterprises/${w.laundry.id}/products`).set(w.wardA.auth).expect(200)).body;
      expect(listed.map((x: { id: string }) => x.id)).not.toContain(p.id);
    });

    it('lists products and services with kind, and services with durationMinutes and slotCapacity', async () => {
      const valet = (await t.http().get(`/api/enterprises/${w.valet.id}/products`).set(w.wardA.auth).expect(200)).body;
      expect(valet).toEqual([expect.objectContaining({ kind: 'SERVICE', name: 'Full valet', durationMinutes: 60, slotCapacity: 2 })]);
      const laundry = (await t.http().get(`/api/enterprises/${w.laundry.id}/products`).set(w.wardA.auth).expect(200)).body;
      expect(laundry.every((p: { kind: string }) => p.kind === 'PRODUCT')).toBe(true);
      await t.http().post(`/api/enterprises/${w.laundry.id}/products`).set(w.otherLead.auth).send({ kind: 'PRODUCT', name: 'X', category: 'Y', pricePence: 1 }).expect(403);
      await t.http().post(`/api/enterprises/${w.laundry.id}/products`).set(w.lead.auth).send({ kind: 'SERVICE', name: 'X', category: 'Y', pricePence: 1 }).expect(422);
    });
  });

  describe('the state machine', () => {
    it('REQUESTED -> ACCEPTED -> IN_PROGRESS -> DELIVERED, each change recorded with who and when', async () => {
      const o = await w.order();
      expect((await act(o.id, 'accept').expect(200)).body.status).toBe('ACCEPTED');
      expect((await act(o.id, 'start').expect(200)).body.status).toBe('IN_PROGRESS');
      const done = (await act(o.id, 'deliver', w.wardA2).expect(200)).body;
      expect(done).toMatchObject({ status: 'DELIVERED', deliveredTotalPence: 1950 });
      expect(done.events.map((e: { toStatus: string; byUserId: string }) => [e.toStatus, e.byUserId])).toEqual([
        ['REQUESTED', w.wardA.user.id],
        ['ACCEPTED', w.lead.user.id],
        ['IN_PROGRESS', w.lead.user.id],
        ['DELIVERED', w.wardA2.user.id],
      ]);
      expect(done.events.every((e: { at: string }) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    });

    it('REQUESTED -> DECLINED with a reason; a reason is required', async () => {
      const o = await w.order();
      await act(o.id, 'decline', w.lead, {}).expect(422);
      const d = (await act(o.id, 'decline', w.lead, { reason: 'No driers this week' }).expect(200)).body;
      expect(d).toMatchObject({ status: 'DECLINED', reason: 'No driers this week' });
      expect(d.events[1]).toMatchObject({ fromStatus: 'REQUESTED', toStatus: 'DECLINED', reason: 'No driers this week' });
    });

    it('ACCEPTED -> DELIVERED directly, and CANCELLED by the customer before delivery', async () => {
      const a = await w.order();
      await act(a.id, 'accept').expect(200);
      expect((await act(a.id, 'deliver').expect(200)).body.status).toBe('DELIVERED');
      const b = await w.order();
      await act(b.id, 'accept').expect(200);
      await act(b.id, 'start').expect(200);
      const c = (await act(b.id, 'cancel', w.wardA, { reason: 'Patient moved ward' }).expect(200)).body;
      expect(c).toMatchObject({ status: 'CANCELLED', reason: 'Patient moved ward', journalEntryId: null });
    });

    it.each([
      ['start a requested order', [], 'start', {}],
      ['deliver a requested order', [], 'deliver', {}],
      ['accept twice', ['accept'], 'accept', {}],
      ['decline an accepted order', ['accept'], 'decline', { reason: 'Too late now' }],
      ['cancel a delivered order', ['accept', 'deliver'], 'cancel', { reason: 'Changed our mind' }],
      ['deliver twice', ['accept', 'deliver'], 'deliver', {}],
      ['accept a cancelled order', ['cancel'], 'accept', {}],
      ['start a declined order', ['decline'], 'start', {}],
    ])('refuses to %s (409 ORDER_TRANSITION_NOT_ALLOWED)', async (_name, before, action, body) => {
      const o = await w.order();
      for (const b of before) await act(o.id, b, w.lead, b === 'decline' || b === 'cancel' ? { reason: 'Set up for the test' } : {}).expect(200);
      const r = await act(o.id, action, w.lead, body).expect(409);
      expect(r.body).toMatchObject({ statusCode: 409, code: 'ORDER_TRANSITION_NOT_ALLOWED' });
    });

    it('only the enterprise accepts, declines or starts; the customer gets 403, strangers 404', async () => {
      const o = await w.order();
      expect((await act(o.id, 'accept', w.wardA).expect(403)).body.code).toBe('FORBIDDEN');
      await act(o.id, 'accept', w.otherLead).expect(404);
      await act(o.id, 'cancel', w.wardB, { reason: 'Not mine to cancel' }).expect(404);
      await act(o.id, 'accept', w.admin).expect(200);
    });

    it('delivers with a shortfall at the delivered quantities, refusing more than ordered', async () => {
      const o = await w.order();
      await act(o.id, 'accept').expect(200);
      const over = await act(o.id, 'deliver', w.lead, { lines: [{ productId: w.bag.id, quantity: 5 }] }).expect(422);
      expect(over.body.code).toBe('DELIVERY_INVALID');
      const d = (await act(o.id, 'deliver', w.lead, { lines: [{ productId: w.bag.id, quantity: 3 }], shortfallNote: 'One bag not ready' }).expect(200)).body;
      expect(d).toMatchObject({ status: 'DELIVERED', totalPence: 1950, deliveredTotalPence: 3 * 350 + 2 * 275, shortfallNote: 'One bag not ready' });
      expect(d.lines.map((l: { deliveredQuantity: number }) => l.deliveredQuantity)).toEqual([3, 2]);
      const entry = (await t.http().get(`/api/journal-entries/${d.journalEntryId}`).set(w.lead.auth).expect(200)).body;
      expect(entry).toMatchObject({ source: 'INTERNAL_CONTRACT', idempotencyKey: `order-delivery:${o.id}` });
      expect(entry.lines.map((l: { accountCode: string; debitPence: number; creditPence: number }) => [l.accountCode, l.debitPence, l.creditPence])).toEqual([
        ['1300', 1600, 0],
        ['4100', 0, 1600],
      ]);
    });
  });

  describe('who sees which orders', () => {
    it('a ward user cannot see another customer’s orders', async () => {
      const mine = await w.order(w.wardA);
      const theirs = await w.order(w.wardB, { costCentreCode: w.ccB.code, location: 'Birch' });
      await t.http().get(`/api/orders/${mine.id}`).set(w.wardB.auth).expect(404);
      const listed = (await t.http().get('/api/orders').set(w.wardB.auth).expect(200)).body.map((o: { id: string }) => o.id);
      expect(listed).toContain(theirs.id);
      expect(listed).not.toContain(mine.id);
      const filtered = (await t.http().get(`/api/orders?costCentreCode=${w.ccA.code}`).set(w.wardB.auth).expect(200)).body;
      expect(filtered).toEqual([]);
      await t.http().get('/api/orders').set(w.patient.auth).expect(403);
    });

    it('the enterprise sees its orders, another enterprise’s lead sees none, filters by status and dates', async () => {
      const o = await w.order();
      const led = (await t.http().get(`/api/orders?enterpriseId=${w.laundry.id}&status=REQUESTED`).set(w.lead.auth).expect(200)).body;
      expect(led.map((x: { id: string }) => x.id)).toContain(o.id);
      expect(led.every((x: { status: string }) => x.status === 'REQUESTED')).toBe(true);
      expect((await t.http().get('/api/orders').set(w.otherLead.auth).expect(200)).body).toEqual([]);
      const day = o.neededBy.slice(0, 10);
      const byDate = (await t.http().get(`/api/orders?from=${day}&to=${day}`).set(w.wardA.auth).expect(200)).body;
      expect(byDate.map((x: { id: string }) => x.id)).toContain(o.id);
      expect((await t.http().get('/api/orders?from=2020-01-01&to=2020-01-31').set(w.wardA.auth).expect(200)).body).toEqual([]);
    });
  });

  describe('recharges and the monthly statement', () => {
    it('recharge postings equal the statement total and the ledger’s receivable balance', async () => {
      // A world of its own: a fresh laundry whose ledger holds only these recharges.
      const v = await ordersWorld(t);
      const a = (id: string, action: string, body = {}) => t.http().post(`/api/orders/${id}/${action}`).set(v.lead.auth).send(body).expect(200);
      const delivered: number[] = [];
      for (const q of [1, 2, 3, 5]) {
        const o = (await t.http().post('/api/orders').set(v.wardA.auth).send({ enterpriseId: v.laundry.id, costCentreCode: v.ccA.code, lines: [{ productId: v.bag.id, quantity: q }, { productId: v.linen.id, quantity: 1 }], neededBy: v.neededBy(), location: 'Alder' }).expect(201)).body;
        await a(o.id, 'accept');
        const d = (await a(o.id, 'deliver', q === 3 ? { lines: [{ productId: v.linen.id, quantity: 0 }] } : {})).body;
        delivered.push(d.deliveredTotalPence);
      }
      const cancelled = (await t.http().post('/api/orders').set(v.wardA.auth).send({ enterpriseId: v.laundry.id, costCentreCode: v.ccA.code, lines: [{ productId: v.bag.id, quantity: 9 }], neededBy: v.neededBy(), location: 'Alder' }).expect(201)).body;
      await a(cancelled.id, 'cancel', { reason: 'Not needed' });
      const month = londonDate().slice(0, 7);
      const s = (await t.http().get(`/api/cost-centres/${v.ccA.code}/statement?month=${month}`).set(v.admin.auth).expect(200)).body;
      const postings = delivered.reduce((x, y) => x + y, 0);
      expect(s.orders).toHaveLength(4);
      expect(s).toMatchObject({ costCentreCode: v.ccA.code, month, totalPence: postings, ledgerTotalPence: postings, balanced: true });
      expect(s.orders[0]).toMatchObject({ reference: expect.stringMatching(/^WO-/), date: londonDate(), lines: expect.any(Array) });
      const tb = (await t.http().get(`/api/enterprises/${v.laundry.id}/trial-balance?on=${londonDate()}`).set(v.lead.auth).expect(200)).body;
      const receivable = tb.rows.find((r: { accountCode: string }) => r.accountCode === '1300');
      const income = tb.rows.find((r: { accountCode: string }) => r.accountCode === '4100');
      expect([receivable.debitPence, income.creditPence]).toEqual([postings, postings]);
      const csv = await t.http().get(`/api/cost-centres/${v.ccA.code}/statement?month=${month}`).set(v.admin.auth).set('Accept', 'text/csv').expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const rows = csv.text.trim().split('\r\n');
      expect(rows[0]).toBe('costCentre,reference,date,enterprise,item,quantity,unitPricePence,totalPence,journalEntryId');
      expect(rows[rows.length - 1]).toContain(`TOTAL,${month},,,,,${postings}`);
      // One journal entry per delivered order, however the delivery was retried.
      expect(await t.uow.read((em) => em.count(JournalEntry, { where: { enterpriseId: v.laundry.id, source: 'INTERNAL_CONTRACT' } }))).toBe(4);
      // Leads see their enterprises' part; ward staff of another ward do not see it at all.
      expect((await t.http().get(`/api/cost-centres/${v.ccA.code}/statement?month=${month}`).set(v.otherLead.auth).expect(200)).body.orders).toEqual([]);
      await t.http().get(`/api/cost-centres/${v.ccA.code}/statement?month=${month}`).set(v.wardB.auth).expect(404);
      await t.http().get(`/api/cost-centres/${v.ccA.code}/statement?month=2026-13`).set(v.admin.auth).expect(422);
      // Months of 30, 29 and 28 days (the last day is computed, never "-31").
      for (const m of ['2026-11', '2028-02', '2027-02']) expect((await t.http().get(`/api/cost-centres/${v.ccA.code}/statement?month=${m}`).set(v.admin.auth).expect(200)).body.orders).toEqual([]);
    });
  });

  describe('standing orders', () => {
    it('places the next fortnight’s orders on the weekdays asked, once however often it runs', async () => {
      const s = (
        await t.http()
          .post('/api/standing-orders')
          .set(w.wardA.auth)
          .send({ enterpriseId: w.laundry.id, costCentreCode: w.ccA.code, weekdays: [1, 4], neededByTime: '10:00', lines: [{ productId: w.bag.id, quantity: 6 }], location: 'Alder Ward laundry room', startsOn: londonDate() })
          .expect(201)
      ).body;
      const placed = (await t.http().get('/api/orders').set(w.lead.auth).expect(200)).body.filter((o: { standingOrderId: string }) => o.standingOrderId === s.id);
      expect(placed.length).toBeGreaterThanOrEqual(3);
      expect(placed.length).toBeLessThanOrEqual(4);
      for (const o of placed) expect([1, 4]).toContain(new Date(o.neededBy).getUTCDay() === 0 ? 7 : new Date(o.neededBy).getUTCDay());
      const again = (await t.http().post(`/api/enterprises/${w.laundry.id}/standing-orders/generate`).set(w.lead.auth).send({ until: placed[placed.length - 1].neededBy.slice(0, 10) }).expect(200)).body;
      expect(again.created).toBe(0);
      await t.http().post(`/api/enterprises/${w.laundry.id}/standing-orders/generate`).set(w.otherLead.auth).send({ until: londonDate() }).expect(403);
      await t.http()
        .post('/api/standing-orders')
        .set(w.wardA.auth)
        .send({ enterpriseId: w.laundry.id, costCentreCode: w.ccB.code, weekdays: [1], neededByTime: '10:00', lines: [{ productId: w.bag.id, quantity: 1 }], location: 'Birch', startsOn: londonDate() })
        .expect(403);
    });
  });
});
