import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addDays } from '../common/dates';
import { instantParam, toInt } from '../database/columns';
import { londonInstant } from '../recruitment/london-time';
import { londonDateSql, londonMonthSql } from './london-sql';
import type { GroupBy, ReportQuery } from './report-query';

/** Weeks in work that IPS counts as sustained (13 weeks). */
export const SUSTAINED_DAYS = 91;
export const PROGRESSED_REASONS = ['PROGRESSED_EMPLOYMENT', 'PROGRESSED_EDUCATION', 'PROGRESSED_TRAINING', 'PROGRESSED_VOLUNTEERING'] as const;
const ATTENDED = `('ATTENDED', 'LATE', 'LEFT_EARLY')`;

/** A group key as the database returns it; null where a record belongs to no group of the kind (an enterprise with no ward). */
export type Key = string | null;

export interface EngagementRow { k: Key; onWards: number | null; inWork: number }
export interface WorkRow { k: Key; attended: number; late: number; absent: number; cancelled: number; minutes: number; payPence: number; workers: number; people: number }
export interface ReasonRow { k: Key; reason: string; n: number }
export interface WorkerPayRow { k: Key; payPence: number; weeks: number }
export interface OverrideRow { k: Key; weeks: number; hoursWeeks: number; earningsWeeks: number; people: number }
export interface CountRow { k: Key; n: number }
export interface MoneyRow { k: Key; incomePence: number; expensesPence: number }
export interface ProposalRow { k: Key; amountPence: number; roles: number; placements: number }
export interface DemographicRow { birthYear: number | null; gender: string | null; ethnic: string | null }
export interface EquityEngagementRow extends DemographicRow { onWards: number; inWork: number }
export interface EquityWorkerRow extends DemographicRow { payPence: number; weeks: number }
export interface EquityEndingRow extends DemographicRow { endings: number; progressions: number }
export interface MonthlyRow { month: string; people: number; attended: number; minutes: number; payPence: number }
export interface MonthCountRow { month: string; n: number; progressions?: number }
export interface MonthMoneyRow { month: string; incomePence: number; expensesPence: number }
export interface GroupName { k: string; name: string }

/** Everything the outcomes report reads, from aggregate queries (some items share one; no patient ids leave here). */
export interface OutcomeRows {
  names: GroupName[];
  engagement: EngagementRow[];
  engagementTotal: EngagementRow[];
  newPlacements: CountRow[];
  daysToFirst: { k: Key; days: number }[];
  work: WorkRow[];
  workTotal: WorkRow[];
  cancellations: ReasonRow[];
  workerPay: WorkerPayRow[];
  workerPayTotal: WorkerPayRow[];
  overrides: OverrideRow[];
  overridesTotal: OverrideRow[];
  skillsVerified: CountRow[];
  credentialsIssued: CountRow[];
  referencesApproved: CountRow[];
  sustained: CountRow[];
  endings: ReasonRow[];
  /** Starts outside the hospital by kind (reason = JOB, EDUCATION, TRAINING, VOLUNTEERING). */
  outsideStarts: ReasonRow[];
  money: MoneyRow[];
  proposals: ProposalRow[];
  equityEngagement: EquityEngagementRow[];
  equityWorkers: EquityWorkerRow[];
  equityEndings: EquityEndingRow[];
  monthlyWork: MonthlyRow[];
  monthlyPlacements: MonthCountRow[];
  monthlyEndings: MonthCountRow[];
  monthlyMoney: MonthMoneyRow[];
}

/** When a record happened, to find the ward its patient was on then: an instant or a London date (SQL expressions). */
type Anchor = { kind: 'instant' | 'date'; expr: string };
const instant = (expr: string): Anchor => ({ kind: 'instant', expr });
const onDate = (expr: string): Anchor => ({ kind: 'date', expr });

