import { median, rate } from './stats';
import { suppressColumn, suppressTable, withTotals } from './suppression';
import { monthsOf, parseReportQuery, quarterRange } from './report-query';

describe('suppression of small numbers', () => {
  it.each([
    [0, 0],
    [1, '<5'],
    [4, '<5'],
    [5, 5],
    [12, 12],
  ])('a lone count of %p shows as %p', (n, shown) => {
    // A column of one group and its total: the total equals the cell, so both hide together.
    expect(suppressColumn([n], n)).toEqual({ values: [shown], total: shown });
  });

  it('hides the next smallest cell when the total would reveal the hidden one', () => {
    // 3 + 10 + 12 = 25: with 25 shown, hiding only the 3 would leave it as 25 - 10 - 12.
    expect(suppressColumn([3, 10, 12], 25)).toEqual({ values: ['<5', '*', 12], total: 25 });
  });

  it('needs no secondary suppression when two cells are already hidden', () => {
    expect(suppressColumn([3, 2, 12], 17)).toEqual({ values: ['<5', '<5', 12], total: 17 });
  });

  it('prefers a non-zero cell to a zero one for secondary suppression', () => {
    expect(suppressColumn([0, 4, 9, 20], 33)).toEqual({ values: [0, '<5', '*', 20], total: 33 });
  });

  it('hides the total when nothing else in the line could protect the cell', () => {
    expect(suppressColumn([0, 3], 3)).toEqual({ values: [0, '<5'], total: '<5' });
    expect(suppressColumn([2, 6], 8)).toEqual({ values: ['<5', '*'], total: 8 });
  });

  it('protects both rows and columns of a two-way table', () => {
    const t = suppressTable(withTotals([
      [1, 10, 10],
      [10, 10, 10],
      [10, 10, 10],
    ]));
    // Row 0 total 21 would reveal the 1, and so would column 0's total 21.
    expect(t.cells[0][0]).toBe('<5');
    const hiddenInRow0 = t.cells[0].filter((c) => typeof c !== 'number').length;
    const hiddenInCol0 = t.cells.map((r) => r[0]).filter((c) => typeof c !== 'number').length;
    expect(hiddenInRow0).toBeGreaterThanOrEqual(2);
    expect(hiddenInCol0).toBeGreaterThanOrEqual(2);
    // Every line (row or column, totals included) has either no hidden member or at least two.
    const grid = [...t.cells.map((r, i) => [...r, t.rowTotals[i]]), [...t.columnTotals, t.total]];
    const lines = [...grid, ...grid[0].map((_, j) => grid.map((r) => r[j]))];
    for (const line of lines) expect(line.filter((c) => typeof c !== 'number').length).not.toBe(1);
  });

  it('leaves a table of large counts alone', () => {
    const t = suppressTable(withTotals([[5, 6], [7, 0]]));
    expect(t.cells).toEqual([[5, 6], [7, 0]]);
    expect(t.total).toBe(18);
  });
});

describe('rates and medians', () => {
  it('withholds a rate built on fewer than 5 people when suppressing, not otherwise', () => {
    expect(rate(3, 4, 4, true)).toBeNull();
    expect(rate(3, 4, 4, false)).toBe(0.75);
    expect(rate(4, 5, 5, true)).toBe(0.8);
    expect(rate(1, 0, 10, false)).toBeNull();
  });

  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });
});

describe('report query', () => {
  it('refuses bad dates, a reversed period and an unknown grouping with a code per field', () => {
    const codes = (q: object) => {
      try {
        parseReportQuery(q, '2026-06-30');
        return [];
      } catch (e) {
        return ((e as { details: { field: string; code: string }[] }).details ?? []).map((d) => `${d.field}:${d.code}`);
      }
    };
    expect(codes({ from: '2026-02-30' })).toEqual(['from:INVALID_DATE']);
    expect(codes({ from: '2026-05-01', to: '2026-04-01' })).toEqual(['from:PERIOD_REVERSED']);
    expect(codes({ groupBy: 'patient' })).toEqual(['groupBy:INVALID_GROUP_BY']);
    expect(codes({ from: '2020-01-01', to: '2026-01-01' })).toEqual(['to:PERIOD_TOO_LONG']);
    expect(parseReportQuery({}, '2026-06-30')).toEqual({ from: '2025-07-01', to: '2026-06-30', groupBy: 'site' });
  });

  it('knows quarters and months', () => {
    expect(quarterRange('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(quarterRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterRange('2026-Q5')).toBeNull();
    expect(monthsOf('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
