import { runMigrations } from '../src/database/bootstrap';
import { LedgerAccount } from '../src/ledger/account.entity';
import { makeEnterprise } from './ledger-world';
import { revertThrough } from './support/migrations';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

/** The orders migration gives charts made before it the receivable that recharges post to. */
describe('orders migration: Internal recharges receivable in existing charts', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('adds account 1300 to a chart that lacks it, once, and takes it away again when reverted while unused', async () => {
    const site = await t.make.site();
    const lead = await t.make.caller('ENTERPRISE_LEAD');
    const { enterprise } = await makeEnterprise(t, site.id, lead.user.id);
    await t.http().get(`/api/enterprises/${enterprise.id}/accounts`).set(lead.auth).expect(200);
    const codes = () => t.uow.read(async (em) => (await em.find(LedgerAccount, { where: { enterpriseId: enterprise.id } })).map((a) => a.code));
    expect(await codes()).toContain('1300');

    await revertThrough(t.ds, 'HospitalCustomers1796425882486');
    expect(await codes()).not.toContain('1300');
    expect((await codes()).length).toBeGreaterThan(5);
    await runMigrations(t.ds);
    const after = await codes();
    expect(after.filter((c) => c === '1300')).toHaveLength(1);
    const account = await t.uow.read((em) => em.findOneByOrFail(LedgerAccount, { enterpriseId: enterprise.id, code: '1300' }));
    expect(account).toMatchObject({ name: 'Internal recharges receivable', type: 'ASSET', closed: false });
  });
});
