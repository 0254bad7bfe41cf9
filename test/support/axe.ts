import { chromium, type Browser, type Page } from 'playwright-core';
import { axeRun } from './axe-run';
import { chromiumPath } from './chromium';
import { TEST_PASSWORD } from './factories';

/** Debian's Chromium or its headless shell (chromium.ts; playwright's own browsers cannot be downloaded here). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
}

/** A new browser context signed in through the real sign-in page. */
export async function signInPage(browser: Browser, base: string, username: string, password = TEST_PASSWORD): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(base + '/sign-in');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
  expect(page.url()).not.toContain('/sign-in');
  return page;
}

/** axe-core violations of WCAG 2.2 AA on the current page, as readable lines (empty when clean). */
export async function axeViolations(page: Page, base: string): Promise<string[]> {
  return (await axeRun(page)).map((v) => `${page.url().replace(base, '')}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
