import type { SuiteHandles } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const handles = (globalThis as { __wwBrowserSuite?: SuiteHandles }).__wwBrowserSuite;
  if (!handles) return;
  await handles.browser.close().catch(() => undefined);
  const exit = await handles.stop();
  if (exit.code !== 0) {
    process.stderr.write(`The shared browser-test server stopped with code ${exit.code}, signal ${exit.signal}. Last output:\n${handles.server.output(3000)}\n`);
  }
}
