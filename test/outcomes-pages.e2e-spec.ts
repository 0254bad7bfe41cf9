import type { Browser, Page } from 'playwright-core';
import { addDays, londonDate } from '../src/common/dates';
import type { OutcomesReport } from '../src/outcomes/outcomes.types';
import { axeViolations, launchChromium, signInPage } from './support/axe';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO_TEST_PASSWORD } from './support/test-db';

jest.setTimeout(300_000);

const DEMO_PASSWORD = DEMO_TEST_PASSWORD;

/** The outcome pages on the demo data: a year of outcomes, charts with tables, print and PDF, axe-core clean. */
describe('outcomes: pages and demo data', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp({}, { data: 'demo' });
    base = t.base;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const signIn = (username: string): Promise<Page> => signInPage(browser, base, username, DEMO_PASSWORD);

  const violations = (page: Page): Promise<string[]> => axeViolations(page, base);

  it('the demo data shows a year of outcomes: work every month, progressions to each outcome, money', async () => {
    const browserAgent = await t.make.browser('admin', DEMO_PASSWORD);
    const to = londonDate();
    const from = addDays(addDays(to, 1), -365);
    const res = await browserAgent.agent.get(`/api/reports/outcomes?from=${from}&to=${to}&groupBy=enterprise`).expect(200);
    const r = res.body as OutcomesReport;
    expect(r.monthly.length).toBeGreaterThanOrEqual(12);
    const full = r.monthly.slice(1, -1); // the first and last months are part months
    expect(full.every((m) => typeof m.shiftsAttended === 'number' && m.shiftsAttended > 0)).toBe(true);
    expect(full.every((m) => m.incomePence > 0)).toBe(true);
    const col = (k: string) => r.endingsByReason.columns.findIndex((c) => c.key === k);
    for (const k of ['PROGRESSED_EMPLOYMENT', 'PROGRESSED_EDUCATION', 'PROGRESSED_TRAINING', 'PROGRESSED_VOLUNTEERING']) expect(r.endingsByReason.totals[col(k)]).toBeGreaterThan(0);
    expect(r.total.progression.progressions).toBeGreaterThanOrEqual(5);
    expect(r.equity.gender.find((g) => g.key === '1')!.patientsOnWards).toBeGreaterThan(0);
    expect(r.cancellationsByReason.total).not.toBe(0);
  });

  it('as an admin and as a commissioner: the dashboard and the quarterly report pass axe-core', async () => {
    const found: string[] = [];
    const visits: [string, string[]][] = [
      ['admin', ['/reports/outcomes?groupBy=ward', '/reports/outcomes?from=2026-02-30', '/reports/quarterly']],
      ['commissioner', ['/reports/outcomes?groupBy=enterprise', '/reports/quarterly?quarter=2026-Q9']],
    ];
    for (const [username, paths] of visits) {
      const page = await signIn(username);
      for (const path of paths) {
        const res = await page.goto(base + path);
        expect([200, 400]).toContain(res?.status());
        found.push(...(await violations(page)));
      }
    }
    expect(found).toEqual([]);
  });

  it('each chart is an image with a title and description, followed by its data table', async () => {
    const page = await signIn('commissioner');
    await page.goto(base + '/reports/outcomes');
    const charts = await page.$$eval('figure.ww-chart svg[role="img"]', (svgs) => svgs.map((s) => ({ title: s.querySelector('title')?.textContent ?? '', desc: s.querySelector('desc')?.textContent ?? '', table: !!s.closest('figure')?.nextElementSibling?.querySelector('table') })));
    expect(charts.length).toBeGreaterThanOrEqual(5);
    for (const c of charts) {
      expect(c.title).not.toBe('');
      expect(c.desc).toMatch(/by month/);
      expect(c.table).toBe(true);
    }
    expect(await page.textContent('body')).toContain('are shown as "<5"');
  });

  it('the invalid filters show an error summary; the quarterly report prints without navigation and downloads as a PDF', async () => {
    const agent = await t.make.browser('commissioner', DEMO_PASSWORD);
    const bad = await agent.agent.get('/reports/outcomes?from=2026-02-30&groupBy=galaxy');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('nhsuk-error-summary');
    const css = await agent.agent.get('/reports/outcomes.css').expect(200);
    expect(css.text).toContain('@media print');
    const pdf = await agent.agent.get('/reports/quarterly.pdf?quarter=2026-Q3').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    await agent.agent.get('/reports/quarterly.pdf?quarter=2026-Q9').expect(400);
  });
});
