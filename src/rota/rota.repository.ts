import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import { toInt, instantParam } from '../database/columns';
import { PREPARED } from '../database/pg-prepared';
import { Enterprise } from '../enterprises/enterprise.entity';
import { Placement } from '../recruitment/placement.entity';
import { Assignment } from './assignment.entity';
import { LIVE_ASSIGNMENT_STATUSES } from './rota.types';
import { Shift } from './shift.entity';
import { Timesheet } from './timesheet.entity';

/** The longest shift allowed; it bounds the overlap query's index range. */
export const MAX_SHIFT_MINUTES = 16 * 60;

/** Named, bounded queries for the rota: each uses an index and a time or shift bound. */
@Injectable()
export class RotaRepository {
  /** Live assignments of a patient overlapping [start, end), in any enterprise. */
  findOverlappingAssignments(em: EntityManager, patientId: string, start: Date, end: Date, excludeShiftId?: string): Promise<{ startAt: Date; endAt: Date; enterpriseName: string }[]> {
    const qb = em
      .createQueryBuilder(Assignment, 'a')
      .innerJoin(Shift, 's', 's.id = a.shiftId')
      .innerJoin(Enterprise, 'e', 'e.id = s.enterpriseId')
      .select(['a.startAt AS "startAt"', 'a.endAt AS "endAt"', 'e.name AS "enterpriseName"'])
      .where('a.patientId = :patientId', { patientId })
      .andWhere('a.status IN (:...live)', { live: LIVE_ASSIGNMENT_STATUSES })
      // index range on (patientId, startAt): an overlapping shift starts less than one shift-length before this one ends
      .andWhere('a.startAt > :lower', { lower: instantParam(new Date(start.getTime() - MAX_SHIFT_MINUTES * 60_000)) })
      .andWhere('a.startAt < :end', { end: instantParam(end) })
      .andWhere('a.endAt > :start', { start: instantParam(start) });
    if (excludeShiftId) qb.andWhere('a.shiftId <> :excludeShiftId', { excludeShiftId });
    return qb.getRawMany();
  }

  /** Minutes and projected pay of a patient's live assignments in a London week. */
  async findWeekTotals(em: EntityManager, patientId: string, weekStartOn: string, excludeShiftId?: string): Promise<{ bookedMinutes: number; bookedPayPence: number }> {
    const qb = em
      .createQueryBuilder(Assignment, 'a')
      .select('COALESCE(SUM(a.plannedMinutes), 0)', 'minutes')
      .addSelect('COALESCE(SUM(a.plannedPayPence), 0)', 'pay')
      .where('a.patientId = :patientId', { patientId })
      .andWhere('a.weekStartOn = :weekStartOn', { weekStartOn })
      .andWhere('a.status IN (:...live)', { live: LIVE_ASSIGNMENT_STATUSES });
    if (excludeShiftId) qb.andWhere('a.shiftId <> :excludeShiftId', { excludeShiftId });
    const row = await qb.getRawOne<{ minutes: unknown; pay: unknown }>();
    return { bookedMinutes: toInt(row?.minutes), bookedPayPence: toInt(row?.pay) };
  }

  /** Whether the enterprise's timesheet for a London week is approved: unique index (enterpriseId, weekStartOn). */
  async isWeekApproved(em: EntityManager, enterpriseId: string, weekStartOn: string): Promise<boolean> {
    return (await em.count(Timesheet, { where: { enterpriseId, weekStartOn } })) > 0;
  }

  async countLiveOnShift(em: EntityManager, shiftId: string): Promise<number> {
    return em.count(Assignment, { where: { shiftId, status: In(LIVE_ASSIGNMENT_STATUSES) } });
  }

  findLiveAssignment(em: EntityManager, shiftId: string, patientId: string): Promise<Assignment | null> {
    return em.findOne(Assignment, { where: { shiftId, patientId, status: In(LIVE_ASSIGNMENT_STATUSES) } });
  }

