import fc from 'fast-check';
import { JournalEntry } from '../src/ledger/journal-entry.entity';
import { JournalLine } from '../src/ledger/journal-line.entity';
import { ledgerWorld, makeEnterprise } from './ledger-world';
import { createTestApp, TestApp } from './support/test-app';

type Line = { accountCode: string; debitPence?: number; creditPence?: number };

const CODES = ['1000', '1100', '2100', '4000', '5000', '5900'];
const code = fc.constantFrom(...CODES);
const amount = fc.integer({ min: 1, max: 1_000_000 });

/** Balanced by construction: debits, then the same total split across credits. */
const balanced: fc.Arbitrary<Line[]> = fc
  .tuple(fc.array(fc.tuple(code, amount), { minLength: 1, maxLength: 4 }), fc.array(code, { minLength: 1, maxLength: 4 }), fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }))
  .map(([debits, creditCodes, weights]) => {
    const total = debits.reduce((s, [, a]) => s + a, 0);
    const lines: Line[] = debits.map(([c, a]) => ({ accountCode: c, debitPence: a }));
    let left = total;
    creditCodes.forEach((c, i) => {
      const share = i === creditCodes.length - 1 ? left : Math.min(left - (creditCodes.length - 1 - i), Math.max(1, Math.floor((total * weights[i]) / creditCodes.length)));
      left -= share;
      lines.push({ accountCode: c, creditPence: share });
    });
    return lines;
  })
  .filter((lines) => lines.every((l) => (l.debitPence ?? l.creditPence ?? 0) > 0));

/** Anything: unbalanced, one line, both sides, zero, unknown or closed accounts. */
const anyLine: fc.Arbitrary<Line> = fc.record(
  { accountCode: fc.constantFrom(...CODES, '9999', '7000'), debitPence: fc.integer({ min: 0, max: 5000 }), creditPence: fc.integer({ min: 0, max: 5000 }) },
  { requiredKeys: ['accountCode'] },
);
const anything = fc.array(anyLine, { minLength: 0, maxLength: 5 });

const day = fc.integer({ min: 1, max: 28 }).map((d) => `2025-0${(d % 6) + 1}-${String(d).padStart(2, '0')}`);

/**
 * Property tests through the API: every accepted entry balances; every refused one leaves the
 * ledger exactly as it was (row counts and the verified chain).
 */
describe('ledger: properties', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof ledgerWorld>>;
  let enterpriseId: string;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    w = await ledgerWorld(t);
    enterpriseId = (await makeEnterprise(t, w.site.id, w.lead.user.id)).enterprise.id;
    // A closed account and a closed month, so refusals of every kind come up.
    await t.http().post(`/api/enterprises/${enterpriseId}/accounts`).set(w.lead.auth).send({ code: '7000', name: 'Old account', type: 'EXPENSE' }).expect(201);
    await t.http().post(`/api/enterprises/${enterpriseId}/accounts/7000/close`).set(w.lead.auth).expect(200);
    await t.http().post(`/api/enterprises/${enterpriseId}/periods/2025-03/close`).set(w.lead.auth).expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  const state = async () => {
    const [entries, lines] = await t.uow.read(async (em) => [await em.count(JournalEntry, { where: { enterpriseId } }), await em.count(JournalLine, { where: { enterpriseId } })]);
    const verify = (await t.http().get(`/api/enterprises/${enterpriseId}/ledger/verify`).set(w.lead.auth).expect(200)).body;
    return { entries, lines, verify };
  };

  it('accepts only balanced entries, and a refused entry changes nothing', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(balanced, anything), day, async (lines, occurredOn) => {
        const before = await state();
        const res = await t.http().post(`/api/enterprises/${enterpriseId}/journal-entries`).set(w.lead.auth).send({ idempotencyKey: `p-${seq++}`, occurredOn, description: 'property', lines });
        const after = await state();
        expect(after.verify.valid).toBe(true);
        if (res.status === 201) {
          accepted++;
          const body = res.body as { lines: { debitPence: number; creditPence: number }[] };
          expect(body.lines.length).toBeGreaterThanOrEqual(2);
          for (const l of body.lines) expect((l.debitPence > 0) !== (l.creditPence > 0)).toBe(true);
          expect(body.lines.reduce((s, l) => s + l.debitPence, 0)).toBe(body.lines.reduce((s, l) => s + l.creditPence, 0));
          expect(after).toEqual({ entries: before.entries + 1, lines: before.lines + lines.length, verify: { valid: true, entries: before.entries + 1 } });
        } else {
          refused++;
          expect([409, 422]).toContain(res.status);
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 120 },
    );
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
    const tb = (await t.http().get(`/api/enterprises/${enterpriseId}/trial-balance?on=2025-12-31`).set(w.lead.auth).expect(200)).body;
    expect(tb.totalDebitPence).toBe(tb.totalCreditPence);
  });

  it('answers a retry of any accepted entry with the original and any changed retry with 409', async () => {
    await fc.assert(
      fc.asyncProperty(balanced, fc.integer({ min: 1, max: 28 }), async (lines, d) => {
        const body = { idempotencyKey: `r-${seq++}`, occurredOn: `2025-04-${String(d).padStart(2, '0')}`, description: 'retry', lines };
        const first = await t.http().post(`/api/enterprises/${enterpriseId}/journal-entries`).set(w.lead.auth).send(body).expect(201);
        const before = await state();
        const again = await t.http().post(`/api/enterprises/${enterpriseId}/journal-entries`).set(w.lead.auth).send(body).expect(200);
        expect(again.body).toEqual(first.body);
        const changed = { ...body, lines: [{ ...lines[0], accountCode: lines[0].accountCode === '1000' ? '1100' : '1000' }, ...lines.slice(1)] };
        await t.http().post(`/api/enterprises/${enterpriseId}/journal-entries`).set(w.lead.auth).send(changed).expect(409);
        expect(await state()).toEqual(before);
      }),
      { numRuns: 25 },
    );
  });
});
