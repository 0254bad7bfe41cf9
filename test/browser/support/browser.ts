import { chromium, type Browser, type BrowserServer, type LaunchOptions } from 'playwright-core';
import { chromiumPath } from '../../support/chromium';

export function launchOptions(): LaunchOptions {
  return {
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  };
}

/** One Chromium for the whole suite; test files connect to it. */
export function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer(launchOptions());
}

export function connectBrowser(): Promise<Browser> {
  const endpoint = process.env.WW_BROWSER_WS_ENDPOINT;
  if (!endpoint) throw new Error('WW_BROWSER_WS_ENDPOINT is not set: run the suite through test/browser/jest.config.js (npm run test:browser).');
  return chromium.connect(endpoint);
}

/** The base URL of the suite's shared server (global-setup.ts). */
export function sharedBaseUrl(): string {
  const url = process.env.WW_BROWSER_BASE_URL;
  if (!url) throw new Error('WW_BROWSER_BASE_URL is not set: run the suite through test/browser/jest.config.js (npm run test:browser).');
  return url;
}
