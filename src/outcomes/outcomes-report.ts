import { CANCELLATION_REASONS } from '../rota/rota.types';
import { END_REASONS } from '../recruitment/recruitment.types';
import { ageBand, AGE_BANDS, ETHNIC_CATEGORIES, STATED_GENDERS } from './demographics.types';
import { PROGRESSED_REASONS, type DemographicRow, type Key, type OutcomeRows } from './outcomes.repository';
import type { EquityRow, GroupIndicators, MonthPoint, OutcomesReport, ReportTable } from './outcomes.types';
import { monthsOf, type ReportQuery } from './report-query';
import { guarded, median, rate } from './stats';
import { type Count, plainTable, suppressColumn, suppressTable, withTotals } from './suppression';

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
 * export) counts of 1-4 show as "<5" with secondary suppression down each indicator's column
 * of groups and across each breakdown table, and rates, medians and pay built on fewer than 5
 * people are not shown. Without it (the in-service manager view) the numbers are as counted;
 * there are never names or ids of patients either way.
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
  /** A column of counts by group with its total: suppressed or not. */
  const column = (values: number[], total = sum(values)): { values: Count[]; total: Count } => (suppress ? suppressColumn(values, total) : { values, total });

  const enterprise = q.groupBy === 'enterprise';
  const eng = rows.engagement;
  const engTotal = rows.engagementTotal[0] ?? { onWards: enterprise ? null : 0, inWork: 0 };
  const onWards = byGroup(eng, (r) => r.onWards ?? 0);
  const inWork = byGroup(eng, (r) => r.inWork);
  const onWardsC = column(onWards, engTotal.onWards ?? 0);
  const inWorkC = column(inWork, engTotal.inWork);
  const newPlacementsC = column(byGroup(rows.newPlacements, (r) => r.n));
  const firstDays = keys.map((k) => rows.daysToFirst.filter((r) => keyOf(r.k) === k).map((r) => r.days));
  const firstC = column(firstDays.map((d) => d.length));

  const work = rows.work;
  const wt = rows.workTotal[0] ?? { attended: 0, late: 0, absent: 0, cancelled: 0, minutes: 0, payPence: 0, workers: 0, people: 0 };
  const attended = byGroup(work, (r) => r.attended);
  const late = byGroup(work, (r) => r.late);
  const absent = byGroup(work, (r) => r.absent);
  const minutes = byGroup(work, (r) => r.minutes);
  const pay = byGroup(work, (r) => r.payPence);
  const workers = byGroup(work, (r) => r.workers);
  const people = byGroup(work, (r) => r.people);
  const attendedC = column(attended, wt.attended);
  const absentC = column(absent, wt.absent);
  const cancelledC = column(byGroup(work, (r) => r.cancelled), wt.cancelled);
  const workersC = column(workers, wt.workers);
  const weekly = keys.map((k) => rows.workerPay.filter((r) => keyOf(r.k) === k && r.weeks > 0).map((r) => r.payPence / r.weeks));
  const weeklyTotal = rows.workerPayTotal.filter((r) => r.weeks > 0).map((r) => r.payPence / r.weeks);
  const ot = rows.overridesTotal[0] ?? { weeks: 0, hoursWeeks: 0, earningsWeeks: 0, people: 0 };
  const overrideC = column(byGroup(rows.overrides, (r) => r.weeks), ot.weeks);
  const skillsC = column(byGroup(rows.skillsVerified, (r) => r.n));
  const credentialsC = column(byGroup(rows.credentialsIssued, (r) => r.n));
  const referencesC = column(byGroup(rows.referencesApproved, (r) => r.n));
  const sustainedC = column(byGroup(rows.sustained, (r) => r.n));
  const isProgression = (reason: string) => (PROGRESSED_REASONS as readonly string[]).includes(reason);
  const endings = byGroup(rows.endings, (r) => r.n);
  const progressions = byGroup(rows.endings, (r) => (isProgression(r.reason) ? r.n : 0));
  const endingsC = column(endings);
  const progressionsC = column(progressions);
  const income = byGroup(rows.money, (r) => r.incomePence);
  const expenses = byGroup(rows.money, (r) => r.expensesPence);
  const reinvested = byGroup(rows.proposals, (r) => r.amountPence);
  const rolesFunded = byGroup(rows.proposals, (r) => r.roles);
  const placementsFundedC = column(byGroup(rows.proposals, (r) => r.placements));
  const roundPence = (v: number | null) => (v === null ? null : Math.round(v));

  const indicators = (
    _i: number | null,
    v: {
      onWards: number;
      inWork: number;
      first: number[];
      attended: number;
      late: number;
      absent: number;
      minutes: number;
      pay: number;
      workers: number;
      people: number;
      weekly: number[];
      income: number;
      expenses: number;
      reinvested: number;
      roles: number;
    },
    pick: <T>(c: { values: T[]; total: T }) => T,
  ): Omit<GroupIndicators, 'key' | 'name'> => ({
    engagement: {
      patientsOnWards: enterprise ? null : pick(onWardsC),
      patientsInWork: pick(inWorkC),
      engagementRate: enterprise ? null : rate(v.inWork, v.onWards, v.onWards, suppress),
      newPlacements: pick(newPlacementsC),
      firstPlacements: pick(firstC),
      medianDaysToFirstPlacement: guarded(median(v.first), v.first.length, suppress),
    },
    work: {
      shiftsAttended: pick(attendedC),
      shiftsAbsent: pick(absentC),
      shiftsCancelled: pick(cancelledC),
      workers: pick(workersC),
      hoursWorked: guarded(Math.round((v.minutes / 60) * 10) / 10, v.workers, suppress),
      attendanceRate: rate(v.attended, v.attended + v.absent, v.people, suppress),
      punctualityRate: rate(v.attended - v.late, v.attended, v.workers, suppress),
    },
    pay: {
      totalPaidPence: guarded(v.pay, v.workers, suppress),
      medianWeeklyPayPence: roundPence(guarded(median(v.weekly), v.weekly.length, suppress)),
      capOverrideWeeks: pick(overrideC),
    },
    skills: { skillEntriesVerified: pick(skillsC), credentialsIssued: pick(credentialsC), referencesApproved: pick(referencesC) },
    progression: { placementsSustained13Weeks: pick(sustainedC), endings: pick(endingsC), progressions: pick(progressionsC) },
    money: {
      incomePence: v.income,
      expensesPence: v.expenses,
      surplusPence: v.income - v.expenses,
      reinvestedPence: v.reinvested,
      shareReinvested: v.income - v.expenses > 0 ? Math.round((v.reinvested / (v.income - v.expenses)) * 1000) / 1000 : null,
      rolesFunded: v.roles,
      placementsFunded: pick(placementsFundedC),
    },
  });


  const groups: GroupIndicators[] = keys.map((k, i) => ({
    key: k,
    name: nameOf(k),
    ...indicators(
      i,
      { onWards: onWards[i], inWork: inWork[i], first: firstDays[i], attended: attended[i], late: late[i], absent: absent[i], minutes: minutes[i], pay: pay[i], workers: workers[i], people: people[i], weekly: weekly[i], income: income[i], expenses: expenses[i], reinvested: reinvested[i], roles: rolesFunded[i] },
      (c) => c.values[i],
    ),
  }));
  const total: GroupIndicators = {
    key: 'total',
    name: 'All',
    ...indicators(
      null,
      { onWards: engTotal.onWards ?? 0, inWork: engTotal.inWork, first: rows.daysToFirst.map((r) => r.days), attended: wt.attended, late: wt.late, absent: wt.absent, minutes: wt.minutes, pay: wt.payPence, workers: wt.workers, people: wt.people, weekly: weeklyTotal, income: sum(income), expenses: sum(expenses), reinvested: sum(reinvested), roles: sum(rolesFunded) },
      (c) => c.total,
    ),
  };
  // Groups with nothing at all to show are left out (a ward with no patients, an enterprise with no trading).
  const visible = groups.filter((g, i) => onWards[i] || inWork[i] || attended[i] || absent[i] || endings[i] || income[i] || expenses[i] || g.engagement.newPlacements !== 0 || g.skills.skillEntriesVerified !== 0 || g.work.shiftsCancelled !== 0 || g.skills.referencesApproved !== 0 || g.skills.credentialsIssued !== 0);

  const table = (list: { k: Key; reason: string; n: number }[], columns: { key: string; label: string }[]): ReportTable => {
    const cells = keys.map(() => columns.map(() => 0));
    for (const r of list) {
      const j = columns.findIndex((c) => c.key === r.reason);
      if (j >= 0) cells[index.get(keyOf(r.k))!][j] += r.n;
    }
    const keep = keys.map((_, i) => i).filter((i) => visible.some((g) => g.key === keys[i]) || cells[i].some((v) => v > 0));
    const t = withTotals(keep.map((i) => cells[i]), columns.length);
    const s = suppress ? suppressTable(t) : plainTable(t);
    return { columns, rows: keep.map((i, n) => ({ key: keys[i], name: nameOf(keys[i]), cells: s.cells[n], total: s.rowTotals[n] })), totals: s.columnTotals, total: s.total };
  };
  const reasonsSeen = (list: { reason: string }[], known: readonly string[]) => [...known, ...new Set(list.map((r) => r.reason).filter((r) => !known.includes(r)))];
  const cancellationsByReason = table(
    rows.cancellations,
    reasonsSeen(rows.cancellations, CANCELLATION_REASONS).map((r) => ({ key: r, label: CANCELLATION_LABELS[r] ?? r })),
  );
  const endingsByReason = table(
    rows.endings,
    reasonsSeen(rows.endings, END_REASONS).map((r) => ({ key: r, label: END_REASON_LABELS[r] ?? r })),
  );
  const outsideStartsByKind = table(
    rows.outsideStarts,
    OUTSIDE_START_KINDS.map((k) => ({ key: k, label: OUTSIDE_START_LABELS[k] })),
  );
  const capOverridesByCap = table(
    rows.overrides.flatMap((r) => [
      { k: r.k, reason: 'HOURS_CAP', n: r.hoursWeeks },
      { k: r.k, reason: 'EARNINGS_CAP', n: r.earningsWeeks },
    ]),
    [
      { key: 'HOURS_CAP', label: 'Weekly hours cap' },
      { key: 'EARNINGS_CAP', label: 'Weekly earnings cap' },
    ],
  );

  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    suppressed: suppress,
    groups: visible,
    total,
    cancellationsByReason,
    endingsByReason,
    outsideStartsByKind,
    capOverridesByCap,
    equity: equity(rows, q, suppress),
    monthly: monthly(rows, q, suppress, wt.workers),
  };
}

