import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../web/project-root';
import { checkHazardLog, findTest, LIKELIHOODS, readHazardLog, renderSafetyCase, riskOf, SAFETY_CASE_PATH, scanTestNames, SEVERITIES, testTitlesIn, type HazardLog } from './hazard-log';

const root = projectRoot();

describe('the DCB0129 risk matrix', () => {
  it.each([
    ['CATASTROPHIC', 'VERY_HIGH', 5],
    ['MAJOR', 'HIGH', 4],
    ['CONSIDERABLE', 'MEDIUM', 3],
    ['SIGNIFICANT', 'LOW', 2],
    ['MINOR', 'VERY_LOW', 1],
    ['CATASTROPHIC', 'VERY_LOW', 3],
    ['MINOR', 'VERY_HIGH', 3],
    ['MAJOR', 'LOW', 3],
    ['CATASTROPHIC', 'LOW', 4],
  ] as const)('rates %s severity at %s likelihood as %i', (severity, likelihood, risk) => expect(riskOf(severity, likelihood)).toBe(risk));

  it('never rates a hazard lower when its severity or likelihood is higher', () => {
    for (const [l, likelihood] of LIKELIHOODS.entries()) {
      for (const [s, severity] of SEVERITIES.entries()) {
        if (s > 0) expect(riskOf(severity, likelihood)).toBeGreaterThanOrEqual(riskOf(SEVERITIES[s - 1], likelihood));
        if (l > 0) expect(riskOf(severity, likelihood)).toBeGreaterThanOrEqual(riskOf(severity, LIKELIHOODS[l - 1]));
      }
    }
  });
});

describe('finding test names in the suite', () => {
  it('reads it(...) and test(...) titles in any quotes, with escapes, it.each tables and template literals', () => {
    const src = [
      "it('plain title', () => {});",
      'test("double \\"quoted\\"", async () => {});',
      "it.each<[string, Partial<X>, string[]]>([['a', { b: (1 < 2) }, ['c']]])('refuses %s', (_n) => {});",
      'it(`refuses UPDATE (${pg ? "PostgreSQL" : "SQLite"} trigger)`, () => {});',
      "  it('the patient’s rate', () => {});",
      "const unit = 'x'; submit('not a test');",
      "const quoted = \"it('in a string')\"; // it('in a comment')",
      "/* test('in a block comment') */",
      "const nonce = /'nonce-([^']+)'/.exec(csp); const half = a / b / c;",
      "it('after a regular expression', () => {});",
    ].join('\n');
    expect(testTitlesIn(src)).toEqual([
      { title: 'plain title', pattern: false },
      { title: 'double "quoted"', pattern: false },
      { title: 'refuses %s', pattern: true },
      { title: 'refuses UPDATE (${pg ? "PostgreSQL" : "SQLite"} trigger)', pattern: true },
      { title: 'the patient’s rate', pattern: false },
      { title: 'after a regular expression', pattern: false },
    ]);
  });

  it('matches a name exactly, or a templated title with any text in place of its placeholders', () => {
    const tests = [
      { file: 'a', title: 'refuses UPDATE (${pg ? "PostgreSQL" : "SQLite"} trigger)', pattern: true },
      { file: 'b', title: 'plain title', pattern: false },
      { file: 'c', title: '%s -> %s', pattern: true },
    ];
    expect(findTest('a test that was never written -> x', tests)).toBeUndefined();
    expect(findTest('%s -> %s', tests)?.file).toBe('c');
    expect(findTest('plain title', tests)?.file).toBe('b');
    expect(findTest('plain titl', tests)).toBeUndefined();
    expect(findTest('refuses UPDATE (SQLite trigger)', tests)?.file).toBe('a');
    expect(findTest('refuses UPDATE (${pg ? "PostgreSQL" : "SQLite"} trigger)', tests)?.file).toBe('a');
    expect(findTest('refuses DELETE (SQLite trigger)', tests)).toBeUndefined();
  });
});

describe('the hazard log (docs/clinical-safety/hazard-log.json)', () => {
  const log = readHazardLog(root);
  const tests = scanTestNames(root);

  it('finds the test suite it checks against', () => {
    expect(tests.length).toBeGreaterThan(300);
    expect(findTest('refuses RESTRICTION when a restriction meets a role activity', tests)?.file).toBe('test/rota-booking.e2e-spec.ts');
  });

  it('gives every hazard controls naming existing code and existing tests, and risks that match the matrix', () => {
    expect(checkHazardLog(log, root, tests)).toEqual([]);
  });

  it('covers at least the hazards already known', () => {
    const text = log.hazards.map((h) => `${h.hazard} ${h.causes.join(' ')}`.toLowerCase());
    for (const words of [
      ['section 17', 'suspended'],
      ['restrict'],
      ['benefits'],
      ['double'],
      ['another patient'],
      ['outside their wards'],
      ['forensic'],
      ['wrong pay'],
      ['ledger'],
      ['stale'],
      ['unavailable'],
      ['till', 'cash'],
    ]) {
      expect({ words, found: text.some((t) => words.every((w) => t.includes(w))) }).toEqual({ words, found: true });
    }
  });

  it('fails when a hazard has no control, a control names no test or a missing file, a test is not in the suite, or a risk is misstated', () => {
    const broken: HazardLog = JSON.parse(JSON.stringify(log));
    broken.hazards[0].controls = [];
    broken.hazards[1].controls[0].evidence = [];
    broken.hazards[2].controls[0].code = ['src/no-such-file.ts'];
    broken.hazards[3].controls[0].evidence = ['a test that was never written'];
    const stated = broken.hazards[4].residual;
    stated.risk = stated.risk === 1 ? 2 : stated.risk - 1;
    const problems = checkHazardLog(broken, root, tests);
    expect(problems).toEqual([
      `${broken.hazards[0].id}: no control`,
      `${broken.hazards[1].id} control 1: names no test`,
      `${broken.hazards[2].id} control 1: names src/no-such-file.ts, which does not exist`,
      `${broken.hazards[3].id} control 1: names the test "a test that was never written", which is not in the suite`,
      `${broken.hazards[4].id}: residual risk is stated as ${stated.risk}, but ${stated.severity} x ${stated.likelihood} is ${riskOf(stated.severity, stated.likelihood)} on the DCB0129 matrix`,
    ]);
  });

  it('matches the committed safety case report (run npm run safety-case after changing the log or the tests)', () => {
    expect(readFileSync(join(root, SAFETY_CASE_PATH), 'utf8')).toBe(renderSafetyCase(log, tests));
  });
});
