import { allocateRefund, checkPayments, movingAverageCost, sessionEntryLines, sessionTotals } from './till-rules';

describe('till rules', () => {
  it.each([
    ['exact cash', 500, [{ method: 'CASH', amountPence: 500 }], 0, null],
    ['cash with change', 430, [{ method: 'CASH', amountPence: 1000 }], 570, null],
    ['card and cash with change from the cash', 1000, [{ method: 'CARD', amountPence: 600 }, { method: 'CASH', amountPence: 500 }], 100, null],
    ['short', 1000, [{ method: 'CARD', amountPence: 999 }], 0, 'PAYMENT_SHORT'],
    ['card over the total', 1000, [{ method: 'CARD', amountPence: 1200 }], 0, 'CHANGE_NOT_CASH'],
    ['change larger than the cash', 1000, [{ method: 'CARD', amountPence: 900 }, { method: 'CASH', amountPence: 50 }, { method: 'RECHARGE', amountPence: 200 }], 0, 'CHANGE_NOT_CASH'],
  ] as const)('%s', (_name, total, payments, change, code) => {
    const r = checkPayments(total, payments);
    expect(r.problem?.code ?? null).toBe(code);
    if (!code) expect(r.changePence).toBe(change);
  });

  it('pays a refund back cash first, then by the other methods in order, never more than each holds', () => {
    const parts = [
      { method: 'CARD' as const, remainingPence: 300, ref: 'card' },
      { method: 'CASH' as const, remainingPence: 200, ref: 'cash' },
    ];
    expect(allocateRefund(250, parts)).toEqual([
      { method: 'CASH', amountPence: 200, ref: 'cash' },
      { method: 'CARD', amountPence: 50, ref: 'card' },
    ]);
    expect(() => allocateRefund(501, parts)).toThrow();
  });

  it('keeps a moving average cost, rounded half up; from empty or negative stock the new cost', () => {
    expect(movingAverageCost(10, 100, 10, 200)).toBe(150);
    expect(movingAverageCost(2, 100, 1, 101)).toBe(100);
    expect(movingAverageCost(1, 100, 1, 101)).toBe(101);
    expect(movingAverageCost(0, 999, 5, 40)).toBe(40);
    expect(movingAverageCost(-2, 999, 5, 40)).toBe(40);
  });

  it('builds one balanced entry: takings by method, income by account, COGS, cash in/out to the bank, difference to over/short', () => {
    const totals = sessionTotals({
      openingFloatPence: 2000,
      sales: [
        { kind: 'SALE', changePence: 70, lines: [{ quantity: 2, unitPricePence: 215, unitCostPence: 100, incomeAccountCode: '4000' }], payments: [{ method: 'CASH', amountPence: 500 }] },
        { kind: 'SALE', changePence: 0, lines: [{ quantity: 1, unitPricePence: 900, unitCostPence: 0, incomeAccountCode: '4100' }], payments: [{ method: 'RECHARGE', amountPence: 900 }] },
        { kind: 'REFUND', changePence: 0, lines: [{ quantity: 1, unitPricePence: 215, unitCostPence: 100, incomeAccountCode: '4000' }], payments: [{ method: 'CASH', amountPence: 215 }] },
      ],
      cashMovements: [{ kind: 'OUT', amountPence: 100 }],
    });
    expect(totals.expectedCashPence).toBe(2000 + 430 - 215 - 100);
    const lines = sessionEntryLines(totals, totals.expectedCashPence - 5);
    expect(lines).toEqual([
      { accountCode: '1000', debitPence: 430 - 215 - 100 - 5 },
      { accountCode: '1300', debitPence: 900 },
      { accountCode: '4000', creditPence: 215 },
      { accountCode: '4100', creditPence: 900 },
      { accountCode: '5000', debitPence: 100 },
      { accountCode: '1200', creditPence: 100 },
      { accountCode: '1100', debitPence: 100 },
      { accountCode: '5950', debitPence: 5 },
    ]);
    const sum = (k: 'debitPence' | 'creditPence') => lines.reduce((s, l) => s + (l[k] ?? 0), 0);
    expect(sum('debitPence')).toBe(sum('creditPence'));
  });

  it('posts nothing for a session where nothing moved and the count is right', () => {
    expect(sessionEntryLines(sessionTotals({ openingFloatPence: 1000, sales: [], cashMovements: [] }), 1000)).toEqual([]);
  });
});
