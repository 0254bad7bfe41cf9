import { AuditEvent } from '../src/audit/audit-event.entity';
import { londonDate } from '../src/common/dates';
import { PayrollRun } from '../src/ledger/payroll-run.entity';
import { cr, dr, entryBody, key, ledgerWorld, makeEnterprise } from './ledger-world';
import { createTestApp, TestApp } from './support/test-app';

/** Everyday money, payroll from approved timesheets, and reinvestment of the surplus. */
describe('ledger: everyday money, payroll and reinvestment', () => {
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
  const lines = (body: { lines: { accountCode: string; debitPence: number; creditPence: number }[] }) => body.lines.map((l) => [l.accountCode, l.debitPence, l.creditPence]);

  describe('everyday money', () => {
    it('records cash and card takings as Cash or Bank / Sales', async () => {
      const id = await fresh();
      const cash = await t.http().post(`/api/enterprises/${id}/takings`).set(w.lead.auth).send({ idempotencyKey: key(), occurredOn: '2026-03-02', method: 'CASH', amountPence: 4575 }).expect(201);
      expect(cash.body).toMatchObject({ source: 'SALE', description: 'Cash takings' });
      expect(lines(cash.body)).toEqual([['1000', 4575, 0], ['4000', 0, 4575]]);
      const card = await t.http().post(`/api/enterprises/${id}/takings`).set(w.lead.auth).send({ idempotencyKey: key(), occurredOn: '2026-03-02', method: 'CARD', amountPence: 1999, description: 'Card takings, visiting afternoon' }).expect(201);
      expect(lines(card.body)).toEqual([['1100', 1999, 0], ['4000', 0, 1999]]);
    });

    it('records purchases against the right cost and the till or the bank', async () => {
      const id = await fresh();
      const cases = [
        ['COST_OF_GOODS', 'CASH', '5000', '1000'],
        ['EQUIPMENT', 'BANK', '5200', '1100'],
        ['TRAINING', 'BANK', '5300', '1100'],
        ['OTHER', 'CASH', '5900', '1000'],
      ];
      for (const [category, paidFrom, cost, from] of cases) {
        const res = await t.http().post(`/api/enterprises/${id}/purchases`).set(w.lead.auth).send({ idempotencyKey: key(), occurredOn: '2026-03-03', category, paidFrom, amountPence: 1200, description: 'Milk and coffee beans' }).expect(201);
        expect(res.body.source).toBe('PURCHASE');
        expect(lines(res.body)).toEqual([[cost, 1200, 0], [from, 0, 1200]]);
      }
    });

    it('records internal contracts and grants as Bank / income', async () => {
      const id = await fresh();
      const contract = await t.http().post(`/api/enterprises/${id}/internal-contracts`).set(w.lead.auth).send({ idempotencyKey: key(), occurredOn: '2026-03-31', amountPence: 60000, description: 'Ward laundry, March' }).expect(201);
      expect(contract.body.source).toBe('INTERNAL_CONTRACT');
      expect(lines(contract.body)).toEqual([['1100', 60000, 0], ['4100', 0, 60000]]);
      const grant = await t.http().post(`/api/enterprises/${id}/grants`).set(w.lead.auth).send({ idempotencyKey: key(), occurredOn: '2026-04-01', amountPence: 250000, description: 'Hospital charity' }).expect(201);
      expect(grant.body.source).toBe('GRANT');
      expect(lines(grant.body)).toEqual([['1100', 250000, 0], ['4200', 0, 250000]]);
    });

    it('is idempotent and refuses a zero, fractional or missing amount', async () => {
      const id = await fresh();
      const body = { idempotencyKey: 'till-1', occurredOn: '2026-03-02', method: 'CASH', amountPence: 100 };
      const first = await t.http().post(`/api/enterprises/${id}/takings`).set(w.lead.auth).send(body).expect(201);
      expect((await t.http().post(`/api/enterprises/${id}/takings`).set(w.lead.auth).send(body).expect(200)).body.id).toBe(first.body.id);
      expect((await t.http().post(`/api/enterprises/${id}/takings`).set(w.lead.auth).send({ ...body, amountPence: 101 }).expect(409)).body.code).toBe('IDEMPOTENCY_CONFLICT');
      for (const amountPence of [0, 1.5, undefined]) {
        await t.http().post(`/api/enterprises/${id}/takings`).set(w.lead.auth).send({ ...body, idempotencyKey: key(), amountPence }).expect(422);
      }
      await t.http().post(`/api/enterprises/${id}/purchases`).set(w.lead.auth).send({ idempotencyKey: key(), occurredOn: '2026-03-02', category: 'CAKE', paidFrom: 'BANK', amountPence: 1, description: 'x' }).expect(422);
      await t.http().post(`/api/enterprises/${id}/takings`).set(w.otherLead.auth).send({ ...body, idempotencyKey: key() }).expect(403);
    });
  });

  describe('payroll', () => {
    it('posts wages and their payment from an approved timesheet, once, and gives the monies office a CSV', async () => {
      const id = await fresh();
      const { sheet, patients } = await w.timesheet('2026-03-09', [
        [180, 1800],
        [95, 951],
      ], id);
      const res = await t.http().post(`/api/enterprises/${id}/payroll-runs`).set(w.lead.auth).send({ timesheetId: sheet.id }).expect(201);
      expect(res.body).toMatchObject({ enterpriseId: id, timesheetId: sheet.id, weekStartOn: '2026-03-09', totalPayPence: 2751 });
      const wages = (await t.http().get(`/api/journal-entries/${res.body.wagesEntryId}`).set(w.lead.auth).expect(200)).body;
      expect(wages).toMatchObject({ source: 'PAYROLL', occurredOn: '2026-03-15' });
      expect(lines(wages)).toEqual([['5100', 2751, 0], ['2100', 0, 2751]]);
      const payment = (await t.http().get(`/api/journal-entries/${res.body.paymentEntryId}`).set(w.lead.auth).expect(200)).body;
      expect(lines(payment)).toEqual([['2100', 2751, 0], ['1100', 0, 2751]]);
      expect(JSON.stringify([wages, payment])).not.toMatch(new RegExp(patients[0].displayName));

      const again = await t.http().post(`/api/enterprises/${id}/payroll-runs`).set(w.lead.auth).send({ timesheetId: sheet.id }).expect(409);
      expect(again.body.code).toBe('PAYROLL_ALREADY_POSTED');

      const csv = await t.http().get(`/api/enterprises/${id}/payroll-runs/${res.body.id}.csv`).set(w.lead.auth).expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const rows = csv.text.trim().split('\r\n');
      expect(rows[0]).toBe('Patient,Hospital number,Week starting,Minutes worked,Pay (GBP)');
      expect(rows.slice(1).sort()).toEqual(
        [`${patients[0].displayName},${patients[0].hospitalNumber},2026-03-09,180,18.00`, `${patients[1].displayName},${patients[1].hospitalNumber},2026-03-09,95,9.51`].sort(),
      );
      const reads = await t.uow.read((em) => em.count(AuditEvent, { where: { action: 'ledger.payroll.csv', entityType: 'payroll_run' } }));
      expect(reads).toBeGreaterThanOrEqual(2);
      await t.http().get(`/api/enterprises/${id}/payroll-runs/${res.body.id}.csv`).set(w.otherLead.auth).expect(403);
      await t.http().get(`/api/enterprises/${id}/payroll-runs/${res.body.id}.csv`).set(w.commissioner.auth).expect(403);

      const weeks = (await t.http().get(`/api/enterprises/${id}/payroll-weeks`).set(w.lead.auth).expect(200)).body;
      expect(weeks).toEqual([expect.objectContaining({ timesheetId: sheet.id, totalPayPence: 2751, run: expect.objectContaining({ id: res.body.id }) })]);
      expect((await t.http().get(`/api/enterprises/${id}/payroll-runs`).set(w.lead.auth).expect(200)).body).toHaveLength(1);
    });

    it('refuses another enterprise’s timesheet (404) and an empty one (422)', async () => {
      const id = await fresh();
      const { sheet } = await w.timesheet('2026-03-16', [[60, 600]], w.other.id);
      await t.http().post(`/api/enterprises/${id}/payroll-runs`).set(w.lead.auth).send({ timesheetId: sheet.id }).expect(404);
      const empty = await w.timesheet('2026-03-23', [[0, 0]], id);
      expect((await t.http().post(`/api/enterprises/${id}/payroll-runs`).set(w.lead.auth).send({ timesheetId: empty.sheet.id }).expect(422)).body.code).toBe('PAYROLL_EMPTY');
    });

    it('posts a week that ends in a closed month only when asked to move it', async () => {
      const id = await fresh();
      const { sheet } = await w.timesheet('2025-06-23', [[60, 1000]], id);
      await t.http().post(`/api/enterprises/${id}/periods/2025-06/close`).set(w.lead.auth).expect(201);
      expect((await t.http().post(`/api/enterprises/${id}/payroll-runs`).set(w.lead.auth).send({ timesheetId: sheet.id }).expect(409)).body.code).toBe('PERIOD_CLOSED');
      const res = await t.http().post(`/api/enterprises/${id}/payroll-runs`).set(w.lead.auth).send({ timesheetId: sheet.id, postToNextOpenPeriod: true }).expect(201);
      expect((await t.http().get(`/api/journal-entries/${res.body.wagesEntryId}`).set(w.lead.auth).expect(200)).body).toMatchObject({ occurredOn: '2025-07-01', originalOn: '2025-06-29' });
    });
  });

  describe('reinvestment', () => {
    /** An enterprise with a surplus of 1,000.00 (1,500.00 takings less 500.00 costs). */
    const withSurplus = async () => {
      const id = await fresh();
      await t.http().post(`/api/enterprises/${id}/journal-entries`).set(w.lead.auth).send(entryBody('2026-01-10', [dr('1100', 150000), cr('4000', 150000)])).expect(201);
      await t.http().post(`/api/enterprises/${id}/journal-entries`).set(w.lead.auth).send(entryBody('2026-01-11', [dr('5000', 50000), cr('1100', 50000)])).expect(201);
      return id;
    };
    const propose = (id: string, amountPence: number, purpose = 'EQUIPMENT') =>
      t.http().post(`/api/enterprises/${id}/reinvestment-proposals`).set(w.lead.auth).send({ amountPence, purpose, title: 'A second coffee machine', opportunities: 'Two more barista places' });

    it('needs both the lead and an admin, in either order, then moves the amount to the reserve', async () => {
      const id = await withSurplus();
      const p = (await propose(id, 40000).expect(201)).body;
      expect(p).toMatchObject({ status: 'PROPOSED', amountPence: 40000, fundedWorkRoleIds: [], reserveEntryId: null });
      const afterAdmin = (await t.http().post(`/api/reinvestment-proposals/${p.id}/approve`).set(w.admin.auth).expect(200)).body;
      expect(afterAdmin).toMatchObject({ status: 'PROPOSED', adminApprovedByUserId: w.admin.user.id, leadApprovedByUserId: null, reserveEntryId: null });
      expect((await t.http().post(`/api/reinvestment-proposals/${p.id}/approve`).set(w.admin.auth).expect(409)).body.code).toBe('ALREADY_APPROVED');
      await t.http().post(`/api/reinvestment-proposals/${p.id}/approve`).set(w.otherLead.auth).expect(403);
      const approved = (await t.http().post(`/api/reinvestment-proposals/${p.id}/approve`).set(w.lead.auth).expect(200)).body;
      expect(approved).toMatchObject({ status: 'APPROVED', leadApprovedByUserId: w.lead.user.id });
      const reserve = (await t.http().get(`/api/journal-entries/${approved.reserveEntryId}`).set(w.lead.auth).expect(200)).body;
      expect(reserve.source).toBe('REINVESTMENT');
      expect(lines(reserve)).toEqual([['3000', 40000, 0], ['3100', 0, 40000]]);
      const list = (await t.http().get(`/api/enterprises/${id}/reinvestment-proposals`).set(w.lead.auth).expect(200)).body;
      expect(list.availableSurplusPence).toBe(60000);
      const bs = (await t.http().get(`/api/enterprises/${id}/balance-sheet`).set(w.lead.auth).expect(200)).body;
      expect(bs.balanced).toBe(true);
      expect(bs.equity.find((r: { accountCode: string }) => r.accountCode === '3100').amountPence).toBe(40000);

      // Lead first, admin second works the same way.
      const q = (await propose(id, 10000, 'TRAINING').expect(201)).body;
      await t.http().post(`/api/reinvestment-proposals/${q.id}/approve`).set(w.lead.auth).expect(200);
      expect((await t.http().post(`/api/reinvestment-proposals/${q.id}/approve`).set(w.admin.auth).expect(200)).body.status).toBe('APPROVED');
    });

    it('cannot approve more than the surplus available', async () => {
      const id = await withSurplus();
      const big = (await propose(id, 100001).expect(201)).body;
      const res = await t.http().post(`/api/reinvestment-proposals/${big.id}/approve`).set(w.lead.auth).expect(422);
      expect(res.body.code).toBe('INSUFFICIENT_SURPLUS');
      expect(res.body.details[0]).toMatchObject({ availablePence: 100000, amountPence: 100001 });
      const a = (await propose(id, 70000).expect(201)).body;
      const b = (await propose(id, 40000).expect(201)).body;
      await t.http().post(`/api/reinvestment-proposals/${a.id}/approve`).set(w.lead.auth).expect(200);
      await t.http().post(`/api/reinvestment-proposals/${a.id}/approve`).set(w.admin.auth).expect(200);
      await t.http().post(`/api/reinvestment-proposals/${b.id}/approve`).set(w.lead.auth).expect(422);
    });

    it('rejects with a reason, and a rejected proposal can be neither approved nor spent', async () => {
      const id = await withSurplus();
      const p = (await propose(id, 1000).expect(201)).body;
      await t.http().post(`/api/reinvestment-proposals/${p.id}/reject`).set(w.admin.auth).send({}).expect(422);
      const rejected = (await t.http().post(`/api/reinvestment-proposals/${p.id}/reject`).set(w.admin.auth).send({ reason: 'Buy second-hand instead' }).expect(200)).body;
      expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: 'Buy second-hand instead', rejectedByUserId: w.admin.user.id });
      expect((await t.http().post(`/api/reinvestment-proposals/${p.id}/approve`).set(w.lead.auth).expect(409)).body.code).toBe('PROPOSAL_NOT_OPEN');
      expect((await t.http().post(`/api/reinvestment-proposals/${p.id}/spend`).set(w.lead.auth).send({}).expect(409)).body.code).toBe('PROPOSAL_NOT_APPROVED');
    });

    it('spends from the reserve and traces surplus to the opportunities created', async () => {
      const id = await withSurplus();
      const p = (await propose(id, 30000, 'NEW_ROLE').expect(201)).body;
      await t.http().post(`/api/reinvestment-proposals/${p.id}/spend`).set(w.lead.auth).send({}).expect(409);
      await t.http().post(`/api/reinvestment-proposals/${p.id}/approve`).set(w.lead.auth).expect(200);
      await t.http().post(`/api/reinvestment-proposals/${p.id}/approve`).set(w.admin.auth).expect(200);
      const spent = (await t.http().post(`/api/reinvestment-proposals/${p.id}/spend`).set(w.lead.auth).send({ spentOn: londonDate(), expenseAccountCode: '5300' }).expect(200)).body;
      expect(spent.status).toBe('SPENT');
      const entry = (await t.http().get(`/api/journal-entries/${spent.spendEntryId}`).set(w.lead.auth).expect(200)).body;
      expect(lines(entry)).toEqual([['3100', 30000, 0], ['3000', 0, 30000], ['5300', 30000, 0], ['1100', 0, 30000]]);
      const bs = (await t.http().get(`/api/enterprises/${id}/balance-sheet`).set(w.lead.auth).expect(200)).body;
      expect(bs.equity.find((r: { accountCode: string }) => r.accountCode === '3100').amountPence).toBe(0);
      expect(bs.balanced).toBe(true);

      // The opportunities: a role and placements of this enterprise only.
      const { role } = await makeEnterprise(t, w.site.id, w.lead.user.id);
      const own = await t.uow.read((em) => em.query(`SELECT id FROM work_roles WHERE "enterpriseId" = '${id}'`));
      await t.http().post(`/api/reinvestment-proposals/${p.id}/opportunities`).set(w.lead.auth).send({ workRoleIds: [role.id] }).expect(422);
      const linked = (await t.http().post(`/api/reinvestment-proposals/${p.id}/opportunities`).set(w.lead.auth).send({ workRoleIds: [own[0].id] }).expect(200)).body;
      expect(linked.fundedWorkRoleIds).toEqual([own[0].id]);
      const trace = (await t.http().get(`/api/enterprises/${id}/reinvestment-report`).set(w.lead.auth).expect(200)).body;
      expect(trace).toMatchObject({ surplusToDatePence: 70000, reinvestedPence: 30000, reservedPence: 0, availableSurplusPence: 70000 });
      expect(trace.proposals).toEqual([expect.objectContaining({ id: p.id, status: 'SPENT', fundedWorkRoles: [{ id: own[0].id, title: 'Barista' }], placementsFunded: 0 })]);
    });

    it('traces placements in the enterprise’s roles and suppresses small counts for commissioners', async () => {
      const id = w.enterprise.id;
      await t.http().post(`/api/enterprises/${id}/journal-entries`).set(w.lead.auth).send(entryBody('2026-01-10', [dr('1100', 100000), cr('4000', 100000)])).expect(201);
      const p = (await propose(id, 5000).expect(201)).body;
      await t.http().post(`/api/reinvestment-proposals/${p.id}/approve`).set(w.lead.auth).expect(200);
      await t.http().post(`/api/reinvestment-proposals/${p.id}/approve`).set(w.admin.auth).expect(200);
      const placement = await w.placement();
      await t.http().post(`/api/reinvestment-proposals/${p.id}/opportunities`).set(w.lead.auth).send({ workRoleIds: [w.role.id], placementIds: [placement.id] }).expect(200);
      const year = Number(londonDate().slice(0, 4));
      const asCommissioner = (await t.http().get(`/api/surplus?year=${year}`).set(w.commissioner.auth).expect(200)).body;
      const mine = asCommissioner.enterprises.find((e: { enterpriseId: string }) => e.enterpriseId === id);
      expect(mine).toMatchObject({ rolesFunded: 1, placementsFunded: null, reservedPence: 5000 });
      const asAdmin = (await t.http().get(`/api/surplus?year=${year}`).set(w.admin.auth).expect(200)).body;
      expect(asAdmin.enterprises.find((e: { enterpriseId: string }) => e.enterpriseId === id).placementsFunded).toBe(1);
      expect(JSON.stringify(asCommissioner)).not.toMatch(placement.patientId);
    });
  });

  it('leaves every posted chain valid', async () => {
    const ids = await t.uow.read((em) => em.query('SELECT DISTINCT "enterpriseId" AS id FROM journal_entries'));
    expect(ids.length).toBeGreaterThan(5);
    for (const { id } of ids) expect((await t.http().get(`/api/enterprises/${id}/ledger/verify`).set(w.admin.auth).expect(200)).body.valid).toBe(true);
    expect(await t.uow.read((em) => em.count(PayrollRun))).toBe(2);
  });
});
