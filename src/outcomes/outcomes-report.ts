import { CANCELLATION_REASONS } from '../rota/rota.types';
import { END_REASONS } from '../recruitment/recruitment.types';
import { ageBand, AGE_BANDS, ETHNIC_CATEGORIES, STATED_GENDERS } from './demographics.types';
import { PROGRESSED_REASONS, type DemographicRow, type Key, type OutcomeRows } from './outcomes.repository';
import type { EquityRow, GroupIndicators, MonthPoint, OutcomesReport, ReportTable } from './outcomes.types';
import { monthsOf, type ReportQuery } from './report-query';
import { guarded, median, rate } from './stats';
import { type Count, LinkedCounts } from './suppression';

export const NO_GROUP = '-';
const NO_GROUP_NAMES = { site: 'No site', ward: 'Not on a ward', securityLevel: 'Not on a ward', enterprise: 'Not linked to an enterprise' } as const;

export const END_REASON_LABELS: Record<string, string> = {
  PROGRESSED_EMPLOYMENT: 'Progressed to employment',
  PROGRESSED_EDUCATION: 'Progressed to education',
  PROGRESSED_TRAINING: 'Progressed to training',
  PROGRESSED_VOLUNTEERING: 'Progressed to volunteering',
  DISCHARGED: 'Discharged',
  TRANSFERRED: 'Transferred',
  RESIGNED: 'Resigned',
  CLINICAL: 'Ended for clinical reasons',
};
export const CANCELLATION_LABELS: Record<string, string> = {
  WARD_INCIDENT: 'Ward incident',
  LEAVE_SUSPENDED: 'Leave suspended',
  WARD_ROUND: 'Ward round',
  ENTERPRISE_CLOSED: 'Enterprise closed',
  OTHER: 'Other',
};

/** Starts outside the hospital (employment support), as the IPS outcomes count them. */
export const OUTSIDE_START_KINDS = ['JOB', 'EDUCATION', 'TRAINING', 'VOLUNTEERING'] as const;
export const OUTSIDE_START_LABELS: Record<string, string> = { JOB: 'Job starts (after 4 hours of paid work)', EDUCATION: 'Education starts', TRAINING: 'Training starts', VOLUNTEERING: 'Volunteering starts' };

const keyOf = (k: Key) => (k === null || k === undefined ? NO_GROUP : String(k));

/**
 * Builds the outcomes report from the aggregate rows. With `suppress` (commissioners and every
 * export) counts of 1-4 show as "<5", and secondary suppression ("*") runs across the whole
 * report at once (LinkedCounts): down each indicator's column of groups, across each breakdown
 * table, and between related indicators -- patients in work and patients on the wards (whose
 * difference is a count too), the endings table and the endings and progressions indicators,
 * the cancellations table and cancelled shifts, the months and the period's totals, each equity
 * breakdown and the report's totals -- so no hidden count can be worked out by subtracting
 * one indicator from another. Rates are not shown when a count they are built from is hidden,
 * and rates, medians and pay built on fewer than 5 people are not shown. Without `suppress`
 * (the in-service manager view) the numbers are as counted; there are never names or ids of
 * patients either way.
 */
