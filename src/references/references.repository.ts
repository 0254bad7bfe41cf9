import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '../common/request-context';
import { Enterprise } from '../enterprises/enterprise.entity';
import { WorkRole } from '../enterprises/work-role.entity';
import { PatientAccess } from '../patients/patient-access';
import { Patient } from '../patients/patient.entity';
import { Placement } from '../recruitment/placement.entity';
import { User } from '../users/user.entity';
import { Reference } from './reference.entity';
import type { ReferenceStatus } from './reference.types';

export interface ReferenceRow {
  reference: Reference;
  patientDisplayName: string;
}

export interface PlacementChoice {
  id: string;
  patientId: string;
  patientDisplayName: string;
  roleTitle: string;
  enterpriseName: string;
  startOn: string;
  endOn: string | null;
  status: string;
}

/**
 * Scoped reads of references and the placements they are written for. Scope: the patient's
 * (PatientAccess: wards for OTs and specialists, self for a patient, all for an admin) and, for
 * an enterprise lead, only placements in enterprises they lead; a patient sees only approved
 * references. Out of scope is simply absent (the service answers 404).
 */
@Injectable()
export class ReferencesRepository {
  constructor(private readonly patients: PatientAccess) {}

  private scope<T extends object>(qb: SelectQueryBuilder<T>, user: AuthUser): SelectQueryBuilder<T> {
    this.patients.applyScope(qb, user, 'p');
    if (user.role === 'ENTERPRISE_LEAD') {
      qb.andWhere('wr.enterpriseId IN (SELECT rel."enterpriseId" FROM enterprise_leads rel WHERE rel."userId" = :ref_lead)', { ref_lead: user.id });
    }
    return qb;
  }

  private references(em: EntityManager, user: AuthUser): SelectQueryBuilder<Reference> {
    const qb = em
      .createQueryBuilder(Reference, 'ref')
      .innerJoin(Placement, 'pl', 'pl.id = ref.placementId')
      .innerJoin(WorkRole, 'wr', 'wr.id = pl.workRoleId')
      .innerJoin(Patient, 'p', 'p.id = ref.patientId')
      .addSelect('p.displayName', 'patientDisplayName');
    if (user.role === 'PATIENT') qb.andWhere("ref.status = 'APPROVED'");
    return this.scope(qb, user);
  }

  async findVisible(em: EntityManager, user: AuthUser, id: string): Promise<ReferenceRow | null> {
    const { entities, raw } = await this.references(em, user).andWhere('ref.id = :id', { id }).getRawAndEntities();
    if (!entities.length) return null;
    return { reference: entities[0], patientDisplayName: String(raw[0].patientDisplayName) };
  }

  async findPage(em: EntityManager, user: AuthUser, q: { patientId?: string; status?: ReferenceStatus; limit: number; offset: number }): Promise<[ReferenceRow[], number]> {
    const qb = this.references(em, user);
    if (q.patientId) qb.andWhere('ref.patientId = :patientId', { patientId: q.patientId });
    if (q.status) qb.andWhere('ref.status = :status', { status: q.status });
    const total = await qb.clone().getCount();
    const { entities, raw } = await qb.orderBy('ref.updatedAt', 'DESC').addOrderBy('ref.id', 'ASC').offset(q.offset).limit(q.limit).getRawAndEntities();
    const names = new Map(raw.map((r: Record<string, unknown>) => [String(r.ref_id), String(r.patientDisplayName)]));
    return [entities.map((reference) => ({ reference, patientDisplayName: names.get(reference.id) ?? '' })), total];
  }

  /** Re-reads a reference for a change, locked on PostgreSQL (SQLite is serialized by the unit of work). */
  lock(em: EntityManager, id: string, lock: { mode: 'pessimistic_write' } | undefined): Promise<Reference | null> {
    return em.findOne(Reference, { where: { id }, lock });
  }

  findByCode(em: EntityManager, code: string): Promise<Reference | null> {
    return em.findOne(Reference, { where: { verificationCode: code } });
  }

  codeTaken(em: EntityManager, code: string): Promise<boolean> {
    return em.exists(Reference, { where: { verificationCode: code } });
  }

  /** A reference for the placement that is still a draft or approved (at most one at a time). */
  findLiveForPlacement(em: EntityManager, placementId: string): Promise<Reference | null> {
    return em
      .createQueryBuilder(Reference, 'ref')
      .where('ref.placementId = :placementId', { placementId })
      .andWhere("ref.status IN ('DRAFT', 'APPROVED')")
      .getOne();
  }

  /** The placement, if the caller may see it (same scope as references). */
  async findVisiblePlacement(em: EntityManager, user: AuthUser, placementId: string): Promise<PlacementChoice | null> {
    const rows = await this.placements(em, user).andWhere('pl.id = :placementId', { placementId }).getRawMany();
    return rows.length ? toChoice(rows[0]) : null;
  }

  /** Placements the caller may write a reference for: in scope, newest first. */
  async findPlacementChoices(em: EntityManager, user: AuthUser, limit: number): Promise<PlacementChoice[]> {
    const rows = await this.placements(em, user).orderBy('pl.status', 'ASC').addOrderBy('pl.startOn', 'DESC').addOrderBy('pl.id', 'ASC').limit(limit).getRawMany();
    return rows.map(toChoice);
  }

  lockPlacement(em: EntityManager, placementId: string, lock: { mode: 'pessimistic_write' } | undefined): Promise<Placement | null> {
    return em.findOne(Placement, { where: { id: placementId }, lock });
  }

  private placements(em: EntityManager, user: AuthUser): SelectQueryBuilder<Placement> {
    const qb = em
      .createQueryBuilder(Placement, 'pl')
      .innerJoin(WorkRole, 'wr', 'wr.id = pl.workRoleId')
      .innerJoin(Enterprise, 'e', 'e.id = wr.enterpriseId')
      .innerJoin(Patient, 'p', 'p.id = pl.patientId')
      .select('pl.id', 'id')
      .addSelect('pl.patientId', 'patientId')
      .addSelect('p.displayName', 'patientDisplayName')
      .addSelect('wr.title', 'roleTitle')
      .addSelect('e.name', 'enterpriseName')
      .addSelect('pl.startOn', 'startOn')
      .addSelect('pl.endOn', 'endOn')
      .addSelect('pl.status', 'status');
    return this.scope(qb, user);
  }

  async userName(em: EntityManager, id: string): Promise<string | null> {
    const u = await em.findOne(User, { where: { id }, select: { id: true, displayName: true } });
    return u?.displayName ?? null;
  }
}

function toChoice(r: Record<string, unknown>): PlacementChoice {
  return {
    id: String(r.id),
    patientId: String(r.patientId),
    patientDisplayName: String(r.patientDisplayName),
    roleTitle: String(r.roleTitle),
    enterpriseName: String(r.enterpriseName),
    startOn: rawDate(r.startOn)!,
    endOn: rawDate(r.endOn),
    status: String(r.status),
  };
}

/** A raw date column: sqlite gives 'YYYY-MM-DD'; pg may parse it to a Date at local midnight. */
function rawDate(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  return String(v).slice(0, 10);
}
