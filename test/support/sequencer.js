/* global module, require */
/* eslint-disable @typescript-eslint/no-require-imports -- Jest loads this CommonJS file as is */
/*
 * Jest runs the test files it has timings for longest first, and those without (every file of a
 * fresh clone, which is what CI runs) by file size, so a long suite in a short file could start
 * last and leave the other worker idle at the end. Files without a timing get an estimate here
 * instead: the suites that load the demo data or drive Chromium first, then by size.
 */
const Sequencer = require('@jest/test-sequencer').default;
const { statSync } = require('node:fs');

/** Rough seconds by kind of suite, from `jest --json` runs (only their order matters). */
const ESTIMATES = [
  [/demo-data\.e2e-spec/, 60],
  [/-axe\.e2e-spec|outcomes-pages\.e2e-spec|credentials-pages\.e2e-spec|finance-manual-pages\.e2e-spec|\.browser-spec/, 40],
  [/-demo\.e2e-spec|-property\.e2e-spec|-race\.e2e-spec/, 20],
];

function estimate(path) {
  for (const [pattern, seconds] of ESTIMATES) if (pattern.test(path)) return seconds * 1000;
  try {
    return 2000 + statSync(path).size / 4; // an e2e file of 20 kB: about 7 s
  } catch {
    return 2000;
  }
}

class SlowFirstSequencer extends Sequencer {
  time(test) {
    return super.time(test) ?? estimate(test.path);
  }
}

module.exports = SlowFirstSequencer;