/** Collects positional parameters for either driver. */
class Params {
  readonly values: unknown[] = [];
  constructor(private readonly pg: boolean) {}
  p(v: unknown): string {
    this.values.push(v);
    return this.pg ? `$${this.values.length}` : '?';
  }
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A date column as YYYY-MM-DD (pg returns a date as text here, SQLite stores text). */
const dateText = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/** One patient's attendance in a group (or the period) as the database summed it. */
export interface PatientTotals { shifts: number; attended: number; late: number; absent: number; cancelled: number; minutes: number; payPence: number; attendedPay: number; weeks: number }

function patientTotals(r: Record<string, unknown>): PatientTotals {
  return { shifts: toInt(r.shifts), attended: toInt(r.attended), late: toInt(r.late), absent: toInt(r.absent), cancelled: toInt(r.cancelled), minutes: toInt(r.minutes), payPence: toInt(r.pay), attendedPay: toInt(r.attendedPay), weeks: toInt(r.weeks) };
}

/**
 * Rows by their group key, in one pass. (Copying each group's list for every row, as before,
 * took 10-20 ms of the main thread for 2,000 patients in one group, during which every other
 * request of the app waited.)
 */
function byKey<T extends { k: Key }>(list: T[]): Map<Key, T[]> {
  const groups = new Map<Key, T[]>();
  for (const r of list) {
    const group = groups.get(r.k);
    if (group) group.push(r);
    else groups.set(r.k, [r]);
  }
  return groups;
}

/**
 * A group's work from its patients' totals: the sums, workers (someone attended) and people
 * (someone had a shift not cancelled), the same as COUNT(DISTINCT patient) over the shifts.
 */
function addUp(ps: PatientTotals[]): Omit<WorkRow, 'k'> {
  const sum = (f: (p: PatientTotals) => number) => ps.reduce((s, p) => s + f(p), 0);
  return {
    attended: sum((p) => p.attended),
    late: sum((p) => p.late),
    absent: sum((p) => p.absent),
    cancelled: sum((p) => p.cancelled),
    minutes: sum((p) => p.minutes),
    payPence: sum((p) => p.payPence),
    workers: ps.filter((p) => p.attended > 0).length,
    people: ps.filter((p) => p.shifts > p.cancelled).length,
  };
}

/** Each group's work and its workers' pay, from the totals of each patient in each group (any order). */
export function workByGroup(list: (PatientTotals & { k: Key })[]): { work: WorkRow[]; workerPay: WorkerPayRow[] } {
  return {
    work: [...byKey(list)].map(([k, ps]) => ({ k, ...addUp(ps) })),
    workerPay: list.filter((r) => r.attended > 0).map((r) => ({ k: r.k, payPence: r.attendedPay, weeks: r.weeks })),
  };
}

/**
 * The SQL of the outcomes report: aggregates with GROUP BY over the rota, recruitment, ledger,
 * skills, references and credentials tables. Every list it returns is bounded by the number of
 * groups, reasons, months or (for medians) workers in the period, never by the number of shifts.
 */
@Injectable()
export class OutcomesRepository {
  async load(em: EntityManager, q: ReportQuery): Promise<OutcomeRows> {
    const s = new Sql(em, q);
    // One query at a time: on SQLite there is one connection anyway, and on PostgreSQL a read
    // unit of work holds one too.
    const out = {} as OutcomeRows;
    out.names = await s.names();
    out.engagement = await s.engagement(true);
    out.engagementTotal = await s.engagement(false);
    out.newPlacements = await s.newPlacements();
    out.daysToFirst = await s.daysToFirst();
    // Attendance: two passes over the stored final outcomes (assignment_outcomes), by group and
    // patient, and by patient with their demographics, give work, worker pay and the equity
    // workers; cancellations and months are a narrow pass each. Cap overrides: one pass.
    const work = await s.workByGroupAndPatient();
    const people = await s.workByPatient();
    out.work = work.work;
    out.workTotal = people.work;
    out.cancellations = await s.cancellations();
    out.workerPay = work.workerPay;
    out.workerPayTotal = people.workerPay;
    const overrides = await s.overrides();
    out.overrides = overrides.grouped;
    out.overridesTotal = overrides.total;
    out.skillsVerified = await s.skillsVerified();
    out.credentialsIssued = await s.credentialsIssued();
    out.referencesApproved = await s.referencesApproved();
    out.sustained = await s.sustained();
    out.endings = await s.endings();
    out.outsideStarts = await s.outsideStarts();
    out.money = await s.money();
    out.proposals = await s.proposals();
    out.equityEngagement = await s.equityEngagement();
    out.equityWorkers = people.equity;
    out.equityEndings = await s.equityEndings();
    out.monthlyWork = await s.monthlyWork();
    out.monthlyPlacements = await s.monthlyPlacements();
    out.monthlyEndings = await s.monthlyEndings();
    out.monthlyMoney = await s.monthlyMoney();
    return out;
  }
}

/** The queries for one period and grouping. */
class Sql {
  private readonly pg: boolean;
  private readonly groupBy: GroupBy;
  private readonly from: string;
  private readonly to: string;
  private readonly fromAt: Date;
  private readonly toAt: Date;

