import type { Browser, BrowserContext } from 'playwright-core';
import { connectBrowser } from './support/browser';
import { signIn } from './support/pages';
import { startServer, type RunningServer, type ServerExit } from './support/server';

/** A server of its own: stopping the suite's shared one would break the other files. */
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startServer();
  browser = await connectBrowser();
  context = await browser.newContext();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop(2000);
});

describe('graceful shutdown', () => {
  it('on SIGTERM the server stops within 10 s with exit code 0, even with a browser still connected', async () => {
    // A signed-in browser keeps HTTP keep-alive connections open, as real users do.
    const page = await context.newPage();
    await signIn(page, server.baseUrl, 'admin');

    const sent = Date.now();
    expect(server.child.kill('SIGTERM')).toBe(true);
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([server.exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 10_000)))]);
    clearTimeout(timer);
    const output = server.output(2000);
    expect({ exit, output: exit === 'timeout' || (exit as ServerExit).code !== 0 ? output : '' }).toEqual({ exit: { code: 0, signal: null }, output: '' });
    expect(Date.now() - sent).toBeLessThan(10_000);
  });
});
