/* Shared by the benchmark parts: timing, medians, and the real app booted on a fresh database. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';

export const PASSWORD = 'bench-password-orchard';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const out = await fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, out];
}

export interface BenchApp {
  app: NestExpressApplication;
  ds: DataSource;
  dir: string;
  pg: boolean;
}

/**
 * Boots the real AppModule, migrated, on a fresh database: a new SQLite file in a temporary
 * folder, or the PostgreSQL of DATABASE_URL with its public schema emptied. `databaseUrl` picks
 * another database (given the folder); `emptyPublicSchema: false` leaves PostgreSQL's public
 * schema alone. The environment is set before the app's modules load (entities read it).
 */
export async function bootBenchApp(dirPrefix: string, options: { databaseUrl?: (dir: string) => string; emptyPublicSchema?: boolean } = {}): Promise<BenchApp> {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  const envUrl = process.env.DATABASE_URL ?? '';
  const url = options.databaseUrl ? options.databaseUrl(dir) : /^postgres/.test(envUrl) ? envUrl : `sqlite:${join(dir, 'bench.sqlite')}`;
  const pg = /^postgres/.test(url);
  Object.assign(process.env, { DATABASE_URL: url, NODE_ENV: 'test', DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', SESSION_SECRET: 'bench-session-secret-0123456789-abcdefghij', SIGN_IN_RATE_LIMIT: '100000', PUBLIC_RATE_LIMIT: '100000' });
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../src/app.module');
  const { configureApp } = await import('../src/app.setup');
  const { runMigrations } = await import('../src/database/bootstrap');
  const { DataSource: DS } = await import('typeorm');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger: false });
  configureApp(app);
  const ds = app.get(DS) as DataSource;
  if (pg && (options.emptyPublicSchema ?? true)) {
    await ds.query('DROP SCHEMA IF EXISTS public CASCADE');
    await ds.query('CREATE SCHEMA public');
  }
  await runMigrations(ds);
  return { app, ds, dir, pg };
}
