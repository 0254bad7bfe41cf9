import { SeedRun } from '../src/database/seed-run.entity';
import { createTestApp, type TestApp } from './support/test-app';
import { TableState, VOLATILE_TABLES } from './support/table-state';

/** The comparison the access matrix and the fuzzing rely on to prove that refused writes change nothing. */
describe('table state: row counts and content hashes of every table', () => {
  let t: TestApp;
  let tables: TableState;

  beforeAll(async () => {
    t = await createTestApp();
    tables = new TableState(t.ds);
    await t.make.patient({ displayName: 'Table State' });
  });
  afterAll(() => t?.close());

  it('covers every table but the volatile ones', async () => {
    const names = await tables.tableNames();
    expect(names).toEqual(expect.arrayContaining(['patients', 'wards', 'sites', 'journal_lines', 'attendance_records']));
    expect(names.filter((n) => VOLATILE_TABLES.has(n))).toEqual([]);
    expect((await tables.rowCounts()).split(' ')).toContain('patients=1');
  });

  it('answers the same state twice when nothing was written', async () => {
    expect(await tables.snapshot()).toBe(await tables.snapshot());
    expect(await tables.rowCounts()).toBe(await tables.rowCounts());
  });

  it('sees a changed value in one column of one row, with the row count unchanged', async () => {
    const counts = await tables.rowCounts();
    const before = await tables.contentHashes();
    const snapshot = await tables.snapshot();
    await t.ds.query(`UPDATE patients SET "displayName" = 'Table Statf'`);
    const after = await tables.contentHashes();
    expect(await tables.rowCounts()).toBe(counts);
    expect([...before.keys()].filter((n) => before.get(n) !== after.get(n))).toEqual(['patients']);
    expect(await tables.snapshot()).not.toBe(snapshot);
    await t.ds.query(`UPDATE patients SET "displayName" = 'Table State'`);
    expect(await tables.snapshot()).toBe(snapshot);
  });

  it('sees an added row in counts and content, and leaves out a row added to a volatile table', async () => {
    const counts = await tables.rowCounts();
    const snapshot = await tables.snapshot();
    await t.make.ward();
    expect(await tables.rowCounts()).not.toBe(counts);
    expect(await tables.snapshot()).not.toBe(snapshot);
    const withWard = await tables.snapshot();
    await t.uow.run((em) => em.getRepository(SeedRun).insert({ name: 'table-state-test', appliedAt: new Date() }));
    expect(await tables.snapshot()).toBe(withWard);
  });
});
