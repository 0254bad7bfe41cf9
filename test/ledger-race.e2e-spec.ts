import { JournalEntry } from '../src/ledger/journal-entry.entity';
import { JournalLine } from '../src/ledger/journal-line.entity';
import { LedgerPeriod } from '../src/ledger/ledger-period.entity';
import { PayrollRun } from '../src/ledger/payroll-run.entity';
import { cr, dr, entryBody, ledgerWorld, makeEnterprise } from './ledger-world';
import { bootSecondApp } from './support/second-app';
import { createTestApp, isPostgres, TestApp } from './support/test-app';

/**
 * Parallel postings never lose or double an entry and keep the chain valid. On PostgreSQL every
 * other request goes through a second app instance with its own connection pool.
 */
describe('ledger: concurrency', () => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof bootSecondApp>> | undefined;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    if (isPostgres) second = await bootSecondApp();
    w = await ledgerWorld(t);
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  const via = (i: number) => (second && i % 2 === 1 ? second.http() : t.http());
  const fresh = async () => (await makeEnterprise(t, w.site.id, w.lead.user.id)).enterprise.id;
  const verify = async (id: string) => (await t.http().get(`/api/enterprises/${id}/ledger/verify`).set(w.lead.auth).expect(200)).body;
  const entriesOf = (id: string) => t.uow.read((em) => em.find(JournalEntry, { where: { enterpriseId: id }, order: { sequence: 'ASC' } }));

  it('keeps all of 30 different entries posted at once, numbered 1-30 in one valid chain', async () => {
    const id = await fresh();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => via(i).post(`/api/enterprises/${id}/journal-entries`).set(w.lead.auth).send(entryBody('2026-02-02', [dr('1000', 100 + i), cr('4000', 100 + i)], { idempotencyKey: `par-${i}` }))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(201));
    const entries = await entriesOf(id);
    expect(entries.map((e) => e.sequence)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(entries.map((e) => e.idempotencyKey)).size).toBe(30);
    expect(await t.uow.read((em) => em.count(JournalLine, { where: { enterpriseId: id } }))).toBe(60);
    expect(await verify(id)).toEqual({ valid: true, entries: 30 });
  });

  it('posts one entry for 20 retries of the same key at once, and answers each with it', async () => {
    const id = await fresh();
    const body = entryBody('2026-02-03', [dr('1100', 5000), cr('4200', 5000)], { idempotencyKey: 'retry-storm' });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => via(i).post(`/api/enterprises/${id}/journal-entries`).set(w.lead.auth).send(body)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(19);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await entriesOf(id)).toHaveLength(1);
    expect(await verify(id)).toEqual({ valid: true, entries: 1 });
  });

  it('keeps 10 entries when each is retried 3 times at once, across two enterprises', async () => {
    const a = await fresh();
    const b = await fresh();
    const requests = [];
    for (let k = 0; k < 10; k++) {
      for (let r = 0; r < 3; r++) {
        const id = k % 2 ? a : b;
        requests.push(() => via(k + r).post(`/api/enterprises/${id}/journal-entries`).set(w.lead.auth).send(entryBody('2026-02-04', [dr('5000', 10 + k), cr('1000', 10 + k)], { idempotencyKey: `mix-${k}` })));
      }
    }
    const results = await Promise.all(requests.map((f) => f()));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 200)).toHaveLength(20);
    expect(await entriesOf(a)).toHaveLength(5);
    expect(await entriesOf(b)).toHaveLength(5);
    expect((await verify(a)).valid).toBe(true);
    expect((await verify(b)).valid).toBe(true);
  });

  it('posts payroll for a timesheet once when asked 10 times at once', async () => {
    const id = await fresh();
    const { sheet } = await w.timesheet('2026-02-09', [[120, 1200]], id);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => via(i).post(`/api/enterprises/${id}/payroll-runs`).set(w.lead.auth).send({ timesheetId: sheet.id })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(9);
    for (const r of refused) expect([r.status, r.body.code]).toEqual([409, 'PAYROLL_ALREADY_POSTED']);
    expect(await t.uow.read((em) => em.count(PayrollRun, { where: { timesheetId: sheet.id } }))).toBe(1);
    expect(await entriesOf(id)).toHaveLength(2);
    expect(await verify(id)).toEqual({ valid: true, entries: 2 });
  });

  it('never lets an entry into a month after it is closed, however the requests interleave', async () => {
    const id = await fresh();
    const posts = Array.from({ length: 16 }, (_, i) => via(i).post(`/api/enterprises/${id}/journal-entries`).set(w.lead.auth).send(entryBody('2025-09-10', [dr('1000', 1 + i), cr('4000', 1 + i)], { idempotencyKey: `close-${i}` })));
    const close = via(1).post(`/api/enterprises/${id}/periods/2025-09/close`).set(w.lead.auth);
    const [closed, ...results] = await Promise.all([close, ...posts]);
    expect(closed.status).toBe(201);
    for (const r of results) expect([201, 409]).toContain(r.status);
    const period = await t.uow.read((em) => em.findOneByOrFail(LedgerPeriod, { enterpriseId: id, month: '2025-09' }));
    const entries = await entriesOf(id);
    expect(entries).toHaveLength(results.filter((r) => r.status === 201).length);
    for (const e of entries) expect(new Date(e.createdAt).getTime()).toBeLessThanOrEqual(new Date(period.closedAt).getTime());
    expect((await verify(id)).valid).toBe(true);
  });

  it('approves at most the surplus when two proposals are approved at once', async () => {
    const id = await fresh();
    await t.http().post(`/api/enterprises/${id}/journal-entries`).set(w.lead.auth).send(entryBody('2026-01-05', [dr('1100', 10000), cr('4000', 10000)])).expect(201);
    const propose = () => t.http().post(`/api/enterprises/${id}/reinvestment-proposals`).set(w.lead.auth).send({ amountPence: 7000, purpose: 'EQUIPMENT', title: 'Till', opportunities: 'A cashier role' }).expect(201);
    const p1 = (await propose()).body;
    const p2 = (await propose()).body;
    await t.http().post(`/api/reinvestment-proposals/${p1.id}/approve`).set(w.admin.auth).expect(200);
    await t.http().post(`/api/reinvestment-proposals/${p2.id}/approve`).set(w.admin.auth).expect(200);
    const results = await Promise.all([p1, p2].map((p, i) => via(i).post(`/api/reinvestment-proposals/${p.id}/approve`).set(w.lead.auth)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    const list = (await t.http().get(`/api/enterprises/${id}/reinvestment-proposals`).set(w.lead.auth).expect(200)).body;
    expect(list.items.filter((p: { status: string }) => p.status === 'APPROVED')).toHaveLength(1);
    expect(list.availableSurplusPence).toBe(3000);
    expect((await verify(id)).valid).toBe(true);
  });
});