export function buildReport(rows: OutcomeRows, q: ReportQuery, suppress: boolean): OutcomesReport {
  // The groups: every known one, then any group the data names that is not known (a record with no group).
  const names = new Map(rows.names.map((n) => [n.k, n.name]));
  const seen = new Set<string>();
  const collect = (list: { k: Key }[]) => list.forEach((r) => seen.add(keyOf(r.k)));
  [rows.engagement, rows.newPlacements, rows.work, rows.cancellations, rows.overrides, rows.skillsVerified, rows.credentialsIssued, rows.referencesApproved, rows.sustained, rows.endings, rows.outsideStarts, rows.money, rows.proposals, rows.daysToFirst, rows.workerPay].forEach(collect);
  const keys = [...names.keys()].sort((a, b) => names.get(a)!.localeCompare(names.get(b)!));
  for (const k of seen) if (!names.has(k)) keys.push(k);
  const nameOf = (k: string) => names.get(k) ?? (k === NO_GROUP ? NO_GROUP_NAMES[q.groupBy] : k);
  const index = new Map(keys.map((k, i) => [k, i]));

  const byGroup = <T extends { k: Key }>(list: T[], pick: (r: T) => number): number[] => {
    const out = keys.map(() => 0);
    for (const r of list) out[index.get(keyOf(r.k))!] += pick(r);
    return out;
  };
  const sum = (xs: number[]) => xs.reduce((s, v) => s + v, 0);

  // ---- every count of the report, and how they add up ----
  const L = new LinkedCounts();
  const at = (name: string, i: number | 'T') => `${name}:${i}`;
  /** An indicator by group with its total: a column line (and a hidden column for one that is never shown). */
  const column = (name: string, values: number[], total = sum(values), shown = true) => {
    values.forEach((v, i) => (shown ? L.cell(at(name, i), v) : L.hiddenCell(at(name, i), v)));
    if (shown) L.cell(at(name, 'T'), total);
    else L.hiddenCell(at(name, 'T'), total);
    L.line(values.map((_, i) => at(name, i)), at(name, 'T'));
  };
  /** `part + rest = whole` in every group and in the total, where `rest` is never shown. */
  const split = (part: string, rest: string, whole: string, partValues: number[], wholeValues: number[], partTotal: number, wholeTotal: number) => {
    if (wholeValues.some((w, i) => w < partValues[i]) || wholeTotal < partTotal) return;
    column(rest, wholeValues.map((w, i) => w - partValues[i]), wholeTotal - partTotal, false);
    for (const i of [...keys.keys(), 'T' as const]) L.line([at(part, i), at(rest, i)], at(whole, i));
  };
  /** The key of an indicator's total when a breakdown adds up to it, otherwise a total of the breakdown's own (not shown). */
  const totalKey = (name: string, own: string, value: number) => {
    if (L.has(at(name, 'T')) && L.value(at(name, 'T')) === value) return at(name, 'T');
    L.hiddenCell(own, value);
    return own;
  };

  const enterprise = q.groupBy === 'enterprise';
  const eng = rows.engagement;
  const engTotal = rows.engagementTotal[0] ?? { onWards: enterprise ? null : 0, inWork: 0 };
  const onWards = byGroup(eng, (r) => r.onWards ?? 0);
  const inWork = byGroup(eng, (r) => r.inWork);
  column('inWork', inWork, engTotal.inWork);
  if (!enterprise) {
    column('onWards', onWards, engTotal.onWards ?? 0);
    split('inWork', 'notInWork', 'onWards', inWork, onWards, engTotal.inWork, engTotal.onWards ?? 0);
  }
  const newPlacements = byGroup(rows.newPlacements, (r) => r.n);
  const firstDays = keys.map((k) => rows.daysToFirst.filter((r) => keyOf(r.k) === k).map((r) => r.days));
  const first = firstDays.map((d) => d.length);
  column('newPlacements', newPlacements);
  column('firstPlacements', first);
  split('firstPlacements', 'laterPlacements', 'newPlacements', first, newPlacements, sum(first), sum(newPlacements));

  const work = rows.work;
  const wt = rows.workTotal[0] ?? { attended: 0, late: 0, absent: 0, cancelled: 0, minutes: 0, payPence: 0, workers: 0, people: 0 };
  const attended = byGroup(work, (r) => r.attended);
  const late = byGroup(work, (r) => r.late);
  const absent = byGroup(work, (r) => r.absent);
  const minutes = byGroup(work, (r) => r.minutes);
  const pay = byGroup(work, (r) => r.payPence);
  const workers = byGroup(work, (r) => r.workers);
  const people = byGroup(work, (r) => r.people);
  column('attended', attended, wt.attended);
  column('absent', absent, wt.absent);
  column('cancelled', byGroup(work, (r) => r.cancelled), wt.cancelled);
  column('workers', workers, wt.workers);
  const weekly = keys.map((k) => rows.workerPay.filter((r) => keyOf(r.k) === k && r.weeks > 0).map((r) => r.payPence / r.weeks));
  const weeklyTotal = rows.workerPayTotal.filter((r) => r.weeks > 0).map((r) => r.payPence / r.weeks);
  const ot = rows.overridesTotal[0] ?? { weeks: 0, hoursWeeks: 0, earningsWeeks: 0, people: 0 };
  column('capOverrideWeeks', byGroup(rows.overrides, (r) => r.weeks), ot.weeks);
  column('skillsVerified', byGroup(rows.skillsVerified, (r) => r.n));
  column('credentialsIssued', byGroup(rows.credentialsIssued, (r) => r.n));
  column('referencesApproved', byGroup(rows.referencesApproved, (r) => r.n));
  column('sustained', byGroup(rows.sustained, (r) => r.n));
  const isProgression = (reason: string) => (PROGRESSED_REASONS as readonly string[]).includes(reason);
  const endings = byGroup(rows.endings, (r) => r.n);
  const progressions = byGroup(rows.endings, (r) => (isProgression(r.reason) ? r.n : 0));
  column('endings', endings);
  column('progressions', progressions);
  split('progressions', 'otherEndings', 'endings', progressions, endings, sum(progressions), sum(endings));
  const income = byGroup(rows.money, (r) => r.incomePence);
  const expenses = byGroup(rows.money, (r) => r.expensesPence);
  const reinvested = byGroup(rows.proposals, (r) => r.amountPence);
  const rolesFunded = byGroup(rows.proposals, (r) => r.roles);
  column('placementsFunded', byGroup(rows.proposals, (r) => r.placements));

  // The breakdown tables: a row per group; where a row adds up to an indicator, its total is that indicator's cell.
  type TableSpec = { name: string; list: { k: Key; reason: string; n: number }[]; columns: { key: string; label: string }[]; rowsAddUpTo?: string; subtotals?: { indicator: string; columns: string[] } };
  const registerTable = (t: TableSpec): { cells: number[][]; linked: boolean } => {
    const cells = keys.map(() => t.columns.map(() => 0));
    for (const r of t.list) {
      const j = t.columns.findIndex((c) => c.key === r.reason);
      if (j >= 0) cells[index.get(keyOf(r.k))!][j] += r.n;
    }
    const rowSums = cells.map(sum);
    const columnSums = t.columns.map((_, j) => sum(cells.map((r) => r[j])));
    const linked = !!t.rowsAddUpTo && rowSums.every((v, i) => L.value(at(t.rowsAddUpTo!, i)) === v) && L.value(at(t.rowsAddUpTo, 'T')) === sum(rowSums);
    const rowTotal = (i: number | 'T') => (linked ? at(t.rowsAddUpTo!, i) : `${t.name}:${i}:total`);
    cells.forEach((row, i) => {
      row.forEach((v, j) => L.cell(`${t.name}:${i}:${j}`, v));
      if (!linked) L.cell(rowTotal(i), rowSums[i]);
    });
    columnSums.forEach((v, j) => L.cell(`${t.name}:T:${j}`, v));
    if (!linked) {
      L.cell(rowTotal('T'), sum(rowSums));
      L.line(keys.map((_, i) => rowTotal(i)), rowTotal('T'));
    }
    for (const i of [...keys.keys(), 'T' as const]) {
      L.line(t.columns.map((_, j) => `${t.name}:${i}:${j}`), rowTotal(i));
      const sub = t.subtotals;
      if (linked && sub) L.line(t.columns.map((c, j) => (sub.columns.includes(c.key) ? `${t.name}:${i}:${j}` : '')).filter(Boolean), at(sub.indicator, i));
    }
    t.columns.forEach((_, j) => L.line(keys.map((_, i) => `${t.name}:${i}:${j}`), `${t.name}:T:${j}`));
    return { cells, linked };
  };
  const reasonsSeen = (list: { reason: string }[], known: readonly string[]) => [...known, ...new Set(list.map((r) => r.reason).filter((r) => !known.includes(r)))];
  const tables: Record<'cancellationsByReason' | 'endingsByReason' | 'outsideStartsByKind' | 'capOverridesByCap', TableSpec> = {
    cancellationsByReason: { name: 'cancellationsByReason', list: rows.cancellations, columns: reasonsSeen(rows.cancellations, CANCELLATION_REASONS).map((r) => ({ key: r, label: CANCELLATION_LABELS[r] ?? r })), rowsAddUpTo: 'cancelled' },
    endingsByReason: {
      name: 'endingsByReason',
      list: rows.endings,
      columns: reasonsSeen(rows.endings, END_REASONS).map((r) => ({ key: r, label: END_REASON_LABELS[r] ?? r })),
      rowsAddUpTo: 'endings',
      subtotals: { indicator: 'progressions', columns: [...PROGRESSED_REASONS] },
    },
    outsideStartsByKind: { name: 'outsideStartsByKind', list: rows.outsideStarts, columns: OUTSIDE_START_KINDS.map((k) => ({ key: k, label: OUTSIDE_START_LABELS[k] })) },
    capOverridesByCap: {
      name: 'capOverridesByCap',
      list: rows.overrides.flatMap((r) => [
        { k: r.k, reason: 'HOURS_CAP', n: r.hoursWeeks },
        { k: r.k, reason: 'EARNINGS_CAP', n: r.earningsWeeks },
      ]),
      columns: [
        { key: 'HOURS_CAP', label: 'Weekly hours cap' },
        { key: 'EARNINGS_CAP', label: 'Weekly earnings cap' },
      ],
    },
  };
  const tableCells = Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, registerTable(t)])) as Record<keyof typeof tables, { cells: number[][]; linked: boolean }>;
  const equityCounts = registerEquity(L, rows, q, totalKey);
  const monthCounts = registerMonthly(L, rows, q, totalKey);

  const shown = suppress ? L.suppress() : L.plain();
  const get = (key: string): Count => shown.get(key)!;
  const isHidden = (...list: string[]) => suppress && list.some((k) => typeof shown.get(k) === 'string');

  const roundPence = (v: number | null) => (v === null ? null : Math.round(v));
  const indicators = (
    i: number | 'T',
    v: { onWards: number; inWork: number; first: number[]; attended: number; late: number; absent: number; minutes: number; pay: number; workers: number; people: number; weekly: number[]; income: number; expenses: number; reinvested: number; roles: number },
  ): Omit<GroupIndicators, 'key' | 'name'> => {
    const c = (name: string) => get(at(name, i));
    return {
      engagement: {
        patientsOnWards: enterprise ? null : c('onWards'),
        patientsInWork: c('inWork'),
        engagementRate: enterprise || isHidden(at('onWards', i), at('inWork', i)) ? null : rate(v.inWork, v.onWards, v.onWards, suppress),
        newPlacements: c('newPlacements'),
        firstPlacements: c('firstPlacements'),
        medianDaysToFirstPlacement: guarded(median(v.first), v.first.length, suppress),
      },
      work: {
        shiftsAttended: c('attended'),
        shiftsAbsent: c('absent'),
        shiftsCancelled: c('cancelled'),
        workers: c('workers'),
        hoursWorked: guarded(Math.round((v.minutes / 60) * 10) / 10, v.workers, suppress),
        attendanceRate: isHidden(at('attended', i), at('absent', i)) ? null : rate(v.attended, v.attended + v.absent, v.people, suppress),
        punctualityRate: isHidden(at('attended', i)) ? null : rate(v.attended - v.late, v.attended, v.workers, suppress),
      },
      pay: {
        totalPaidPence: guarded(v.pay, v.workers, suppress),
        medianWeeklyPayPence: roundPence(guarded(median(v.weekly), v.weekly.length, suppress)),
        capOverrideWeeks: c('capOverrideWeeks'),
      },
      skills: { skillEntriesVerified: c('skillsVerified'), credentialsIssued: c('credentialsIssued'), referencesApproved: c('referencesApproved') },
      progression: { placementsSustained13Weeks: c('sustained'), endings: c('endings'), progressions: c('progressions') },
      money: {
        incomePence: v.income,
        expensesPence: v.expenses,
        surplusPence: v.income - v.expenses,
        reinvestedPence: v.reinvested,
        shareReinvested: v.income - v.expenses > 0 ? Math.round((v.reinvested / (v.income - v.expenses)) * 1000) / 1000 : null,
        rolesFunded: v.roles,
        placementsFunded: c('placementsFunded'),
      },
    };
  };

  const groups: GroupIndicators[] = keys.map((k, i) => ({
    key: k,
    name: nameOf(k),
    ...indicators(i, { onWards: onWards[i], inWork: inWork[i], first: firstDays[i], attended: attended[i], late: late[i], absent: absent[i], minutes: minutes[i], pay: pay[i], workers: workers[i], people: people[i], weekly: weekly[i], income: income[i], expenses: expenses[i], reinvested: reinvested[i], roles: rolesFunded[i] }),
  }));
  const total: GroupIndicators = {
    key: 'total',
    name: 'All',
    ...indicators('T', { onWards: engTotal.onWards ?? 0, inWork: engTotal.inWork, first: rows.daysToFirst.map((r) => r.days), attended: wt.attended, late: wt.late, absent: wt.absent, minutes: wt.minutes, pay: wt.payPence, workers: wt.workers, people: wt.people, weekly: weeklyTotal, income: sum(income), expenses: sum(expenses), reinvested: sum(reinvested), roles: sum(rolesFunded) }),
  };
  // Groups with nothing at all to show are left out (a ward with no patients, an enterprise with no trading).
  const visible = groups.filter((g, i) => onWards[i] || inWork[i] || attended[i] || absent[i] || endings[i] || income[i] || expenses[i] || g.engagement.newPlacements !== 0 || g.skills.skillEntriesVerified !== 0 || g.work.shiftsCancelled !== 0 || g.skills.referencesApproved !== 0 || g.skills.credentialsIssued !== 0);

  const table = (name: keyof typeof tables): ReportTable => {
    const t = tables[name];
    const { cells, linked } = tableCells[name];
    const rowTotal = (i: number | 'T') => get(linked ? at(t.rowsAddUpTo!, i) : `${name}:${i}:total`);
    const keep = keys.map((_, i) => i).filter((i) => visible.some((g) => g.key === keys[i]) || cells[i].some((v) => v > 0));
    return {
      columns: t.columns,
      rows: keep.map((i) => ({ key: keys[i], name: nameOf(keys[i]), cells: t.columns.map((_, j) => get(`${name}:${i}:${j}`)), total: rowTotal(i) })),
      totals: t.columns.map((_, j) => get(`${name}:T:${j}`)),
      total: rowTotal('T'),
    };
  };

  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    suppressed: suppress,
    groups: visible,
    total,
    cancellationsByReason: table('cancellationsByReason'),
    endingsByReason: table('endingsByReason'),
    outsideStartsByKind: table('outsideStartsByKind'),
    capOverridesByCap: table('capOverridesByCap'),
    equity: equity(equityCounts, get, isHidden, suppress),
    monthly: monthly(rows, q, suppress, monthCounts, get),
  };
}

