import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { currentContext } from '../common/request-context';
import { instantParam, newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditEvent } from './audit-event.entity';

export interface AuditInput {
  action: string;
  entityType?: string;
  entityId?: string;
  patientId?: string | null;
  /** Defaults to the signed-in user of the current request. */
  userId?: string;
  username?: string;
  /** Small, non-identifying detail (codes, counts, field names). */
  detail?: Record<string, unknown>;
}

export interface AuditQuery {
  patientId?: string;
  userId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/**
 * The audit log: who did what, when, to which record and which patient, from where.
 * Written for every change and every read of patient-identifiable data; append-only in the
 * database (triggers). Writes join the caller's unit of work, so a refused change leaves no
 * audit row claiming it happened.
 */
@Injectable()
export class AuditService {
  constructor(private readonly uow: UnitOfWork) {}

  async record(input: AuditInput): Promise<void> {
    await this.recordMany([input]);
  }

  /** One event per patient read, e.g. for a list of patients. */
  async recordPatientReads(action: string, patientIds: string[], entityType = 'patient'): Promise<void> {
    if (!patientIds.length) return;
    await this.recordMany(patientIds.map((patientId) => ({ action, entityType, entityId: patientId, patientId })));
  }

  async recordMany(inputs: AuditInput[]): Promise<void> {
    if (!inputs.length) return;
    const ctx = currentContext();
    const now = new Date();
    const rows = inputs.map((i) => ({
      id: newId(),
      occurredAt: now,
      userId: i.userId ?? ctx?.user?.id ?? null,
      username: i.username ?? ctx?.user?.username ?? null,
      action: i.action,
      entityType: i.entityType ?? null,
      entityId: i.entityId ?? null,
      patientId: i.patientId ?? null,
      requestId: ctx?.requestId ?? null,
      ip: ctx?.ip ?? null,
      detail: i.detail ? JSON.stringify(i.detail) : null,
    }));
    await this.uow.run(async (em) => {
      for (let i = 0; i < rows.length; i += 200) await em.insert(AuditEvent, rows.slice(i, i + 200));
    });
  }

  /** Every event matching the filters, oldest first, up to `max` (for the CSV export). */
  findAll(q: Omit<AuditQuery, 'limit' | 'offset'>, max: number): Promise<AuditEvent[]> {
    return this.uow.read(async (em) => (await this.findPage(em, { ...q, limit: max, offset: 0 }))[0].reverse());
  }

  find(q: AuditQuery): Promise<[AuditEvent[], number]> {
    return this.uow.read((em) => this.findPage(em, q));
  }

  private findPage(em: EntityManager, q: AuditQuery): Promise<[AuditEvent[], number]> {
    const qb = em.createQueryBuilder(AuditEvent, 'a').orderBy('a.occurredAt', 'DESC').addOrderBy('a.id', 'DESC').take(q.limit).skip(q.offset);
    if (q.patientId) qb.andWhere('a.patientId = :patientId', { patientId: q.patientId });
    if (q.userId) qb.andWhere('a.userId = :userId', { userId: q.userId });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (q.from) qb.andWhere('a.occurredAt >= :from', { from: instantParam(q.from) });
    if (q.to) qb.andWhere('a.occurredAt < :to', { to: instantParam(q.to) });
    return qb.getManyAndCount();
  }
}
