import { barChart, type BarChart, CHART_COLOURS } from '../ledger/pages/bar-chart';
import { formatPence } from '../web/nunjucks';
import { END_REASON_LABELS } from './outcomes-report';
import type { MonthPoint, OutcomesReport } from './outcomes.types';
import type { Count } from './suppression';

export const GROUP_BY_LABELS = { site: 'Site', ward: 'Ward', securityLevel: 'Security level', enterprise: 'Enterprise' } as const;

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const monthLabel = (m: string) => `${MONTH_NAMES[Number(m.slice(5, 7)) - 1]} ${m.slice(2, 4)}`;

/** A suppressed count plots as zero; its table cell says "<5" or "*". */
const plotted = (c: Count | number | null) => (typeof c === 'number' ? c : 0);

export interface ChartView {
  id: string;
  title: string;
  desc: string;
  chart: BarChart;
  headers: string[];
  rows: { label: string; cells: string[] }[];
}

const shown = (c: Count | number | null | undefined, format: (n: number) => string = String) => (c === null || c === undefined ? 'Not shown' : typeof c === 'number' ? format(c) : c);
const poundsShort = (v: number) => formatPence(v).replace(/\.00$/, '');

/** The main indicators by month as charts, each with the table of the same figures. */
export function monthlyCharts(r: OutcomesReport): ChartView[] {
  const labels = r.monthly.map((m) => monthLabel(m.month));
  const view = (id: string, title: string, series: { name: string; pick: (m: MonthPoint) => Count | number | null; colour: string }[], format: (v: number) => string = String): ChartView => {
    const chart = barChart(labels, series.map((s) => ({ name: s.name, values: r.monthly.map((m) => plotted(s.pick(m))), colour: s.colour })), format);
    const totals = series.map((s) => `${s.name}: ${r.monthly.map((m) => `${monthLabel(m.month)} ${shown(s.pick(m), format)}`).join(', ')}`);
    return {
      id,
      title,
      desc: `Bar chart by month from ${r.from} to ${r.to}. ${totals.join('. ')}.`,
      chart,
      headers: ['Month', ...series.map((s) => s.name)],
      rows: r.monthly.map((m) => ({ label: monthLabel(m.month), cells: series.map((s) => shown(s.pick(m), format)) })),
    };
  };
  return [
    view('chart-working', 'People working and new placements', [
      { name: 'People working', pick: (m) => m.peopleWorking, colour: CHART_COLOURS.blue },
      { name: 'New placements', pick: (m) => m.newPlacements, colour: CHART_COLOURS.purple },
    ]),
    view('chart-hours', 'Shifts attended and hours worked', [
      { name: 'Shifts attended', pick: (m) => m.shiftsAttended, colour: CHART_COLOURS.blue },
      { name: 'Hours worked', pick: (m) => m.hoursWorked, colour: CHART_COLOURS.green },
    ]),
    view('chart-pay', 'Pay to patients', [{ name: 'Paid', pick: (m) => m.paidPence, colour: CHART_COLOURS.green }], poundsShort),
    view('chart-progression', 'Placement endings and progressions', [
      { name: 'Progressed to employment, education, training or volunteering', pick: (m) => m.progressions, colour: CHART_COLOURS.green },
      { name: 'All endings', pick: (m) => m.endings, colour: CHART_COLOURS.red },
    ]),
    view(
      'chart-money',
      'Income, costs and surplus',
      [
        { name: 'Income', pick: (m) => m.incomePence, colour: CHART_COLOURS.blue },
        { name: 'Costs', pick: (m) => m.expensesPence, colour: CHART_COLOURS.red },
        { name: 'Surplus', pick: (m) => m.surplusPence, colour: CHART_COLOURS.green },
      ],
      poundsShort,
    ),
  ];
}

export const percent = (v: number | null | undefined) => (v === null || v === undefined ? 'Not shown' : `${Math.round(v * 1000) / 10}%`);
export const count = (c: Count | null | undefined) => (c === null || c === undefined ? 'Not applicable' : String(c));
export const money = (v: number | null | undefined) => (v === null || v === undefined ? 'Not shown' : formatPence(v));
export const days = (v: number | null | undefined) => (v === null || v === undefined ? 'Not shown' : `${Math.round(v)} days`);
export const hours = (v: number | null | undefined) => (v === null || v === undefined ? 'Not shown' : String(v));

