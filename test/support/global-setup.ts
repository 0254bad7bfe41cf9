import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dropPostgresRunDatabases, fastTmp } from './test-db';

const STALE_MS = 12 * 3600_000;

/**
 * One directory and one id per test run, inherited by every Jest worker: the database
 * templates (test-db.ts) are built once per run inside it, by the first test file that needs one.
 * What an interrupted earlier run left behind (run directories, PostgreSQL databases beside the
 * base one) is removed first.
 */
export default async function globalSetup(): Promise<void> {
  const tmp = fastTmp();
  for (const name of readdirSync(tmp)) {
    if (!name.startsWith('ww-run-')) continue;
    const path = join(tmp, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // gone already
    }
  }
  if (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')) await dropPostgresRunDatabases({ everyRun: true });
  process.env.WW_TEST_RUN_ID = randomBytes(4).toString('hex');
  process.env.WW_TEST_RUN_DIR = mkdtempSync(join(tmp, 'ww-run-'));
}
