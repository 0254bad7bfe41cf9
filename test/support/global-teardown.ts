import { rmSync } from 'node:fs';
import { dropPostgresRunDatabases } from './test-db';

/** Removes what this run made: the run directory and, on PostgreSQL, the databases beside the base one. */
export default async function globalTeardown(): Promise<void> {
  if (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')) await dropPostgresRunDatabases();
  if (process.env.WW_TEST_RUN_DIR) rmSync(process.env.WW_TEST_RUN_DIR, { recursive: true, force: true });
}
