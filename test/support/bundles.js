/* global module, require, __dirname, process */
/* eslint-disable @typescript-eslint/no-require-imports -- jest.config.js and the sequencer load this CommonJS file as is */
/*
 * Bundles: in a whole run, the short e2e test files run a few to a Jest test file.
 *
 * Jest loads every module afresh for every test file. For an e2e file that is the whole app
 * (NestJS, TypeORM, the domain modules) before its first test: measured with the CPU time of a
 * cgroup, ten files that each boot one app and send one request took 12.4 s of CPU, one file
 * doing the same ten times 5.3 s -- about 0.8 s per file, paid by every short suite. A bundle
 * (test/bundles/*.e2e-spec.ts) requires its share of the short files, each inside a describe
 * named after its path, so they share the loaded modules; every file still boots its own app
 * on its own database, and process.env is restored after each (createTestApp sets variables, and
 * Jest gives every test file its own copy of the environment).
 *
 * The suites that load the demo data, drive Chromium or run long still run as files of their
 * own (LONG below): one of them alone is long enough to balance the two workers. Which short file
 * goes into which bundle is decided here, from the files on disk: a new test file is in a bundle
 * without anyone listing it.
 *
 * A run with a path pattern (`npm test -- ledger`, `npm run test:pg -- rota`) runs the files
 * themselves, as does WW_TEST_BUNDLES=0.
 */
const { readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const TEST_DIR = join(ROOT, 'test');
const BUNDLE_DIR = join(TEST_DIR, 'bundles');

/** How many bundle files there are in test/bundles (bundle-1 ... bundle-N). */
const BUNDLES = 10;

/** Suites that run as files of their own, with rough seconds (from `jest --json` runs; only the order matters). */
const LONG = [
  [/demo-data\.e2e-spec/, 60],
  [/access-matrix\.e2e-spec|api-fuzz\.e2e-spec/, 45],
  [/-axe\.e2e-spec|outcomes-pages\.e2e-spec|credentials-pages\.e2e-spec|finance-manual-pages\.e2e-spec|\.browser-spec/, 40],
];

/** Short suites that take longer than their size says (they load demo data or repeat work), in rough seconds. */
const SLOWER = [[/-demo\.e2e-spec|-property\.e2e-spec|-race\.e2e-spec/, 12]];

function longEstimate(path) {
  for (const [pattern, seconds] of LONG) if (pattern.test(path)) return seconds * 1000;
  return undefined;
}

/** Rough milliseconds for a test file Jest has no timing of: an e2e file of 20 kB is about 7 s. */
function sizeEstimate(path) {
  for (const [pattern, seconds] of SLOWER) if (pattern.test(path)) return seconds * 1000;
  try {
    return 2000 + statSync(path).size / 4;
  } catch {
    return 2000;
  }
}

/** Every e2e test file but the bundles, sorted. */
function e2eFiles(dir = TEST_DIR) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path !== BUNDLE_DIR && entry.name !== 'node_modules') out.push(...e2eFiles(path));
    } else if (entry.name.endsWith('.e2e-spec.ts')) out.push(path);
  }
  return out.sort();
}

let members;

/**
 * The short files, dealt into BUNDLES bundles of about equal estimated time (longest first, each
 * to the lightest bundle); worked out once per process (the config and the sequencer both ask).
 */
function bundleMembers() {
  members ??= dealBundles();
  return members;
}

function dealBundles() {
  const short = e2eFiles().filter((f) => longEstimate(f) === undefined);
  const bundles = Array.from({ length: BUNDLES }, () => ({ files: [], ms: 0 }));
  for (const file of [...short].sort((a, b) => sizeEstimate(b) - sizeEstimate(a) || a.localeCompare(b))) {
    const lightest = bundles.reduce((min, b) => (b.ms < min.ms ? b : min));
    lightest.files.push(file);
    lightest.ms += sizeEstimate(file) - 1000; // the shared module loading is paid once per bundle
  }
  return bundles.map((b) => ({ files: b.files.sort(), ms: b.ms + 1000 }));
}

/** The bundle number (1-based) of a bundle file's path, or undefined. */
function bundleNumber(path) {
  const m = /bundles[\\/]bundle-(\d+)\.e2e-spec\.ts$/.exec(path);
  return m ? Number(m[1]) : undefined;
}

/** Estimated milliseconds for any test file, bundles included (for the sequencer). */
function estimate(path) {
  const n = bundleNumber(path);
  if (n !== undefined) return bundleMembers()[n - 1]?.ms ?? 2000;
  return longEstimate(path) ?? sizeEstimate(path);
}

/** The test files of bundle n, relative to the repository. */
function filesOfBundle(n) {
  const b = bundleMembers()[n - 1];
  if (!b || b.files.length === 0) throw new Error(`test bundle ${n} holds no test files: lower BUNDLES in test/support/bundles.js`);
  return b.files.map((f) => relative(ROOT, f));
}

/**
 * Whether this Jest run uses the bundles: a whole run does; a run given test paths or patterns
 * (`jest ledger`, --testPathPatterns, --findRelatedTests, --onlyChanged, --watch) runs the files.
 */
function useBundles(argv = process.argv.slice(2)) {
  if (process.env.WW_TEST_BUNDLES === '0') return false;
  if (process.env.WW_TEST_BUNDLES === '1') return true;
  const takesValue = new Set(['-c', '--config', '-w', '--maxWorkers', '-t', '--testNamePattern', '--outputFile', '--selectProjects', '--shard', '--testTimeout', '--reporters', '--seed', '--testSequencer', '--rootDir', '--coverageDirectory', '--json-output']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (/^--(testPathPatterns?|findRelatedTests|onlyChanged|changedSince|watch|watchAll|listTests)\b/.test(arg) || arg === '-o') return false;
    if (arg.startsWith('-')) {
      if (!arg.includes('=') && takesValue.has(arg)) i++;
      continue;
    }
    return false; // a test path pattern
  }
  return true;
}

module.exports = { bundleMembers, filesOfBundle, estimate, useBundles };
