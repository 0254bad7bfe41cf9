import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import type { JsonLogger } from '../common/logging/json-logger';
import { PasswordService } from '../auth/password.service';
import { UnitOfWork } from './unit-of-work';
import { runDemoSeeds } from './seeder';

/** Any constant: several app instances starting at once migrate one at a time. */
const MIGRATION_LOCK = 4_172_026;

export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type !== 'postgres') {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/** At start: migrate, then load demo data sets not loaded before (development only). */
export async function prepareDatabase(dataSource: DataSource, config: AppConfig, logger: JsonLogger): Promise<{ seeded: string[] }> {
  const applied = await runMigrations(dataSource);
  if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`, 'Database');
  if (!config.demoData) return { seeded: [] };
  const seeded = await runDemoSeeds(new UnitOfWork(dataSource), new PasswordService(), config.demoPassword);
  if (seeded.length) logger.log(`Loaded demo data: ${seeded.join(', ')}`, 'Database');
  return { seeded };
}
