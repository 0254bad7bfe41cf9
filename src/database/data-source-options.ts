import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as sqlite3 from 'sqlite3';
import { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { PreparingClient } from './pg-prepared';

/**
 * The sqlite3 driver as TypeORM should use it. TypeORM calls `sqlite3.verbose()`, which wraps
 * every query call to capture a stack and `util.inspect` the SQL and every parameter: a large
 * fixed cost on each query (and parameter values in error stacks, which may reach logs). This
 * driver's `verbose()` leaves the driver as it is.
 */
export const SQLITE_DRIVER: typeof sqlite3 = Object.create(sqlite3, { verbose: { value: () => SQLITE_DRIVER } });

export function dataSourceOptions(config: Pick<AppConfig, 'database'>): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (config.database.kind === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: config.database.url,
      schema: config.database.schema,
      extra: { max: 10, connectionTimeoutMillis: 5000, Client: PreparingClient },
      applicationName: 'wardworks',
    };
  }
  if (config.database.path !== ':memory:') mkdirSync(dirname(config.database.path), { recursive: true });
  return {
    ...common,
    type: 'sqlite',
    driver: SQLITE_DRIVER,
    database: config.database.path,
    enableWAL: config.database.path !== ':memory:',
    busyTimeout: 5000,
  };
}
