/**
 * Small-number suppression for aggregates that leave the service (commissioners, exports):
 * counts from 1 to 4 show as "<5" (primary suppression), and where a row or column total
 * would let a reader work a hidden cell out from the visible ones, the next smallest cell of
 * that line is hidden too (secondary suppression, shown as "*"). Zero is shown: it reveals no
 * one. NHS Digital's small numbers guidance; ONS disclosure control.
 */
export type Count = number | '<5' | '*';

export const SMALL = 5;
export const PRIMARY = '<5' as const;
export const SECONDARY = '*' as const;

export const isSmall = (n: number): boolean => n > 0 && n < SMALL;

/** A table of counts with its row totals, column totals and grand total (as given: a total of distinct people need not be the sum of its cells). */
export interface CountTable {
  cells: number[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
}

export interface SuppressedTable {
  cells: Count[][];
  rowTotals: Count[];
  columnTotals: Count[];
  total: Count;
}

/** Sums of a matrix of counts, for tables whose totals are the sums of their cells. */
export function withTotals(cells: number[][], columns?: number): CountTable {
  const width = columns ?? cells[0]?.length ?? 0;
  const rowTotals = cells.map((r) => r.reduce((s, v) => s + v, 0));
  const columnTotals = Array.from({ length: width }, (_, j) => cells.reduce((s, r) => s + (r[j] ?? 0), 0));
  return { cells, rowTotals, columnTotals, total: rowTotals.reduce((s, v) => s + v, 0) };
}

/**
 * Suppresses a table. The table is read as a grid of (rows + 1) x (columns + 1) numbers, the
 * last row being the column totals and the last column the row totals; every row and every
 * column of that grid is a "line" whose members add up. A line with exactly one hidden member
 * gives it away, so another member is hidden: the smallest visible cell (non-zero first, since
 * hiding a zero protects little), or the line's total when no cell is left.
 */
export function suppressTable(t: CountTable): SuppressedTable {
  const R = t.cells.length;
  const C = t.columnTotals.length;
  const grid: number[][] = [...t.cells.map((r, i) => [...r, t.rowTotals[i]]), [...t.columnTotals, t.total]];
  const hidden: ('P' | 'S' | null)[][] = grid.map((r) => r.map((v) => (isSmall(v) ? 'P' : null)));
  const lines: [number, number][][] = [];
  for (let i = 0; i <= R; i++) lines.push(Array.from({ length: C + 1 }, (_, j) => [i, j] as [number, number]));
  for (let j = 0; j <= C; j++) lines.push(Array.from({ length: R + 1 }, (_, i) => [i, j] as [number, number]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.length < 2) continue;
      const hiddenMembers = line.filter(([i, j]) => hidden[i][j]);
      if (hiddenMembers.length !== 1) continue;
      const total = line[line.length - 1];
      const candidates = line
        .slice(0, -1)
        .filter(([i, j]) => !hidden[i][j])
        .sort(([a, b], [c, d]) => rank(grid[a][b]) - rank(grid[c][d]));
      const pick = candidates[0] ?? (hidden[total[0]][total[1]] ? undefined : total);
      if (!pick) continue;
      hidden[pick[0]][pick[1]] = 'S';
      changed = true;
    }
  }
  const show = (i: number, j: number): Count => (hidden[i][j] === 'P' ? PRIMARY : hidden[i][j] === 'S' ? SECONDARY : grid[i][j]);
  return {
    cells: t.cells.map((r, i) => r.map((_, j) => show(i, j))),
    rowTotals: t.rowTotals.map((_, i) => show(i, C)),
    columnTotals: t.columnTotals.map((_, j) => show(R, j)),
    total: show(R, C),
  };
}

/** Zero sorts last: hiding a zero protects little, so a non-zero cell is chosen first. */
const rank = (v: number) => (v === 0 ? Number.MAX_SAFE_INTEGER : v);

/** One column of counts by group with its total (a one-column table). */
export function suppressColumn(values: number[], total: number): { values: Count[]; total: Count } {
  const s = suppressTable({ cells: values.map((v) => [v]), rowTotals: values, columnTotals: [total], total });
  // In a one-column table the row totals are the cells themselves: hide a cell if either is.
  return { values: s.cells.map((r, i) => worst(r[0], s.rowTotals[i])), total: worst(s.columnTotals[0], s.total) };
}

