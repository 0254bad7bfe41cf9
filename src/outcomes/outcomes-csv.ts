import { toCsv } from '../ledger/csv';
import type { GroupIndicators, OutcomesReport, ReportTable } from './outcomes.types';
import type { Count } from './suppression';

type Cell = Count | null;

/**
 * The report as a tidy CSV: one figure per line (section, group, measure, value), so it loads
 * into a spreadsheet or a statistics package as it is. Blank = not shown (a rate on fewer than
 * 5 people) or not applicable; "<5" and "*" = suppressed.
 */
export function outcomesCsv(r: OutcomesReport): string {
  const out: (string | number | null)[][] = [];
  const add = (section: string, group: string, measure: string, value: Cell) => out.push([r.from, r.to, r.groupBy, section, group, measure, value]);
  const indicators = (g: GroupIndicators) => {
    for (const area of ['engagement', 'work', 'pay', 'skills', 'progression', 'money'] as const) {
      for (const [measure, value] of Object.entries(g[area])) add(area, g.name, measure, value as Cell);
    }
  };
  r.groups.forEach(indicators);
  indicators(r.total);
  const table = (section: string, t: ReportTable) => {
    for (const row of t.rows) {
      t.columns.forEach((c, j) => add(section, row.name, c.key, row.cells[j]));
      add(section, row.name, 'total', row.total);
    }
    t.columns.forEach((c, j) => add(section, 'All', c.key, t.totals[j]));
    add(section, 'All', 'total', t.total);
  };
  table('cancellationsByReason', r.cancellationsByReason);
  table('endingsByReason', r.endingsByReason);
  table('outsideStartsByKind', r.outsideStartsByKind);
  table('capOverridesByCap', r.capOverridesByCap);
  for (const [dim, rows] of Object.entries(r.equity)) {
    for (const row of rows) {
      for (const [measure, value] of Object.entries(row)) if (measure !== 'key' && measure !== 'label') add(`equity.${dim}`, row.label, measure, value as Cell);
    }
  }
  for (const m of r.monthly) {
    for (const [measure, value] of Object.entries(m)) if (measure !== 'month') add('monthly', m.month, measure, value as Cell);
  }
  return toCsv(['from', 'to', 'groupBy', 'section', 'group', 'measure', 'value'], out);
}
