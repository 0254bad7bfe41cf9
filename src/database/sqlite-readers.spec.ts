import { Database, Statement } from 'sqlite3';
import { PreparedStatements } from './sqlite-readers';

const all = (db: Database, sql: string, params: unknown[] = []) =>
  new Promise<unknown[]>((resolve, reject) => db.all(sql, params, (err: Error | null, rows: unknown[]) => (err ? reject(err) : resolve(rows))));

/** Waits (up to a second) for a watched finalize to be called. */
async function finalized(spy: jest.SpyInstance | undefined): Promise<void> {
  for (let i = 0; i < 100 && !spy?.mock.calls.length; i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('PreparedStatements', () => {
  let db: Database;
  beforeEach(async () => {
    db = new Database(':memory:');
    await all(db, 'CREATE TABLE t (a INTEGER)');
    await all(db, 'INSERT INTO t VALUES (1), (2), (3)');
  });
  afterEach(() => new Promise<void>((resolve) => db.close(() => resolve())));

  it('answers a repeated statement from its prepared copy with the new parameters', async () => {
    const prepared = new PreparedStatements(db);
    expect(await all(db, 'SELECT a FROM t WHERE a >= ? ORDER BY a', [2])).toEqual([{ a: 2 }, { a: 3 }]);
    expect(await all(db, 'SELECT a FROM t WHERE a >= ? ORDER BY a', [3])).toEqual([{ a: 3 }]);
    expect(await all(db, 'SELECT a FROM t WHERE a >= ? ORDER BY a', [1])).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    await prepared.finalizeAll();
  });

  it('reports an error in the SQL and finalizes the statement whose preparation failed', async () => {
    // the statements PreparedStatements prepares, each with its finalize watched
    const made: jest.SpyInstance[] = [];
    const prepare = db.prepare.bind(db);
    jest.spyOn(db, 'prepare').mockImplementation(((sql: string, callback: (err: Error | null) => void) => {
      const statement: Statement = prepare(sql, callback);
      made.push(jest.spyOn(statement, 'finalize'));
      return statement;
    }) as never);
    const prepared = new PreparedStatements(db);
    await expect(all(db, 'SELECT nope FROM t')).rejects.toThrow(/no such column: nope/);
    // the preparation's own callback may come after the plain path's error (both run on the threadpool)
    await finalized(made[0]);
    expect(made).toHaveLength(1);
    expect(made[0]).toHaveBeenCalledTimes(1);
    // the same SQL again is tried afresh and fails the same way, and a good statement still works
    await expect(all(db, 'SELECT nope FROM t')).rejects.toThrow(/no such column: nope/);
    expect(await all(db, 'SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 3 }]);
    expect(made).toHaveLength(3); // the bad SQL twice, each finalized, and the count
    await finalized(made[1]);
    expect(made[1]).toHaveBeenCalledTimes(1);
    jest.restoreAllMocks();
    await prepared.finalizeAll();
  });
});
