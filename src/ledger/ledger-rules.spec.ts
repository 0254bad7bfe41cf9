import fc from 'fast-check';
import {
  availableSurplus,
  chainHashOf,
  checkLines,
  contentHashOf,
  entryProblem,
  firstOpenMonthFrom,
  GENESIS_HASH,
  lastDayOfMonth,
  mirrorLines,
  naturalBalance,
  nextMonth,
  normaliseLines,
  type StoredEntry,
  type StoredLine,
} from './ledger-rules';
import { grantEntry, internalContractEntry, purchaseEntry, reserveEntry, spendEntry, takingsEntry, wagesEntry, wagesPaymentEntry } from './money-entries';

const dr = (accountCode: string, debitPence: number) => ({ accountCode, debitPence });
const cr = (accountCode: string, creditPence: number) => ({ accountCode, creditPence });

describe('checkLines', () => {
  it.each([
    ['two balanced lines', [dr('1000', 100), cr('4000', 100)], undefined],
    ['three balanced lines', [dr('1000', 60), dr('1100', 40), cr('4000', 100)], undefined],
    ['no lines', [], 'LEDGER_TOO_FEW_LINES'],
    ['one line', [dr('1000', 100)], 'LEDGER_TOO_FEW_LINES'],
    ['unbalanced lines', [dr('1000', 100), cr('4000', 99)], 'LEDGER_UNBALANCED'],
    ['a line with both sides', [{ accountCode: '1000', debitPence: 5, creditPence: 5 }, dr('1100', 1), cr('4000', 1)], 'LEDGER_LINE_ONE_SIDE'],
    ['a line with neither side', [{ accountCode: '1000' }, dr('1100', 1), cr('4000', 1)], 'LEDGER_LINE_ONE_SIDE'],
    ['a zero debit', [dr('1000', 0), cr('4000', 0)], 'LEDGER_LINE_ONE_SIDE'],
    ['a negative amount', [dr('1000', -5), cr('4000', -5)], 'LEDGER_LINE_ONE_SIDE'],
    ['a fraction of a penny', [dr('1000', 0.5), cr('4000', 0.5)], 'LEDGER_LINE_ONE_SIDE'],
    ['a debit with a zero credit', [{ accountCode: '1000', debitPence: 5, creditPence: 0 }, cr('4000', 5)], undefined],
  ])('%s', (_name, lines, code) => {
    const r = checkLines(lines);
    expect(r.ok).toBe(code === undefined);
    expect(r.code).toBe(code);
  });

  it('reports the difference of an unbalanced entry', () => {
    expect(checkLines([dr('1000', 1000), cr('4000', 750)]).details?.[0]).toMatchObject({ debitPence: 1000, creditPence: 750, differencePence: 250 });
  });

  it('accepts an entry only when its debits equal its credits (property)', () => {
    const line = fc.record({ accountCode: fc.constantFrom('1000', '4000'), debitPence: fc.integer({ min: -5, max: 50 }), creditPence: fc.integer({ min: -5, max: 50 }) }, { requiredKeys: ['accountCode'] });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        const r = checkLines(lines);
        if (r.ok) {
          const n = normaliseLines(lines);
          expect(n.length).toBeGreaterThanOrEqual(2);
          expect(n.reduce((s, l) => s + l.debitPence, 0)).toBe(n.reduce((s, l) => s + l.creditPence, 0));
          for (const l of n) expect((l.debitPence > 0) !== (l.creditPence > 0)).toBe(true);
        }
      }),
    );
  });

  it('keeps a mirrored entry balanced (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1e6 }), { minLength: 1, maxLength: 5 }), (debits) => {
        const total = debits.reduce((a, b) => a + b, 0);
        const lines = normaliseLines([...debits.map((d) => dr('5000', d)), cr('1100', total)]);
        expect(checkLines(mirrorLines(lines)).ok).toBe(true);
        expect(mirrorLines(mirrorLines(lines))).toEqual(lines);
      }),
    );
  });
});