  constructor(
    private readonly em: EntityManager,
    q: ReportQuery,
  ) {
    this.pg = em.connection.options.type === 'postgres';
    this.groupBy = q.groupBy;
    this.from = q.from;
    this.to = q.to;
    this.fromAt = londonInstant(q.from, '00:00')!;
    this.toAt = londonInstant(addDays(q.to, 1), '00:00')!;
  }

  private async rows(build: (p: Params) => string): Promise<Record<string, unknown>[]> {
    const p = new Params(this.pg);
    const sql = build(p);
    return this.em.query(sql, p.values);
  }

  /**
   * Joins and key for a record anchored on a patient (alias gp/gs/gw), or on an enterprise
   * expression. The ward is the one the patient was on at the time of the record (`at`: an
   * instant or a date expression): their ward stay then (patient_ward_stays), not their ward
   * today. A record from before the first stay belongs to the first stay's ward; a patient with
   * no recorded stays to their current ward.
   */
  private patientKey(patientIdExpr: string, enterpriseExpr: string | null, at: Anchor): { joins: string; key: string } {
    if (this.groupBy === 'enterprise') return { joins: '', key: enterpriseExpr ?? 'NULL' };
    const date = (e: string) => londonDateSql(e, this.pg);
    const during =
      at.kind === 'instant'
        ? `(gs."fromAt" <= ${at.expr} OR ${this.firstStay}) AND (gs."toAt" IS NULL OR gs."toAt" > ${at.expr})`
        : `(${date('gs."fromAt"')} <= ${at.expr} OR ${this.firstStay}) AND (gs."toAt" IS NULL OR ${date('gs."toAt"')} > ${at.expr})`;
    const joins = ` JOIN patients gp ON gp.id = ${patientIdExpr} LEFT JOIN patient_ward_stays gs ON gs."patientId" = gp.id AND ${during} JOIN wards gw ON gw.id = COALESCE(gs."wardId", gp."wardId")`;
    const key = this.groupBy === 'site' ? 'gw."siteId"' : this.groupBy === 'ward' ? 'gw.id' : 'gw."securityLevel"';
    return { joins, key };
  }

  /** The stay `gs` is the patient's first (nothing before it), so it also covers the time before it began. */
  private readonly firstStay = `NOT EXISTS (SELECT 1 FROM patient_ward_stays gs0 WHERE gs0."patientId" = gs."patientId" AND gs0."fromAt" < gs."fromAt")`;

  /**
   * The last instant of the period, as an anchor (who was on which ward when the period ended).
   * Written as a literal: it is computed here, never taken from input, and used twice in a join.
   */
  private periodEnd(): Anchor {
    const last = new Date(this.toAt.getTime() - 1);
    return { kind: 'instant', expr: this.pg ? `'${last.toISOString()}'::timestamptz` : `'${String(instantParam(last))}'` };
  }

  /** The London date a placement reached 13 weeks. */
  private sustainedOn(): string {
    return this.pg ? `(pl."startOn" + ${SUSTAINED_DAYS})` : `date(pl."startOn", '+${SUSTAINED_DAYS} days')`;
  }

  /** Key of an enterprise (alias ge, with its ward gew). */
  private enterpriseKey(): string {
    return this.groupBy === 'enterprise' ? 'ge.id' : this.groupBy === 'site' ? 'ge."siteId"' : this.groupBy === 'ward' ? 'ge."wardId"' : 'gew."securityLevel"';
  }

  /** The Europe/London month of an instant, on both databases. */
  private instantMonth(expr: string): string {
    return londonMonthSql(expr, this.pg);
  }

  private dateMonth(expr: string): string {
    return this.pg ? `to_char(${expr}, 'YYYY-MM')` : `substr(${expr}, 1, 7)`;
  }

  private dayDiff(later: string, earlier: string): string {
    return this.pg ? `(${later} - ${earlier})` : `(julianday(${later}) - julianday(${earlier}))`;
  }

  private overlaps(p: Params, alias = 'pl'): string {
    return `${alias}."startOn" <= ${p.p(this.to)} AND (${alias}."endOn" IS NULL OR ${alias}."endOn" >= ${p.p(this.from)})`;
  }

  private inPeriod(p: Params, expr: string): string {
    return `${expr} >= ${p.p(instantParam(this.fromAt))} AND ${expr} < ${p.p(instantParam(this.toAt))}`;
  }

  private onDates(p: Params, expr: string): string {
    return `${expr} >= ${p.p(this.from)} AND ${expr} <= ${p.p(this.to)}`;
  }

