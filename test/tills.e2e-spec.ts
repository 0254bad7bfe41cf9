import { randomUUID } from 'node:crypto';
import { JournalEntry } from '../src/ledger/journal-entry.entity';
import { TillSession } from '../src/tills/till-session.entity';
import { createTestApp, TestApp } from './support/test-app';
import { tillsWorld } from './tills-world';

jest.setTimeout(60_000);

describe('tills: sessions, sales, refunds, cash and the session’s journal entry', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof tillsWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await tillsWorld(t);
  });
  afterAll(() => t.close());

  const cash = (amountPence: number) => ({ method: 'CASH', amountPence });
  const entryLines = async (id: string) => (await t.http().get(`/api/journal-entries/${id}`).set(w.lead.auth).expect(200)).body.lines as { accountCode: string; debitPence: number; creditPence: number }[];

  it('opens a session with a float (201 OPEN), one open session per till (409 TILL_ALREADY_OPEN); a second till may open beside it', async () => {
    const s = await w.open({ openingFloatPence: 2500, till: 'Counter A' });
    expect(s).toMatchObject({ status: 'OPEN', openingFloatPence: 2500 });
    expect(s.id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await t.http().post(`/api/enterprises/${w.enterprise.id}/till-sessions`).set(w.lead.auth).send({ openingFloatPence: 100, till: 'Counter A' }).expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, code: 'TILL_ALREADY_OPEN' });
    expect(again.body.requestId).toBeTruthy();
    const b = await w.open({ openingFloatPence: 1000, till: 'Counter B' });
    expect(b.status).toBe('OPEN');
    await t.http().post(`/api/till-sessions/${b.id}/close`).set(w.lead.auth).send({ countedCashPence: 1000 }).expect(200);
    await t.http().post(`/api/till-sessions/${s.id}/close`).set(w.lead.auth).send({ countedCashPence: 2750 }).expect(200);
    // Default float: the last session's counted cash.
    const next = await w.open({ till: 'Counter A' });
    expect(next.openingFloatPence).toBe(2750);
    await t.http().post(`/api/till-sessions/${next.id}/close`).set(w.lead.auth).send({ countedCashPence: 2750 }).expect(200);
  });

  it('refuses to open for someone not leading the enterprise (403) and for a patient (403)', async () => {
    await t.http().post(`/api/enterprises/${w.enterprise.id}/till-sessions`).set(w.otherLead.auth).send({ openingFloatPence: 0, till: 'X' }).expect(403);
    const p = await w.patientWorker();
    await t.http().post(`/api/enterprises/${w.enterprise.id}/till-sessions`).set(p.auth).send({ openingFloatPence: 0, till: 'X' }).expect(403);
  });

  describe('a session of sales', () => {
    let session: { id: string };
    beforeAll(async () => (session = await w.open({ openingFloatPence: 5000, till: 'Main' })));

    it('sells: 201 with total and change; change only from cash; payments must cover the total', async () => {
      const r = await w.sale(session.id, { lines: [{ productId: w.tea.id, quantity: 2 }, { productId: w.sandwich.id, quantity: 1 }], payments: [cash(1000)] }).expect(201);
      expect(r.body).toMatchObject({ totalPence: 590, changePence: 410, kind: 'SALE', operatorUserId: w.lead.user.id });
      const short = await w.sale(session.id, { lines: [{ productId: w.tea.id, quantity: 1 }], payments: [cash(100)] }).expect(422);
      expect(short.body.code).toBe('PAYMENT_SHORT');
      const cardChange = await w.sale(session.id, { lines: [{ productId: w.tea.id, quantity: 1 }], payments: [{ method: 'CARD', amountPence: 500 }] }).expect(422);
      expect(cardChange.body.code).toBe('CHANGE_NOT_CASH');
    });

    it('answers the same clientId with the original sale (200), never a second one', async () => {
      const clientId = randomUUID();
      const body = { clientId, lines: [{ productId: w.crisps.id, quantity: 2 }], payments: [cash(200)] };
      const first = await t.http().post(`/api/till-sessions/${session.id}/sales`).set(w.lead.auth).send(body).expect(201);
      const before = await w.stockOf(w.crisps.id);
      const again = await t.http().post(`/api/till-sessions/${session.id}/sales`).set(w.lead.auth).send(body).expect(200);
      expect(again.body.id).toBe(first.body.id);
      expect(again.body).toMatchObject({ totalPence: 160, changePence: 40 });
      expect(await w.stockOf(w.crisps.id)).toBe(before);
    });

    it('picks the price by customer type from the price list', async () => {
      await t.http().post(`/api/products/${w.tea.id}/prices`).set(w.lead.auth).send({ pricePence: 90, customerType: 'STAFF' }).expect(201);
      const staff = await w.sale(session.id, { customerType: 'STAFF', lines: [{ productId: w.tea.id, quantity: 1 }], payments: [cash(90)] }).expect(201);
      expect(staff.body.totalPence).toBe(90);
      const visitor = await w.sale(session.id, { customerType: 'VISITOR', lines: [{ productId: w.tea.id, quantity: 1 }], payments: [cash(120)] }).expect(201);
      expect(visitor.body.totalPence).toBe(120);
    });

    it('takes patient account (staff only) and recharge payments; a recharge needs a live cost centre', async () => {
      const other = await t.make.patient({ wardId: w.ward.id });
      const r = await w.sale(session.id, { customerType: 'PATIENT', lines: [{ productId: w.tea.id, quantity: 1 }], payments: [{ method: 'PATIENT_ACCOUNT', amountPence: 120, patientId: other.id }] }).expect(201);
      expect(r.body.payments).toEqual([expect.objectContaining({ method: 'PATIENT_ACCOUNT', patientId: other.id })]);
      await w.sale(session.id, { customerType: 'WARD', lines: [{ productId: w.sandwich.id, quantity: 2 }], payments: [{ method: 'RECHARGE', amountPence: 700, costCentreCode: w.cc.code }] }).expect(201);
      const bad = await w.sale(session.id, { lines: [{ productId: w.tea.id, quantity: 1 }], payments: [{ method: 'RECHARGE', amountPence: 120, costCentreCode: 'NOPE' }] }).expect(422);
      expect(bad.body.code).toBe('COST_CENTRE_INVALID');
      const worker = await w.patientWorker();
      const refused = await w.sale(session.id, { lines: [{ productId: w.tea.id, quantity: 1 }], payments: [{ method: 'PATIENT_ACCOUNT', amountPence: 120, patientId: other.id }] }, worker).expect(403);
      expect(refused.body.code).toBe('STAFF_OPERATOR_ONLY');
    });

    it('refuses a sale below zero stock (409 STOCK_INSUFFICIENT) unless the product allows negative stock', async () => {
      const cake = await w.product({ name: 'Cake', category: 'Food', pricePence: 200, trackStock: true });
      await t.http().post(`/api/enterprises/${w.enterprise.id}/stock-receipts`).set(w.lead.auth).send({ lines: [{ productId: cake.id, quantity: 1, unitCostPence: 80 }] }).expect(201);
      const r = await w.sale(session.id, { lines: [{ productId: cake.id, quantity: 2 }], payments: [cash(400)] }).expect(409);
      expect(r.body).toMatchObject({ code: 'STOCK_INSUFFICIENT', details: [expect.objectContaining({ productId: cake.id, available: 1 })] });
      await t.http().patch(`/api/products/${cake.id}`).set(w.lead.auth).send({ allowNegativeStock: true }).expect(200);
      await w.sale(session.id, { lines: [{ productId: cake.id, quantity: 2 }], payments: [cash(400)] }).expect(201);
      expect(await w.stockOf(cake.id)).toBe(-1);
    });

    it('refunds at most what was sold, by the sale’s own method, stock back; retried refund answers the original', async () => {
      const s = await w.sale(session.id, { lines: [{ productId: w.sandwich.id, quantity: 3 }], payments: [{ method: 'CARD', amountPence: 1050 }] }).expect(201);
      const before = await w.stockOf(w.sandwich.id);
      const clientId = randomUUID();
      const r = await t.http().post(`/api/sales/${s.body.id}/refunds`).set(w.lead.auth).send({ clientId, lines: [{ productId: w.sandwich.id, quantity: 2 }], reason: 'Stale bread' }).expect(201);
      expect(r.body).toMatchObject({ kind: 'REFUND', totalPence: 700, refundOfSaleId: s.body.id, payments: [expect.objectContaining({ method: 'CARD', amountPence: 700 })] });
      expect(await w.stockOf(w.sandwich.id)).toBe(before + 2);
      const again = await t.http().post(`/api/sales/${s.body.id}/refunds`).set(w.lead.auth).send({ clientId, lines: [{ productId: w.sandwich.id, quantity: 2 }], reason: 'Stale bread' }).expect(200);
      expect(again.body.id).toBe(r.body.id);
      const tooMany = await t.http().post(`/api/sales/${s.body.id}/refunds`).set(w.lead.auth).send({ clientId: randomUUID(), lines: [{ productId: w.sandwich.id, quantity: 2 }], reason: 'Again' }).expect(422);
      expect(tooMany.body).toMatchObject({ code: 'REFUND_EXCEEDS_SALE', details: [expect.objectContaining({ refundable: 1 })] });
      const cashSale = await w.sale(session.id, { lines: [{ productId: w.tea.id, quantity: 1 }], payments: [cash(500)] }).expect(201);
      const back = await t.http().post(`/api/sales/${cashSale.body.id}/refunds`).set(w.lead.auth).send({ clientId: randomUUID(), lines: [{ productId: w.tea.id, quantity: 1 }], reason: 'Spilt' }).expect(201);
      expect(back.body.payments).toEqual([expect.objectContaining({ method: 'CASH', amountPence: 120 })]);
    });

    it('closes: expected cash from float, sales, change, refunds and cash in/out; ONE balanced journal entry with the difference to Cash over/short', async () => {
      await t.http().post(`/api/till-sessions/${session.id}/cash-movements`).set(w.lead.auth).send({ kind: 'IN', amountPence: 1000, reason: 'More change from the office' }).expect(201);
      await t.http().post(`/api/till-sessions/${session.id}/cash-movements`).set(w.lead.auth).send({ kind: 'OUT', amountPence: 300, reason: 'Milk from the shop' }).expect(201);
      const z = (await t.http().get(`/api/till-sessions/${session.id}/z-report`).set(w.lead.auth).expect(200)).body;
      const expected = z.expectedCashPence as number;
      expect(expected).toBe(5000 + z.paymentsByMethod.CASH + 1000 - 300);
      const closed = await t.http().post(`/api/till-sessions/${session.id}/close`).set(w.lead.auth).send({ countedCashPence: expected - 15 }).expect(200);
      expect(closed.body).toMatchObject({ expectedCashPence: expected, countedCashPence: expected - 15, differencePence: -15 });
      const lines = await entryLines(closed.body.journalEntryId);
      const sum = (k: 'debitPence' | 'creditPence') => lines.reduce((s, l) => s + l[k], 0);
      expect(sum('debitPence')).toBe(sum('creditPence'));
      expect(lines.find((l) => l.accountCode === '5950')).toMatchObject({ debitPence: 15 });
      expect(lines.find((l) => l.accountCode === '1050')?.debitPence).toBe(z.paymentsByMethod.CARD);
      expect(lines.find((l) => l.accountCode === '1310')?.debitPence).toBe(120);
      expect(lines.find((l) => l.accountCode === '1300')?.debitPence).toBe(700);
      expect(lines.find((l) => l.accountCode === '4000')?.creditPence).toBe(z.salesPence - z.refundsPence);
      expect(lines.find((l) => l.accountCode === '5000')?.debitPence).toBe(lines.find((l) => l.accountCode === '1200')?.creditPence);
      const entries = await t.uow.read((em) => em.find(JournalEntry, { where: { idempotencyKey: `till-session:${session.id}` } }));
      expect(entries).toHaveLength(1);
      // Closing again answers the same; a closed session takes no sales.
      expect((await t.http().post(`/api/till-sessions/${session.id}/close`).set(w.lead.auth).send({ countedCashPence: 1 }).expect(200)).body.journalEntryId).toBe(closed.body.journalEntryId);
      expect((await w.sale(session.id, { lines: [{ productId: w.tea.id, quantity: 1 }], payments: [cash(120)] }).expect(409)).body.code).toBe('TILL_SESSION_CLOSED');
      expect(z.operators.map((o: { userId: string }) => o.userId)).toContain(w.lead.user.id);
      expect(z.byCategory.map((c: { category: string }) => c.category)).toEqual(expect.arrayContaining(['Drinks', 'Food']));
    });
  });

  it('follows the ledger’s period rule: a session from a closed month is refused (409 PERIOD_CLOSED) unless posted to the next open period', async () => {
    const s = await w.open({ openingFloatPence: 0, till: 'Last month' });
    await w.sale(s.id, { lines: [{ productId: w.tea.id, quantity: 1 }], payments: [cash(120)] }).expect(201);
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 20, 12));
    await t.uow.run((em) => em.update(TillSession, { id: s.id }, { openedAt: lastMonth }));
    const month = lastMonth.toISOString().slice(0, 7);
    await t.http().post(`/api/enterprises/${w.enterprise.id}/periods/${month}/close`).set(w.lead.auth).send({}).expect(201);
    const refused = await t.http().post(`/api/till-sessions/${s.id}/close`).set(w.lead.auth).send({ countedCashPence: 120 }).expect(409);
    expect(refused.body.code).toBe('PERIOD_CLOSED');
    expect((await t.http().get(`/api/till-sessions/${s.id}`).set(w.lead.auth).expect(200)).body.status).toBe('OPEN');
    const closed = (await t.http().post(`/api/till-sessions/${s.id}/close`).set(w.lead.auth).send({ countedCashPence: 120, postToNextOpenPeriod: true }).expect(200)).body;
    const entry = (await t.http().get(`/api/journal-entries/${closed.journalEntryId}`).set(w.lead.auth).expect(200)).body;
    expect(entry).toMatchObject({ originalOn: lastMonth.toISOString().slice(0, 10), occurredOn: `${now.toISOString().slice(0, 7)}-01` });
  });

  describe('who may work the till', () => {
    let session: { id: string };
    beforeAll(async () => (session = await w.open({ openingFloatPence: 0, till: 'Operators' })));
    afterAll(() => t.http().post(`/api/till-sessions/${session.id}/close`).set(w.lead.auth).send({ countedCashPence: 0 }));
    const teaSale = { lines: [{ productId: '', quantity: 1 }], payments: [{ method: 'CASH', amountPence: 120 }] };
    const body = () => ({ ...teaSale, lines: [{ productId: w.tea.id, quantity: 1 }] });

    it('lets a patient worker booked on a shift running now, in a role with CASH, sell; the sale records the operator', async () => {
      const p = await w.patientWorker();
      const r = await w.sale(session.id, body(), p).expect(201);
      expect(r.body.operatorUserId).toBe(p.user.id);
    });

    it('refuses a patient with NO_CASH_HANDLING in force (409 RESTRICTION)', async () => {
      const p = await w.patientWorker({ restriction: 'NO_CASH_HANDLING' });
      expect((await w.sale(session.id, body(), p).expect(409)).body.code).toBe('RESTRICTION');
    });

    it('refuses a patient not on a shift running now (409 NOT_ON_SHIFT)', async () => {
      const p = await w.patientWorker({ onShift: false });
      expect((await w.sale(session.id, body(), p).expect(409)).body.code).toBe('NOT_ON_SHIFT');
    });

    it('refuses a patient on shift in a role without cash handling (409 ROLE_WITHOUT_CASH)', async () => {
      const p = await w.patientWorker({ role: 'porter' });
      expect((await w.sale(session.id, body(), p).expect(409)).body.code).toBe('ROLE_WITHOUT_CASH');
    });

    it('refuses another enterprise’s lead (403) and keeps the Z report from patients (403)', async () => {
      await w.sale(session.id, body(), w.otherLead).expect(403);
      const p = await w.patientWorker();
      await t.http().get(`/api/till-sessions/${session.id}/z-report`).set(p.auth).expect(403);
    });
  });

  describe('stock', () => {
    it('keeps a moving average cost, posts a purchase when asked, and a stock take posts the difference', async () => {
      const jam = await w.product({ name: 'Jam', category: 'Shop', pricePence: 300, trackStock: true, reorderLevel: 10 });
      await t.http().post(`/api/enterprises/${w.enterprise.id}/stock-receipts`).set(w.lead.auth).send({ lines: [{ productId: jam.id, quantity: 10, unitCostPence: 100 }] }).expect(201);
      const r = await t.http().post(`/api/enterprises/${w.enterprise.id}/stock-receipts`).set(w.lead.auth).send({ lines: [{ productId: jam.id, quantity: 10, unitCostPence: 200 }], postPurchase: true }).expect(201);
      expect(r.body.items.find((i: { productId: string }) => i.productId === jam.id)).toMatchObject({ stockOnHand: 20, averageCostPence: 150, low: false });
      expect(await entryLines(r.body.journalEntryId)).toEqual([expect.objectContaining({ accountCode: '1200', debitPence: 2000 }), expect.objectContaining({ accountCode: '1100', creditPence: 2000 })]);
      const take = await t.http().post(`/api/enterprises/${w.enterprise.id}/stock-takes`).set(w.lead.auth).send({ lines: [{ productId: jam.id, countedQuantity: 8 }], reason: 'Broken jars' }).expect(201);
      expect(take.body.items[0]).toMatchObject({ stockOnHand: 8, low: true });
      expect(await entryLines(take.body.journalEntryId)).toEqual([expect.objectContaining({ accountCode: '5400', debitPence: 1800 }), expect.objectContaining({ accountCode: '1200', creditPence: 1800 })]);
      const untracked = await t.http().post(`/api/enterprises/${w.enterprise.id}/stock-receipts`).set(w.lead.auth).send({ lines: [{ productId: w.tea.id, quantity: 1, unitCostPence: 1 }] }).expect(422);
      expect(untracked.body.code).toBe('STOCK_NOT_TRACKED');
    });

    it('creates a product by the contract shape: { name, pricePence, trackStock } with income account 4000 by default; an unknown income account is refused', async () => {
      const p = (await t.http().post(`/api/enterprises/${w.enterprise.id}/products`).set(w.lead.auth).send({ name: 'Flapjack', pricePence: 150, trackStock: true }).expect(201)).body;
      expect(p).toMatchObject({ kind: 'PRODUCT', category: 'General', trackStock: true, incomeAccountCode: '4000', stockOnHand: 0 });
      const bad = await t.http().post(`/api/enterprises/${w.enterprise.id}/products`).set(w.lead.auth).send({ name: 'X', pricePence: 1, trackStock: false, incomeAccountCode: '5000' }).expect(422);
      expect(bad.body.code).toBe('UNKNOWN_ACCOUNT');
    });
  });
});
