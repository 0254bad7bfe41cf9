import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../web/project-root';
import { checkHazardLog, readHazardLog, renderSafetyCase, SAFETY_CASE_PATH, scanTestNames } from './hazard-log';

/** npm run safety-case: checks the hazard log and writes the safety case report from it. */
function main(): void {
  const root = projectRoot();
  const log = readHazardLog(root);
  const tests = scanTestNames(root);
  const problems = checkHazardLog(log, root, tests);
  if (problems.length) {
    process.stderr.write(`The hazard log has ${problems.length} problem(s):\n${problems.map((p) => `- ${p}`).join('\n')}\n`);
    process.exitCode = 1;
    return;
  }
  writeFileSync(join(root, SAFETY_CASE_PATH), renderSafetyCase(log, tests));
  process.stdout.write(`Wrote ${SAFETY_CASE_PATH} (${log.hazards.length} hazards)\n`);
}

main();
