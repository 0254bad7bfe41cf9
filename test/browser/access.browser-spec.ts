import type { Browser, BrowserContext, Page } from 'playwright-core';
import { NAVIGATION } from '../../src/web/navigation';
import { connectBrowser, sharedBaseUrl } from './support/browser';
import { axeViolations, describeViolations, signIn } from './support/pages';

let browser: Browser;
let baseUrl: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  baseUrl = sharedBaseUrl();
  browser = await connectBrowser();
  context = await browser.newContext();
  page = await context.newPage();
  await signIn(page, baseUrl, 'patient');
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('what a patient can reach', () => {
  it('opening /admin/users answers 403 with the "You cannot do that" page, which passes axe-core', async () => {
    const response = await page.goto(`${baseUrl}/admin/users`);
    expect(response?.status()).toBe(403);
    await expect(page.locator('h1').innerText()).resolves.toBe('You cannot do that');
    const violations = await axeViolations(page);
    expect(violations.length ? describeViolations(page.url(), violations) : '').toBe('');
  });

  it('fetching /admin/users with the session cookie answers 403 and shows no account', async () => {
    const response = await context.request.get(`${baseUrl}/admin/users`, { maxRedirects: 0 });
    expect(response.status()).toBe(403);
    const body = await response.text();
    expect(body).toContain('You cannot do that');
    expect(body).not.toContain('commissioner');
  });

  it("every page in another role's navigation is closed to a patient (403 or 404)", async () => {
    const patientHrefs = new Set(NAVIGATION.filter((n) => n.roles.includes('PATIENT')).map((n) => n.href));
    const closed = [...new Set(NAVIGATION.map((n) => n.href))].filter((href) => !patientHrefs.has(href));
    expect(closed).toContain('/admin/users');
    const answers: string[] = [];
    for (const href of closed) {
      const response = await context.request.get(`${baseUrl}${href}`, { maxRedirects: 0 });
      answers.push(`${href} ${[403, 404].includes(response.status()) ? 'closed' : `answered ${response.status()}`}`);
    }
    expect(answers).toEqual(closed.map((href) => `${href} closed`));
  });

  it('a page that does not exist answers 404 with the "Page not found" page, which passes axe-core', async () => {
    const response = await page.goto(`${baseUrl}/no-such-page`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
    const violations = await axeViolations(page);
    expect(violations.length ? describeViolations(page.url(), violations) : '').toBe('');
  });

  it("the patient's home page links to no admin page", async () => {
    await page.goto(`${baseUrl}/`);
    await expect(page.locator('a[href^="/admin"]').count()).resolves.toBe(0);
  });
});
