import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { runMigrations } from '../../src/database/bootstrap';
import { SeedRun } from '../../src/database/seed-run.entity';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { Factories } from './factories';
import { postgresBaseUrl, postgresDatabaseFor, removeSqliteDatabase, runDirectory, sqliteDatabaseFor, type TemplateKind } from './test-db';

export const isPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');

export interface TestApp {
  app: NestExpressApplication;
  /** The app's own address, http://127.0.0.1:port (it listens from the start). */
  base: string;
  http: () => TestAgent;
  ds: DataSource;
  uow: UnitOfWork;
  make: Factories;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  /** "migrated" (default): an empty, migrated database; "demo": with every demo data set loaded (password DEMO_TEST_PASSWORD). */
  data?: TemplateKind;
}

/**
 * Boots the real AppModule against a fresh, migrated database of its own: a copy of this run's
 * template (test-db.ts), a SQLite file or a PostgreSQL database made beside the one in
 * DATABASE_URL, dropped again at close.
 */
export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const kind = options.data ?? 'migrated';
  const dir = mkdtempSync(join(tmpdir(), 'ww-test-'));
  let dropDatabase: () => Promise<void>;
  if (isPostgres) {
    postgresBaseUrl();
    const db = await postgresDatabaseFor(kind, dir);
    process.env.DATABASE_URL = db.url;
    dropDatabase = db.drop;
  } else {
    const file = join(runDirectory(), `${randomUUID()}.sqlite`);
    await sqliteDatabaseFor(kind, file, dir);
    process.env.DATABASE_URL = `sqlite:${file}`;
    dropDatabase = async () => removeSqliteDatabase(file);
  }
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATA_DIR: dir,
    DEMO_DATA: 'false',
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'silent',
    SIGN_IN_RATE_LIMIT: '10000',
    PUBLIC_RATE_LIMIT: '10000',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app);
  // Listening once, on loopback: given a server that is not listening, supertest makes it listen
  // on a new port and closes it again for every request (and opens a new connection each time);
  // measured, that was about a third of the CPU of a small request.
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  const ds = app.get(DataSource);
  await runMigrations(ds);
  const uow = app.get(UnitOfWork);
  const server = app.getHttpServer();
  return {
    app,
    base,
    http: () => request(server),
    ds,
    uow,
    make: new Factories(uow, server),
    close: async () => {
      await app.close();
      await dropDatabase();
      if (isPostgres) process.env.DATABASE_URL = postgresBaseUrl();
      else delete process.env.DATABASE_URL;
    },
  };
}

/** The demo data sets the seeder marked as loaded in t's database (seed_runs), sorted by name. */
export async function loadedDemoSeeds(t: TestApp): Promise<string[]> {
  return (await t.uow.read((em) => em.find(SeedRun))).map((r) => r.name).sort();
}
