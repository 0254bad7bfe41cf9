import { median, rate } from './stats';
import { LinkedCounts, suppressColumn, suppressTable, withTotals, type Count } from './suppression';
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

/** Builds linked counts from shown cells, hidden (never shown) cells and lines "a + b = c". */
function linked(cells: Record<string, number>, hiddenCells: Record<string, number>, lines: string[]): Record<string, Count> {
  const l = new LinkedCounts();
  for (const [k, v] of Object.entries(cells)) l.cell(k, v);
  for (const [k, v] of Object.entries(hiddenCells)) l.hiddenCell(k, v);
  for (const line of lines) {
    const [members, total] = line.split('=').map((x) => x.trim());
    l.line(members.split('+').map((x) => x.trim()), total);
  }
  return Object.fromEntries(l.suppress());
}

describe('suppression across the related indicators of one report', () => {
  it.each<[string, Record<string, number>, Record<string, number>, string[], Record<string, Count>]>([
    [
      'in work + not in work = on the wards: a small difference hides the smaller shown count',
      { inWork: 6, onWards: 8 },
      { notInWork: 2 },
      ['inWork + notInWork = onWards'],
      { inWork: '*', onWards: 8 },
    ],
    [
      'a large difference needs nothing hidden',
      { inWork: 6, onWards: 18 },
      { notInWork: 12 },
      ['inWork + notInWork = onWards'],
      { inWork: 6, onWards: 18 },
    ],
    [
      'a hidden count in one indicator is hidden in the other indicator that shares the cell',
      { a: 3, b: 10, t: 13, x: 20, y: 13 },
      {},
      ['a + b = t', 't + x = y'],
      // a hidden -> b hidden (row a + b = t); t itself stays: a and b are both unknown
      { a: '<5', b: '*', t: 13, x: 20, y: 13 },
    ],
    [
      'a difference across two indicators of the same groups: the group and the total line both protect it',
      { inWork1: 6, inWork2: 9, inWorkT: 15, onWards1: 8, onWards2: 9, onWardsT: 17 },
      { not1: 2, not2: 0, notT: 2 },
      ['inWork1 + inWork2 = inWorkT', 'onWards1 + onWards2 = onWardsT', 'not1 + not2 = notT', 'inWork1 + not1 = onWards1', 'inWork2 + not2 = onWards2', 'inWorkT + notT = onWardsT'],
      { inWork1: '*', inWork2: '*', inWorkT: '*', onWards1: 8, onWards2: 9, onWardsT: 17 },
    ],
    [
      'a large unshown count worked out on one line does not reveal a hidden one on another',
      { a: 3, b: 7, c: 40 },
      { r: 30 },
      ['a + r = c', 'a + b = r'],
      // r = c - a is unknown while a is; but a + b = r with r unknown: nothing to derive -> only a hidden
      { a: '<5', b: 7, c: 40 },
    ],
    [
      'a chain: the unshown count follows from one line and then reveals the hidden cell on the next',
      { a: 3, b: 7, c: 40, d: 30 },
      { r: 10 },
      ['r + d = c', 'a + b = r'],
      // r = 40 - 30 = 10 is known, then a = 10 - 7: hide b as well
      { a: '<5', b: '*', c: 40, d: 30 },
    ],
  ])('%s', (_name, cells, hidden, lines, expected) => {
    expect(linked(cells, hidden, lines)).toEqual(expected);
  });

  it('matches the one-table suppression on a plain table', () => {
    const t = withTotals([
      [1, 10],
      [10, 10],
    ]);
    const l = new LinkedCounts();
    t.cells.forEach((r, i) => r.forEach((v, j) => l.cell(`${i}${j}`, v)));
    t.rowTotals.forEach((v, i) => l.cell(`${i}T`, v));
    t.columnTotals.forEach((v, j) => l.cell(`T${j}`, v));
    l.cell('TT', t.total);
    for (const i of ['0', '1', 'T']) l.line([`${i}0`, `${i}1`], `${i}T`);
    for (const j of ['0', '1', 'T']) l.line([`0${j}`, `1${j}`], `T${j}`);
    const s = l.suppress();
    const table = suppressTable(t);
    expect([[s.get('00'), s.get('01')], [s.get('10'), s.get('11')]]).toEqual(table.cells);
  });

  it('refuses a line over a cell it was not given', () => {
    expect(() => new LinkedCounts().cell('a', 1).line(['a'], 'b')).toThrow('no cell b');
  });
});
