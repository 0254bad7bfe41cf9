import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- shared with jest.config.js, which is CommonJS
const { filesOfBundle } = require('./bundles') as { filesOfBundle: (n: number) => string[] };

const ROOT = join(__dirname, '..', '..');
const TEST_TIMEOUT = Symbol.for('TEST_TIMEOUT_SYMBOL');

/**
 * Runs bundle n's test files (bundles.js) in this Jest test file: each inside a describe named
 * after its path, with process.env as it was before the file restored after it. jest.setTimeout is
 * one value per Jest test file, so the bundle takes the longest any of its files asks for.
 */
export function runBundle(n: number): void {
  let longest = 0;
  for (const file of filesOfBundle(n)) {
    describe(file, () => {
      let env: NodeJS.ProcessEnv = {};
      beforeAll(() => {
        env = { ...process.env };
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the file registers its tests in this describe
      require(join(ROOT, file));
      longest = Math.max(longest, Number((globalThis as Record<symbol, unknown>)[TEST_TIMEOUT] ?? 0));
      afterAll(() => {
        for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
        Object.assign(process.env, env);
      });
    });
  }
  if (longest > 0) jest.setTimeout(longest);
}
