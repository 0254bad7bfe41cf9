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
   * One rota page in one statement: the shifts in range with their role title, enterprise name
   * and live booking count (the same rows the benchmark's raw SQL returns).
   */
  /**
   * A page of the rota with each shift's live bookings. Written as SQL rather than built with
   * the query builder: this is the most frequent read of the service, and building it cost
   * more than running it.
   */
  async findRotaRows(em: EntityManager, opts: { enterpriseId?: string; from: Date; to: Date; publishedOnly: boolean; limit: number; offset: number }): Promise<{ rows: RotaRow[]; total: number }> {
    const pg = em.connection.options.type === 'postgres';
    const values: unknown[] = [];
    const p = (v: unknown) => (values.push(v), pg ? `$${values.length}` : '?');
    const where = [`s."startAt" >= ${p(instantParam(opts.from))}`, `s."startAt" < ${p(instantParam(opts.to))}`];
    if (opts.enterpriseId) where.push(`s."enterpriseId" = ${p(opts.enterpriseId)}`);
    if (opts.publishedOnly) where.push(`s.status = 'PUBLISHED'`);
    const from = `FROM shifts s INNER JOIN work_roles r ON r.id = s."workRoleId" INNER JOIN enterprises e ON e.id = s."enterpriseId" WHERE ${where.join(' AND ')}`;
    const countValues = [...values];
    const raw: Record<string, unknown>[] = await em.query(
      `${PREPARED}SELECT s.id AS "id", s."workRoleId" AS "workRoleId", r.title AS "roleTitle", s."enterpriseId" AS "enterpriseId", e.name AS "enterpriseName",
         s."startAt" AS "startAt", s."endAt" AS "endAt", s.capacity AS "capacity", s."supervisorUserId" AS "supervisorUserId", s."escortUserIds" AS "escortUserIds",
         s."locationNote" AS "locationNote", s.status AS "status", s."cancelReason" AS "cancelReason", s."patternId" AS "patternId",
         (SELECT COUNT(*) FROM assignments a WHERE a."shiftId" = s.id AND a.status IN ('BOOKED', 'NEEDS_REVIEW')) AS "booked"
       ${from} ORDER BY s."startAt" ASC, s.id ASC LIMIT ${p(opts.limit)} OFFSET ${p(opts.offset)}`,
      values,
    );
    // count only when the page is full or not the first: most rota weeks fit one page
    const total = raw.length < opts.limit && opts.offset === 0 ? raw.length : toInt((await em.query(`${PREPARED}SELECT COUNT(*) AS n ${from}`, countValues))[0]?.n);
    return { rows: raw.map(toRotaRow), total };
  }

  findLiveAssignmentsForShifts(em: EntityManager, shiftIds: string[]): Promise<Assignment[]> {
    if (!shiftIds.length) return Promise.resolve([]);
    return em.find(Assignment, { where: { shiftId: In(shiftIds), status: In(LIVE_ASSIGNMENT_STATUSES) }, order: { createdAt: 'ASC' } });
  }
}

export interface RotaRow {
  id: string;
  workRoleId: string;
  roleTitle: string;
  enterpriseId: string;
  enterpriseName: string;
  startAt: Date;
  endAt: Date;
  capacity: number;
  supervisorUserId: string | null;
  escortUserIds: string[];
  locationNote: string | null;
  status: string;
  cancelReason: string | null;
  patternId: string | null;
  booked: number;
}

/** Raw rows: instants come back as Date (pg) or UTC text (SQLite); JSON and counts as text. */
function toRotaRow(r: Record<string, unknown>): RotaRow {
  const instant = (v: unknown) => (v instanceof Date ? v : new Date(String(v).replace(' ', 'T') + (String(v).endsWith('Z') ? '' : 'Z')));
  return {
    id: String(r.id),
    workRoleId: String(r.workRoleId),
    roleTitle: String(r.roleTitle),
    enterpriseId: String(r.enterpriseId),
    enterpriseName: String(r.enterpriseName),
    startAt: instant(r.startAt),
    endAt: instant(r.endAt),
    capacity: toInt(r.capacity),
    supervisorUserId: (r.supervisorUserId as string | null) ?? null,
    escortUserIds: JSON.parse(String(r.escortUserIds || '[]')),
    locationNote: (r.locationNote as string | null) ?? null,
    status: String(r.status),
    cancelReason: (r.cancelReason as string | null) ?? null,
    patternId: (r.patternId as string | null) ?? null,
    booked: toInt(r.booked),
  };
}