type Dimension = { key: (d: DemographicRow) => string; categories: { key: string; label: string }[] };

function dimensions(to: string): Record<DimensionName, Dimension> {
  const groups = [...new Set(Object.values(ETHNIC_CATEGORIES).map((c) => c.group))];
  return {
    ageBand: { key: (d) => ageBand(d.birthYear, to), categories: [...AGE_BANDS, 'Not known'].map((b) => ({ key: b, label: b === 'Not known' ? 'Not recorded' : b })) },
    gender: {
      key: (d) => (d.gender && d.gender in STATED_GENDERS ? d.gender : 'none'),
      categories: [...Object.entries(STATED_GENDERS).map(([k, label]) => ({ key: k, label })), { key: 'none', label: 'Not recorded' }],
    },
    ethnicGroup: {
      key: (d) => (d.ethnic && d.ethnic in ETHNIC_CATEGORIES ? ETHNIC_CATEGORIES[d.ethnic as keyof typeof ETHNIC_CATEGORIES].group : 'none'),
      categories: [...groups.map((g) => ({ key: g, label: g })), { key: 'none', label: 'Not recorded' }],
    },
  };
}

type DimensionName = 'ageBand' | 'gender' | 'ethnicGroup';
const DIMENSION_NAMES: DimensionName[] = ['ageBand', 'gender', 'ethnicGroup'];
type EquityCounts = Record<DimensionName, { categories: { key: string; label: string }[]; onWards: number[]; inWork: number[]; workers: number[]; endings: number[]; progressions: number[]; pay: number[]; weekly: number[][] }>;
type TotalKey = (name: string, own: string, value: number) => string;

