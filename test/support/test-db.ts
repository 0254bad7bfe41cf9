import { randomBytes } from 'node:crypto';
import { accessSync, constants, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { PasswordService } from '../../src/auth/password.service';
import { runMigrations } from '../../src/database/bootstrap';
import { ENTITIES } from '../../src/database/entities';
import { MIGRATIONS } from '../../src/database/migrations';
import { runDemoSeeds } from '../../src/database/seeder';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { DEMO_SEEDS } from '../../seeds';
import type { DemoSeed } from '../../seeds/seed';

/**
 * Test databases made from templates, once per test run:
 * - "migrated": every migration applied to an empty database;
 * - "demo": that, plus every demo data set (seeds/), loaded with DEMO_TEST_PASSWORD;
 * - "demo-through-references": the demo data sets up to and including the references set, as
 *   the seeder leaves the database after it (later sets add history an approved reference must
 *   not see). Built on the way to "demo", which continues from it.
 *
 * A template is built by the first test file that asks for it (other Jest workers wait for it)
 * and copied for each test file: a file copy on SQLite, CREATE DATABASE ... TEMPLATE on
 * PostgreSQL. Migrations from scratch and the seeder itself are still tested: every run builds
 * the templates with them, and database.e2e-spec and demo-data.e2e-spec exercise them directly.
 *
 * SQLite files live on tmpfs where the machine has one (/dev/shm): a test database needs no
 * durability, and fsync on a busy disk was most of a suite's time.
 */

/** The password of every demo user in a "demo" test database. */
export const DEMO_TEST_PASSWORD = 'demo-password-for-the-tests';

export type TemplateKind = 'migrated' | 'demo-through-references' | 'demo';

/** The demo data sets in the "demo-through-references" template, in seeding order. */
export const DEMO_SEEDS_THROUGH_REFERENCES: readonly DemoSeed[] = DEMO_SEEDS.slice(0, DEMO_SEEDS.findIndex((s) => s.name === '2026-12-references') + 1);

/** The templates built together: the demo kinds come from one seeding, in two steps. */
const buildGroup = (kind: TemplateKind) => (kind === 'migrated' ? 'migrated' : 'demo');

/** One directory per test run, shared by every Jest worker (set up in global-setup.ts). */
export function runDirectory(): string {
  if (!process.env.WW_TEST_RUN_DIR) {
    // Without the global set-up (a stray runner): this process only.
    process.env.WW_TEST_RUN_ID = randomBytes(4).toString('hex');
    process.env.WW_TEST_RUN_DIR = mkdtempSync(join(fastTmp(), 'ww-run-'));
  }
  return process.env.WW_TEST_RUN_DIR;
}

export function runId(): string {
  runDirectory();
  return process.env.WW_TEST_RUN_ID!;
}

/** tmpfs when there is one we may write to, else the OS temporary directory. */
export function fastTmp(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs build() once per run and name across all workers: the first caller builds (holding a
 * directory lock), the others wait until it is ready, or fail with the builder's error.
 */
async function once(name: string, build: () => Promise<void>): Promise<void> {
  const dir = runDirectory();
  const ready = join(dir, `${name}.ready`);
  const failed = join(dir, `${name}.failed`);
  if (existsSync(ready)) return;
  let mine = false;
  try {
    mkdirSync(join(dir, `${name}.lock`));
    mine = true;
  } catch {
    // another worker builds it
  }
  if (mine) {
    try {
      await build();
      writeFileSync(ready, '');
    } catch (err) {
      writeFileSync(failed, String((err as Error)?.stack ?? err));
      throw err;
    }
    return;
  }
  const deadline = Date.now() + 10 * 60_000;
  while (!existsSync(ready)) {
    if (existsSync(failed)) throw new Error(`building the ${name} test database failed in another worker:\n${readFileSync(failed, 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for the ${name} test database`);
    await sleep(100);
  }
}

async function withDataSource<T>(options: ConstructorParameters<typeof DataSource>[0], fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = new DataSource(options);
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;

/**
 * Loads the demo data sets not loaded yet (all of them, or those up to the references set), with
 * the key directory of dataDir (the credentials seed signs with it). The seeding window runs from
 * the first set's load to the last's.
 */
async function seedDemo(ds: DataSource, dataDir: string, seeds: readonly DemoSeed[] = DEMO_SEEDS): Promise<void> {
  const windowFile = join(runDirectory(), 'demo-seeded.json');
  const from = existsSync(windowFile) ? JSON.parse(readFileSync(windowFile, 'utf8')).from : new Date();
  const saved = { DATA_DIR: process.env.DATA_DIR, NODE_ENV: process.env.NODE_ENV };
  Object.assign(process.env, { DATA_DIR: dataDir, NODE_ENV: 'test' });
  try {
    await runDemoSeeds(new UnitOfWork(ds), new PasswordService(), DEMO_TEST_PASSWORD, seeds);
    writeFileSync(windowFile, JSON.stringify({ from, to: new Date() }));
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** When the demo data of this run's "demo" template was loaded: its seeds' "now" lies between. */
export function demoSeededWindow(): { from: Date; to: Date } {
  const { from, to } = JSON.parse(readFileSync(join(runDirectory(), 'demo-seeded.json'), 'utf8'));
  return { from: new Date(from), to: new Date(to) };
}

// ---------------------------------------------------------------- SQLite

function sqliteTemplate(kind: TemplateKind): string {
  return join(runDirectory(), `template-${kind}.sqlite`);
}

function sqliteTemplateDataDir(kind: TemplateKind): string {
  return join(runDirectory(), `template-${kind}-data`);
}

const sqliteOptions = (database: string) => ({ ...common, type: 'sqlite', database, enableWAL: true, busyTimeout: 5000 }) as const;

/** Builds the template(s) of a group: "migrated", or "demo-through-references" then "demo". */
async function buildSqliteTemplates(group: 'migrated' | 'demo'): Promise<void> {
  if (group === 'migrated') {
    const building = `${sqliteTemplate('migrated')}.building`;
    mkdirSync(sqliteTemplateDataDir('migrated'), { recursive: true, mode: 0o700 });
    await withDataSource(sqliteOptions(building), (ds) => runMigrations(ds));
    // Closing the last connection checkpointed the WAL into the file: the one file is the database.
    renameSync(building, sqliteTemplate('migrated'));
    return;
  }
  const building = `${sqliteTemplate('demo')}.building`;
  const dataDir = sqliteTemplateDataDir('demo');
  await sqliteDatabaseFor('migrated', building, dataDir);
  await withDataSource(sqliteOptions(building), (ds) => seedDemo(ds, dataDir, DEMO_SEEDS_THROUGH_REFERENCES));
  copyFileSync(building, sqliteTemplate('demo-through-references'));
  cpSync(dataDir, sqliteTemplateDataDir('demo-through-references'), { recursive: true, preserveTimestamps: true });
  await withDataSource(sqliteOptions(building), (ds) => seedDemo(ds, dataDir));
  renameSync(building, sqliteTemplate('demo'));
}

/** Makes file a copy of the template database, and dataDir a copy of its data directory (signing keys). */
export async function sqliteDatabaseFor(kind: TemplateKind, file: string, dataDir: string): Promise<void> {
  await once(`sqlite-${buildGroup(kind)}`, () => buildSqliteTemplates(buildGroup(kind)));
  copyFileSync(sqliteTemplate(kind), file);
  cpSync(sqliteTemplateDataDir(kind), dataDir, { recursive: true, preserveTimestamps: true });
}

export function removeSqliteDatabase(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

// ---------------------------------------------------------------- PostgreSQL

/** The database the caller named (TEST_DATABASE_URL through npm run test:pg); its siblings are made beside it. */
export function postgresBaseUrl(): string {
  process.env.WW_TEST_PG_BASE_URL ??= process.env.DATABASE_URL!;
  return process.env.WW_TEST_PG_BASE_URL;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(name);
  return u.toString();
}

function baseName(): string {
  return decodeURIComponent(new URL(postgresBaseUrl()).pathname.slice(1)) || 'postgres';
}

/** Sibling database names of this run: <base>__tpl_<kind>_<run> and <base>__w<worker>_<n>_<run>. */
export function postgresName(part: string): string {
  return `${baseName()}__${part}_${runId()}`.slice(0, 63);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function onBase<T>(fn: (ds: DataSource) => Promise<T>): Promise<T> {
  return withDataSource({ type: 'postgres', url: postgresBaseUrl(), extra: { max: 1 } }, fn);
}

function pgTemplateDataDir(kind: TemplateKind): string {
  return join(runDirectory(), `pg-template-${kind}-data`);
}

/** Makes the template database of kind as a copy of source, then fills it with fill. */
async function buildPostgresTemplate(kind: TemplateKind, source: string, fill: (ds: DataSource, dataDir: string) => Promise<unknown>): Promise<void> {
  const name = postgresName(`tpl_${kind}`);
  await onBase(async (base) => {
    await base.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
    await base.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(source)}`);
    await base.query(`ALTER DATABASE ${quote(name)} SET synchronous_commit TO off`);
  });
  await withDataSource({ ...common, type: 'postgres', url: withDatabase(postgresBaseUrl(), name), extra: { max: 2 } }, (ds) => fill(ds, pgTemplateDataDir(kind)));
}

/** Builds the template(s) of a group: "migrated", or "demo-through-references" then "demo". */
async function buildPostgresTemplates(group: 'migrated' | 'demo'): Promise<void> {
  if (group === 'migrated') {
    mkdirSync(pgTemplateDataDir('migrated'), { recursive: true, mode: 0o700 });
    await buildPostgresTemplate('migrated', 'template0', (ds) => runMigrations(ds));
    return;
  }
  await once('pg-migrated', () => buildPostgresTemplates('migrated'));
  cpSync(pgTemplateDataDir('migrated'), pgTemplateDataDir('demo-through-references'), { recursive: true, preserveTimestamps: true });
  await buildPostgresTemplate('demo-through-references', postgresName('tpl_migrated'), (ds, dataDir) => seedDemo(ds, dataDir, DEMO_SEEDS_THROUGH_REFERENCES));
  cpSync(pgTemplateDataDir('demo-through-references'), pgTemplateDataDir('demo'), { recursive: true, preserveTimestamps: true });
  await buildPostgresTemplate('demo', postgresName('tpl_demo-through-references'), (ds, dataDir) => seedDemo(ds, dataDir));
}

/**
 * Makes a database of kind for one test app from the template, and answers its URL; dataDir gets
 * a copy of the template's data directory. Test databases commit without waiting for the disk
 * (synchronous_commit off: a crash of the database server could lose the last commits of a
 * throwaway database; locking, isolation and constraints are unchanged). The crash-safety test
 * makes its own databases and keeps the server's default.
 */
export async function postgresDatabaseFor(kind: TemplateKind, dataDir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  await once(`pg-${buildGroup(kind)}`, () => buildPostgresTemplates(buildGroup(kind)));
  // A new name each time (Jest gives every test file fresh modules, so no counter would do).
  const name = postgresName(`w${process.env.JEST_WORKER_ID ?? '1'}_${randomBytes(4).toString('hex')}`);
  await onBase(async (base) => {
    await base.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(postgresName(`tpl_${kind}`))}`);
    await base.query(`ALTER DATABASE ${quote(name)} SET synchronous_commit TO off`);
  });
  cpSync(pgTemplateDataDir(kind), dataDir, { recursive: true, preserveTimestamps: true });
  return {
    url: withDatabase(postgresBaseUrl(), name),
    // Dropped with the rest of the run's databases by the global teardown, not here: PostgreSQL
    // forces a checkpoint for every DROP DATABASE, which took 0.5-2 s while the other workers'
    // databases had pages to write (only milliseconds at the end of the run, with nothing left).
    drop: async () => undefined,
  };
}

/**
 * Drops every database this run made beside the base database (global teardown), or those of
 * every run (global set-up: what an interrupted run left behind).
 */
export async function dropPostgresRunDatabases({ everyRun = false } = {}): Promise<void> {
  const like = (text: string) => text.replace(/[_%\\]/g, '\\$&');
  const pattern = `${like(baseName())}${like('__')}%${everyRun ? '' : like(`_${runId()}`)}`;
  await onBase(async (base) => {
    const rows: { datname: string }[] = await base.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [pattern]);
    for (const { datname } of rows) await base.query(`DROP DATABASE IF EXISTS ${quote(datname)} WITH (FORCE)`);
  });
}
