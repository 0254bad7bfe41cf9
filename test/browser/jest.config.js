/* global module, require, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- Jest reads this CommonJS file as is */
/* Browser tests: the built server (dist/) driven by Debian's Chromium through playwright-core,
 * with axe-core. TypeScript goes through @swc/jest exactly as in the root jest.config.js. One
 * server and one browser serve the whole suite (global-setup.ts); run with --runInBand. */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));

module.exports = {
  rootDir: root,
  displayName: 'browser',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  globalSetup: '<rootDir>/test/browser/global-setup.ts',
  globalTeardown: '<rootDir>/test/browser/global-teardown.ts',
  // A crawl visits up to 40 pages per user and runs axe on each; a 2-core machine needs time.
  testTimeout: 600000,
};
