import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../web/project-root';
import { assessAudit } from './npm-audit';

/**
 * `npm run audit:check` (and a CI step): `npm audit --omit=dev` must report no high or critical
 * finding that audit-allowlist.json does not cover. Needs only the npm registry. When the
 * registry offers no audit endpoint, says so loudly; AUDIT_REQUIRED=true makes that a failure.
 * `--input report.json` judges a saved report instead of asking the registry.
 */
function main(): number {
  const root = projectRoot();
  const inputAt = process.argv.indexOf('--input');
  let raw: string;
  if (inputAt > 0) {
    raw = readFileSync(process.argv[inputAt + 1], 'utf8');
  } else {
    const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    raw = run.stdout || '{}';
  }
  let report: unknown;
  try {
    report = JSON.parse(raw);
  } catch {
    report = { message: 'npm audit printed no JSON' };
  }
  const listFile = join(root, 'audit-allowlist.json');
  const allowList = existsSync(listFile) ? JSON.parse(readFileSync(listFile, 'utf8')) : [];
  const verdict = assessAudit(report as never, allowList, new Date().toISOString().slice(0, 10));
  const out = (line: string) => process.stdout.write(line + '\n');
  for (const p of verdict.problems) out(`allow-list problem: ${p}`);
  if (!verdict.audited) {
    out(`npm audit NOT PERFORMED: the registry gave no audit report (${verdict.unavailable}).`);
    if (process.env.AUDIT_REQUIRED === 'true') return 1;
    out('Set AUDIT_REQUIRED=true to fail the run when no audit can be done.');
    return verdict.problems.length ? 1 : 0;
  }
  out(`npm audit --omit=dev: ${Object.entries(verdict.counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const a of verdict.allowed) out(`allowed: ${a}`);
  for (const b of verdict.blocking) out(`BLOCKING: ${b}`);
  if (verdict.blocking.length) out('Fix these (npm audit fix, or a newer version), or add them to audit-allowlist.json with a reason and a review date.');
  return verdict.blocking.length || verdict.problems.length ? 1 : 0;
}

process.exitCode = main();
