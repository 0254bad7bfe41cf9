import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ConfigError } from '../src/config/app-config';
import { BackupError, backupKeyFrom } from '../src/database/backup/backup-file';
import { backupDatabase, restoreDatabase, userTables } from '../src/database/backup/backup';
import { TEST_PASSWORD } from './support/factories';
import { bootSecondApp } from './support/second-app';
import { createTestApp, isPostgres, TestApp } from './support/test-app';
import { DEMO_TEST_PASSWORD, postgresBaseUrl, postgresName, removeSqliteDatabase } from './support/test-db';

// Booting the app and backing up the demo data on a busy machine takes a while.
jest.setTimeout(240_000);

const KEY = 'backup-key-for-the-tests-0123456789-abcdefghijklmnop';
type Db = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

function dbOf(url: string): Db {
  return url.startsWith('sqlite:') ? { kind: 'sqlite', path: url.slice('sqlite:'.length) } : { kind: 'postgres', url };
}

async function withDs<T>(db: Db, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = new DataSource(db.kind === 'sqlite' ? { type: 'sqlite', database: db.path } : { type: 'postgres', url: db.url, extra: { max: 1 } });
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('hex');
  return value;
}

/** sha256 of every table's rows (each row as JSON, sorted), by table name. */
async function tableHashes(db: Db): Promise<Record<string, { rows: number; sha256: string }>> {
  const tables = (await userTables(db)).map((t) => t.replace(/^public\./, ''));
  return withDs(db, async (ds) => {
    const out: Record<string, { rows: number; sha256: string }> = {};
    for (const table of tables) {
      const rows: Record<string, unknown>[] = await ds.query(`SELECT * FROM "${table}"`);
      const lines = rows.map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, normalise(r[k])]))).sort();
      out[table] = { rows: rows.length, sha256: createHash('sha256').update(lines.join('\n')).digest('hex') };
    }
    return out;
  });
}

