import { EntityManager } from 'typeorm';
import { addDays, londonDate } from '../common/dates';
import { instantParam, toInt } from '../database/columns';
import { Enterprise } from '../enterprises/enterprise.entity';
import { WorkRole } from '../enterprises/work-role.entity';
import { Placement } from '../recruitment/placement.entity';
import { londonInstant } from '../recruitment/london-time';
import { Assignment } from '../rota/assignment.entity';
import { AttendanceRecord } from '../rota/attendance-record.entity';
import { SkillLog } from '../skills/skill-log.entity';
import { Skill } from '../skills/skill.entity';
import { levelOfRank } from '../skills/skills.types';
import { Site } from '../wards/site.entity';
import { attendanceFacts, type AttendanceCounts } from './reference-rules';
import type { ReferenceFacts } from './reference.types';

export interface PlacementContext {
  placementId: string;
  patientId: string;
  startOn: string;
  endOn: string | null;
  roleTitle: string;
  enterpriseId: string;
  enterpriseReferenceName: string;
  hospitalName: string;
}

/** An attendance record that no other record supersedes (corrections form a chain: attendance-rules currentRecords). */
const CURRENT = `NOT EXISTS (SELECT 1 FROM attendance_records sup WHERE sup."assignmentId" = r."assignmentId" AND sup."supersedesId" = r.id)`;
/** ... and, should the chain ever fork, the newest head wins, as in currentRecords. */
const NEWEST_HEAD =
  `NOT EXISTS (SELECT 1 FROM attendance_records h WHERE h."assignmentId" = r."assignmentId" AND (h."recordedAt" > r."recordedAt" OR (h."recordedAt" = r."recordedAt" AND h.id > r.id))` +
  ` AND NOT EXISTS (SELECT 1 FROM attendance_records sup2 WHERE sup2."assignmentId" = h."assignmentId" AND sup2."supersedesId" = h.id))`;
const WORKED = `r.status IN ('ATTENDED', 'LATE', 'LEFT_EARLY')`;

/**
 * The queries behind a reference's facts. Each is one aggregate bounded by the placement: its
 * assignments by (patientId, startAt) within the placement's dates, its patient's skill log
 * entries by (patientId, status). Nothing loads history into memory.
 */
export class ReferenceFactsRepository {
  /** Four primary-key reads (entities, so that dates come back as YYYY-MM-DD on both databases). */
  async placementContext(em: EntityManager, placementId: string): Promise<PlacementContext | null> {
    const pl = await em.findOne(Placement, { where: { id: placementId } });
    if (!pl) return null;
    const role = await em.findOneByOrFail(WorkRole, { id: pl.workRoleId });
    const enterprise = await em.findOneByOrFail(Enterprise, { id: role.enterpriseId });
    const site = await em.findOneByOrFail(Site, { id: enterprise.siteId });
    return {
      placementId: pl.id,
      patientId: pl.patientId,
      startOn: pl.startOn,
      endOn: pl.endOn,
      roleTitle: role.title,
      enterpriseId: enterprise.id,
      enterpriseReferenceName: enterprise.referenceName,
      hospitalName: site.name,
    };
  }

  /** Counts and minutes of the current attendance records of the placement's assignments in [from, to). */
  async attendanceCounts(em: EntityManager, patientId: string, placementId: string, from: Date, to: Date | null): Promise<AttendanceCounts> {
    const qb = em
      .createQueryBuilder(Assignment, 'a')
      .innerJoin(AttendanceRecord, 'r', 'r.assignmentId = a.id')
      .select(`COUNT(CASE WHEN r.status <> 'CANCELLED' THEN 1 END)`, 'recorded')
      .addSelect(`COUNT(CASE WHEN ${WORKED} THEN 1 END)`, 'attended')
      .addSelect(`COUNT(CASE WHEN r.status IN ('ATTENDED', 'LEFT_EARLY') THEN 1 END)`, 'onTime')
      .addSelect(`COALESCE(SUM(CASE WHEN ${WORKED} THEN r."minutesWorked" ELSE 0 END), 0)`, 'minutes')
      .where('a.patientId = :patientId', { patientId })
      .andWhere('a.startAt >= :from', { from: instantParam(from) })
      .andWhere('a.placementId = :placementId', { placementId })
      .andWhere(CURRENT)
      .andWhere(NEWEST_HEAD);
    if (to) qb.andWhere('a.startAt < :to', { to: instantParam(to) });
    const row: Record<string, unknown> | undefined = await qb.getRawOne();
    return { recorded: toInt(row?.recorded), attended: toInt(row?.attended), onTime: toInt(row?.onTime), minutesWorked: toInt(row?.minutes) };
  }

  /** Highest verified level per skill, from entries dated within [fromOn, toOn]. */
  async verifiedSkills(em: EntityManager, patientId: string, fromOn: string, toOn: string): Promise<ReferenceFacts['verifiedSkills']> {
    const rows: { code: string; name: string; rank: unknown }[] = await em
      .createQueryBuilder(SkillLog, 'l')
      .innerJoin(Skill, 's', 's.id = l.skillId')
      .select('s.code', 'code')
      .addSelect('s.name', 'name')
      .addSelect('MAX(l.levelRank)', 'rank')
      .where('l.patientId = :patientId', { patientId })
      .andWhere("l.status = 'VERIFIED'")
      .andWhere('l.occurredOn >= :fromOn AND l.occurredOn <= :toOn', { fromOn, toOn })
      .groupBy('s.code')
      .addGroupBy('s.name')
      .orderBy('s.name', 'ASC')
      .getRawMany();
    return rows.map((r) => ({ code: r.code, name: r.name, level: levelOfRank(toInt(r.rank)) }));
  }
}

/**
 * The facts of a reference for a placement, from the records, as of `today` (a London date):
 * the role, the enterprise's reference name, the hospital (shown only if the patient chooses),
 * the placement's dates, the minutes and shifts worked and the rates from attendance, and the
 * skills verified during the placement at their highest level. Used by the service and the
 * demo seed alike. Null when there is no such placement.
 */
export async function gatherReferenceFacts(em: EntityManager, repo: ReferenceFactsRepository, placementId: string, today: string = londonDate()): Promise<ReferenceFacts | null> {
  const ctx = await repo.placementContext(em, placementId);
  if (!ctx) return null;
  const lastOn = ctx.endOn && ctx.endOn < today ? ctx.endOn : today;
  const from = londonInstant(ctx.startOn, '00:00')!;
  const to = ctx.endOn ? londonInstant(addDays(ctx.endOn, 1), '00:00') : null;
  const counts = await repo.attendanceCounts(em, ctx.patientId, ctx.placementId, from, to);
  const verifiedSkills = lastOn >= ctx.startOn ? await repo.verifiedSkills(em, ctx.patientId, ctx.startOn, lastOn) : [];
  return {
    roleTitle: ctx.roleTitle,
    enterpriseReferenceName: ctx.enterpriseReferenceName,
    hospitalName: ctx.hospitalName,
    startOn: ctx.startOn,
    endOn: ctx.endOn,
    ...attendanceFacts(counts),
    verifiedSkills,
  };
}
