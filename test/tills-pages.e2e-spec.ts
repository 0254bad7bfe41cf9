import { createTestApp, TestApp } from './support/test-app';
import { tillsWorld } from './tills-world';

jest.setTimeout(120_000);

/** A form post answered with 303 See Other. */
async function seeOther(res: Promise<{ status: number; headers: Record<string, string> }>) {
  const r = await res;
  expect(r.status).toBe(303);
  return r;
}

/** The till works as plain forms: each product button posts, the basket travels in the page, a hidden clientId makes a retried payment one sale. */
describe('tills: pages without JavaScript', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof tillsWorld>>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await tillsWorld(t);
  });
  afterAll(() => t.close());

  it('opens a till, adds products with button posts, takes cash with change due, answers a resubmitted payment once, closes and shows the Z report and its PDF', async () => {
    const b = await t.make.browser(w.lead.user);
    expect((await b.get(`/till?enterpriseId=${w.enterprise.id}`)).status).toBe(200);
    const opened = await seeOther(b.post(`/till/open?enterpriseId=${w.enterprise.id}`, { till: 'Pages', openingFloat: '20.00' }));
    const path = opened.headers.location as string;
    expect(path).toMatch(/^\/till\/sessions\/[0-9a-f-]{36}$/);
    const id = path.split('/').pop()!;
    expect((await seeOther(b.post(`/till/open?enterpriseId=${w.enterprise.id}`, { till: 'Pages' }))).headers.location).toContain('error=open');

    let page = await b.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Cheese sandwich');
    let next = await seeOther(b.post(`${path}/basket`, { basket: '', customerType: 'VISITOR', productId: w.sandwich.id }));
    page = await b.get(next.headers.location);
    const basket = /name="basket" value="([^"]*)"/.exec(page.text)![1];
    next = await seeOther(b.post(`${path}/basket`, { basket, customerType: 'VISITOR', productId: w.tea.id }));
    page = await b.get(next.headers.location);
    expect(page.text).toContain('Take payment £4.70');
    const form = {
      basket: /name="basket" value="([^"]*)"/.exec(page.text)![1],
      customerType: 'VISITOR',
      clientId: /name="clientId" value="([^"]+)"/.exec(page.text)![1],
      method: 'CASH',
      tendered: '10',
      costCentreCode: '',
      patientId: '',
    };
    const paid = await seeOther(b.post(`${path}/pay`, form));
    expect(paid.headers.location).toContain('change=530');
    expect((await b.get(paid.headers.location)).text).toContain('Change due: £5.30');
    await seeOther(b.post(`${path}/pay`, form));
    const z = (await t.http().get(`/api/till-sessions/${id}/z-report`).set(w.lead.auth).expect(200)).body;
    expect(z.salesCount).toBe(1);

    const short = await b.post(`${path}/pay`, { ...form, clientId: '2b1e4c8a-0000-4000-8000-000000000001', tendered: '1' });
    expect(short.status).toBe(422);
    expect(short.text).toContain('do not cover the total');

    await b.get(`${path}/close`);
    expect((await b.post(`${path}/close`, { counted: 'lots' })).status).toBe(422);
    const closed = await seeOther(b.post(`${path}/close`, { counted: '24.70' }));
    const report = await b.get(closed.headers.location);
    expect(report.status).toBe(200);
    expect(report.text).toContain('Cheese sandwich');
    const pdf = await b.agent.get(`${path}/z-report.pdf`).buffer(true);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await b.get(`/till/stock?enterpriseId=${w.enterprise.id}`)).text).toContain('Crisps');
  });

  it('lets a patient on shift use the till page but not the Z report, and hides the patient account from them', async () => {
    const s = await w.open({ openingFloatPence: 0, till: 'Patient pages' });
    const p = await w.patientWorker();
    const b = await t.make.browser(p.user);
    const page = await b.get(`/till/sessions/${s.id}?basket=${w.tea.id}:1`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Patient account');
    expect((await b.get(`/till/sessions/${s.id}/z-report`)).status).toBe(403);
  });

  it('shows a patient their purchases from their account beside their earnings, never another patient’s; the monies office gets a CSV', async () => {
    const s = await w.open({ openingFloatPence: 0, till: 'Money' });
    const buyer = await w.patientWorker();
    const other = await w.patientWorker();
    await w.sale(s.id, { customerType: 'PATIENT', lines: [{ productId: w.crisps.id, quantity: 2 }], payments: [{ method: 'PATIENT_ACCOUNT', amountPence: 160, patientId: buyer.patient.id }] }).expect(201);
    const mine = await (await t.make.browser(buyer.user)).get('/till/my-money');
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('2 × Crisps');
    expect(mine.text).toContain('£1.60');
    expect((await (await t.make.browser(other.user)).get('/till/my-money')).text).toContain('No purchases from your account.');
    const today = new Date().toISOString().slice(0, 10);
    const csv = await t.http().get(`/api/till/patient-account-purchases.csv?from=${today}&to=${today}`).set(w.admin.auth).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('at,hospital_number,patient,enterprise,sale_id,kind,items,amount_pence');
    expect(csv.text).toContain(buyer.patient.hospitalNumber);
    expect(csv.text).toContain(',SALE,2 x Crisps,160');
    await t.http().get(`/api/till/patient-account-purchases.csv?from=${today}&to=${today}`).set(w.lead.auth).expect(403);
  });

  it('adds a stock-tracked product with a reorder level through the catalogue form, and a staff price the till then uses', async () => {
    const b = await t.make.browser(w.lead.user);
    await b.get(`/catalogue/new?enterpriseId=${w.enterprise.id}`);
    await seeOther(b.post(`/catalogue/new?enterpriseId=${w.enterprise.id}`, { kind: 'PRODUCT', name: 'Muffin', category: 'Cakes', pricePence: '2.20', trackStock: 'true', reorderLevel: '4', incomeAccountCode: '' }));
    const products = (await t.http().get(`/api/enterprises/${w.enterprise.id}/products`).set(w.lead.auth).expect(200)).body as { id: string; name: string; trackStock: boolean; reorderLevel: number; pricePence: number }[];
    const muffin = products.find((p) => p.name === 'Muffin')!;
    expect(muffin).toMatchObject({ trackStock: true, reorderLevel: 4, pricePence: 220 });
    await b.get(`/catalogue?enterpriseId=${w.enterprise.id}`);
    await seeOther(b.post(`/catalogue/${muffin.id}/price`, { price: '1.80', effectiveOn: '', customerType: 'STAFF' }));
    const detail = (await t.http().get(`/api/products/${muffin.id}`).set(w.lead.auth).expect(200)).body;
    expect(detail.pricePence).toBe(220);
    expect(detail.customerPrices).toEqual([expect.objectContaining({ customerType: 'STAFF', pricePence: 180 })]);
    const s = await w.open({ openingFloatPence: 0, till: 'Muffins' });
    expect((await b.get(`/till/sessions/${s.id}?customerType=STAFF&basket=${muffin.id}:1`)).text).toContain('Take payment £1.80');
  });

  it('records cash out from the till page, and receives and counts stock from the stock page (with field errors)', async () => {
    const b = await t.make.browser(w.lead.user);
    const s = await w.open({ openingFloatPence: 1000, till: 'Forms' });
    await b.get(`/till/sessions/${s.id}`);
    expect((await b.post(`/till/sessions/${s.id}/cash`, { kind: 'OUT', amount: '2.50', reason: '' })).status).toBe(422);
    await seeOther(b.post(`/till/sessions/${s.id}/cash`, { kind: 'OUT', amount: '2.50', reason: 'Milk' }));
    expect((await t.http().get(`/api/till-sessions/${s.id}/z-report`).set(w.lead.auth).expect(200)).body.expectedCashPence).toBe(750);

    const before = await w.stockOf(w.crisps.id);
    await b.get(`/till/stock?enterpriseId=${w.enterprise.id}`);
    const bad = await b.post(`/till/stock?enterpriseId=${w.enterprise.id}`, { action: 'receipt', productId: w.crisps.id, quantity: 'many', unitCost: '' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter the quantity received');
    await seeOther(b.post(`/till/stock?enterpriseId=${w.enterprise.id}`, { action: 'receipt', productId: w.crisps.id, quantity: '24', unitCost: '0.30', postPurchase: 'true' }));
    expect(await w.stockOf(w.crisps.id)).toBe(before + 24);
    expect((await b.post(`/till/stock?enterpriseId=${w.enterprise.id}`, { action: 'take', productId: w.crisps.id, quantity: '3', reason: '' })).status).toBe(422);
    await seeOther(b.post(`/till/stock?enterpriseId=${w.enterprise.id}`, { action: 'take', productId: w.crisps.id, quantity: '3', reason: 'Water damage' }));
    expect(await w.stockOf(w.crisps.id)).toBe(3);
  });

  it('lists products below their reorder level on the enterprise page, for its leads and admins only', async () => {
    await t.http().patch(`/api/products/${w.sandwich.id}`).set(w.lead.auth).send({ reorderLevel: 1000 }).expect(200);
    const page = (await (await t.make.browser(w.lead.user)).get(`/enterprises/${w.enterprise.id}`)).text;
    const section = page.slice(page.indexOf('id="low-stock"'));
    expect(section).toContain('Cheese sandwich');
    expect(section).toContain('1000');
    expect(section).not.toContain('Crisps'); // tracked, but no reorder level
    expect(section).not.toContain('Tea'); // not tracked
    expect((await (await t.make.browser(w.admin.user)).get(`/enterprises/${w.enterprise.id}`)).text).toContain('id="low-stock"');
    const ot = await t.make.user('OT');
    const otPage = await (await t.make.browser(ot)).get(`/enterprises/${w.enterprise.id}`);
    expect(otPage.status).toBe(200);
    expect(otPage.text).not.toContain('id="low-stock"');
    await t.http().patch(`/api/products/${w.sandwich.id}`).set(w.lead.auth).send({ reorderLevel: 0 }).expect(200);
    const after = (await (await t.make.browser(w.lead.user)).get(`/enterprises/${w.enterprise.id}`)).text;
    expect(after.slice(after.indexOf('id="low-stock"'))).not.toContain('Cheese sandwich');
  });

  it('refunds from a recent sale on the till page: at most what was sold, with a reason, paid back the sale’s way', async () => {
    const b = await t.make.browser(w.lead.user);
    const s = await w.open({ openingFloatPence: 0, till: 'Refunds' });
    const sold = (await w.sale(s.id, { lines: [{ productId: w.crisps.id, quantity: 3 }], payments: [{ method: 'CARD', amountPence: 240 }] }).expect(201)).body;
    expect((await b.get(`/till/sessions/${s.id}`)).text).toContain(`/till/sales/${sold.id}/refund`);
    const form = await b.get(`/till/sales/${sold.id}/refund`);
    const clientId = /name="clientId" value="([^"]+)"/.exec(form.text)![1];
    const tooMany = await b.post(`/till/sales/${sold.id}/refund`, { clientId, [`q-${w.crisps.id}`]: '4', reason: 'Stale' });
    expect(tooMany.status).toBe(422);
    expect(tooMany.text).toContain('Enter at most 3 Crisps');
    const done = await seeOther(b.post(`/till/sales/${sold.id}/refund`, { clientId, [`q-${w.crisps.id}`]: '2', reason: 'Stale' }));
    expect(done.headers.location).toContain('refunded=160&by=CARD');
    await seeOther(b.post(`/till/sales/${sold.id}/refund`, { clientId, [`q-${w.crisps.id}`]: '2', reason: 'Stale' }));
    const z = (await t.http().get(`/api/till-sessions/${s.id}/z-report`).set(w.lead.auth).expect(200)).body;
    expect(z.refunds).toHaveLength(1);
    expect(z.paymentsByMethod.CARD).toBe(80);
  });
});