  async names(): Promise<GroupName[]> {
    const sql: Record<GroupBy, string> = {
      site: 'SELECT id AS k, name FROM sites',
      ward: `SELECT w.id AS k, w.name || ' (' || s.name || ')' AS name FROM wards w JOIN sites s ON s.id = w."siteId"`,
      securityLevel: `SELECT DISTINCT "securityLevel" AS k, "securityLevel" AS name FROM wards`,
      enterprise: 'SELECT id AS k, name FROM enterprises',
    };
    return (await this.em.query(sql[this.groupBy])).map((r: Record<string, unknown>) => ({ k: String(r.k), name: String(r.name) }));
  }

  async engagement(grouped: boolean): Promise<EngagementRow[]> {
    if (this.groupBy === 'enterprise') {
      const rows = await this.rows(
        (p) => `SELECT ${grouped ? 'wr."enterpriseId"' : 'NULL'} AS k, COUNT(DISTINCT pl."patientId") AS "inWork"
          FROM placements pl JOIN work_roles wr ON wr.id = pl."workRoleId"
          WHERE ${this.overlaps(p)} ${grouped ? 'GROUP BY wr."enterpriseId"' : ''}`,
      );
      return rows.map((r) => ({ k: (r.k as Key) ?? null, onWards: null, inWork: toInt(r.inWork) }));
    }
    const rows = await this.rows((p) => {
      const { joins, key } = grouped ? this.patientKey('pt.id', null, this.periodEnd()) : { joins: '', key: 'NULL' };
      const working = `EXISTS (SELECT 1 FROM placements pl WHERE pl."patientId" = pt.id AND ${this.overlaps(p)})`;
      const working2 = `EXISTS (SELECT 1 FROM placements pl WHERE pl."patientId" = pt.id AND ${this.overlaps(p)})`;
      return `SELECT ${key} AS k, COUNT(*) AS "onWards", SUM(CASE WHEN ${working} THEN 1 ELSE 0 END) AS "inWork"
        FROM patients pt${joins}
        WHERE pt.status = 'ACTIVE' OR ${working2} ${grouped ? `GROUP BY ${key}` : ''}`;
    });
    return rows.map((r) => ({ k: (r.k as Key) ?? null, onWards: toInt(r.onWards), inWork: toInt(r.inWork) }));
  }

  async newPlacements(): Promise<CountRow[]> {
    const { joins, key } = this.patientKey('pl."patientId"', 'wr."enterpriseId"', onDate('pl."startOn"'));
    const rows = await this.rows(
      (p) => `SELECT ${key} AS k, COUNT(*) AS n FROM placements pl JOIN work_roles wr ON wr.id = pl."workRoleId"${joins}
        WHERE ${this.onDates(p, 'pl."startOn"')} GROUP BY ${key}`,
    );
    return rows.map((r) => ({ k: (r.k as Key) ?? null, n: toInt(r.n) }));
  }

  /** Days from a patient's first application to their first placement, for first placements in the period. */
  async daysToFirst(): Promise<{ k: Key; days: number }[]> {
    const firstOn = 'fp."firstOn"';
    const enterprise = `(SELECT MIN(wr2."enterpriseId") FROM placements pl2 JOIN work_roles wr2 ON wr2.id = pl2."workRoleId" WHERE pl2."patientId" = fp.pid AND pl2."startOn" = ${firstOn})`;
    const { joins, key } = this.patientKey('fp.pid', enterprise, onDate(firstOn));
    const firstAt = londonDateSql('fa."firstAt"', this.pg);
    const rows = await this.rows(
      (p) => `SELECT ${key} AS k, ${this.dayDiff(firstOn, firstAt)} AS days
        FROM (SELECT pl."patientId" AS pid, MIN(pl."startOn") AS "firstOn" FROM placements pl GROUP BY pl."patientId") fp
        JOIN (SELECT ap."patientId" AS pid, MIN(ap."submittedAt") AS "firstAt" FROM applications ap GROUP BY ap."patientId") fa ON fa.pid = fp.pid${joins}
        WHERE ${this.onDates(p, firstOn)}`,
    );
    return rows.map((r) => ({ k: (r.k as Key) ?? null, days: Math.round(Number(r.days)) })).filter((r) => r.days >= 0);
  }

  /**
   * The final attendance outcomes of the assignments starting in the period (assignment_outcomes,
   * one row per assignment with an attendance record, kept by the database from the append-only
   * history), with the joins for the group key when `grouped`. The index on (startAt, ...) covers
   * every column read here.
   */
  private outcomesFrom(grouped: boolean): { from: string; key: string } {
    if (!grouped) return { from: 'assignment_outcomes o', key: 'NULL' };
    const { joins, key } = this.patientKey('o."patientId"', 'o."enterpriseId"', instant('o."startAt"'));
    return { from: `assignment_outcomes o${joins}`, key };
  }

