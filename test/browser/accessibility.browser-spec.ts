import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS } from '../../seeds/demo-users';
import { connectBrowser, sharedBaseUrl } from './support/browser';
import { axeFailures, browserFailures, crawl, cspFailures, expectNone, statusFailures, type CrawlResult } from './support/crawler';
import { axeViolations, describeViolations, PageWatch, signIn, submitForm } from './support/pages';

/** CRAWL_MAX_PAGES and CRAWL_PER_TEMPLATE widen or narrow the crawl without editing the suite. */
const MAX_PAGES_PER_USER = Number(process.env.CRAWL_MAX_PAGES ?? 40);
const PER_TEMPLATE = Number(process.env.CRAWL_PER_TEMPLATE ?? 1);

let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  baseUrl = sharedBaseUrl();
  browser = await connectBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }> {
  const context = await browser.newContext();
  await PageWatch.install(context);
  const page = await context.newPage();
  return { context, page, watch: new PageWatch(page, baseUrl) };
}

describe('the axe-core check itself', () => {
  it('reports the violations of a page that has them: an image without alternative text, a page without a language', async () => {
    const { context, page } = await newPage();
    try {
      await page.setContent('<html><head><title>Broken</title></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>');
      const ids = (await axeViolations(page)).map((v) => v.id);
      expect(ids).toEqual(expect.arrayContaining(['image-alt', 'html-has-lang']));
    } finally {
      await context.close();
    }
  });
});

describe('pages for a signed-out visitor', () => {
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => ({ context, page, watch } = await newPage()));
  afterAll(async () => context?.close());

  async function checkCurrentPage(): Promise<void> {
    const violations = await axeViolations(page);
    const problems = watch.take();
    expect(violations.length ? describeViolations(page.url(), violations) : '').toBe('');
    expectNone([...problems.csp, ...problems.jsErrors, ...problems.failedRequests]);
  }

  it('the sign-in page passes axe-core (WCAG 2.2 AA) with no CSP violations', async () => {
    watch.take();
    const response = await page.goto(`${baseUrl}/sign-in`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').innerText()).resolves.toBe('Sign in to WardWorks');
    await checkCurrentPage();
  });

  it('the sign-in page submitted empty shows an error summary and error messages, and passes axe-core', async () => {
    await page.goto(`${baseUrl}/sign-in`);
    watch.take();
    const response = await submitForm(page, 'Sign in');
    expect(response.status()).toBe(422);
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('.nhsuk-error-summary').count()).resolves.toBe(1);
    await expect(page.locator('.nhsuk-error-message').count()).resolves.toBeGreaterThanOrEqual(2);
    await checkCurrentPage();
  });

  it('an unknown username or wrong password shows an error that passes axe-core', async () => {
    await page.goto(`${baseUrl}/sign-in`);
    watch.take();
    // Not a demo user: a failure must not count towards locking out an account the suite uses.
    await page.locator('#username').fill('nobody-at-all');
    await page.locator('#password').fill('not-the-demo-password');
    const response = await submitForm(page, 'Sign in');
    expect(response.status()).toBeGreaterThanOrEqual(400);
    await expect(page.locator('.nhsuk-error-summary').count()).resolves.toBe(1);
    await checkCurrentPage();
  });

  it('a page that does not exist answers 404 with a page that passes axe-core', async () => {
    watch.take();
    const response = await page.goto(`${baseUrl}/no-such-page`);
    expect(response?.status()).toBe(404);
    await checkCurrentPage();
  });

  it('a page that needs signing in sends the visitor to the sign-in page and back afterwards', async () => {
    watch.take();
    await page.goto(`${baseUrl}/account/password`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await checkCurrentPage();
    await signIn(page, baseUrl, 'commissioner', undefined, '/account/password');
    expect(new URL(page.url()).pathname).toBe('/account/password');
  });
});

/**
 * Every demo user signs in through the form and crawls what their links reach. Crawls run
 * CRAWL_CONCURRENCY at a time (default 2), each in its own browser context, so that page
 * loads on the server overlap with axe runs in the browser.
 */
const crawls = new Map<string, Promise<CrawlResult>>();

function crawlAs(username: string): Promise<CrawlResult> {
  if (!crawls.has(username)) crawls.set(username, pool(() => crawlUser(username)));
  return crawls.get(username)!;
}

const CRAWL_CONCURRENCY = Math.max(1, Number(process.env.CRAWL_CONCURRENCY ?? 2));
let running = 0;
const waiting: (() => void)[] = [];
async function pool<T>(work: () => Promise<T>): Promise<T> {
  if (running >= CRAWL_CONCURRENCY) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

async function crawlUser(username: string): Promise<CrawlResult> {
  const { context, page, watch } = await newPage();
  try {
    await signIn(page, baseUrl, username);
    const result = await crawl(page, watch, baseUrl, { start: '/', maxPages: MAX_PAGES_PER_USER, perTemplate: PER_TEMPLATE });
    const summary = result.visits.map((v) => `  ${v.status ?? '---'} ${v.url} (${v.ms} ms)`).join('\n');
    console.log(`${username}: crawled ${result.visits.length} page(s)${result.notVisited.length ? `, ${result.notVisited.length} link(s) left unvisited` : ''}\n${summary}`);
    return result;
  } finally {
    await context.close();
  }
}

describe.each(DEMO_USERS.map((u) => [u.username, u] as const))('every page %s can reach by following links', (username, user) => {
  let result: CrawlResult;

  beforeAll(async () => {
    // Start every crawl now; the pool runs them CRAWL_CONCURRENCY at a time.
    for (const u of DEMO_USERS) void crawlAs(u.username).catch(() => undefined);
    result = await crawlAs(username);
  });

  it(`starts on the home page, signed in as ${user.displayName}`, () => {
    const home = result.visits[0];
    expect(home.status).toBe(200);
    expect(new URL(home.finalUrl).pathname).toBe('/');
  });

  it('answers every page without a server error and has no broken links', () => {
    expectNone(statusFailures(result.visits));
  });

  it('passes axe-core (WCAG 2.2 AA) on every page', () => {
    expectNone(axeFailures(result.visits));
  });

  it('breaks no Content-Security-Policy rule, throws no script error and loads every asset', () => {
    expectNone([...cspFailures(result.visits), ...browserFailures(result.visits)]);
  });
});