/** Indicator tables by group: each a caption, headers and rows of text (the same for the page, print and PDF). */
export function indicatorTables(r: OutcomesReport): { caption: string; headers: string[]; rows: string[][] }[] {
  const all = [...r.groups, r.total];
  const t = (caption: string, headers: string[], cells: (g: (typeof all)[number]) => string[]) => ({ caption, headers: [GROUP_BY_LABELS[r.groupBy], ...headers], rows: all.map((g) => [g.name, ...cells(g)]) });
  const enterprise = r.groupBy === 'enterprise';
  return [
    t(
      'Engagement',
      [...(enterprise ? [] : ['Patients on the wards']), 'Patients in work', ...(enterprise ? [] : ['Share in work']), 'New placements', 'First placements', 'Median days from first application to first placement'],
      (g) => [
        ...(enterprise ? [] : [count(g.engagement.patientsOnWards)]),
        count(g.engagement.patientsInWork),
        ...(enterprise ? [] : [percent(g.engagement.engagementRate)]),
        count(g.engagement.newPlacements),
        count(g.engagement.firstPlacements),
        days(g.engagement.medianDaysToFirstPlacement),
      ],
    ),
    t('Work', ['Shifts attended', 'Absent', 'Cancelled', 'Workers', 'Hours worked', 'Attendance', 'Punctuality'], (g) => [
      count(g.work.shiftsAttended),
      count(g.work.shiftsAbsent),
      count(g.work.shiftsCancelled),
      count(g.work.workers),
      hours(g.work.hoursWorked),
      percent(g.work.attendanceRate),
      percent(g.work.punctualityRate),
    ]),
    t('Pay and benefits', ['Total paid', 'Median weekly pay per worker', 'Weeks with a cap overridden'], (g) => [money(g.pay.totalPaidPence), money(g.pay.medianWeeklyPayPence), count(g.pay.capOverrideWeeks)]),
    t('Skills', ['Skill entries verified', 'Credentials issued', 'References approved'], (g) => [count(g.skills.skillEntriesVerified), count(g.skills.credentialsIssued), count(g.skills.referencesApproved)]),
    t('Progression', ['Placements reaching 13 weeks', 'Placements ended', 'Progressed to employment, education, training or volunteering'], (g) => [
      count(g.progression.placementsSustained13Weeks),
      count(g.progression.endings),
      count(g.progression.progressions),
    ]),
    t('Money', ['Income', 'Costs', 'Surplus', 'Reinvested', 'Share of surplus reinvested', 'Work roles funded', 'Placements funded'], (g) => [
      money(g.money.incomePence),
      money(g.money.expensesPence),
      money(g.money.surplusPence),
      money(g.money.reinvestedPence),
      percent(g.money.shareReinvested),
      String(g.money.rolesFunded),
      count(g.money.placementsFunded),
    ]),
  ];
}

/** Breakdown and equity tables as text. */
export function breakdownTables(r: OutcomesReport): { caption: string; headers: string[]; rows: string[][] }[] {
  const table = (caption: string, t: OutcomesReport['endingsByReason']) => ({
    caption,
    headers: [GROUP_BY_LABELS[r.groupBy], ...t.columns.map((c) => c.label), 'Total'],
    rows: [...t.rows.map((row) => [row.name, ...row.cells.map(count), count(row.total)]), ['All', ...t.totals.map(count), count(t.total)]],
  });
  const equity = (caption: string, rows: OutcomesReport['equity']['ageBand']) => ({
    caption,
    headers: ['Group', 'Patients on the wards', 'In work', 'Share in work', 'Workers', 'Total paid', 'Median weekly pay', 'Placements ended', 'Progressed', 'Share progressed'],
    rows: rows.map((e) => [e.label, count(e.patientsOnWards), count(e.patientsInWork), percent(e.engagementRate), count(e.workers), money(e.totalPaidPence), money(e.medianWeeklyPayPence), count(e.endings), count(e.progressions), percent(e.progressionRate)]),
  });
  return [
    table('Placement endings by reason', r.endingsByReason),
    table('Starts outside the hospital: jobs, education, training and volunteering', r.outsideStartsByKind),
    table('Cancelled shifts by reason', r.cancellationsByReason),
    table('Weeks with a benefits cap overridden, by cap', r.capOverridesByCap),
    equity('Equity: by age band', r.equity.ageBand),
    equity('Equity: by stated gender', r.equity.gender),
    equity('Equity: by ethnic group', r.equity.ethnicGroup),
  ];
}

/** Headline figures for the summary at the top. */
export function headlines(r: OutcomesReport): { key: string; value: string }[] {
  const g = r.total;
  const progressed = r.endingsByReason.columns.map((c, j) => ({ c, v: r.endingsByReason.totals[j] })).filter((x) => x.c.key.startsWith('PROGRESSED_'));
  return [
    { key: 'Patients in work', value: count(g.engagement.patientsInWork) + (g.engagement.engagementRate !== null ? ` (${percent(g.engagement.engagementRate)} of patients on the wards)` : '') },
    { key: 'New placements', value: count(g.engagement.newPlacements) },
    { key: 'Hours worked', value: hours(g.work.hoursWorked) },
    { key: 'Attendance', value: percent(g.work.attendanceRate) },
    { key: 'Paid to patients', value: money(g.pay.totalPaidPence) },
    { key: 'Skill entries verified', value: count(g.skills.skillEntriesVerified) },
    { key: 'Placements reaching 13 weeks', value: count(g.progression.placementsSustained13Weeks) },
    ...progressed.map((x) => ({ key: END_REASON_LABELS[x.c.key] ?? x.c.label, value: count(x.v) })),
    { key: 'Surplus', value: money(g.money.surplusPence) },
    { key: 'Reinvested', value: `${money(g.money.reinvestedPence)}${g.money.shareReinvested !== null ? ` (${percent(g.money.shareReinvested)} of surplus)` : ''}` },
  ];
}