  /** Per patient (and group): counts by status, minutes and pay, and pay and distinct weeks of attended shifts. */
  private readonly perPatient = `COUNT(*) AS shifts, SUM(CASE WHEN o.status IN ${ATTENDED} THEN 1 ELSE 0 END) AS attended,
          SUM(CASE WHEN o.status = 'LATE' THEN 1 ELSE 0 END) AS late,
          SUM(CASE WHEN o.status = 'ABSENT' THEN 1 ELSE 0 END) AS absent,
          SUM(CASE WHEN o.status = 'CANCELLED' THEN 1 ELSE 0 END) AS cancelled,
          SUM(o."minutesWorked") AS minutes, SUM(o."payPence") AS pay,
          SUM(CASE WHEN o.status IN ${ATTENDED} THEN o."payPence" ELSE 0 END) AS "attendedPay",
          COUNT(DISTINCT CASE WHEN o.status IN ${ATTENDED} THEN o."weekStartOn" END) AS weeks`;

  /** Work and worker pay by group, from one pass grouped by group and patient. */
  async workByGroupAndPatient(): Promise<{ work: WorkRow[]; workerPay: WorkerPayRow[] }> {
    const { from, key } = this.outcomesFrom(true);
    const rows = await this.rows(
      (p) => `SELECT ${key} AS k, ${this.perPatient} FROM ${from}
        WHERE ${this.inPeriod(p, 'o."startAt"')} GROUP BY ${key}, o."patientId"`,
    );
    return workByGroup(rows.map((r) => ({ k: (r.k as Key) ?? null, ...patientTotals(r) })));
  }

  /** The period's work, each worker's pay and weeks, and the same by demographics, from one pass grouped by patient. */
  async workByPatient(): Promise<{ work: WorkRow[]; workerPay: WorkerPayRow[]; equity: EquityWorkerRow[] }> {
    const rows = await this.rows(
      (p) => `SELECT ${this.demo}, ${this.perPatient} FROM assignment_outcomes o LEFT JOIN patient_demographics pd ON pd."patientId" = o."patientId"
        WHERE ${this.inPeriod(p, 'o."startAt"')} GROUP BY o."patientId", ${this.demoGroup}`,
    );
    const list = rows.map((r) => ({ demo: this.demoRow(r), ...patientTotals(r) }));
    const workers = list.filter((r) => r.attended > 0);
    return {
      // an aggregate without GROUP BY: one row, also for an empty period
      work: [{ k: null, ...addUp(list) }],
      workerPay: workers.map((r) => ({ k: null, payPence: r.attendedPay, weeks: r.weeks })),
      equity: workers.map((r) => ({ ...r.demo, payPence: r.attendedPay, weeks: r.weeks })),
    };
  }

  async cancellations(): Promise<ReasonRow[]> {
    const { from, key } = this.outcomesFrom(true);
    const rows = await this.rows(
      (p) => `SELECT ${key} AS k, o."reasonCode" AS reason, COUNT(*) AS n FROM ${from}
        WHERE ${this.inPeriod(p, 'o."startAt"')} AND o.status = 'CANCELLED' GROUP BY ${key}, o."reasonCode"`,
    );
    return rows.map((r) => ({ k: (r.k as Key) ?? null, reason: String(r.reason ?? 'OTHER'), n: toInt(r.n) }));
  }