describe('hashes', () => {
  const content = { occurredOn: '2026-03-02', description: 'Takings', source: 'SALE' as const, reversesEntryId: null, lines: normaliseLines([dr('1000', 100), cr('4000', 100)]) };

  it('hashes the same content the same way and any change differently', () => {
    expect(contentHashOf({ ...content })).toBe(contentHashOf(content));
    expect(contentHashOf({ ...content, description: 'Takings ' })).not.toBe(contentHashOf(content));
    expect(contentHashOf({ ...content, occurredOn: '2026-03-03' })).not.toBe(contentHashOf(content));
    expect(contentHashOf({ ...content, lines: normaliseLines([dr('1000', 101), cr('4000', 101)]) })).not.toBe(contentHashOf(content));
    expect(contentHashOf({ ...content, lines: [...content.lines].reverse() })).not.toBe(contentHashOf(content));
  });

  /** A little chain of stored entries, as the poster writes them. */
  function chain(n: number): { entries: StoredEntry[]; lines: Map<string, StoredLine[]> } {
    const entries: StoredEntry[] = [];
    const lines = new Map<string, StoredLine[]>();
    let previousHash = GENESIS_HASH;
    for (let i = 1; i <= n; i++) {
      const ls: StoredLine[] = [
        { lineNo: 1, enterpriseId: 'e', occurredOn: '2026-01-0' + i, accountId: 'a1', accountCode: '1000', debitPence: i * 10, creditPence: 0 },
        { lineNo: 2, enterpriseId: 'e', occurredOn: '2026-01-0' + i, accountId: 'a2', accountCode: '4000', debitPence: 0, creditPence: i * 10 },
      ];
      const c = { occurredOn: '2026-01-0' + i, description: `Entry ${i}`, source: 'MANUAL' as const, reversesEntryId: null, lines: ls.map(({ accountCode, debitPence, creditPence }) => ({ accountCode, debitPence, creditPence })) };
      const base = { id: `id${i}`, enterpriseId: 'e', sequence: i, occurredOn: c.occurredOn, originalOn: null, description: c.description, source: c.source, idempotencyKey: `k${i}`, contentHash: contentHashOf(c), previousHash, reversesEntryId: null, createdByUserId: 'u' };
      const e = { ...base, hash: chainHashOf(previousHash, { ...base, lines: ls }) };
      entries.push(e);
      lines.set(e.id, ls);
      previousHash = e.hash;
    }
    return { entries, lines };
  }

  function firstProblem(entries: StoredEntry[], lines: Map<string, StoredLine[]>): string | null {
    let prev = GENESIS_HASH;
    for (const [i, e] of entries.entries()) {
      if (entryProblem(e, lines.get(e.id) ?? [], i + 1, prev)) return e.id;
      prev = e.hash;
    }
    return null;
  }

  it('finds no problem in a chain as written', () => {
    const { entries, lines } = chain(4);
    expect(firstProblem(entries, lines)).toBeNull();
  });

  it.each([
    ['an amount', (c: ReturnType<typeof chain>) => (c.lines.get('id2')![0].debitPence = 999), 'id2'],
    ['a description', (c: ReturnType<typeof chain>) => (c.entries[2].description = 'x'), 'id3'],
    ['a date', (c: ReturnType<typeof chain>) => (c.entries[1].occurredOn = '2020-01-01'), 'id2'],
    ['a line date', (c: ReturnType<typeof chain>) => (c.lines.get('id4')![1].occurredOn = '2020-01-01'), 'id4'],
    ['a missing line', (c: ReturnType<typeof chain>) => c.lines.get('id1')!.pop(), 'id1'],
    ['a deleted entry', (c: ReturnType<typeof chain>) => c.entries.splice(1, 1), 'id3'],
    ['a recomputed content hash', (c: ReturnType<typeof chain>) => (c.entries[0].contentHash = contentHashOf({ occurredOn: '2026-01-01', description: 'Entry 1', source: 'MANUAL', reversesEntryId: null, lines: [] })), 'id1'],
    ['an account moved', (c: ReturnType<typeof chain>) => (c.lines.get('id3')![0].accountId = 'a9'), 'id3'],
  ])('finds a changed %s', (_name, tamper, bad) => {
    const c = chain(4);
    tamper(c);
    expect(firstProblem(c.entries, c.lines)).toBe(bad);
  });
});

describe('periods', () => {
  it('steps months across a year end', () => {
    expect(nextMonth('2025-12')).toBe('2026-01');
    expect(nextMonth('2026-01')).toBe('2026-02');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2026-12')).toBe('2026-12-31');
  });

  it('finds the first open month after closed ones', () => {
    expect(firstOpenMonthFrom('2025-11', new Set(['2025-11', '2025-12', '2026-02']))).toBe('2026-01');
    expect(firstOpenMonthFrom('2025-10', new Set(['2025-11']))).toBe('2025-10');
  });
});

describe('balances and surplus', () => {
  it('reads balances on the natural side of each account type', () => {
    expect(naturalBalance('ASSET', 100, 30)).toBe(70);
    expect(naturalBalance('EXPENSE', 100, 30)).toBe(70);
    expect(naturalBalance('INCOME', 30, 100)).toBe(70);
    expect(naturalBalance('LIABILITY', 30, 100)).toBe(70);
    expect(naturalBalance('EQUITY', 30, 100)).toBe(70);
  });

  it('counts reserved amounts out of the surplus available', () => {
    expect(availableSurplus(100000, 0)).toBe(100000);
    expect(availableSurplus(100000, -40000)).toBe(60000);
  });
});

describe('everyday money entries', () => {
  const codes = (e: { lines: { accountCode: string; debitPence?: number; creditPence?: number }[] }) => e.lines.map((l) => `${l.debitPence ? 'Dr' : 'Cr'} ${l.accountCode}`);

  it.each([
    ['cash takings', takingsEntry('CASH', 100), ['Dr 1000', 'Cr 4000']],
    ['card takings', takingsEntry('CARD', 100), ['Dr 1100', 'Cr 4000']],
    ['stock from the till', purchaseEntry('COST_OF_GOODS', 'CASH', 100, 'Milk'), ['Dr 5000', 'Cr 1000']],
    ['equipment from the bank', purchaseEntry('EQUIPMENT', 'BANK', 100, 'Mower'), ['Dr 5200', 'Cr 1100']],
    ['other costs', purchaseEntry('OTHER', 'BANK', 100, 'Signs'), ['Dr 5900', 'Cr 1100']],
    ['an internal contract', internalContractEntry(100, 'Laundry'), ['Dr 1100', 'Cr 4100']],
    ['a grant', grantEntry(100, 'Charity'), ['Dr 1100', 'Cr 4200']],
    ['wages owed', wagesEntry(100, '2026-03-09'), ['Dr 5100', 'Cr 2100']],
    ['wages paid', wagesPaymentEntry(100, '2026-03-09'), ['Dr 2100', 'Cr 1100']],
    ['a reinvestment approved', reserveEntry(100, 'Till'), ['Dr 3000', 'Cr 3100']],
    ['a reinvestment spent', spendEntry(100, '5200', '1100', 'Till'), ['Dr 3100', 'Cr 3000', 'Dr 5200', 'Cr 1100']],
  ])('%s', (_name, entry, expected) => {
    expect(codes(entry)).toEqual(expected);
    expect(checkLines(entry.lines).ok).toBe(true);
  });
});
