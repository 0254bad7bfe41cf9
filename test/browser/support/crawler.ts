import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations, type PageProblems, type PageWatch } from './pages';

/** Paths the crawler never GETs: they are not pages, or GETting them changes the session. */
const SKIPPED_PATHS = [/^\/sign-out(\/|$)/, /^\/api(\/|$)/, /^\/health(\/|$)/, /^\/assets(\/|$)/, /^\/static(\/|$)/];
/** Downloads and other non-page resources. */
const DOWNLOADS = /\.(pdf|csv|ics|jwt|json|jsonld|xml|zip|txt|png|jpe?g|gif|svg|ico|webp)$/i;
/** Path segments that are record ids (UUIDs, numbers, long tokens): one page template, many records. */
const ID_SEGMENT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[A-Za-z0-9_-]{20,})$/i;

export interface Visit {
  url: string;
  /** The page whose link led here (null for the start page). */
  from: string | null;
  status: number | null;
  finalUrl: string;
  html: boolean;
  violations: Result[];
  problems: PageProblems;
  /** Time spent loading the page and checking it. */
  ms: number;
  error?: string;
}

export interface CrawlResult {
  visits: Visit[];
  /** Same-origin links seen but not visited because of the page budget or the per-template cap. */
  notVisited: string[];
}

export interface CrawlOptions {
  start?: string;
  maxPages?: number;
  /**
   * At most this many URLs per page template (same path once ids are blanked, same query keys):
   * one patient's leave page stands for every patient's, which keeps the crawl broad and quick.
   */
  perTemplate?: number;
}

/** The URL to visit for a link, without its fragment, or null when the crawler must not follow it. */
export function crawlTarget(href: string, baseUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(href, baseUrl);
  } catch {
    return null;
  }
  if (url.origin !== new URL(baseUrl).origin) return null;
  if (SKIPPED_PATHS.some((re) => re.test(url.pathname)) || DOWNLOADS.test(url.pathname)) return null;
  url.hash = '';
  return url.toString();
}

/** "/admin/users/3f2c...?page=2" -> "/admin/users/:id?page": pages built from the same template. */
export function templateKey(target: string): string {
  const url = new URL(target);
  const path = url.pathname
    .split('/')
    .map((seg) => (ID_SEGMENT.test(seg) ? ':id' : seg))
    .join('/');
  const keys = [...new Set([...url.searchParams.keys()])].sort();
  return keys.length ? `${path}?${keys.join('&')}` : path;
}

/**
 * Breadth-first crawl of the pages reachable from `start` through same-origin links, GET only.
 * Every HTML page gets an axe-core run; status, CSP reports, script errors and failed
 * subresources are recorded. New pages are covered as soon as something links to them.
 */
export async function crawl(page: Page, watch: PageWatch, baseUrl: string, options: CrawlOptions = {}): Promise<CrawlResult> {
  const { start = '/', maxPages = 40, perTemplate = 1 } = options;
  const startUrl = crawlTarget(start, baseUrl)!;
  const queue: { url: string; from: string | null }[] = [{ url: startUrl, from: null }];
  const queued = new Set<string>([startUrl]);
  const perKey = new Map<string, number>([[templateKey(startUrl), 1]]);
  const visits: Visit[] = [];
  const notVisited = new Set<string>();

  while (queue.length) {
    const { url, from } = queue.shift()!;
    if (visits.length >= maxPages) {
      notVisited.add(url);
      continue;
    }
    watch.take();
    const started = Date.now();
    const visit: Visit = { url, from, status: null, finalUrl: url, html: false, violations: [], problems: { csp: [], jsErrors: [], failedRequests: [] }, ms: 0 };
    visits.push(visit);
    try {
      const response = await page.goto(url, { waitUntil: 'load' });
      visit.status = response?.status() ?? null;
      visit.finalUrl = page.url();
      visit.html = /text\/html/.test(response?.headers()['content-type'] ?? '');
    } catch (err) {
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      // An attachment whose URL does not look like a file name: a download, not a page.
      if (!/Download is starting/i.test(message)) visit.error = message;
      visit.problems = watch.take();
      visit.ms = Date.now() - started;
      continue;
    }
    if (!visit.html || !visit.finalUrl.startsWith(new URL(baseUrl).origin)) {
      visit.problems = watch.take();
      visit.ms = Date.now() - started;
      continue;
    }
    queued.add(crawlTarget(visit.finalUrl, baseUrl) ?? visit.finalUrl);
    visit.violations = await axeViolations(page);
    const hrefs: string[] = await page.$$eval('a[href]', (links: any[]) => links.filter((a) => !a.hasAttribute('download')).map((a) => a.href as string));
    visit.problems = watch.take();
    visit.ms = Date.now() - started;

    for (const href of hrefs) {
      const target = crawlTarget(href, baseUrl);
      if (!target || queued.has(target)) continue;
      queued.add(target);
      const key = templateKey(target);
      const count = perKey.get(key) ?? 0;
      if (count >= perTemplate) {
        notVisited.add(target);
        continue;
      }
      perKey.set(key, count + 1);
      queue.push({ url: target, from: visit.finalUrl });
    }
  }
  return { visits, notVisited: [...notVisited] };
}

const where = (v: Visit) => `${v.url}${v.from ? ` (linked from ${v.from})` : ''}`;

/** Server errors, broken links (4xx) and pages that could not be loaded. */
export function statusFailures(visits: Visit[]): string[] {
  return visits.flatMap((v) => {
    if (v.error) return [`${where(v)}: could not be loaded: ${v.error}`];
    if (v.status === null) return []; // a download
    if (v.status >= 500) return [`${where(v)}: answered ${v.status} (server error)`];
    if (v.status >= 400) return [`${where(v)}: answered ${v.status} (a link to a page this user cannot use)`];
    if (new URL(v.finalUrl).pathname === '/sign-in' && new URL(v.url).pathname !== '/sign-in') return [`${where(v)}: sent a signed-in user to the sign-in page`];
    return [];
  });
}

export function axeFailures(visits: Visit[]): string[] {
  return visits.filter((v) => v.violations.length).map((v) => describeViolations(where(v), v.violations));
}

export function cspFailures(visits: Visit[]): string[] {
  return visits.flatMap((v) => v.problems.csp.map((c) => `${where(v)}: ${c}`));
}

export function browserFailures(visits: Visit[]): string[] {
  return visits.flatMap((v) => [
    ...v.problems.jsErrors.map((e) => `${where(v)}: script error: ${e}`),
    ...v.problems.failedRequests.map((r) => `${where(v)}: ${r}`),
  ]);
}

/** Passes when there is nothing to report; otherwise fails showing every line. */
export function expectNone(failures: string[]): void {
  expect(failures.join('\n\n')).toBe('');
}