  /**
   * Weeks (patient and London week) in which a benefits cap was overridden, by the cap: one pass
   * listing the overridden weeks by group (a few per person at most), counted here by group and
   * in total (distinct counts, so a week is counted once whichever groups it falls in).
   */
  async overrides(): Promise<{ grouped: OverrideRow[]; total: OverrideRow[] }> {
    const { joins, key } = this.patientKey('a."patientId"', 'sh."enterpriseId"', instant('a."startAt"'));
    const shift = this.groupBy === 'enterprise' ? ' JOIN shifts sh ON sh.id = a."shiftId"' : '';
    const rows = await this.rows(
      // The overridden assignments first, by the index on (startAt, overriddenCodes) alone (a
      // few per person at most), then their groups; not one group lookup per assignment.
      (p) => `WITH overridden AS MATERIALIZED (SELECT a."patientId", a."shiftId", a."startAt", a."weekStartOn", a."overriddenCodes" FROM assignments a
          WHERE ${this.inPeriod(p, 'a."startAt"')} AND a."overriddenCodes" <> '[]' AND a.status <> 'CANCELLED')
        SELECT ${key} AS k, a."patientId" AS pid, a."weekStartOn" AS week,
          MAX(CASE WHEN a."overriddenCodes" LIKE '%HOURS_CAP%' THEN 1 ELSE 0 END) AS hours,
          MAX(CASE WHEN a."overriddenCodes" LIKE '%EARNINGS_CAP%' THEN 1 ELSE 0 END) AS earnings
        FROM overridden a${shift}${joins} GROUP BY ${key}, a."patientId", a."weekStartOn"`,
    );
    const weeks = rows.map((r) => ({ k: (r.k as Key) ?? null, pid: String(r.pid), week: `${String(r.pid)}|${dateText(r.week)}`, hours: toInt(r.hours) > 0, earnings: toInt(r.earnings) > 0 }));
    const count = (list: typeof weeks, k: Key): OverrideRow => ({
      k,
      weeks: new Set(list.map((w) => w.week)).size,
      hoursWeeks: new Set(list.filter((w) => w.hours).map((w) => w.week)).size,
      earningsWeeks: new Set(list.filter((w) => w.earnings).map((w) => w.week)).size,
      people: new Set(list.map((w) => w.pid)).size,
    });
    return { grouped: [...byKey(weeks)].map(([k, list]) => count(list, k)), total: [count(weeks, null)] };
  }

  async skillsVerified(): Promise<CountRow[]> {
    const { joins, key } = this.patientKey('sl."patientId"', 'sh."enterpriseId"', instant('sl."reviewedAt"'));
    const shift = this.groupBy === 'enterprise' ? ' LEFT JOIN shifts sh ON sh.id = sl."shiftId"' : '';
    const rows = await this.rows((p) => `SELECT ${key} AS k, COUNT(*) AS n FROM skill_logs sl${shift}${joins} WHERE sl.status = 'VERIFIED' AND ${this.inPeriod(p, 'sl."reviewedAt"')} GROUP BY ${key}`);
    return rows.map((r) => ({ k: (r.k as Key) ?? null, n: toInt(r.n) }));
  }

  async credentialsIssued(): Promise<CountRow[]> {
    const { joins, key } = this.patientKey('c."patientId"', 'sh."enterpriseId"', instant('c."issuedAt"'));
    const shift = this.groupBy === 'enterprise' ? ' JOIN skill_logs sl ON sl.id = c."skillLogId" LEFT JOIN shifts sh ON sh.id = sl."shiftId"' : '';
    const rows = await this.rows((p) => `SELECT ${key} AS k, COUNT(*) AS n FROM credentials c${shift}${joins} WHERE ${this.inPeriod(p, 'c."issuedAt"')} GROUP BY ${key}`);
    return rows.map((r) => ({ k: (r.k as Key) ?? null, n: toInt(r.n) }));
  }

  async referencesApproved(): Promise<CountRow[]> {
    const { joins, key } = this.patientKey('ref."patientId"', 'wr."enterpriseId"', instant('ref."approvedAt"'));
    const role = this.groupBy === 'enterprise' ? ' JOIN placements pl ON pl.id = ref."placementId" JOIN work_roles wr ON wr.id = pl."workRoleId"' : '';
    const rows = await this.rows((p) => `SELECT ${key} AS k, COUNT(*) AS n FROM employment_references ref${role}${joins} WHERE ref."approvedAt" IS NOT NULL AND ${this.inPeriod(p, 'ref."approvedAt"')} GROUP BY ${key}`);
    return rows.map((r) => ({ k: (r.k as Key) ?? null, n: toInt(r.n) }));
  }

  /** Placements that reached 13 weeks in the period (started 91 days before a day in it, and still going then). */
  async sustained(): Promise<CountRow[]> {
    const { joins, key } = this.patientKey('pl."patientId"', 'wr."enterpriseId"', onDate(this.sustainedOn()));
    const rows = await this.rows(
      (p) => `SELECT ${key} AS k, COUNT(*) AS n FROM placements pl JOIN work_roles wr ON wr.id = pl."workRoleId"${joins}
        WHERE pl."startOn" >= ${p.p(addDays(this.from, -SUSTAINED_DAYS))} AND pl."startOn" <= ${p.p(addDays(this.to, -SUSTAINED_DAYS))}
          AND (pl."endOn" IS NULL OR ${this.dayDiff('pl."endOn"', 'pl."startOn"')} >= ${SUSTAINED_DAYS}) GROUP BY ${key}`,
    );
    return rows.map((r) => ({ k: (r.k as Key) ?? null, n: toInt(r.n) }));
  }