  /** The patient's placement in the role that is active on a date. */
  findActivePlacementOn(em: EntityManager, patientId: string, workRoleId: string, date: string): Promise<Placement | null> {
    return em
      .createQueryBuilder(Placement, 'p')
      .where('p.patientId = :patientId AND p.workRoleId = :workRoleId', { patientId, workRoleId })
      .andWhere("p.status = 'ACTIVE'")
      .andWhere('p.startOn <= :date', { date })
      .andWhere(new Brackets((w) => w.where('p.endOn IS NULL').orWhere('p.endOn >= :date', { date })))
      .getOne();
  }

  /** A patient's live assignments starting after an instant (for review after a clinical change). */
  findFutureLiveAssignments(em: EntityManager, patientId: string, after: Date): Promise<Assignment[]> {
    return em
      .createQueryBuilder(Assignment, 'a')
      .where('a.patientId = :patientId', { patientId })
      .andWhere('a.status IN (:...live)', { live: LIVE_ASSIGNMENT_STATUSES })
      .andWhere('a.startAt > :after', { after: instantParam(after) })
      .orderBy('a.startAt', 'ASC')
      .getMany();
  }

  /**
   * A page of the rota as the JSON text of its items, built by the database in one statement:
   * the shifts in range with their role title, enterprise name and live booking count (the
   * rows the benchmark's raw SQL returns), in the shape of ShiftDto. This is the most frequent
   * read of the service; the driver hands back one string instead of a row object per shift
   * that would then be converted, copied and serialized again (see rotaItemJson).
   */
  async findRotaPageJson(em: EntityManager, opts: { enterpriseId?: string; from: Date; to: Date; publishedOnly: boolean; limit: number; offset: number }): Promise<{ itemsJson: string; total: number }> {
    const sql = rotaPageSql(em.connection.options.type === 'postgres', !!opts.enterpriseId, opts.publishedOnly);
    const values: unknown[] = [instantParam(opts.from), instantParam(opts.to)];
    if (opts.enterpriseId) values.push(opts.enterpriseId);
    const [page] = (await em.query(sql.page, [...values, opts.limit, opts.offset])) as { items: string; n: unknown }[];
    const n = toInt(page.n);
    // count only when the page is full or not the first: most rota weeks fit one page
    const total = n < opts.limit && opts.offset === 0 ? n : toInt((await em.query(sql.count, values))[0]?.n);
    return { itemsJson: page.items, total };
  }

  findLiveAssignmentsForShifts(em: EntityManager, shiftIds: string[]): Promise<Assignment[]> {
    if (!shiftIds.length) return Promise.resolve([]);
    return em.find(Assignment, { where: { shiftId: In(shiftIds), status: In(LIVE_ASSIGNMENT_STATUSES) }, order: { createdAt: 'ASC' } });
  }
}

const rotaPageSqls = new Map<string, { page: string; count: string }>();

/** The rota page's statements (see findRotaPageJson), made once per database and filter. */
function rotaPageSql(pg: boolean, byEnterprise: boolean, publishedOnly: boolean): { page: string; count: string } {
  const key = `${pg}:${byEnterprise}:${publishedOnly}`;
  let sql = rotaPageSqls.get(key);
  if (sql) return sql;
  let n = 0;
  const p = () => (pg ? `$${++n}` : '?');
  const where = [`s."startAt" >= ${p()}`, `s."startAt" < ${p()}`];
  if (byEnterprise) where.push(`s."enterpriseId" = ${p()}`);
  if (publishedOnly) where.push(`s.status = 'PUBLISHED'`);
  const from = `FROM shifts s INNER JOIN work_roles r ON r.id = s."workRoleId" INNER JOIN enterprises e ON e.id = s."enterpriseId" WHERE ${where.join(' AND ')}`;
  // SQLite re-prepares a statement on its next step whenever a parameter it read while planning
  // is bound again, and it reads a bare LIMIT/OFFSET parameter (3.52: sqlite3ExprIsInteger):
  // that doubled the cost of this query. Behind a CAST the planner leaves the value alone.
  const count = () => (pg ? p() : `CAST(${p()} AS INTEGER)`);
  sql = {
    page: `${PREPARED}SELECT '[' || COALESCE(${pg ? 'string_agg' : 'group_concat'}(${rotaItemJson(pg)}, ',' ORDER BY x."startAt" ASC, x.id ASC), '') || ']' AS "items", COUNT(*) AS "n"
       FROM (SELECT s.id, s."workRoleId", r.title AS "roleTitle", s."enterpriseId", e.name AS "enterpriseName", s."startAt", s."endAt", s.capacity, s."supervisorUserId",
               s."escortUserIds", s."locationNote", s.status, s."cancelReason", s."patternId",
               (SELECT COUNT(*) FROM assignments a WHERE a."shiftId" = s.id AND a.status IN ('BOOKED', 'NEEDS_REVIEW')) AS "booked"
             ${from} ORDER BY s."startAt" ASC, s.id ASC LIMIT ${count()} OFFSET ${count()}) x`,
    count: `${PREPARED}SELECT COUNT(*) AS n ${from}`,
  };
  rotaPageSqls.set(key, sql);
  return sql;
}

