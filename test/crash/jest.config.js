/* global module, require, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- Jest reads this CommonJS file as is */
/* Crash safety (npm run test:crash, a CI step): the BUILT server (dist/) killed with SIGKILL
 * under load, on SQLite or, with DATABASE_URL=postgres://..., PostgreSQL. Not part of npm test. */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));

module.exports = {
  rootDir: root,
  displayName: 'crash',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/crash/**/*.crash-spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 600000,
};
