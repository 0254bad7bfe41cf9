/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { JournalEntry } from '../src/ledger/journal-entry.entity';
import { ledgerWorld } from './ledger-world';
import { axeViolations, launchChromium, signInPage } from './support/axe';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(300_000);

/** The manual journal entry form and the add-an-account page (the API had them; the pages were missing). */
describe('finance pages: manual journal entry and adding an account', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    base = t.base;
    w = await ledgerWorld(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('adds an account, refuses an unbalanced entry with both totals, posts a balanced one once even when resubmitted', async () => {
    const b = await t.make.browser(w.lead.user);
    const id = w.enterprise.id;
    await b.get(`/finance/${id}/accounts/new`);
    expect((await b.post(`/finance/${id}/accounts/new`, { code: 'bad code', name: 'X', type: 'EXPENSE' })).status).toBe(422);
    const added = await b.post(`/finance/${id}/accounts/new`, { code: '5450', name: 'Cleaning materials', type: 'EXPENSE' });
    expect(added.status).toBe(303);
    const taken = await b.post(`/finance/${id}/accounts/new`, { code: '5450', name: 'Again', type: 'EXPENSE' });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('There is already an account 5450');

    const page = await b.get(`/finance/${id}/journal/new`);
    expect(page.text).toContain('5450 Cleaning materials');
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.text)![1];
    const form = { idempotencyKey: key, occurredOn: new Date().toISOString().slice(0, 10), description: 'Mop and bucket', 'account-0': '5450', 'debit-0': '12.50', 'credit-0': '', 'account-1': '1100', 'debit-1': '', 'credit-1': '12.00' };
    const unbalanced = await b.post(`/finance/${id}/journal/new`, form);
    expect(unbalanced.status).toBe(422);
    expect(unbalanced.text).toContain('Debits (£12.50) and credits (£12.00) must be equal');
    const ok = { ...form, 'credit-1': '12.50' };
    expect((await b.post(`/finance/${id}/journal/new`, ok)).status).toBe(303);
    expect((await b.post(`/finance/${id}/journal/new`, ok)).status).toBe(303);
    expect(await t.uow.read((em) => em.count(JournalEntry, { where: { enterpriseId: id, idempotencyKey: key } }))).toBe(1);
    const both = await b.post(`/finance/${id}/journal/new`, { ...ok, idempotencyKey: `${key.slice(0, 30)}-other`, 'credit-0': '1.00' });
    expect(both.status).toBe(422);
    expect(both.text).toContain('enter a debit or a credit, not both');
  });

  it('passes axe-core, with errors too', async () => {
    browser = await launchChromium();
    const page = await signInPage(browser, base, w.lead.user.username);
    const found: string[] = [];
    for (const path of [`/finance/${w.enterprise.id}/journal/new`, `/finance/${w.enterprise.id}/accounts/new`, `/finance/${w.enterprise.id}/journal`]) {
      expect((await page.goto(base + path))?.status()).toBe(200);
      found.push(...(await axeViolations(page, base)));
    }
    await page.goto(`${base}/finance/${w.enterprise.id}/journal/new`);
    await page.fill('#description', 'Float top-up');
    await page.selectOption('#account-0', '1000');
    await page.fill('#debit-0', '20');
    await page.selectOption('#account-1', '1100');
    await page.fill('#credit-1', '19.50');
    expect(await page.textContent('[data-running]')).toContain('Not balanced: debits £20.00, credits £19.50, difference £0.50');
    await page.click('button:has-text("Post the entry")');
    expect(page.url()).toContain('/journal/new');
    expect(await t.uow.read((em) => em.count(JournalEntry, { where: { enterpriseId: w.enterprise.id, description: 'Float top-up' } }))).toBe(0);
    found.push(...(await axeViolations(page, base)));
    await page.fill('#credit-1', '20.00');
    expect(await page.textContent('[data-running]')).toContain('Balanced');
    await Promise.all([page.waitForURL(/\/journal$/), page.click('button:has-text("Post the entry")')]);
    expect(await t.uow.read((em) => em.count(JournalEntry, { where: { enterpriseId: w.enterprise.id, description: 'Float top-up' } }))).toBe(1);
    await page.goto(`${base}/finance/${w.enterprise.id}/journal/new`);
    // The server's own refusal (as without JavaScript): form.submit() skips the script's check.
    await Promise.all([page.waitForLoadState('load'), page.evaluate(() => (document.querySelector('form[data-balance]') as HTMLFormElement).submit())]);
    await page.waitForSelector('.nhsuk-error-summary');
    expect(found).toEqual([]);
  });
});
