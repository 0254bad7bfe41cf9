import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS } from '../../seeds/demo-users';
import { connectBrowser, sharedBaseUrl } from './support/browser';
import { signIn, signOut } from './support/pages';

let browser: Browser;
let baseUrl: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  baseUrl = sharedBaseUrl();
  browser = await connectBrowser();
  context = await browser.newContext({ javaScriptEnabled: false });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('with JavaScript turned off', () => {
  const user = DEMO_USERS.find((u) => u.username === 'ot')!;

  it('a person signs in through the form and reaches their home page', async () => {
    await signIn(page, baseUrl, user.username);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.locator('h1').innerText()).resolves.toBe(`Hello, ${user.displayName}`);
    // The header shows who is signed in and how to sign out, without any script.
    await expect(page.getByRole('link', { name: 'Sign out', exact: true }).isVisible()).resolves.toBe(true);
  });

  it('signs out through the confirmation form and is then asked to sign in again', async () => {
    await signOut(page, baseUrl);
    expect(new URL(page.url()).search).toBe('?signedOut=1');
    await page.getByText('You have signed out.').waitFor({ state: 'visible', timeout: 5000 });
    await page.goto(`${baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });
});
