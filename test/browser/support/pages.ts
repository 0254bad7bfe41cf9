import type { Result } from 'axe-core';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { axeRun } from '../../support/axe-run';
import { DEMO_PASSWORD } from './server';

/** The axe-core violations of WCAG 2.2 AA on the page as it is now (see axeRun). */
export function axeViolations(page: Page): Promise<Result[]> {
  return axeRun(page);
}

/** A readable account of axe violations: rule, impact, what to fix, where, and the offending HTML. */
export function describeViolations(url: string, violations: Result[]): string {
  const lines = [`${url}: ${violations.length} axe violation(s)`];
  for (const v of violations) {
    lines.push(`  - [${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes.slice(0, 5)) {
      lines.push(`      at ${node.target.join(' ')}`);
      lines.push(`         ${node.html.replace(/\s+/g, ' ').slice(0, 240)}`);
      if (node.failureSummary) lines.push(...node.failureSummary.split('\n').map((l) => `         ${l.trim()}`));
    }
    if (v.nodes.length > 5) lines.push(`      ... and ${v.nodes.length - 5} more element(s)`);
  }
  return lines.join('\n');
}

/** Reports CSP violations as console errors too, so events Chromium does not log are caught. */
const CSP_REPORTER = `document.addEventListener('securitypolicyviolation', function (e) {
  console.error('Content Security Policy violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});`;

export interface PageProblems {
  csp: string[];
  jsErrors: string[];
  /** Same-origin subresources (CSS, JS, images, fonts) that failed or answered 4xx/5xx. */
  failedRequests: string[];
}

/** Collects, per page load, what the browser complained about. `take()` returns and resets. */
export class PageWatch {
  private problems: PageProblems = { csp: [], jsErrors: [], failedRequests: [] };

  constructor(page: Page, baseUrl: string) {
    const origin = new URL(baseUrl).origin;
    page.on('console', (msg) => {
      const text = msg.text();
      if (/content[- ]security[- ]policy/i.test(text)) this.problems.csp.push(text);
    });
    page.on('pageerror', (err) => this.problems.jsErrors.push(err.message));
    page.on('response', (res) => {
      const req = res.request();
      if (req.isNavigationRequest() || !res.url().startsWith(origin)) return;
      if (res.status() >= 400) this.problems.failedRequests.push(`${req.method()} ${res.url()} answered ${res.status()}`);
    });
    page.on('requestfailed', (req) => {
      if (req.isNavigationRequest() || !req.url().startsWith(origin)) return;
      const error = req.failure()?.errorText ?? 'unknown';
      // ERR_ABORTED: the crawler moved on to the next page before, say, the favicon arrived.
      if (error === 'net::ERR_ABORTED') return;
      this.problems.failedRequests.push(`${req.method()} ${req.url()} failed: ${error}`);
    });
  }

  static async install(context: BrowserContext): Promise<void> {
    await context.addInitScript(CSP_REPORTER);
  }

  take(): PageProblems {
    const p = this.problems;
    this.problems = { csp: [], jsErrors: [], failedRequests: [] };
    return p;
  }
}

/**
 * Clicks a form's submit button, waits for the page that answers it (after any redirect) to
 * load, and returns the answer to the POST itself (e.g. 303, or 422 with the form again).
 */
export async function submitForm(page: Page, buttonName: string): Promise<Response> {
  const posted = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
  const loaded = page.waitForEvent('load');
  await page.getByRole('button', { name: buttonName, exact: true }).click();
  const [response] = await Promise.all([posted, loaded]);
  return response;
}

async function visibleText(page: Page, selector: string): Promise<string> {
  const loc = page.locator(selector);
  return (await loc.count()) ? (await loc.first().innerText()).replace(/\s+/g, ' ').trim() : '';
}

/**
 * Signs in through the real form, as a person would (works with JavaScript off too), and
 * checks that the app landed on `expectPath` (the home page unless sent from elsewhere).
 */
export async function signIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD, expectPath = '/'): Promise<void> {
  // Already on the sign-in form (e.g. sent there from another page): keep its "next" field.
  if (new URL(page.url()).pathname !== '/sign-in') await page.goto(`${baseUrl}/sign-in`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  const response = await submitForm(page, 'Sign in');
  if (response.status() === 303 && page.url() === `${baseUrl}${expectPath}`) return;
  const problem = (await visibleText(page, '.nhsuk-error-summary')) || (await visibleText(page, 'main'));
  throw new Error(`Signing in as "${username}" was answered ${response.status()} at ${page.url()}: ${problem.slice(0, 500)}`);
}

/** Signs out through the header link and the confirmation form. */
export async function signOut(page: Page, baseUrl: string): Promise<void> {
  await page.getByRole('link', { name: 'Sign out', exact: true }).click();
  await page.waitForURL(`${baseUrl}/sign-out`);
  const response = await submitForm(page, 'Sign out');
  if (response.status() !== 303 || new URL(page.url()).pathname !== '/sign-in') {
    throw new Error(`Signing out was answered ${response.status()} at ${page.url()}`);
  }
}
