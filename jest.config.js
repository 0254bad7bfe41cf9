/* Jest runs TypeScript through @swc/jest. NestJS 12 (and jose 6) ship ESM only, which Jest
 * on Node 20 cannot load natively, so those packages are transformed too. */
const swcrc = JSON.parse(require('fs').readFileSync(__dirname + '/.swcrc', 'utf8'));
const transform = { '^.+\\.(t|j|mj)s$': ['@swc/jest', { ...swcrc, swcrc: false }] };
const transformIgnorePatterns = ['/node_modules/(?!(@nestjs|jose)/)'];
// V8's compiled code shared between the test files of a worker (test/support/caching-runtime.js).
const runtime = __dirname + '/test/support/caching-runtime.js';
const common = { transform, transformIgnorePatterns, runtime, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'mjs', 'json'] };

// Jest's default is one worker per core less one: a single worker on a 2-core machine, while the
// e2e suites spend much of their time waiting on SQLite, PostgreSQL or Chromium.
const maxWorkers = Math.max(2, require('os').availableParallelism() - 1);

// A whole run runs the short e2e files a few to a Jest test file, sharing the loaded modules
// (test/support/bundles.js); a run given a path pattern runs the files themselves.
const bundles = require('./test/support/bundles.js');
const escape = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const e2eIgnored = bundles.useBundles()
  ? bundles.bundleMembers().flatMap((b) => b.files.map((f) => `^${escape(f)}$`))
  : ['/test/bundles/'];

const projects = [
  { ...common, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/seeds/**/*.spec.ts'] },
  {
    ...common,
    displayName: 'e2e',
    rootDir: __dirname,
    testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', ...e2eIgnored],
    testTimeout: 180000,
    // Database templates built once per run and copied per test file (test/support/test-db.ts).
    globalSetup: '<rootDir>/test/support/global-setup.ts',
    globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  },
];

// npm run test:unit / test:e2e / test:pg pick one project here rather than with --selectProjects,
// whose list would swallow any test path pattern given after it (npm run test:pg -- ledger).
const only = process.env.WW_TEST_PROJECT;

module.exports = {
  maxWorkers,
  testSequencer: '<rootDir>/test/support/sequencer.js',
  testTimeout: 180000,
  projects: only ? projects.filter((p) => p.displayName === only) : projects,
};
