/* global module, require */
/* eslint-disable @typescript-eslint/no-require-imports -- Jest loads this CommonJS file as is */
/*
 * Jest runs the test files it has timings for longest first, and those without (every file of a
 * fresh clone, which is what CI runs) by file size, so a long suite in a short file could start
 * last and leave the other worker idle at the end. Files without a timing get an estimate here
 * instead (bundles.js): the suites that load the demo data or drive Chromium first, then by size;
 * a bundle of short files by the sum of its files.
 */
const Sequencer = require('@jest/test-sequencer').default;

const { estimate } = require('./bundles');

class SlowFirstSequencer extends Sequencer {
  time(test) {
    return super.time(test) ?? estimate(test.path);
  }
}

module.exports = SlowFirstSequencer;
