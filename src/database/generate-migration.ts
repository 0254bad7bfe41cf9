/*
 * Developer tool: writes a migration that takes both SQLite and PostgreSQL from the schema
 * of the committed migrations to the schema of the current entities.
 *   npm run migration:generate -- AddPatients
 * Needs PostgreSQL (DATABASE_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

async function diff(options: DataSourceOptions): Promise<{ up: string[]; down: string[] }> {
  const ds = new DataSource({ ...options, entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false });
  await ds.initialize();
  try {
    await ds.runMigrations();
    const log = await ds.driver.createSchemaBuilder().log();
    return { up: log.upQueries.map((q) => q.query), down: log.downQueries.map((q) => q.query).reverse() };
  } finally {
    await ds.destroy();
  }
}

function block(queries: string[]): string {
  return queries.map((q) => `      await q.query(${JSON.stringify(q)});`).join('\n');
}

/** Entity column types are chosen per driver when entities load, so each driver diffs in its own process. */
function diffInChild(env: Record<string, string>): { up: string[]; down: string[] } {
  const out = execFileSync(process.execPath, [__filename, '--diff'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function childDiff(): Promise<void> {
  const url = process.env.DATABASE_URL!;
  const options: DataSourceOptions = url.startsWith('postgres') ? { type: 'postgres', url } : { type: 'sqlite', database: url.slice('sqlite:'.length) };
  console.log(JSON.stringify(await diff(options)));
}

async function main(): Promise<void> {
  if (process.argv[2] === '--diff') return childDiff();
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: generate-migration PascalCaseName');
  const sqlite = diffInChild({ DATABASE_URL: 'sqlite:' + join(mkdtempSync(join(tmpdir(), 'ww-gen-')), 'gen.sqlite') });
  const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `ww_gen_${Date.now()}`;
  const admin = new DataSource({ type: 'postgres', url: adminUrl });
  await admin.initialize();
  await admin.query(`CREATE DATABASE ${dbName}`);
  let pg: { up: string[]; down: string[] };
  try {
    const url = new URL(adminUrl);
    url.pathname = '/' + dbName;
    pg = diffInChild({ DATABASE_URL: url.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.destroy();
  }
  const ts = Date.now();
  const cls = `${name}${ts}`;
  const text = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${cls} implements MigrationInterface {
  name = '${cls}';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
${block(pg.up)}
    } else {
${block(sqlite.up)}
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
${block(pg.down)}
    } else {
${block(sqlite.down)}
    }
  }
}
`;
  const file = resolve(__dirname, '../../../src/database/migrations', `${ts}-${name}.ts`);
  writeFileSync(file, text);
  console.log(`wrote ${file}\nadd ${cls} to src/database/migrations/index.ts`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