/** The equity breakdowns' counts, linked to the report's totals where they add up to them. */
function registerEquity(L: LinkedCounts, rows: OutcomeRows, q: ReportQuery, totalKey: TotalKey): EquityCounts {
  const dims = dimensions(q.to);
  const out = {} as EquityCounts;
  for (const d of DIMENSION_NAMES) {
    const dim = dims[d];
    const idx = new Map(dim.categories.map((c, i) => [c.key, i]));
    const zero = () => dim.categories.map(() => 0);
    const c = { categories: dim.categories, onWards: zero(), inWork: zero(), workers: zero(), endings: zero(), progressions: zero(), pay: zero(), weekly: dim.categories.map((): number[] => []) };
    for (const r of rows.equityEngagement) {
      const i = idx.get(dim.key(r))!;
      c.onWards[i] += r.onWards;
      c.inWork[i] += r.inWork;
    }
    for (const r of rows.equityEndings) {
      const i = idx.get(dim.key(r))!;
      c.endings[i] += r.endings;
      c.progressions[i] += r.progressions;
    }
    for (const r of rows.equityWorkers) {
      const i = idx.get(dim.key(r))!;
      c.pay[i] += r.payPence;
      if (r.weeks > 0) c.weekly[i].push(r.payPence / r.weeks);
    }
    c.workers = c.weekly.map((w) => w.length);
    const key = (name: string, i: number | 'T') => `eq:${d}:${name}:${i}`;
    const register = (name: 'onWards' | 'inWork' | 'workers' | 'endings' | 'progressions' | 'notInWork' | 'otherEndings', values: number[], shown: boolean) => {
      values.forEach((v, i) => (shown ? L.cell(key(name, i), v) : L.hiddenCell(key(name, i), v)));
      const total = totalKey(name, key(name, 'T'), values.reduce((s, v) => s + v, 0));
      L.line(values.map((_, i) => key(name, i)), total);
      return total;
    };
    const totals = {
      onWards: register('onWards', c.onWards, true),
      inWork: register('inWork', c.inWork, true),
      endings: register('endings', c.endings, true),
      progressions: register('progressions', c.progressions, true),
    };
    register('workers', c.workers, true);
    const split = (part: 'inWork' | 'progressions', rest: 'notInWork' | 'otherEndings', whole: 'onWards' | 'endings') => {
      if (c[whole].some((w, i) => w < c[part][i])) return;
      const restTotal = register(rest, c[whole].map((w, i) => w - c[part][i]), false);
      c.categories.forEach((_, i) => L.line([key(part, i), key(rest, i)], key(whole, i)));
      L.line([totals[part], restTotal], totals[whole]);
    };
    split('inWork', 'notInWork', 'onWards');
    split('progressions', 'otherEndings', 'endings');
    out[d] = c;
  }
  return out;
}