type JsonKind = 'text' | 'int' | 'instant' | 'jsonText';

/** ShiftDto's fields in its key order, as columns of the rota page's inner query `x`. */
const ROTA_ITEM_FIELDS: [key: string, column: string, kind: JsonKind][] = [
  ['id', 'x.id', 'text'],
  ['workRoleId', 'x."workRoleId"', 'text'],
  ['roleTitle', 'x."roleTitle"', 'text'],
  ['enterpriseId', 'x."enterpriseId"', 'text'],
  ['enterpriseName', 'x."enterpriseName"', 'text'],
  ['startAt', 'x."startAt"', 'instant'],
  ['endAt', 'x."endAt"', 'instant'],
  ['capacity', 'x.capacity', 'int'],
  ['supervisorUserId', 'x."supervisorUserId"', 'text'],
  ['escortUserIds', 'x."escortUserIds"', 'jsonText'],
  ['locationNote', 'x."locationNote"', 'text'],
  ['status', 'x.status', 'text'],
  ['cancelReason', 'x."cancelReason"', 'text'],
  ['patternId', 'x."patternId"', 'text'],
  ['booked', 'x."booked"', 'int'],
  ['freePlaces', 'CASE WHEN x.capacity > x."booked" THEN x.capacity - x."booked" ELSE 0 END', 'int'],
];

/**
 * SQL for the JSON text of one rota item, byte for byte what JSON.stringify gives for the
 * ShiftDto: strings escaped by json_quote (SQLite) or to_json (PostgreSQL), which escape
 * exactly as JSON.stringify does (tested); NULL as null; instants as toISOString() writes
 * them (UTC, milliseconds, Z); the escort list as stored, which TypeORM's simple-json wrote
 * with JSON.stringify (an empty text reads as []). One format() call per item (both databases
 * have it): cheaper than concatenating sixteen pieces, and PostgreSQL's json_build_object
 * would put spaces after keys and commas.
 */
export function rotaItemJson(pg: boolean): string {
  const value = (column: string, kind: JsonKind): string => {
    switch (kind) {
      case 'text':
        return pg ? `COALESCE(to_json(${column})::text, 'null')` : `json_quote(${column})`;
      case 'int':
        return pg ? `COALESCE((${column})::text, '0')` : `COALESCE(CAST(${column} AS INTEGER), 0)`;
      case 'instant':
        return pg ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `strftime('%Y-%m-%dT%H:%M:%fZ', ${column})`;
      case 'jsonText':
        return `COALESCE(NULLIF(${column}, ''), '[]')`;
    }
  };
  const template = ROTA_ITEM_FIELDS.map(([key, , kind]) => `"${key}":${kind === 'instant' ? '"%s"' : '%s'}`).join(',');
  return `format('{${template}}', ${ROTA_ITEM_FIELDS.map(([, column, kind]) => value(column, kind)).join(', ')})`;
}
