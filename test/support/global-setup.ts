import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fastTmp } from './test-db';

/**
 * One directory and one id per test run, inherited by every Jest worker: the database
 * templates (test-db.ts) are built once per run inside it, by the first test file that needs one.
 */
export default function globalSetup(): void {
  process.env.WW_TEST_RUN_ID = randomBytes(4).toString('hex');
  process.env.WW_TEST_RUN_DIR = mkdtempSync(join(fastTmp(), 'ww-run-'));
}
