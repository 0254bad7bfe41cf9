import { dropAppendOnly, makeAppendOnly } from '../src/database/append-only';
import { JournalEntry } from '../src/ledger/journal-entry.entity';
import { JournalLine } from '../src/ledger/journal-line.entity';
import { ACCOUNT_TEMPLATE } from '../src/ledger/ledger.types';
import { cr, dr, entryBody, ledgerWorld, makeEnterprise } from './ledger-world';
import { createTestApp, isPostgres, TestApp } from './support/test-app';

/** The ledger core: accounts, the double-entry rules, idempotency, append-only rows, the hash chain, reversal, periods, reports and scope. */
describe('ledger', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await ledgerWorld(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const fresh = async () => (await makeEnterprise(t, w.site.id, w.lead.user.id)).enterprise.id;
  const post = (enterpriseId: string, body: object, auth = w.lead.auth) => t.http().post(`/api/enterprises/${enterpriseId}/journal-entries`).set(auth).send(body);
  const counts = async () => t.uow.read(async (em) => [await em.count(JournalEntry), await em.count(JournalLine)]);

  describe('accounts', () => {
    it('gives each enterprise the template accounts on first use, once', async () => {
      const id = await fresh();
      const first = await t.http().get(`/api/enterprises/${id}/accounts`).set(w.lead.auth).expect(200);
      const second = await t.http().get(`/api/enterprises/${id}/accounts`).set(w.lead.auth).expect(200);
      expect(first.body.map((a: { code: string }) => a.code).sort()).toEqual(ACCOUNT_TEMPLATE.map((a) => a.code).sort());
      expect(second.body.map((a: { id: string }) => a.id)).toEqual(first.body.map((a: { id: string }) => a.id));
      expect(first.body.find((a: { code: string }) => a.code === '4000')).toMatchObject({ name: 'Sales', type: 'INCOME', closed: false });
    });

    it('lets a lead add an account, refuses a code in use, and closes accounts without deleting them', async () => {
      const id = await fresh();
      const added = await t.http().post(`/api/enterprises/${id}/accounts`).set(w.lead.auth).send({ code: '4300', name: 'Catering orders', type: 'INCOME' }).expect(201);
      expect(added.body).toMatchObject({ code: '4300', name: 'Catering orders', type: 'INCOME', closed: false });
      const dup = await t.http().post(`/api/enterprises/${id}/accounts`).set(w.lead.auth).send({ code: '4300', name: 'Again', type: 'INCOME' }).expect(409);
      expect(dup.body.code).toBe('ACCOUNT_CODE_TAKEN');
      await post(id, entryBody('2026-01-05', [dr('1100', 500), cr('4300', 500)])).expect(201);
      const closed = await t.http().post(`/api/enterprises/${id}/accounts/4300/close`).set(w.lead.auth).expect(200);
      expect(closed.body.closed).toBe(true);
      const refused = await post(id, entryBody('2026-01-06', [dr('1100', 500), cr('4300', 500)])).expect(422);
      expect(refused.body.code).toBe('ACCOUNT_CLOSED');
      expect(refused.body.details[0].field).toBe('lines.1.accountCode');
      const list = await t.http().get(`/api/enterprises/${id}/accounts`).set(w.lead.auth).expect(200);
      expect(list.body.find((a: { code: string }) => a.code === '4300')).toMatchObject({ closed: true });
      const tb = await t.http().get(`/api/enterprises/${id}/trial-balance?on=2026-12-31`).set(w.lead.auth).expect(200);
      expect(tb.body.rows.find((r: { accountCode: string }) => r.accountCode === '4300')).toMatchObject({ creditPence: 500 });
    });

    it('refuses an account with a malformed code or type', async () => {
      const res = await t.http().post(`/api/enterprises/${w.enterprise.id}/accounts`).set(w.lead.auth).send({ code: 'bad code', name: 'X', type: 'THING' }).expect(422);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['code', 'type']);
    });
  });

  describe('posting', () => {
    it('posts a balanced entry as the first link of the chain, with integer amounts', async () => {
      const id = await fresh();
      const res = await post(id, entryBody('2026-03-02', [dr('1000', 1250), dr('1100', 3000), cr('4000', 4250)], { description: 'Café takings' })).expect(201);
      expect(res.body).toMatchObject({ sequence: 1, occurredOn: '2026-03-02', originalOn: null, source: 'MANUAL', description: 'Café takings', previousHash: '0'.repeat(64), reversesEntryId: null });
      expect(res.body.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(res.body.lines).toEqual([
        { lineNo: 1, accountCode: '1000', accountName: 'Cash', debitPence: 1250, creditPence: 0 },
        { lineNo: 2, accountCode: '1100', accountName: 'Bank', debitPence: 3000, creditPence: 0 },
        { lineNo: 3, accountCode: '4000', accountName: 'Sales', debitPence: 0, creditPence: 4250 },
      ]);
      const second = await post(id, entryBody('2026-03-01', [dr('5000', 100), cr('1000', 100)])).expect(201);
      expect(second.body.sequence).toBe(2);
      expect(second.body.previousHash).toBe(res.body.hash);
    });

    it('refuses an entry whose debits do not equal its credits (422 LEDGER_UNBALANCED) and writes nothing', async () => {
      const before = await counts();
      const res = await post(w.enterprise.id, entryBody('2026-03-02', [dr('1000', 1000), cr('4000', 999)])).expect(422);
      expect(res.body.code).toBe('LEDGER_UNBALANCED');
      expect(res.body.details[0]).toMatchObject({ debitPence: 1000, creditPence: 999, differencePence: 1 });
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['a single line', [dr('1000', 100)], 'LEDGER_TOO_FEW_LINES'],
      ['no lines', [], 'LEDGER_TOO_FEW_LINES'],
      ['a line with both sides', [{ accountCode: '1000', debitPence: 100, creditPence: 100 }, cr('4000', 0)], 'LEDGER_LINE_ONE_SIDE'],
      ['a line with neither side', [{ accountCode: '1000' }, dr('1100', 100), cr('4000', 100)], 'LEDGER_LINE_ONE_SIDE'],
      ['a zero line', [dr('1000', 0), cr('4000', 0)], 'LEDGER_LINE_ONE_SIDE'],
      ['an unknown account', [dr('9999', 100), cr('4000', 100)], 'UNKNOWN_ACCOUNT'],
    ])('refuses %s', async (_name, lines, code) => {
      const before = await counts();
      const res = await post(w.enterprise.id, entryBody('2026-03-02', lines)).expect(422);
      expect(res.body.code).toBe(code);
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['a fraction of a penny', [dr('1000', 10.5), cr('4000', 10.5)]],
      ['a negative amount', [dr('1000', -100), cr('4000', -100)]],
      ['an amount as text', [dr('1000', '100' as unknown as number), cr('4000', 100)]],
    ])('refuses %s at validation', async (_name, lines) => {
      const res = await post(w.enterprise.id, entryBody('2026-03-02', lines)).expect(422);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses an impossible date and unknown fields', async () => {
      expect((await post(w.enterprise.id, entryBody('2026-02-30', [dr('1000', 1), cr('4000', 1)])).expect(422)).body.details[0].field).toBe('occurredOn');
      expect((await post(w.enterprise.id, { ...entryBody('2026-02-03', [dr('1000', 1), cr('4000', 1)]), source: 'SALE' }).expect(422)).body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('idempotency', () => {
    it('answers a retry with the same key and content with the original entry (200), and the same key with other content with 409', async () => {
      const id = await fresh();
      const body = entryBody('2026-04-01', [dr('1100', 700), cr('4200', 700)], { idempotencyKey: 'grant-april' });
      const first = await post(id, body).expect(201);
      const retry = await post(id, body).expect(200);
      expect(retry.body).toEqual(first.body);
      const other = await post(id, { ...body, lines: [dr('1100', 701), cr('4200', 701)] }).expect(409);
      expect(other.body.code).toBe('IDEMPOTENCY_CONFLICT');
      expect(other.body.details.entryId).toBe(first.body.id);
      expect((await post(id, { ...body, description: 'Something else' }).expect(409)).body.code).toBe('IDEMPOTENCY_CONFLICT');
      const list = await t.http().get(`/api/enterprises/${id}/journal-entries`).set(w.lead.auth).expect(200);
      expect(list.body.total).toBe(1);
    });

    it('keeps keys per enterprise', async () => {
      const a = await fresh();
      const b = await fresh();
      const body = entryBody('2026-04-01', [dr('1100', 700), cr('4200', 700)], { idempotencyKey: 'same-key' });
      const x = await post(a, body).expect(201);
      const y = await post(b, body).expect(201);
      expect(x.body.id).not.toBe(y.body.id);
    });
  });

  describe('append-only rows', () => {
    it('refuses UPDATE and DELETE of journal entries and lines in the database itself', async () => {
      const id = await fresh();
      const res = await post(id, entryBody('2026-05-01', [dr('1000', 100), cr('4000', 100)])).expect(201);
      const attempts = [
        `UPDATE journal_entries SET description = 'changed' WHERE id = '${res.body.id}'`,
        `DELETE FROM journal_entries WHERE id = '${res.body.id}'`,
        `UPDATE journal_lines SET "debitPence" = 1 WHERE "entryId" = '${res.body.id}'`,
        `DELETE FROM journal_lines WHERE "entryId" = '${res.body.id}'`,
      ];
      if (isPostgres) attempts.push('TRUNCATE journal_lines');
      for (const sql of attempts) await expect(t.uow.run((em) => em.query(sql))).rejects.toThrow(/APPEND_ONLY/);
      const entry = await t.http().get(`/api/journal-entries/${res.body.id}`).set(w.lead.auth).expect(200);
      expect(entry.body).toMatchObject({ description: 'Test entry', lines: [{ debitPence: 100 }, { creditPence: 100 }] });
    });
  });

  describe('hash chain', () => {
    it('verifies an untouched chain and finds the first entry changed behind the app’s back', async () => {
      const id = await fresh();
      const ids: string[] = [];
      for (let i = 1; i <= 5; i++) ids.push((await post(id, entryBody(`2026-06-0${i}`, [dr('1000', 100 * i), cr('4000', 100 * i)])).expect(201)).body.id);
      expect((await t.http().get(`/api/enterprises/${id}/ledger/verify`).set(w.lead.auth).expect(200)).body).toEqual({ valid: true, entries: 5 });

      await t.uow.run(async (em) => {
        await dropAppendOnly(em.queryRunner!, 'journal_lines');
        await em.query(`UPDATE journal_lines SET "debitPence" = 9900 WHERE "entryId" = '${ids[2]}' AND "lineNo" = 1`);
        await em.query(`UPDATE journal_lines SET "creditPence" = 9900 WHERE "entryId" = '${ids[2]}' AND "lineNo" = 2`);
        await makeAppendOnly(em.queryRunner!, 'journal_lines');
      });
      const res = await t.http().get(`/api/enterprises/${id}/ledger/verify`).set(w.lead.auth).expect(200);
      expect(res.body).toMatchObject({ valid: false, entries: 5, firstBadEntryId: ids[2], firstBadSequence: 3 });
      // The triggers are back.
      await expect(t.uow.run((em) => em.query(`DELETE FROM journal_lines WHERE "entryId" = '${ids[0]}'`))).rejects.toThrow(/APPEND_ONLY/);
    });

    it('finds an entry whose description or date was changed', async () => {
      const id = await fresh();
      const ids: string[] = [];
      for (let i = 1; i <= 3; i++) ids.push((await post(id, entryBody(`2026-06-0${i}`, [dr('1000', 100), cr('4000', 100)])).expect(201)).body.id);
      await t.uow.run(async (em) => {
        await dropAppendOnly(em.queryRunner!, 'journal_entries');
        await em.query(`UPDATE journal_entries SET description = 'nothing to see' WHERE id = '${ids[1]}'`);
        await makeAppendOnly(em.queryRunner!, 'journal_entries');
      });
      expect((await t.http().get(`/api/enterprises/${id}/ledger/verify`).set(w.lead.auth).expect(200)).body).toMatchObject({ valid: false, firstBadEntryId: ids[1] });
    });

    it('finds a line moved to another date behind the app’s back (the copy the reports use)', async () => {
      const id = await fresh();
      const e = (await post(id, entryBody('2026-06-01', [dr('1000', 100), cr('4000', 100)])).expect(201)).body;
      await t.uow.run(async (em) => {
        await dropAppendOnly(em.queryRunner!, 'journal_lines');
        await em.query(`UPDATE journal_lines SET "occurredOn" = '2025-01-01' WHERE "entryId" = '${e.id}'`);
        await makeAppendOnly(em.queryRunner!, 'journal_lines');
      });
      expect((await t.http().get(`/api/enterprises/${id}/ledger/verify`).set(w.lead.auth).expect(200)).body).toMatchObject({ valid: false, firstBadEntryId: e.id });
    });
  });

  describe('reversal', () => {
    it('posts the mirror entry pointing at the original, once', async () => {
      const id = await fresh();
      const original = (await post(id, entryBody('2026-02-10', [dr('5000', 1234), cr('1000', 1234)])).expect(201)).body;
      const rev = await t.http().post(`/api/journal-entries/${original.id}/reversal`).set(w.lead.auth).send({ occurredOn: '2026-02-11', description: 'Entered twice' }).expect(201);
      expect(rev.body).toMatchObject({ source: 'REVERSAL', reversesEntryId: original.id, occurredOn: '2026-02-11', description: 'Entered twice', sequence: 2 });
      expect(rev.body.lines).toEqual([
        { lineNo: 1, accountCode: '5000', accountName: 'Cost of goods', debitPence: 0, creditPence: 1234 },
        { lineNo: 2, accountCode: '1000', accountName: 'Cash', debitPence: 1234, creditPence: 0 },
      ]);
      const again = await t.http().post(`/api/journal-entries/${original.id}/reversal`).set(w.lead.auth).send({}).expect(409);
      expect(again.body.code).toBe('ALREADY_REVERSED');
      expect((await t.http().get(`/api/journal-entries/${original.id}`).set(w.lead.auth).expect(200)).body.reversedByEntryId).toBe(rev.body.id);
      const is = await t.http().get(`/api/enterprises/${id}/income-statement?from=2026-01-01&to=2026-12-31`).set(w.lead.auth).expect(200);
      expect(is.body.expensesPence).toBe(0);
      expect((await t.http().get(`/api/enterprises/${id}/ledger/verify`).set(w.lead.auth).expect(200)).body).toEqual({ valid: true, entries: 2 });
    });

    it('answers a retried reversal with the same key with the reversal (200)', async () => {
      const id = await fresh();
      const original = (await post(id, entryBody('2026-02-10', [dr('5000', 10), cr('1000', 10)])).expect(201)).body;
      const body = { occurredOn: '2026-02-12', idempotencyKey: 'undo-1' };
      const first = await t.http().post(`/api/journal-entries/${original.id}/reversal`).set(w.lead.auth).send(body).expect(201);
      const retry = await t.http().post(`/api/journal-entries/${original.id}/reversal`).set(w.lead.auth).send(body).expect(200);
      expect(retry.body.id).toBe(first.body.id);
    });

    it('answers 404 for an entry that does not exist and 403 for another enterprise’s', async () => {
      await t.http().post(`/api/journal-entries/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/reversal`).set(w.lead.auth).send({}).expect(404);
      const theirs = (await post(w.other.id, entryBody('2026-02-10', [dr('5000', 10), cr('1000', 10)]), w.otherLead.auth).expect(201)).body;
      await t.http().post(`/api/journal-entries/${theirs.id}/reversal`).set(w.lead.auth).send({}).expect(403);
      await t.http().get(`/api/journal-entries/${theirs.id}`).set(w.lead.auth).expect(403);
    });
  });

  describe('periods', () => {
    it('refuses entries in a closed month unless asked to post to the next open period, and records the choice', async () => {
      const id = await fresh();
      await t.http().post(`/api/enterprises/${id}/periods/2025-01/close`).set(w.lead.auth).expect(201);
      await t.http().post(`/api/enterprises/${id}/periods/2025-02/close`).set(w.lead.auth).expect(201);
      const refused = await post(id, entryBody('2025-01-20', [dr('1000', 500), cr('4000', 500)])).expect(409);
      expect(refused.body.code).toBe('PERIOD_CLOSED');
      expect(refused.body.details[0]).toMatchObject({ month: '2025-01', nextOpenMonth: '2025-03' });
      const moved = await post(id, entryBody('2025-01-20', [dr('1000', 500), cr('4000', 500)], { postToNextOpenPeriod: true })).expect(201);
      expect(moved.body).toMatchObject({ occurredOn: '2025-03-01', originalOn: '2025-01-20' });
      expect(moved.body.lines.map((l: { accountCode: string }) => l.accountCode)).toEqual(['1000', '4000']);
      // An open month is not moved, even when asked.
      expect((await post(id, entryBody('2025-04-02', [dr('1000', 1), cr('4000', 1)], { postToNextOpenPeriod: true })).expect(201)).body).toMatchObject({ occurredOn: '2025-04-02', originalOn: null });
      const jan = await t.http().get(`/api/enterprises/${id}/income-statement?from=2025-01-01&to=2025-01-31`).set(w.lead.auth).expect(200);
      expect(jan.body.incomePence).toBe(0);
      const mar = await t.http().get(`/api/enterprises/${id}/income-statement?from=2025-03-01&to=2025-03-31`).set(w.lead.auth).expect(200);
      expect(mar.body.incomePence).toBe(500);
      const periods = await t.http().get(`/api/enterprises/${id}/periods`).set(w.lead.auth).expect(200);
      expect(periods.body.map((p: { month: string }) => p.month)).toEqual(['2025-01', '2025-02']);
      expect((await t.http().get(`/api/enterprises/${id}/ledger/verify`).set(w.lead.auth).expect(200)).body.valid).toBe(true);
    });

    it('refuses closing a month twice, a month not yet started and a malformed month', async () => {
      const id = await fresh();
      await t.http().post(`/api/enterprises/${id}/periods/2025-05/close`).set(w.lead.auth).expect(201);
      expect((await t.http().post(`/api/enterprises/${id}/periods/2025-05/close`).set(w.lead.auth).expect(409)).body.code).toBe('PERIOD_ALREADY_CLOSED');
      expect((await t.http().post(`/api/enterprises/${id}/periods/2099-01/close`).set(w.lead.auth).expect(422)).body.code).toBe('PERIOD_NOT_ENDED');
      await t.http().post(`/api/enterprises/${id}/periods/2025-13/close`).set(w.lead.auth).expect(422);
    });
  });

  describe('reports', () => {
    it('computes the income statement, trial balance, balance sheet and monthly series as by hand', async () => {
      const id = await fresh();
      const entries = [
        ['2025-01-10', [dr('1000', 12000), cr('4000', 12000)]], // cash takings 120.00
        ['2025-01-15', [dr('1100', 8000), cr('4000', 8000)]], // card takings 80.00
        ['2025-01-20', [dr('5000', 5000), cr('1100', 5000)]], // stock 50.00
        ['2025-02-01', [dr('1100', 30000), cr('4200', 30000)]], // grant 300.00
        ['2025-02-14', [dr('5100', 4500), cr('2100', 4500)]], // wages owed 45.00
        ['2025-02-16', [dr('2100', 4000), cr('1100', 4000)]], // wages paid 40.00 (5.00 still owed)
        ['2025-03-03', [dr('1100', 2500), cr('4100', 2500)]], // internal contract 25.00
        ['2025-03-04', [dr('5200', 20000), cr('1100', 20000)]], // equipment 200.00
        ['2026-01-02', [dr('1000', 999), cr('4000', 999)]], // next year: outside the 2025 figures
      ] as const;
      for (const [on, lines] of entries) await post(id, entryBody(on, [...lines])).expect(201);

      const is = (await t.http().get(`/api/enterprises/${id}/income-statement?from=2025-01-01&to=2025-12-31`).set(w.lead.auth).expect(200)).body;
      expect(is).toMatchObject({ from: '2025-01-01', to: '2025-12-31', incomePence: 52500, expensesPence: 29500, surplusPence: 23000 });
      const amount = (code: string) => is.lines.find((l: { accountCode: string }) => l.accountCode === code)?.amountPence;
      expect([amount('4000'), amount('4100'), amount('4200'), amount('5000'), amount('5100'), amount('5200'), amount('5300')]).toEqual([20000, 2500, 30000, 5000, 4500, 20000, 0]);
      expect(is.lines.every((l: { amountPence: unknown }) => Number.isInteger(l.amountPence))).toBe(true);

      const feb = (await t.http().get(`/api/enterprises/${id}/income-statement?from=2025-02-01&to=2025-02-28`).set(w.lead.auth).expect(200)).body;
      expect(feb).toMatchObject({ incomePence: 30000, expensesPence: 4500, surplusPence: 25500 });

      const tb = (await t.http().get(`/api/enterprises/${id}/trial-balance?on=2025-12-31`).set(w.lead.auth).expect(200)).body;
      const row = (code: string) => tb.rows.find((r: { accountCode: string }) => r.accountCode === code);
      expect(row('1000')).toMatchObject({ debitPence: 12000, creditPence: 0 });
      expect(row('1100')).toMatchObject({ debitPence: 11500, creditPence: 0 }); // 8000 + 30000 + 2500 - 5000 - 4000 - 20000
      expect(row('2100')).toMatchObject({ debitPence: 0, creditPence: 500 });
      expect(row('4000')).toMatchObject({ debitPence: 0, creditPence: 20000 });
      expect(tb.totalDebitPence).toBe(tb.totalCreditPence);
      expect(tb.totalDebitPence).toBe(12000 + 11500 + 5000 + 4500 + 20000);

      const bs = (await t.http().get(`/api/enterprises/${id}/balance-sheet?on=2025-12-31`).set(w.lead.auth).expect(200)).body;
      expect(bs).toMatchObject({ totalAssetsPence: 23500, totalLiabilitiesPence: 500, totalEquityPence: 23000, surplusToDatePence: 23000, balanced: true });

      const series = (await t.http().get(`/api/enterprises/${id}/monthly-surplus?year=2025`).set(w.lead.auth).expect(200)).body;
      expect(series.months).toHaveLength(12);
      expect(series.months.slice(0, 4)).toEqual([
        { month: '2025-01', incomePence: 20000, expensesPence: 5000, surplusPence: 15000 },
        { month: '2025-02', incomePence: 30000, expensesPence: 4500, surplusPence: 25500 },
        { month: '2025-03', incomePence: 2500, expensesPence: 20000, surplusPence: -17500 },
        { month: '2025-04', incomePence: 0, expensesPence: 0, surplusPence: 0 },
      ]);
      expect(series).toMatchObject({ year: 2025, incomePence: 52500, expensesPence: 29500, surplusPence: 23000 });
    });

    it('refuses a range that ends before it starts', async () => {
      const res = await t.http().get(`/api/enterprises/${w.enterprise.id}/income-statement?from=2025-05-01&to=2025-04-01`).set(w.lead.auth).expect(422);
      expect(res.body.details[0].field).toBe('to');
    });
  });

  describe('scope', () => {
    it('keeps one enterprise’s ledger from another enterprise’s lead, other roles and unknown ids', async () => {
      const paths = ['accounts', 'journal-entries', 'ledger/verify', 'periods', 'income-statement', 'trial-balance', 'balance-sheet', 'monthly-surplus', 'reinvestment-proposals', 'payroll-runs'];
      for (const p of paths) {
        await t.http().get(`/api/enterprises/${w.enterprise.id}/${p}`).set(w.otherLead.auth).expect(403);
        await t.http().get(`/api/enterprises/${w.enterprise.id}/${p}`).set(w.commissioner.auth).expect(403);
        await t.http().get(`/api/enterprises/${w.enterprise.id}/${p}`).set(w.ot.auth).expect(403);
        await t.http().get(`/api/enterprises/${w.enterprise.id}/${p}`).set(w.admin.auth).expect(200);
        await t.http().get(`/api/enterprises/00000000-0000-4000-8000-000000000000/${p}`).set(w.admin.auth).expect(404);
      }
      await post(w.enterprise.id, entryBody('2026-01-01', [dr('1000', 1), cr('4000', 1)]), w.otherLead.auth).expect(403);
    });

    it('gives the commissioner aggregate surplus only, and no one else but admins', async () => {
      const res = await t.http().get('/api/surplus?year=2026').set(w.commissioner.auth).expect(200);
      expect(res.body.enterprises.length).toBeGreaterThanOrEqual(2);
      expect(Object.keys(res.body.enterprises[0]).sort()).toEqual(['enterpriseId', 'expensesPence', 'incomePence', 'name', 'placementsFunded', 'proposalsAwaitingApproval', 'reinvestedPence', 'reservedPence', 'rolesFunded', 'surplusPence']);
      await t.http().get('/api/surplus').set(w.admin.auth).expect(200);
      await t.http().get('/api/surplus').set(w.lead.auth).expect(403);
    });

    it('lists the journal with filters', async () => {
      const id = await fresh();
      await post(id, entryBody('2026-07-01', [dr('1000', 100), cr('4000', 100)])).expect(201);
      await post(id, entryBody('2026-07-15', [dr('5000', 50), cr('1100', 50)])).expect(201);
      await post(id, entryBody('2026-08-01', [dr('1100', 70), cr('4200', 70)])).expect(201);
      const all = (await t.http().get(`/api/enterprises/${id}/journal-entries`).set(w.lead.auth).expect(200)).body;
      expect(all.items.map((e: { sequence: number }) => e.sequence)).toEqual([3, 2, 1]);
      const july = (await t.http().get(`/api/enterprises/${id}/journal-entries?from=2026-07-01&to=2026-07-31`).set(w.lead.auth).expect(200)).body;
      expect(july.total).toBe(2);
      const bank = (await t.http().get(`/api/enterprises/${id}/journal-entries?accountCode=1100`).set(w.lead.auth).expect(200)).body;
      expect(bank.items.map((e: { sequence: number }) => e.sequence)).toEqual([3, 2]);
      expect((await t.http().get(`/api/enterprises/${id}/journal-entries?source=SALE`).set(w.lead.auth).expect(200)).body.total).toBe(0);
      expect((await t.http().get(`/api/enterprises/${id}/journal-entries?accountCode=NOPE`).set(w.lead.auth).expect(200)).body.total).toBe(0);
      expect((await t.http().get(`/api/enterprises/${id}/journal-entries?limit=1&offset=1`).set(w.lead.auth).expect(200)).body.items[0].sequence).toBe(2);
    });
  });
});
