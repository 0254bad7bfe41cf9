import { Product } from '../src/catalogue/product.entity';
import { JournalLine } from '../src/ledger/journal-line.entity';
import { TillSale } from '../src/tills/till-sale.entity';
import { TillSession } from '../src/tills/till-session.entity';
import { DEMO_ENTERPRISES } from '../seeds/enterprises.seed';
import { createTestApp, loadedDemoSeeds, TestApp } from './support/test-app';

jest.setTimeout(300_000);

/** The tills demo data: four weeks of café and shop trading through sessions that each posted one balanced entry. */
describe('tills: demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { data: 'demo' });
    expect(await loadedDemoSeeds(t)).toContain('2026-12-tills');
  });
  afterAll(() => t.close());

  it.each(['cafe', 'shop'])('gives the %s a closed session per trading day, each with one balanced journal entry, and a valid chain', async (key) => {
    const enterpriseId = DEMO_ENTERPRISES[key];
    const sessions = await t.uow.read((em) => em.find(TillSession, { where: { enterpriseId } }));
    expect(sessions.length).toBeGreaterThanOrEqual(18);
    expect(sessions.every((s) => s.status === 'CLOSED' && s.journalEntryId)).toBe(true);
    for (const s of sessions.slice(0, 5)) {
      const lines = await t.uow.read((em) => em.find(JournalLine, { where: { entryId: s.journalEntryId! } }));
      expect(lines.reduce((a, l) => a + l.debitPence, 0)).toBe(lines.reduce((a, l) => a + l.creditPence, 0));
    }
    expect(await t.uow.read((em) => em.count(TillSale, { where: { enterpriseId } }))).toBeGreaterThan(250);
    const admin = (await t.make.caller('ADMIN')).auth;
    expect((await t.http().get(`/api/enterprises/${enterpriseId}/ledger/verify`).set(admin).expect(200)).body.valid).toBe(true);
    const z = (await t.http().get(`/api/till-sessions/${sessions[0].id}/z-report`).set(admin).expect(200)).body;
    expect(z.salesPence).toBeGreaterThan(0);
    expect(z.expectedCashPence).toBe(sessions[0].expectedCashPence);
    const products = await t.uow.read((em) => em.find(Product, { where: { enterpriseId, trackStock: true, allowNegativeStock: false } }));
    expect(products.length).toBeGreaterThan(2);
    expect(products.every((p) => p.stockOnHand >= 0)).toBe(true);
  });
});
