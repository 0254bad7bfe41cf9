import { londonDate } from '../src/common/dates';
import { Enterprise } from '../src/enterprises/enterprise.entity';
import { JournalEntry } from '../src/ledger/journal-entry.entity';
import { LedgerPeriod } from '../src/ledger/ledger-period.entity';
import { PayrollRun } from '../src/ledger/payroll-run.entity';
import { ReinvestmentProposal } from '../src/ledger/reinvestment-proposal.entity';
import { Timesheet } from '../src/rota/timesheet.entity';
import { DEMO_SEEDS } from '../seeds';
import { createTestApp, loadedDemoSeeds, TestApp } from './support/test-app';

jest.setTimeout(300_000);

/** The ledger demo data: a year of trading per demo enterprise, payroll, and reinvestment in every status. */
describe('ledger: demo data', () => {
  let t: TestApp;
  let admin: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp({}, { data: 'demo' });
    const done = await loadedDemoSeeds(t);
    expect(done).toContain('2026-11-ledger');
    expect(done).toEqual([...DEMO_SEEDS.map((s) => s.name)].sort());
    admin = (await t.make.caller('ADMIN')).auth;
  });
  afterAll(() => t.close());

  it('gives every demo enterprise a year of trading in a valid hash chain', async () => {
    const enterprises = await t.uow.read((em) => em.find(Enterprise));
    expect(enterprises.length).toBeGreaterThanOrEqual(6);
    const year = Number(londonDate().slice(0, 4));
    for (const e of enterprises) {
      const verify = (await t.http().get(`/api/enterprises/${e.id}/ledger/verify`).set(admin).expect(200)).body;
      expect(verify.valid).toBe(true);
      expect(verify.entries).toBeGreaterThan(60);
      const entries = await t.uow.read((em) => em.find(JournalEntry, { where: { enterpriseId: e.id }, order: { occurredOn: 'ASC' }, take: 1 }));
      const first = new Date(entries[0].occurredOn + 'T12:00:00Z');
      expect(Date.now() - first.getTime()).toBeGreaterThan(360 * 86_400_000);
      const months = new Set<string>();
      for (const y of [year - 1, year]) {
        const s = (await t.http().get(`/api/enterprises/${e.id}/monthly-surplus?year=${y}`).set(admin).expect(200)).body;
        for (const m of s.months) if (m.incomePence > 0) months.add(m.month);
      }
      expect(months.size).toBeGreaterThanOrEqual(12);
      const bs = (await t.http().get(`/api/enterprises/${e.id}/balance-sheet`).set(admin).expect(200)).body;
      expect(bs.balanced).toBe(true);
      const tb = (await t.http().get(`/api/enterprises/${e.id}/trial-balance`).set(admin).expect(200)).body;
      expect(tb.totalDebitPence).toBe(tb.totalCreditPence);
    }
    expect(await t.uow.read((em) => em.count(LedgerPeriod))).toBeGreaterThanOrEqual(enterprises.length * 10);
  });

  it('posts payroll for every approved timesheet, once', async () => {
    const sheets = await t.uow.read((em) => em.find(Timesheet, { where: { status: 'APPROVED' } }));
    const runs = await t.uow.read((em) => em.find(PayrollRun));
    expect(runs.length).toBe(sheets.filter((s) => s.totalPayPence > 0).length);
  });

  it('has one reinvestment proposal in each status, and traces the spent ones to roles', async () => {
    const proposals = await t.uow.read((em) => em.find(ReinvestmentProposal));
    expect([...new Set(proposals.map((p) => p.status))].sort()).toEqual(['APPROVED', 'PROPOSED', 'REJECTED', 'SPENT']);
    for (const p of proposals.filter((x) => x.status === 'SPENT')) {
      expect(p.spendEntryId).not.toBeNull();
      expect(p.fundedWorkRoleIds.length).toBeGreaterThan(0);
    }
    const surplus = (await t.http().get('/api/surplus').set(admin).expect(200)).body;
    expect(surplus.reinvestedPence).toBeGreaterThan(0);
    expect(surplus.reservedPence).toBeGreaterThan(0);
  });
});
