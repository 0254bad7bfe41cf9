import { runMigrations } from '../src/database/bootstrap';
import { LedgerAccount } from '../src/ledger/account.entity';
import { makeEnterprise } from './ledger-world';
import { revertThrough } from './support/migrations';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

const TILL_CODES = ['1050', '1310', '5400', '5950'];

/** The tills migration gives charts made before it the accounts the till and stock post to. */
describe('tills migration: card clearing, patient accounts, stock adjustments and cash over/short in existing charts', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('adds the four accounts to a chart that lacks them, once, and takes them away again when reverted while unused', async () => {
    const site = await t.make.site();
    const lead = await t.make.caller('ENTERPRISE_LEAD');
    const { enterprise } = await makeEnterprise(t, site.id, lead.user.id);
    await t.http().get(`/api/enterprises/${enterprise.id}/accounts`).set(lead.auth).expect(200);
    const codes = () => t.uow.read(async (em) => (await em.find(LedgerAccount, { where: { enterpriseId: enterprise.id } })).map((a) => a.code));
    expect(await codes()).toEqual(expect.arrayContaining(TILL_CODES));

    await revertThrough(t.ds, 'Tills1796427952320');
    const before = await codes();
    for (const c of TILL_CODES) expect(before).not.toContain(c);
    expect(before).toContain('1300');
    await runMigrations(t.ds);
    const after = await codes();
    for (const c of TILL_CODES) expect(after.filter((x) => x === c)).toHaveLength(1);
    const overShort = await t.uow.read((em) => em.findOneByOrFail(LedgerAccount, { enterpriseId: enterprise.id, code: '5950' }));
    expect(overShort).toMatchObject({ name: 'Cash over/short', type: 'EXPENSE', closed: false });
  });
});