type Dimension = { key: (d: DemographicRow) => string; categories: { key: string; label: string }[] };

function dimensions(to: string): Record<'ageBand' | 'gender' | 'ethnicGroup', Dimension> {
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

function equity(rows: OutcomeRows, q: ReportQuery, suppress: boolean): OutcomesReport['equity'] {
  const dims = dimensions(q.to);
  const build = (dim: Dimension): EquityRow[] => {
    const idx = new Map(dim.categories.map((c, i) => [c.key, i]));
    const zero = () => dim.categories.map(() => 0);
    const onWards = zero();
    const inWork = zero();
    const endings = zero();
    const progressions = zero();
    const pay = zero();
    const weekly: number[][] = dim.categories.map(() => []);
    for (const r of rows.equityEngagement) {
      const i = idx.get(dim.key(r))!;
      onWards[i] += r.onWards;
      inWork[i] += r.inWork;
    }
    for (const r of rows.equityEndings) {
      const i = idx.get(dim.key(r))!;
      endings[i] += r.endings;
      progressions[i] += r.progressions;
    }
    for (const r of rows.equityWorkers) {
      const i = idx.get(dim.key(r))!;
      pay[i] += r.payPence;
      if (r.weeks > 0) weekly[i].push(r.payPence / r.weeks);
    }
    const workers = weekly.map((w) => w.length);
    const col = (values: number[]) => {
      const total = values.reduce((s, v) => s + v, 0);
      return suppress ? suppressColumn(values, total).values : values;
    };
    const [onWardsC, inWorkC, workersC, endingsC, progressionsC] = [onWards, inWork, workers, endings, progressions].map(col);
    return dim.categories.map((c, i) => ({
      key: c.key,
      label: c.label,
      patientsOnWards: onWardsC[i],
      patientsInWork: inWorkC[i],
      engagementRate: rate(inWork[i], onWards[i], onWards[i], suppress),
      workers: workersC[i],
      totalPaidPence: guarded(pay[i], workers[i], suppress),
      medianWeeklyPayPence: ((m) => (m === null ? null : Math.round(m)))(guarded(median(weekly[i]), workers[i], suppress)),
      endings: endingsC[i],
      progressions: progressionsC[i],
      progressionRate: rate(progressions[i], endings[i], endings[i], suppress),
    }));
  };
  return { ageBand: build(dims.ageBand), gender: build(dims.gender), ethnicGroup: build(dims.ethnicGroup) };
}

function monthly(rows: OutcomeRows, q: ReportQuery, suppress: boolean, workersTotal: number): MonthPoint[] {
  const months = monthsOf(q.from, q.to);
  const at = <T extends { month: string }>(list: T[]) => new Map(list.map((r) => [r.month, r]));
  const work = at(rows.monthlyWork);
  const placements = at(rows.monthlyPlacements);
  const ends = at(rows.monthlyEndings);
  const money = at(rows.monthlyMoney);
  const values = (f: (m: string) => number) => months.map(f);
  const col = (xs: number[], total = xs.reduce((s, v) => s + v, 0)) => (suppress ? suppressColumn(xs, total).values : xs);
  const people = values((m) => work.get(m)?.people ?? 0);
  const peopleC = col(people, workersTotal);
  const attendedC = col(values((m) => work.get(m)?.attended ?? 0));
  const newC = col(values((m) => placements.get(m)?.n ?? 0));
  const endingsC = col(values((m) => ends.get(m)?.n ?? 0));
  const progressionsC = col(values((m) => ends.get(m)?.progressions ?? 0));
  return months.map((m, i) => {
    const w = work.get(m);
    const mo = money.get(m);
    return {
      month: m,
      peopleWorking: peopleC[i],
      shiftsAttended: attendedC[i],
      hoursWorked: guarded(Math.round(((w?.minutes ?? 0) / 60) * 10) / 10, people[i], suppress),
      paidPence: guarded(w?.payPence ?? 0, people[i], suppress),
      newPlacements: newC[i],
      endings: endingsC[i],
      progressions: progressionsC[i],
      incomePence: mo?.incomePence ?? 0,
      expensesPence: mo?.expensesPence ?? 0,
      surplusPence: (mo?.incomePence ?? 0) - (mo?.expensesPence ?? 0),
    };
  });
}
