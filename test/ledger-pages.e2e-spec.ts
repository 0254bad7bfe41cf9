import { londonDate } from '../src/common/dates';
import { JournalEntry } from '../src/ledger/journal-entry.entity';
import { cr, dr, entryBody, ledgerWorld } from './ledger-world';
import type { Browser } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/** The finance pages of a lead and the surplus page of admins and commissioners. */
describe('ledger: pages', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;
  let lead: Browser;
  let id: string;
  const today = londonDate();
  const year = today.slice(0, 4);

  beforeAll(async () => {
    t = await createTestApp();
    w = await ledgerWorld(t);
    lead = await t.make.browser(w.lead.user);
    id = w.enterprise.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const entries = () => t.uow.read((em) => em.find(JournalEntry, { where: { enterpriseId: id }, order: { sequence: 'ASC' } }));
  const keyOf = (html: string) => /name="idempotencyKey" value="([^"]+)"/.exec(html)![1];

  it('lists the lead’s enterprises only', async () => {
    const res = await lead.get('/finance');
    expect(res.status).toBe(200);
    expect(res.text).toContain(w.enterprise.name);
    expect(res.text).not.toContain(w.other.name);
  });

  it('records takings in pounds as exact pence, once however often the form is sent', async () => {
    const form = await lead.get(`/finance/${id}/takings`);
    expect(form.status).toBe(200);
    const idempotencyKey = keyOf(form.text);
    const body = { idempotencyKey, occurredOn: today, method: 'CASH', amount: '£1,234.56', description: 'Visiting afternoon' };
    const res = await lead.post(`/finance/${id}/takings`, body);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/finance/${id}/journal?posted=1`);
    expect((await lead.post(`/finance/${id}/takings`, body)).status).toBe(303);
    const list = await entries();
    expect(list).toHaveLength(1);
    const entry = (await t.http().get(`/api/journal-entries/${list[0].id}`).set(w.lead.auth).expect(200)).body;
    expect(entry.lines).toEqual([expect.objectContaining({ accountCode: '1000', debitPence: 123456 }), expect.objectContaining({ accountCode: '4000', creditPence: 123456 })]);
    const journal = await lead.get(`/finance/${id}/journal?posted=1`);
    expect(journal.text).toContain('Entry 1 posted');
    expect(journal.text).toContain('£1,234.56');
  });

  it('shows field errors for an amount that is not money and a missing choice', async () => {
    const form = await lead.get(`/finance/${id}/takings`);
    const res = await lead.post(`/finance/${id}/takings`, { idempotencyKey: keyOf(form.text), occurredOn: today, amount: '12.345' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain('href="#amount"');
    expect(res.text).toContain('href="#method"');
    expect(res.text).toContain('Enter an amount in pounds and pence');
    expect(await entries()).toHaveLength(1);
  });

  it('records a purchase, internal-contract income and a grant', async () => {
    for (const [path, fields, lines] of [
      ['purchases', { category: 'EQUIPMENT', paidFrom: 'BANK', amount: '99.99', description: 'Kettle' }, [['5200', 9999, 0], ['1100', 0, 9999]]],
      ['internal-contracts', { amount: '600', description: 'Ward laundry' }, [['1100', 60000, 0], ['4100', 0, 60000]]],
      ['grants', { amount: '0.05', description: 'Charity' }, [['1100', 5, 0], ['4200', 0, 5]]],
    ] as const) {
      const form = await lead.get(`/finance/${id}/${path}`);
      const res = await lead.post(`/finance/${id}/${path}`, { idempotencyKey: keyOf(form.text), occurredOn: today, ...fields });
      expect(res.status).toBe(303);
      const last = (await entries()).at(-1)!;
      const entry = (await t.http().get(`/api/journal-entries/${last.id}`).set(w.lead.auth).expect(200)).body;
      expect(entry.lines.map((l: { accountCode: string; debitPence: number; creditPence: number }) => [l.accountCode, l.debitPence, l.creditPence])).toEqual(lines);
    }
  });

  it('refuses a date in a closed month unless the lead chooses the next open month', async () => {
    await t.http().post(`/api/enterprises/${id}/periods/2025-01/close`).set(w.lead.auth).expect(201);
    const form = await lead.get(`/finance/${id}/takings`);
    const body = { idempotencyKey: keyOf(form.text), occurredOn: '2025-01-15', method: 'CARD', amount: '10' };
    const refused = await lead.post(`/finance/${id}/takings`, body);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('href="#occurredOn"');
    expect(refused.text).toContain(`value="${body.idempotencyKey}"`);
    const moved = await lead.post(`/finance/${id}/takings`, { ...body, postToNextOpenPeriod: 'yes' });
    expect(moved.status).toBe(303);
    expect((await entries()).at(-1)).toMatchObject({ occurredOn: '2025-02-01', originalOn: '2025-01-15' });
  });

  it('shows the dashboard with a chart and the same figures in a table', async () => {
    const res = await lead.get(`/finance/${id}`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<svg[^>]+role="img"[^>]+aria-labelledby="monthly-chart-title monthly-chart-desc"/);
    expect(res.text).toContain(`<title id="monthly-chart-title">Income, expenses and surplus by month, ${year}</title>`);
    expect(res.text).toContain(`Figures by month, ${year}`);
    const income = 123456 + 60000 + 5;
    const pounds = (p: number) => `£${Math.floor(p / 100).toLocaleString('en-GB')}.${String(p % 100).padStart(2, '0')}`;
    expect(res.text).toContain(pounds(income));
    expect(res.text).toContain(pounds(income - 9999));
    expect((await lead.get(`/finance/${id}?year=1999`)).status).toBe(200);
  });

  it('lists the journal with filters and reverses an entry from it', async () => {
    const bank = await lead.get(`/finance/${id}/journal?account=4200`);
    expect(bank.text).toContain('Charity');
    expect(bank.text).not.toContain('Kettle');
    const bad = await lead.get(`/finance/${id}/journal?from=2026-02-31`);
    expect(bad.text).toContain('From must be a real date');
    const kettle = (await entries()).find((e) => e.description === 'Kettle')!;
    const res = await lead.post(`/finance/${id}/journal/${kettle.id}/reverse`, {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/\?reversed=\d+$/);
    const again = await lead.post(`/finance/${id}/journal/${kettle.id}/reverse`, {});
    expect(again.headers.location).toContain('error=ALREADY_REVERSED');
    const page = await lead.get(again.headers.location);
    expect(page.text).toContain('already been reversed');
    expect(page.text).toContain('Reversed');
  });

  it('closes a month from the periods page', async () => {
    const page = await lead.get(`/finance/${id}/periods`);
    expect(page.status).toBe(200);
    const res = await lead.post(`/finance/${id}/periods`, { month: '2025-03' });
    expect(res.status).toBe(303);
    expect((await lead.get(res.headers.location)).text).toContain('Mar 2025 is closed');
    const again = await lead.post(`/finance/${id}/periods`, { month: '2025-03' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('already closed');
    expect((await lead.post(`/finance/${id}/periods`, {})).status).toBe(422);
  });

  it('posts payroll from an approved timesheet and links its CSV', async () => {
    const { sheet, patients } = await w.timesheet('2026-02-02', [[120, 1500]]);
    const page = await lead.get(`/finance/${id}/payroll`);
    expect(page.text).toContain('Post payroll');
    expect(page.text).not.toContain(patients[0].displayName);
    const res = await lead.post(`/finance/${id}/payroll`, { timesheetId: sheet.id });
    expect(res.status).toBe(303);
    const after = await lead.get(res.headers.location);
    expect(after.text).toContain('Payroll posted for the week starting 2026-02-02');
    const link = /href="(\/api\/enterprises\/[^"]+\.csv)"/.exec(after.text)![1];
    const csv = await lead.agent.get(link);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(`${patients[0].displayName},${patients[0].hospitalNumber},2026-02-02,120,15.00`);
    expect((await lead.post(`/finance/${id}/payroll`, { timesheetId: sheet.id })).headers.location).toContain('error=PAYROLL_ALREADY_POSTED');
  });

  it('takes a reinvestment proposal through both approvals and spending', async () => {
    const form = await lead.get(`/finance/${id}/reinvestment/new`);
    expect(form.status).toBe(200);
    expect((await lead.post(`/finance/${id}/reinvestment/new`, { title: 'Coffee machine', amount: 'lots' })).status).toBe(422);
    const res = await lead.post(`/finance/${id}/reinvestment/new`, { title: 'Coffee machine', amount: '250.00', purpose: 'EQUIPMENT', opportunities: 'Two more barista places' });
    expect(res.status).toBe(303);
    const p = (await t.http().get(`/api/enterprises/${id}/reinvestment-proposals`).set(w.lead.auth).expect(200)).body.items[0];
    expect(p).toMatchObject({ amountPence: 25000, status: 'PROPOSED' });
    expect((await lead.post(`/finance/${id}/reinvestment/${p.id}/approve`, {})).headers.location).toContain('done=approved');
    const admin = await t.make.browser(w.admin.user);
    const page = await admin.get(`/finance/${id}/reinvestment`);
    expect(page.text).toContain('as admin');
    await admin.post(`/finance/${id}/reinvestment/${p.id}/approve`, {});
    expect((await lead.post(`/finance/${id}/reinvestment/${p.id}/spend`, {})).headers.location).toContain('done=spent');
    expect((await t.http().get(`/api/reinvestment-proposals/${p.id}`).set(w.lead.auth).expect(200)).body.status).toBe('SPENT');
    const q = (await t.http().post(`/api/enterprises/${id}/reinvestment-proposals`).set(w.lead.auth).send({ amountPence: 100, purpose: 'OTHER', title: 'Bunting', opportunities: 'None' }).expect(201)).body;
    expect((await lead.post(`/finance/${id}/reinvestment/${q.id}/reject`, { reason: '' })).headers.location).toContain('error=VALIDATION_FAILED');
    expect((await lead.post(`/finance/${id}/reinvestment/${q.id}/reject`, { reason: 'Not needed' })).headers.location).toContain('done=rejected');
    const after = await lead.get(`/finance/${id}/reinvestment`);
    expect(after.text).toContain('Not needed');
    expect(after.text).toContain('Coffee machine');
  });

  it('shows the reports and the ledger check', async () => {
    const reports = await lead.get(`/finance/${id}/reports?from=2025-01-01&to=${year}-12-31`);
    expect(reports.status).toBe(200);
    expect(reports.text).toContain('Total income');
    expect(reports.text).toContain('Assets equal liabilities plus equity.');
    const verify = await lead.get(`/finance/${id}/verify`);
    expect(verify.text).toContain('The ledger is intact');
  });

  it('keeps the pages to the enterprise’s leads and admins, and the surplus page to admins and commissioners', async () => {
    await t.http().post(`/api/enterprises/${w.other.id}/journal-entries`).set(w.otherLead.auth).send(entryBody(today, [dr('1100', 777), cr('4000', 777)])).expect(201);
    const other = await t.make.browser(w.otherLead.user);
    expect((await other.get(`/finance/${id}`)).status).toBe(403);
    expect((await other.get(`/finance/${id}/journal`)).status).toBe(403);
    expect((await other.post(`/finance/${id}/takings`, { idempotencyKey: 'form-00000000-0000-4000-8000-000000000000', occurredOn: today, method: 'CASH', amount: '1' })).status).toBe(403);
    expect((await other.get('/surplus')).status).toBe(403);
    const commissioner = await t.make.browser(w.commissioner.user);
    expect((await commissioner.get('/finance')).status).toBe(403);
    const surplus = await commissioner.get('/surplus');
    expect(surplus.status).toBe(200);
    expect(surplus.text).toContain(w.enterprise.name);
    expect(surplus.text).toContain('<title id="surplus-chart-title">');
    expect(surplus.text).toContain('£7.77');
    const admin = await t.make.browser(w.admin.user);
    expect((await admin.get('/surplus')).status).toBe(200);
    expect((await admin.get('/finance')).text).toContain(w.other.name);
  });
});
