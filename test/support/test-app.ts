import 'reflect-metadata';
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
import { UnitOfWork } from '../../src/database/unit-of-work';
import { Factories } from './factories';

export const isPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');

export interface TestApp {
  app: NestExpressApplication;
  http: () => TestAgent;
  ds: DataSource;
  uow: UnitOfWork;
  make: Factories;
  close: () => Promise<void>;
}

/** Empties the PostgreSQL test database (suites run one at a time against it). */
async function resetPostgres(url: string): Promise<void> {
  const ds = new DataSource({ type: 'postgres', url });
  await ds.initialize();
  try {
    await ds.query('DROP SCHEMA IF EXISTS public CASCADE');
    await ds.query('CREATE SCHEMA public');
  } finally {
    await ds.destroy();
  }
}

/**
 * Boots the real AppModule against a fresh, migrated database: a new SQLite file per test
 * file, or the PostgreSQL database in DATABASE_URL emptied first.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'ww-test-'));
  if (isPostgres) await resetPostgres(process.env.DATABASE_URL!);
  else process.env.DATABASE_URL = `sqlite:${join(dir, 'test.sqlite')}`;
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATA_DIR: dir,
    DEMO_DATA: 'false',
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'silent',
    SIGN_IN_RATE_LIMIT: '10000',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  const ds = app.get(DataSource);
  await runMigrations(ds);
  const uow = app.get(UnitOfWork);
  const server = app.getHttpServer();
  return {
    app,
    http: () => request(server),
    ds,
    uow,
    make: new Factories(uow, server),
    close: async () => {
      await app.close();
      if (!isPostgres) delete process.env.DATABASE_URL;
    },
  };
}
