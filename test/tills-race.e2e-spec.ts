import { randomUUID } from 'node:crypto';
import { Product } from '../src/catalogue/product.entity';
import { TillSale } from '../src/tills/till-sale.entity';
import { bootSecondApp } from './support/second-app';
import { createTestApp, isPostgres, TestApp } from './support/test-app';
import { tillsWorld } from './tills-world';

jest.setTimeout(120_000);

/**
 * Two tills, many requests at once: stock is never oversold and a retried clientId never makes
 * a second sale. On PostgreSQL half the requests go through a second app instance with its own
 * connection pool, as with several instances behind a load balancer.
 */
describe('tills: concurrent sales', () => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof bootSecondApp>> | undefined;
  let w: Awaited<ReturnType<typeof tillsWorld>>;
  let tillA: { id: string };
  let tillB: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    if (isPostgres) second = await bootSecondApp();
    w = await tillsWorld(t);
    tillA = await w.open({ openingFloatPence: 0, till: 'A' });
    tillB = await w.open({ openingFloatPence: 0, till: 'B' });
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  const via = (i: number) => (second && i % 2 === 1 ? second.http() : t.http());

  it('sells exactly the last 3 items when 20 sales of one are made at once across two tills', async () => {
    const last = await w.product({ name: `Last sandwiches ${randomUUID().slice(0, 6)}`, category: 'Food', pricePence: 300, trackStock: true });
    await t.http().post(`/api/enterprises/${w.enterprise.id}/stock-receipts`).set(w.lead.auth).send({ lines: [{ productId: last.id, quantity: 3, unitCostPence: 100 }] }).expect(201);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        via(i)
          .post(`/api/till-sessions/${i % 2 ? tillB.id : tillA.id}/sales`)
          .set(w.lead.auth)
          .send({ clientId: randomUUID(), lines: [{ productId: last.id, quantity: 1 }], payments: [{ method: 'CASH', amountPence: 300 }] }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409)).toHaveLength(17);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('STOCK_INSUFFICIENT');
    const p = await t.uow.read((em) => em.findOneByOrFail(Product, { id: last.id }));
    expect(p.stockOnHand).toBe(0);
  });

  it('makes one sale of 20 retries of one clientId sent at once to both tills’ app instances', async () => {
    const clientId = randomUUID();
    const body = { clientId, lines: [{ productId: w.tea.id, quantity: 1 }], payments: [{ method: 'CASH', amountPence: 200 }] };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => via(i).post(`/api/till-sessions/${tillA.id}/sales`).set(w.lead.auth).send(body)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(19);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.every((r) => r.body.changePence === 80)).toBe(true);
    expect(await t.uow.read((em) => em.count(TillSale, { where: { clientId } }))).toBe(1);
  });

  it('opens one session of 10 opened at once on one till (409 TILL_ALREADY_OPEN for the rest)', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => via(i).post(`/api/enterprises/${w.enterprise.id}/till-sessions`).set(w.lead.auth).send({ openingFloatPence: 0, till: 'Race' })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(9).fill('TILL_ALREADY_OPEN'));
  });
});
