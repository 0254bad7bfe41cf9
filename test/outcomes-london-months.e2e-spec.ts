import { instantParam } from '../src/database/columns';
import { londonDateSql, londonMonthSql } from '../src/outcomes/london-sql';
import { createTestApp, isPostgres, TestApp } from './support/test-app';

/** Monthly report buckets are Europe/London months on SQLite as on PostgreSQL. */
describe('outcomes: London months and dates in SQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** The instant as each database stores it, as a SQL literal. */
  const literal = (iso: string) => (isPostgres ? `'${iso}'::timestamptz` : `'${instantParam(new Date(iso))}'`);
  const ask = async (sql: string) => String(Object.values((await t.ds.query(`SELECT ${sql} AS v`))[0])[0]);
  const monthOf = (iso: string) => ask(londonMonthSql(literal(iso), isPostgres));
  const dateOf = async (iso: string) => (await ask(`CAST(${londonDateSql(literal(iso), isPostgres)} AS ${isPostgres ? 'text' : 'TEXT'})`)).slice(0, 10);

  it.each([
    ['2026-01-31T23:30:00Z', '2026-01', 'GMT: the instant is London time'],
    ['2026-03-29T00:59:00Z', '2026-03', 'the minute before the clocks go forward'],
    ['2026-03-31T23:30:00Z', '2026-04', 'BST: 00:30 on 1 April in London'],
    ['2026-06-30T22:59:00Z', '2026-06', '23:59 BST'],
    ['2026-06-30T23:00:00Z', '2026-07', 'midnight BST'],
    ['2026-09-30T23:15:00Z', '2026-10', '00:15 BST on 1 October'],
    ['2026-10-25T00:30:00Z', '2026-10', '01:30 BST, before the clocks go back'],
    ['2026-10-31T23:30:00Z', '2026-10', 'GMT again after 25 October 2026'],
    ['2027-04-30T23:00:00Z', '2027-05', 'BST in another year (28 March to 31 October 2027)'],
    ['2027-10-31T00:30:00Z', '2027-10', '01:30 BST on the last day of BST in 2027'],
    ['2026-12-31T23:30:00Z', '2026-12', 'new year’s eve, GMT'],
  ])('puts %s in the London month %s (%s)', async (iso, month) => {
    expect(await monthOf(iso)).toBe(month);
  });

  it('gives the London date of an instant', async () => {
    expect(await dateOf('2026-06-30T23:30:00Z')).toBe('2026-07-01');
    expect(await dateOf('2026-12-31T23:30:00Z')).toBe('2026-12-31');
  });
});