/** A new, empty database of the kind under test, and how to drop it. */
let made = 0;
async function emptyDatabase(dir: string): Promise<{ db: Db; url: string; drop: () => Promise<void> }> {
  if (!isPostgres) {
    const path = join(dir, `restored-${++made}.sqlite`);
    return { db: { kind: 'sqlite', path }, url: `sqlite:${path}`, drop: async () => removeSqliteDatabase(path) };
  }
  // <base>__bk..._<run>: the test run's teardown drops it too if this test cannot
  const name = postgresName(`bk${process.env.JEST_WORKER_ID ?? '1'}_${++made}`);
  const base = { kind: 'postgres' as const, url: postgresBaseUrl() };
  await withDs(base, async (ds) => {
    await ds.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await ds.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
  });
  const u = new URL(postgresBaseUrl());
  u.pathname = `/${name}`;
  return { db: { kind: 'postgres', url: u.toString() }, url: u.toString(), drop: () => withDs(base, (ds) => ds.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
}

describe('backup and restore (AES-256-GCM, BACKUP_KEY)', () => {
  let t: TestApp;
  let source: Db;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    t = await createTestApp({}, { data: 'demo' });
    source = dbOf(process.env.DATABASE_URL!);
    dir = mkdtempSync(join(tmpdir(), 'ww-backup-test-'));
    file = join(dir, 'demo.wwbk');
    await backupDatabase(source, file, KEY);
  });
  afterAll(() => t.close());

  it('restores a backup of the demo data into an empty database: every table matches by content hash and every ledger chain verifies', async () => {
    const target = await emptyDatabase(dir);
    try {
      const result = await restoreDatabase(target.db, file, KEY);
      const before = await tableHashes(source);
      const after = await tableHashes(target.db);
      expect(Object.keys(before).length).toBeGreaterThan(40);
      expect(Object.values(before).reduce((n, x) => n + x.rows, 0)).toBeGreaterThan(1000);
      expect(after).toEqual(before);
      expect(result.tables).toBe(Object.keys(before).length);

      // the restored database serves: the ledger chain of every enterprise verifies through the API
      const saved = process.env.DATABASE_URL;
      process.env.DATABASE_URL = target.url;
      const app = await bootSecondApp();
      try {
        const token = (await app.http().post('/api/auth/token').send({ username: 'admin', password: DEMO_TEST_PASSWORD }).expect(201)).body.accessToken;
        const enterprises = (await app.http().get('/api/enterprises?limit=100').set('Authorization', `Bearer ${token}`).expect(200)).body.items as { id: string }[];
        expect(enterprises.length).toBeGreaterThan(0);
        let entries = 0;
        for (const e of enterprises) {
          const verify = (await app.http().get(`/api/enterprises/${e.id}/ledger/verify`).set('Authorization', `Bearer ${token}`).expect(200)).body;
          expect(verify).toMatchObject({ valid: true });
          entries += verify.entries;
        }
        expect(entries).toBeGreaterThan(10);
      } finally {
        await app.close();
        process.env.DATABASE_URL = saved;
      }
    } finally {
      await target.drop();
    }
  });

  it('makes a consistent backup while the app is serving writes (each token with its audit event, nothing half-written)', async () => {
    const user = await t.make.user('OT');
    let stop = false;
    const issued: string[] = [];
    const writer = (async () => {
      while (!stop) {
        const res = await t.http().post('/api/auth/token').send({ username: user.username, password: TEST_PASSWORD });
        if (res.status === 201) issued.push(res.body.accessToken);
      }
    })();
    await new Promise((r) => setTimeout(r, 150));
    const busyFile = join(dir, 'busy.wwbk');
    try {
      await backupDatabase(source, busyFile, KEY);
    } finally {
      stop = true;
      await writer;
    }
    expect(issued.length).toBeGreaterThan(0);
    const target = await emptyDatabase(dir);
    try {
      await restoreDatabase(target.db, busyFile, KEY);
      await withDs(target.db, async (ds) => {
        const tokens: { id: string }[] = await ds.query(`SELECT id FROM api_tokens WHERE "userId" = '${user.id}'`);
        const events: { entityId: string }[] = await ds.query(`SELECT "entityId" FROM audit_events WHERE action = 'auth.token-issued' AND "userId" = '${user.id}'`);
        expect(tokens.length).toBeLessThanOrEqual(issued.length);
        expect(events.map((e) => e.entityId).sort()).toEqual(tokens.map((x) => x.id).sort());
      });
    } finally {
      await target.drop();
    }
  });

  it('refuses a wrong key and writes nothing', async () => {
    const target = await emptyDatabase(dir);
    try {
      await expect(restoreDatabase(target.db, file, KEY.replace('0', '1'))).rejects.toThrow(/BACKUP_KEY does not open this backup/);
      expect(await userTables(target.db)).toEqual([]);
      if (target.db.kind === 'sqlite') expect(existsSync(target.db.path)).toBe(false);
    } finally {
      await target.drop();
    }
  });

  it('refuses a backup with one changed byte (in the data, in the header or in the tag) and writes nothing', async () => {
    const bytes = readFileSync(file);
    const target = await emptyDatabase(dir);
    try {
      for (const [where, at] of [
        ['data', Math.floor(bytes.length / 2)],
        ['header', 20],
        ['tag', bytes.length - 3],
      ] as const) {
        const changed = Buffer.from(bytes);
        changed[at] ^= 0x01;
        const path = join(dir, `changed-${where}.wwbk`);
        writeFileSync(path, changed);
        await expect(restoreDatabase(target.db, path, KEY)).rejects.toThrow(BackupError);
        expect([where, await userTables(target.db)]).toEqual([where, []]);
      }
      if (target.db.kind === 'sqlite') {
        expect(existsSync(target.db.path)).toBe(false);
        expect(readdirSync(dir).filter((f) => f.includes('restoring'))).toEqual([]);
      }
    } finally {
      await target.drop();
    }
  });

  it('refuses to restore into a database that is not empty, naming it, and changes nothing there', async () => {
    const before = await tableHashes(source);
    await expect(restoreDatabase(source, file, KEY)).rejects.toThrow(/is not empty .*restore only into an empty database/);
    expect(await tableHashes(source)).toEqual(before);
  });

  it('never overwrites a file with a backup, and refuses a backup of the other database kind', async () => {
    await expect(backupDatabase(source, file, KEY)).rejects.toThrow(/already exists/);
    const other: Db = source.kind === 'sqlite' ? { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/none' } : { kind: 'sqlite', path: join(dir, 'none.sqlite') };
    await expect(restoreDatabase(other, file, KEY)).rejects.toThrow(/restore it into a database of the same kind/);
  });

  it('writes nothing readable: the backup holds no plain text of the database', () => {
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 10).toString('ascii')).toBe('WWBACKUP1\n');
    for (const plain of ['SQLite format 3', 'PGDMP', 'journal_entries', 'admin']) expect(bytes.includes(Buffer.from(plain))).toBe(false);
  });

  it('validates BACKUP_KEY: required, at least 32 characters, the message naming the variable', () => {
    expect(() => backupKeyFrom({})).toThrow(ConfigError);
    expect(() => backupKeyFrom({})).toThrow(/BACKUP_KEY is required/);
    expect(() => backupKeyFrom({ BACKUP_KEY: 'x'.repeat(31) })).toThrow(/BACKUP_KEY must be at least 32 characters/);
    expect(backupKeyFrom({ BACKUP_KEY: randomBytes(24).toString('base64') })).toHaveLength(32);
  });
});
