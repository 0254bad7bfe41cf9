import { MIGRATIONS } from '../src/database/migrations';
import { runMigrations } from '../src/database/bootstrap';
import { createTestApp, isPostgres, TestApp } from './support/test-app';

// Booting the app on a busy machine can pass Jest's default 5 s (the project-level testTimeout is not applied).
jest.setTimeout(60_000);

async function pendingSchemaChanges(t: TestApp): Promise<string[]> {
  const sql = await t.ds.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

describe('database schema and migrations', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('has applied every migration at start', async () => {
    const rows: { name: string }[] = await t.ds.query('SELECT "name" FROM "migrations" ORDER BY "id"');
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await t.ds.showMigrations()).toBe(false);
  });

  it('migrated schema matches the entities (the schema builder has nothing left to do)', async () => {
    expect(await pendingSchemaChanges(t)).toEqual([]);
  });

  if (!isPostgres) {
    it('runs SQLite with WAL, foreign keys on and a 5 s busy timeout', async () => {
      expect(await t.ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await t.ds.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      const [busy] = await t.ds.query('PRAGMA busy_timeout');
      expect(Object.values(busy)).toEqual([5000]);
    });
  }

  it('enforces foreign keys in the database', async () => {
    const bad = "INSERT INTO \"wards\" (\"id\", \"siteId\", \"name\", \"securityLevel\", \"active\", \"createdAt\") VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000ff', 'Orphan', 'LOW', true, CURRENT_TIMESTAMP)";
    await expect(t.uow.run((em) => em.query(bad))).rejects.toThrow(/FOREIGN KEY|foreign key/);
  });

  // Last: it takes the schema down and up again.
  it('reverts every migration, in reverse order, and runs them again to the same schema', async () => {
    await t.make.user('PATIENT', { mustChangePassword: false }); // rows in the tables while reverting
    for (let i = 0; i < MIGRATIONS.length; i++) await t.ds.undoLastMigration({ transaction: 'each' });
    expect(await t.ds.query('SELECT * FROM "migrations"')).toEqual([]);
    const tables: { name: string }[] = isPostgres
      ? await t.ds.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'migrations'")
      : await t.ds.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('migrations', 'sqlite_sequence')");
    expect(tables.map((r) => r.name)).toEqual([]);
    expect((await pendingSchemaChanges(t)).length).toBeGreaterThan(0);

    expect(await runMigrations(t.ds)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await pendingSchemaChanges(t)).toEqual([]);
    // the app works on the re-migrated database
    const { auth } = await t.make.caller('ADMIN');
    await t.http().get('/api/me').set(auth).expect(200);
  });
});