  async endings(): Promise<ReasonRow[]> {
    const { joins, key } = this.patientKey('pl."patientId"', 'wr."enterpriseId"', onDate('pl."endOn"'));
    const rows = await this.rows(
      (p) => `SELECT ${key} AS k, pl."endReason" AS reason, COUNT(*) AS n FROM placements pl JOIN work_roles wr ON wr.id = pl."workRoleId"${joins}
        WHERE pl.status = 'ENDED' AND ${this.onDates(p, 'pl."endOn"')} GROUP BY ${key}, pl."endReason"`,
    );
    return rows.map((r) => ({ k: (r.k as Key) ?? null, reason: String(r.reason ?? 'UNKNOWN'), n: toInt(r.n) }));
  }

  /**
   * Starts of jobs, education, training and volunteering outside the hospital in the period, by
   * the person's ward (they have no enterprise). A job start counts once the first 4 hours of
   * paid work are done, by the end of the period (IPS).
   */
  async outsideStarts(): Promise<ReasonRow[]> {
    const enterprise = this.groupBy === 'enterprise';
    const { joins, key } = enterprise ? { joins: '', key: 'NULL' } : this.patientKey('o."patientId"', null, onDate('o."startsOn"'));
    const rows = await this.rows(
      (p) => `SELECT ${key} AS k, o.kind AS reason, COUNT(*) AS n FROM outside_opportunities o${joins}
        WHERE ${this.onDates(p, 'o."startsOn"')} AND (o.kind <> 'JOB' OR (o."fourHoursWorkedOn" IS NOT NULL AND o."fourHoursWorkedOn" <= ${p.p(this.to)}))
        GROUP BY ${enterprise ? '' : `${key}, `}o.kind`,
    );
    return rows.map((r) => ({ k: (r.k as Key) ?? null, reason: String(r.reason), n: toInt(r.n) }));
  }

  async money(): Promise<MoneyRow[]> {
    const key = this.enterpriseKey();
    const rows = await this.rows(
      (p) => `SELECT ${key} AS k,
          SUM(CASE WHEN la.type = 'INCOME' THEN l."creditPence" - l."debitPence" ELSE 0 END) AS income,
          SUM(CASE WHEN la.type = 'EXPENSE' THEN l."debitPence" - l."creditPence" ELSE 0 END) AS expenses
        FROM journal_lines l JOIN ledger_accounts la ON la.id = l."accountId" JOIN enterprises ge ON ge.id = l."enterpriseId" LEFT JOIN wards gew ON gew.id = ge."wardId"
        WHERE ${this.onDates(p, 'l."occurredOn"')} AND la.type IN ('INCOME', 'EXPENSE') GROUP BY ${key}`,
    );
    return rows.map((r) => ({ k: (r.k as Key) ?? null, incomePence: toInt(r.income), expensesPence: toInt(r.expenses) }));
  }

  /** Reinvestment proposals whose second approval fell in the period (a handful a year). */
  async proposals(): Promise<ProposalRow[]> {
    const key = this.enterpriseKey();
    const rows = await this.rows((p) => {
      const toAt = p.p(instantParam(this.toAt));
      const fromAt = instantParam(this.fromAt);
      return `SELECT ${key} AS k, rp."amountPence" AS amount, rp."fundedWorkRoleIds" AS roles, rp."fundedPlacementIds" AS placements
        FROM reinvestment_proposals rp JOIN enterprises ge ON ge.id = rp."enterpriseId" LEFT JOIN wards gew ON gew.id = ge."wardId"
        WHERE rp.status IN ('APPROVED', 'SPENT') AND rp."leadApprovedAt" < ${toAt} AND rp."adminApprovedAt" < ${p.p(instantParam(this.toAt))}
          AND (rp."leadApprovedAt" >= ${p.p(fromAt)} OR rp."adminApprovedAt" >= ${p.p(fromAt)})`;
    });
    const length = (v: unknown) => {
      const list: unknown = typeof v === 'string' ? JSON.parse(v || '[]') : v;
      return Array.isArray(list) ? list.length : 0;
    };
    return rows.map((r) => ({ k: (r.k as Key) ?? null, amountPence: toInt(r.amount), roles: length(r.roles), placements: length(r.placements) }));
  }

  private readonly demo = `pd."birthYear" AS "birthYear", pd."statedGender" AS gender, pd."ethnicCategory" AS ethnic`;
  private readonly demoGroup = `pd."birthYear", pd."statedGender", pd."ethnicCategory"`;
  private demoRow(r: Record<string, unknown>): DemographicRow {
    return { birthYear: num(r.birthYear), gender: (r.gender as string | null) ?? null, ethnic: (r.ethnic as string | null) ?? null };
  }

