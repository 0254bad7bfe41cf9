import { Injectable } from '@nestjs/common';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { instantParam } from '../database/columns';
import { Enterprise } from '../enterprises/enterprise.entity';
import { WorkRole } from '../enterprises/work-role.entity';
import { Assignment } from '../rota/assignment.entity';
import { LIVE_ASSIGNMENT_STATUSES } from '../rota/rota.types';
import { Shift } from '../rota/shift.entity';
import { User } from '../users/user.entity';
import { SkillLog } from './skill-log.entity';
import { Skill } from './skill.entity';
import type { SkillCategory, SkillLogStatus } from './skills.types';

/** Adds the caller's patient scope to a query that joins the patient as `p`. */
export type PatientScope = <T extends object>(qb: SelectQueryBuilder<T>) => SelectQueryBuilder<T>;

export interface SkillLogFilter {
  patientId?: string;
  skillId?: string;
  status?: SkillLogStatus;
  limit: number;
  offset: number;
}

export interface WorkedShift {
  shiftId: string;
  startAt: Date;
  endAt: Date;
  roleTitle: string;
  enterpriseName: string;
}

/** Named queries for the skills framework and skill logs. */
@Injectable()
export class SkillsRepository {
  findSkills(em: EntityManager, q: { includeInactive?: boolean; category?: SkillCategory } = {}): Promise<Skill[]> {
    const qb = em.createQueryBuilder(Skill, 's').orderBy('s.category', 'ASC').addOrderBy('s.name', 'ASC');
    if (!q.includeInactive) qb.andWhere('s.active = :active', { active: true });
    if (q.category) qb.andWhere('s.category = :category', { category: q.category });
    return qb.getMany();
  }

  findSkill(em: EntityManager, id: string, lock?: { mode: 'pessimistic_write' }): Promise<Skill | null> {
    return em.findOne(Skill, { where: { id }, lock });
  }

  findSkillByCode(em: EntityManager, code: string): Promise<Skill | null> {
    return em.findOne(Skill, { where: { code } });
  }

  private logs(em: EntityManager, scope: PatientScope): SelectQueryBuilder<SkillLog> {
    return scope(em.createQueryBuilder(SkillLog, 'l').innerJoinAndSelect('l.patient', 'p').innerJoinAndSelect('l.skill', 's'));
  }

  /** A page of skill log entries in the caller's scope, newest first. Pending: oldest first (a queue). */
  findLogPage(em: EntityManager, q: SkillLogFilter, scope: PatientScope): Promise<[SkillLog[], number]> {
    const qb = this.logs(em, scope).take(q.limit).skip(q.offset);
    if (q.patientId) qb.andWhere('l.patientId = :patientId', { patientId: q.patientId });
    if (q.skillId) qb.andWhere('l.skillId = :skillId', { skillId: q.skillId });
    if (q.status) qb.andWhere('l.status = :status', { status: q.status });
    if (q.status === 'PENDING') qb.orderBy('l.createdAt', 'ASC');
    else qb.orderBy('l.occurredOn', 'DESC').addOrderBy('l.createdAt', 'DESC');
    return qb.addOrderBy('l.id', 'ASC').getManyAndCount();
  }

  /** Every entry of one patient (a patient's history is small: a few a week), newest first. */
  findLogsOfPatient(em: EntityManager, patientId: string, scope: PatientScope): Promise<SkillLog[]> {
    return this.logs(em, scope)
      .andWhere('l.patientId = :patientId', { patientId })
      .orderBy('l.occurredOn', 'DESC')
      .addOrderBy('l.createdAt', 'DESC')
      .addOrderBy('l.id', 'ASC')
      .take(1000)
      .getMany();
  }

  findLog(em: EntityManager, id: string, scope: PatientScope): Promise<SkillLog | null> {
    return this.logs(em, scope).andWhere('l.id = :id', { id }).getOne();
  }

  /** The entry's row, locked on PostgreSQL, for a decision. */
  lockLog(em: EntityManager, id: string, lock?: { mode: 'pessimistic_write' }): Promise<SkillLog | null> {
    return em.findOne(SkillLog, { where: { id }, lock });
  }

  /** The shift and whether the patient was booked on it (a live booking). */
  async findShiftOfPatient(em: EntityManager, shiftId: string, patientId: string): Promise<{ shift: Shift; booked: boolean } | null> {
    const shift = await em.findOne(Shift, { where: { id: shiftId } });
    if (!shift) return null;
    const booked = await em.count(Assignment, { where: { shiftId, patientId, status: In(LIVE_ASSIGNMENT_STATUSES) } });
    return { shift, booked: booked > 0 };
  }

  /** Shifts the patient was booked on that started in [from, to), newest first: for linking an entry to a shift. */
  findShiftsWorked(em: EntityManager, patientId: string, from: Date, to: Date): Promise<WorkedShift[]> {
    return em
      .createQueryBuilder(Assignment, 'a')
      .innerJoin(Shift, 'sh', 'sh.id = a.shiftId')
      .innerJoin(WorkRole, 'wr', 'wr.id = sh.workRoleId')
      .innerJoin(Enterprise, 'e', 'e.id = sh.enterpriseId')
      .select(['sh.id AS "shiftId"', 'sh.startAt AS "startAt"', 'sh.endAt AS "endAt"', 'wr.title AS "roleTitle"', 'e.name AS "enterpriseName"'])
      .where('a.patientId = :patientId', { patientId })
      .andWhere('a.status IN (:...live)', { live: LIVE_ASSIGNMENT_STATUSES })
      .andWhere('a.startAt >= :from', { from: instantParam(from) })
      .andWhere('a.startAt < :to', { to: instantParam(to) })
      .orderBy('a.startAt', 'DESC')
      .take(60)
      .getRawMany<{ shiftId: string; startAt: Date | string; endAt: Date | string; roleTitle: string; enterpriseName: string }>()
      .then((rows) => rows.map((r) => ({ ...r, startAt: toDate(r.startAt), endAt: toDate(r.endAt) })));
  }

  async userNames(em: EntityManager, ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((i): i is string => !!i))];
    if (!unique.length) return new Map();
    const users = await em.find(User, { where: { id: In(unique) }, select: { id: true, displayName: true } });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}

/** Raw instants come back as Date (PostgreSQL) or as UTC text (SQLite). */
function toDate(v: Date | string): Date {
  if (v instanceof Date) return v;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : v.replace(' ', 'T') + 'Z');
}