function equity(counts: EquityCounts, get: (key: string) => Count, isHidden: (...keys: string[]) => boolean, suppress: boolean): OutcomesReport['equity'] {
  const build = (d: DimensionName): EquityRow[] => {
    const c = counts[d];
    const key = (name: string, i: number) => `eq:${d}:${name}:${i}`;
    return c.categories.map((cat, i) => ({
      key: cat.key,
      label: cat.label,
      patientsOnWards: get(key('onWards', i)),
      patientsInWork: get(key('inWork', i)),
      engagementRate: isHidden(key('onWards', i), key('inWork', i)) ? null : rate(c.inWork[i], c.onWards[i], c.onWards[i], suppress),
      workers: get(key('workers', i)),
      totalPaidPence: guarded(c.pay[i], c.workers[i], suppress),
      medianWeeklyPayPence: ((m) => (m === null ? null : Math.round(m)))(guarded(median(c.weekly[i]), c.workers[i], suppress)),
      endings: get(key('endings', i)),
      progressions: get(key('progressions', i)),
      progressionRate: isHidden(key('endings', i), key('progressions', i)) ? null : rate(c.progressions[i], c.endings[i], c.endings[i], suppress),
    }));
  };
  return { ageBand: build('ageBand'), gender: build('gender'), ethnicGroup: build('ethnicGroup') };
}