const worst = (a: Count, b: Count): Count => (a === PRIMARY || b === PRIMARY ? PRIMARY : a === SECONDARY || b === SECONDARY ? SECONDARY : a);

/** Leaves the numbers as they are (the in-service manager view). */
export function plainTable(t: CountTable): SuppressedTable {
  return { cells: t.cells.map((r) => [...r]), rowTotals: [...t.rowTotals], columnTotals: [...t.columnTotals], total: t.total };
}

/** A count shown as text: "<5", "*" or the number. */
export function countText(c: Count | null | undefined): string {
  if (c === null || c === undefined) return '';
  return typeof c === 'number' ? String(c) : c;
}

/**
 * Suppression across the related indicators of one report. Counts are cells named by key; a
 * line says that its last member is the sum of the others (a column of groups and its total,
 * a row of a breakdown and the indicator it adds up to, patients in work plus patients not in
 * work = patients on the wards). A cell can be in any number of lines, and so in several
 * indicators and tables at once: hiding it hides it everywhere, so no count hidden in one
 * indicator can be worked out by subtracting across the others.
 *
 * Some cells are never shown (`virtual`, e.g. patients not in work) but can be worked out from
 * those that are; a small one is protected like a shown one. The rule, repeated until nothing
 * changes: work out every cell that can be (a line with exactly one unknown member gives it);
 * if that reveals a hidden cell or a small unshown one, hide one more shown member of that
 * line, the smallest (non-zero first), or the line's total when no other is left.
 */
export class LinkedCounts {
  private readonly values = new Map<string, number>();
  private readonly virtual = new Set<string>();
  private readonly lines: string[][] = [];

  /** A shown count. */
  cell(key: string, value: number): this {
    this.values.set(key, value);
    return this;
  }

  /** A count that is not shown but follows from shown ones. */
  hiddenCell(key: string, value: number): this {
    this.values.set(key, value);
    this.virtual.add(key);
    return this;
  }

  /** `total` is the sum of `members` (all cells already given). */
  line(members: string[], total: string): this {
    for (const k of [...members, total]) if (!this.values.has(k)) throw new Error(`no cell ${k}`);
    if (members.length) this.lines.push([...members, total]);
    return this;
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  value(key: string): number {
    const v = this.values.get(key);
    if (v === undefined) throw new Error(`no cell ${key}`);
    return v;
  }

  /** Every shown cell as it may be shown: the number, "<5" or "*". */
  suppress(): Map<string, Count> {
    const hidden = new Map<string, typeof PRIMARY | typeof SECONDARY>();
    for (const [k, v] of this.values) if (!this.virtual.has(k) && isSmall(v)) hidden.set(k, PRIMARY);
    const sensitive = (k: string) => hidden.has(k) || (this.virtual.has(k) && isSmall(this.values.get(k)!));
    for (let changed = true; changed; ) {
      changed = false;
      const known = new Set([...this.values.keys()].filter((k) => !this.virtual.has(k) && !hidden.has(k)));
      for (let progress = true; progress && !changed; ) {
        progress = false;
        for (const line of this.lines) {
          const unknown = line.filter((k) => !known.has(k));
          if (unknown.length !== 1) continue;
          if (!sensitive(unknown[0])) {
            known.add(unknown[0]); // a large count not shown: working it out reveals no one
            progress = true;
            continue;
          }
          const total = line[line.length - 1];
          const shown = (k: string) => !this.virtual.has(k) && !hidden.has(k);
          const candidates = line
            .slice(0, -1)
            .filter(shown)
            .sort((a, b) => rank(this.values.get(a)!) - rank(this.values.get(b)!));
          const pick = candidates[0] ?? (shown(total) ? total : undefined);
          if (!pick) continue;
          hidden.set(pick, SECONDARY);
          changed = true;
          break;
        }
      }
    }
    const out = new Map<string, Count>();
    for (const [k, v] of this.values) if (!this.virtual.has(k)) out.set(k, hidden.get(k) ?? v);
    return out;
  }

  /** The cells as they are (the in-service view). */
  plain(): Map<string, Count> {
    const out = new Map<string, Count>();
    for (const [k, v] of this.values) if (!this.virtual.has(k)) out.set(k, v);
    return out;
  }
}