  async equityEngagement(): Promise<EquityEngagementRow[]> {
    const rows = await this.rows((p) => {
      const working = `EXISTS (SELECT 1 FROM placements pl WHERE pl."patientId" = pt.id AND ${this.overlaps(p)})`;
      const working2 = `EXISTS (SELECT 1 FROM placements pl WHERE pl."patientId" = pt.id AND ${this.overlaps(p)})`;
      return `SELECT ${this.demo}, COUNT(*) AS "onWards", SUM(CASE WHEN ${working} THEN 1 ELSE 0 END) AS "inWork"
        FROM patients pt LEFT JOIN patient_demographics pd ON pd."patientId" = pt.id
        WHERE pt.status = 'ACTIVE' OR ${working2} GROUP BY ${this.demoGroup}`;
    });
    return rows.map((r) => ({ ...this.demoRow(r), onWards: toInt(r.onWards), inWork: toInt(r.inWork) }));
  }

  async equityEndings(): Promise<EquityEndingRow[]> {
    const progressed = PROGRESSED_REASONS.map((x) => `'${x}'`).join(', ');
    const rows = await this.rows(
      (p) => `SELECT ${this.demo}, COUNT(*) AS endings, SUM(CASE WHEN pl."endReason" IN (${progressed}) THEN 1 ELSE 0 END) AS progressions
        FROM placements pl LEFT JOIN patient_demographics pd ON pd."patientId" = pl."patientId"
        WHERE pl.status = 'ENDED' AND ${this.onDates(p, 'pl."endOn"')} GROUP BY ${this.demoGroup}`,
    );
    return rows.map((r) => ({ ...this.demoRow(r), endings: toInt(r.endings), progressions: toInt(r.progressions) }));
  }

  async monthlyWork(): Promise<MonthlyRow[]> {
    // The London month of the shift's start: the month of its stored London date.
    const month = this.dateMonth('o."startOn"');
    const rows = await this.rows(
      (p) => `SELECT ${month} AS month, COUNT(DISTINCT o."patientId") AS people, COUNT(*) AS attended, SUM(o."minutesWorked") AS minutes, SUM(o."payPence") AS pay
        FROM assignment_outcomes o
        WHERE ${this.inPeriod(p, 'o."startAt"')} AND o.status IN ${ATTENDED} GROUP BY ${month}`,
    );
    return rows.map((r) => ({ month: String(r.month), people: toInt(r.people), attended: toInt(r.attended), minutes: toInt(r.minutes), payPence: toInt(r.pay) }));
  }

  async monthlyPlacements(): Promise<MonthCountRow[]> {
    const month = this.dateMonth('pl."startOn"');
    const rows = await this.rows((p) => `SELECT ${month} AS month, COUNT(*) AS n FROM placements pl WHERE ${this.onDates(p, 'pl."startOn"')} GROUP BY ${month}`);
    return rows.map((r) => ({ month: String(r.month), n: toInt(r.n) }));
  }

  async monthlyEndings(): Promise<MonthCountRow[]> {
    const month = this.dateMonth('pl."endOn"');
    const progressed = PROGRESSED_REASONS.map((x) => `'${x}'`).join(', ');
    const rows = await this.rows(
      (p) => `SELECT ${month} AS month, COUNT(*) AS n, SUM(CASE WHEN pl."endReason" IN (${progressed}) THEN 1 ELSE 0 END) AS progressions
        FROM placements pl WHERE pl.status = 'ENDED' AND ${this.onDates(p, 'pl."endOn"')} GROUP BY ${month}`,
    );
    return rows.map((r) => ({ month: String(r.month), n: toInt(r.n), progressions: toInt(r.progressions) }));
  }

  async monthlyMoney(): Promise<MonthMoneyRow[]> {
    const month = this.dateMonth('l."occurredOn"');
    const rows = await this.rows(
      (p) => `SELECT ${month} AS month,
          SUM(CASE WHEN la.type = 'INCOME' THEN l."creditPence" - l."debitPence" ELSE 0 END) AS income,
          SUM(CASE WHEN la.type = 'EXPENSE' THEN l."debitPence" - l."creditPence" ELSE 0 END) AS expenses
        FROM journal_lines l JOIN ledger_accounts la ON la.id = l."accountId"
        WHERE ${this.onDates(p, 'l."occurredOn"')} AND la.type IN ('INCOME', 'EXPENSE') GROUP BY ${month}`,
    );
    return rows.map((r) => ({ month: String(r.month), incomePence: toInt(r.income), expensesPence: toInt(r.expenses) }));
  }
}