type MonthCounts = { months: string[]; people: number[] };
const MONTHLY = ['peopleWorking', 'shiftsAttended', 'newPlacements', 'endings', 'progressions'] as const;
/** The report's indicator whose total the months add up to (people working are distinct people: theirs do not add up). */
const MONTHLY_TOTALS: Record<(typeof MONTHLY)[number], string> = { peopleWorking: 'peopleWorking', shiftsAttended: 'attended', newPlacements: 'newPlacements', endings: 'endings', progressions: 'progressions' };

/** Each month's counts, linked to the period's totals where the months add up to them. */
function registerMonthly(L: LinkedCounts, rows: OutcomeRows, q: ReportQuery, totalKey: TotalKey): MonthCounts {
  const months = monthsOf(q.from, q.to);
  const at = <T extends { month: string }>(list: T[]) => new Map(list.map((r) => [r.month, r]));
  const work = at(rows.monthlyWork);
  const placements = at(rows.monthlyPlacements);
  const ends = at(rows.monthlyEndings);
  const values: Record<(typeof MONTHLY)[number], number[]> = {
    peopleWorking: months.map((m) => work.get(m)?.people ?? 0),
    shiftsAttended: months.map((m) => work.get(m)?.attended ?? 0),
    newPlacements: months.map((m) => placements.get(m)?.n ?? 0),
    endings: months.map((m) => ends.get(m)?.n ?? 0),
    progressions: months.map((m) => ends.get(m)?.progressions ?? 0),
  };
  for (const name of MONTHLY) {
    values[name].forEach((v, i) => L.cell(`month:${name}:${i}`, v));
    L.line(values[name].map((_, i) => `month:${name}:${i}`), totalKey(MONTHLY_TOTALS[name], `month:${name}:T`, values[name].reduce((s, v) => s + v, 0)));
  }
  return { months, people: values.peopleWorking };
}

function monthly(rows: OutcomeRows, q: ReportQuery, suppress: boolean, counts: MonthCounts, get: (key: string) => Count): MonthPoint[] {
  const work = new Map(rows.monthlyWork.map((r) => [r.month, r]));
  const money = new Map(rows.monthlyMoney.map((r) => [r.month, r]));
  return counts.months.map((m, i) => {
    const w = work.get(m);
    const mo = money.get(m);
    return {
      month: m,
      peopleWorking: get(`month:peopleWorking:${i}`),
      shiftsAttended: get(`month:shiftsAttended:${i}`),
      hoursWorked: guarded(Math.round(((w?.minutes ?? 0) / 60) * 10) / 10, counts.people[i], suppress),
      paidPence: guarded(w?.payPence ?? 0, counts.people[i], suppress),
      newPlacements: get(`month:newPlacements:${i}`),
      endings: get(`month:endings:${i}`),
      progressions: get(`month:progressions:${i}`),
      incomePence: mo?.incomePence ?? 0,
      expensesPence: mo?.expensesPence ?? 0,
      surplusPence: (mo?.incomePence ?? 0) - (mo?.expensesPence ?? 0),
    };
  });
}
