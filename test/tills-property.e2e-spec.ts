import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { createTestApp, TestApp } from './support/test-app';
import { tillsWorld } from './tills-world';

jest.setTimeout(300_000);

type Op =
  | { kind: 'sale'; product: number; quantity: number; pay: 'CASH' | 'CARD' | 'SPLIT'; extraCash: number }
  | { kind: 'refund'; of: number; quantity: number }
  | { kind: 'cash'; dir: 'IN' | 'OUT'; amountPence: number }
  | { kind: 'take'; product: number; countedQuantity: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sale' as const), product: fc.nat(2), quantity: fc.integer({ min: 1, max: 4 }), pay: fc.constantFrom('CASH' as const, 'CARD' as const, 'SPLIT' as const), extraCash: fc.integer({ min: 0, max: 700 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), of: fc.nat(50), quantity: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cash' as const), dir: fc.constantFrom('IN' as const, 'OUT' as const), amountPence: fc.integer({ min: 1, max: 3000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('take' as const), product: fc.nat(2), countedQuantity: fc.integer({ min: 0, max: 40 }) }) },
);

/**
 * For any sequence of sales, refunds, cash movements and stock takes: the session's one journal
 * entry balances, the expected cash equals the sum computed here independently, and stock on
 * hand equals receipts - sales + refunds +/- stock takes.
 */
describe('tills: properties of a session', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof tillsWorld>>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await tillsWorld(t);
  });
  afterAll(() => t.close());

  it('balances, counts cash and keeps stock for any sequence of till operations', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: -500, max: 500 }), async (ops, floatPence, countOffset) => {
        run++;
        // Fresh products each run: two tracked (one may go negative), one untracked.
        const tag = `${run}-${randomUUID().slice(0, 6)}`;
        const products = [
          await w.product({ name: `Scone ${tag}`, category: 'Food', pricePence: 230, trackStock: true }),
          await w.product({ name: `Soup ${tag}`, category: 'Food', pricePence: 410, trackStock: true, allowNegativeStock: true }),
          await w.product({ name: `Coffee ${tag}`, category: 'Drinks', pricePence: 175, trackStock: false }),
        ];
        await t.http().post(`/api/enterprises/${w.enterprise.id}/stock-receipts`).set(w.lead.auth).send({ lines: [{ productId: products[0].id, quantity: 6, unitCostPence: 90 }, { productId: products[1].id, quantity: 3, unitCostPence: 150 }] }).expect(201);
        const stock = [6, 3, 0];
        const session = (await t.http().post(`/api/enterprises/${w.enterprise.id}/till-sessions`).set(w.lead.auth).send({ openingFloatPence: floatPence, till: `P${tag}` }).expect(201)).body;
        let expectedCash = floatPence;
        const sales: { id: string; product: number; quantity: number; refunded: number; unitPence: number; cashKept: number; cardKept: number }[] = [];

        for (const o of ops) {
          if (o.kind === 'sale') {
            const unitPence = [230, 410, 175][o.product];
            const total = unitPence * o.quantity;
            const payments = o.pay === 'CASH' ? [{ method: 'CASH', amountPence: total + o.extraCash }] : o.pay === 'CARD' ? [{ method: 'CARD', amountPence: total }] : [{ method: 'CARD', amountPence: Math.ceil(total / 2) }, { method: 'CASH', amountPence: total - Math.ceil(total / 2) + o.extraCash }];
            const r = await t.http().post(`/api/till-sessions/${session.id}/sales`).set(w.lead.auth).send({ clientId: randomUUID(), lines: [{ productId: products[o.product].id, quantity: o.quantity }], payments });
            if (o.product === 0 && stock[0] < o.quantity) {
              expect(r.status).toBe(409);
              expect(r.body.code).toBe('STOCK_INSUFFICIENT');
              continue;
            }
            expect(r.status).toBe(201);
            const card = payments.filter((p) => p.method === 'CARD').reduce((s, p) => s + p.amountPence, 0);
            const cashKept = total - card;
            expect(r.body.changePence).toBe(payments.reduce((s, p) => s + p.amountPence, 0) - total);
            expectedCash += cashKept;
            if (o.product < 2) stock[o.product] -= o.quantity;
            sales.push({ id: r.body.id, product: o.product, quantity: o.quantity, refunded: 0, unitPence, cashKept, cardKept: card });
          } else if (o.kind === 'refund') {
            if (!sales.length) continue;
            const s = sales[o.of % sales.length];
            const r = await t.http().post(`/api/sales/${s.id}/refunds`).set(w.lead.auth).send({ clientId: randomUUID(), lines: [{ productId: products[s.product].id, quantity: o.quantity }], reason: 'Customer changed their mind' });
            if (o.quantity > s.quantity - s.refunded) {
              expect(r.status).toBe(422);
              continue;
            }
            expect(r.status).toBe(201);
            const amount = o.quantity * s.unitPence;
            const cashBack = Math.min(amount, s.cashKept);
            s.cashKept -= cashBack;
            s.cardKept -= amount - cashBack;
            expectedCash -= cashBack;
            s.refunded += o.quantity;
            if (s.product < 2) stock[s.product] += o.quantity;
          } else if (o.kind === 'cash') {
            await t.http().post(`/api/till-sessions/${session.id}/cash-movements`).set(w.lead.auth).send({ kind: o.dir, amountPence: o.amountPence, reason: 'Change' }).expect(201);
            expectedCash += o.dir === 'IN' ? o.amountPence : -o.amountPence;
          } else {
            if (o.product === 2) continue;
            await t.http().post(`/api/enterprises/${w.enterprise.id}/stock-takes`).set(w.lead.auth).send({ lines: [{ productId: products[o.product].id, countedQuantity: o.countedQuantity }], reason: 'Count' }).expect(201);
            stock[o.product] = o.countedQuantity;
          }
        }

        const counted = Math.max(0, expectedCash + countOffset);
        const closed = (await t.http().post(`/api/till-sessions/${session.id}/close`).set(w.lead.auth).send({ countedCashPence: counted }).expect(200)).body;
        expect(closed.expectedCashPence).toBe(expectedCash);
        expect(closed.differencePence).toBe(counted - expectedCash);
        if (closed.journalEntryId) {
          const lines = (await t.http().get(`/api/journal-entries/${closed.journalEntryId}`).set(w.lead.auth).expect(200)).body.lines as { accountCode: string; debitPence: number; creditPence: number }[];
          expect(lines.reduce((s, l) => s + l.debitPence, 0)).toBe(lines.reduce((s, l) => s + l.creditPence, 0));
          const net = (code: string) => lines.filter((l) => l.accountCode === code).reduce((s, l) => s + l.debitPence - l.creditPence, 0);
          expect(net('5950')).toBe(expectedCash - counted);
        }
        const onHand = (await t.http().get(`/api/enterprises/${w.enterprise.id}/stock`).set(w.lead.auth).expect(200)).body as { productId: string; stockOnHand: number }[];
        expect(onHand.find((s) => s.productId === products[0].id)?.stockOnHand).toBe(stock[0]);
        expect(onHand.find((s) => s.productId === products[1].id)?.stockOnHand).toBe(stock[1]);
        expect(stock[0]).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 25 },
    );
  });
});
