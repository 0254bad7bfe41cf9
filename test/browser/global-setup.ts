import type { BrowserServer } from 'playwright-core';
import { launchBrowserServer } from './support/browser';
import { startServer, type RunningServer, type ServerExit } from './support/server';

export interface SuiteHandles {
  server: RunningServer;
  browser: BrowserServer;
  /** Stops the server without reporting its exit as unexpected. */
  stop: () => Promise<ServerExit>;
}

/**
 * One built server (fresh SQLite, demo data) and one Chromium for the whole suite. Test files
 * find them through WW_BROWSER_BASE_URL and WW_BROWSER_WS_ENDPOINT; global-teardown.ts stops both.
 */
export default async function globalSetup(): Promise<void> {
  const server = await startServer();
  let stopping = false;
  void server.exited.then(({ code, signal }) => {
    if (stopping) return;
    // Every later page load fails with ERR_CONNECTION_REFUSED: say why, once, as it happens.
    process.stderr.write(
      `\nThe shared browser-test server (pid ${server.child.pid}) exited during the run with code ${code}, signal ${signal}` +
        `${code === 0 ? ' (a clean stop: something sent it SIGTERM or SIGINT)' : ''}. Last output:\n${server.output(3000)}\n`,
    );
  });
  let browser: BrowserServer;
  try {
    browser = await launchBrowserServer();
  } catch (err) {
    stopping = true;
    await server.stop();
    throw err;
  }
  process.env.WW_BROWSER_BASE_URL = server.baseUrl;
  process.env.WW_BROWSER_WS_ENDPOINT = browser.wsEndpoint();
  (globalThis as { __wwBrowserSuite?: SuiteHandles }).__wwBrowserSuite = {
    server,
    browser,
    stop: async () => {
      stopping = true;
      return server.stop();
    },
  };
}
