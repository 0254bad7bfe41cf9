import { Injectable } from '@nestjs/common';
import { capsForSituation, type EffectiveCaps } from './benefits';
import { Brackets, EntityManager } from 'typeorm';
import { BenefitsLimit } from './benefits-limit.entity';
import { BenefitsSituationRecord } from './benefits-situation.entity';
import { LeaveEvent } from './leave-event.entity';
import type { RestrictionCode } from './restrictions';
import { WardStay } from './ward-stay.entity';
import { WorkRestriction } from './work-restriction.entity';

/** Named queries over the patient record; every one is bounded by patient and date. */
@Injectable()
export class PatientsRepository {
  /** A patient's stays on wards, oldest first, with each ward's name. */
  async findWardStays(em: EntityManager, patientId: string): Promise<(WardStay & { wardName: string })[]> {
    const { entities, raw } = await em
      .createQueryBuilder(WardStay, 's')
      .innerJoin('s.ward', 'w')
      .addSelect('w.name', 'wardName')
      .where('s.patientId = :patientId', { patientId })
      .orderBy('s.fromAt', 'ASC')
      .addOrderBy('s.recordedAt', 'ASC')
      .getRawAndEntities<{ wardName: string }>();
    return entities.map((e, i) => Object.assign(e, { wardName: raw[i].wardName }));
  }

  findOpenWardStay(em: EntityManager, patientId: string): Promise<WardStay | null> {
    return em.createQueryBuilder(WardStay, 's').where('s.patientId = :patientId', { patientId }).andWhere('s.toAt IS NULL').orderBy('s.fromAt', 'DESC').getOne();
  }

  /**
   * Closes the open stay at `at`. Guarded by `toAt IS NULL`, so of two concurrent transfers
   * only one closes it (on PostgreSQL the second waits for the row and then finds it closed).
   */
  async closeWardStay(em: EntityManager, stayId: string, at: Date): Promise<boolean> {
    const result = await em.createQueryBuilder().update(WardStay).set({ toAt: at }).where('id = :stayId', { stayId }).andWhere('"toAt" IS NULL').execute();
    return (result.affected ?? 0) === 1;
  }

  /** Restrictions in force on a date (YYYY-MM-DD): started, not ended, not lifted. */
  async findRestrictionsInForce(em: EntityManager, patientId: string, date: string): Promise<WorkRestriction[]> {
    return em
      .createQueryBuilder(WorkRestriction, 'r')
      .where('r.patientId = :patientId', { patientId })
      .andWhere('r.effectiveFrom <= :date', { date })
      .andWhere(new Brackets((w) => w.where('r.effectiveUntil IS NULL').orWhere('r.effectiveUntil >= :date', { date })))
      .andWhere(new Brackets((w) => w.where('r.liftedOn IS NULL').orWhere('r.liftedOn > :date', { date })))
      .orderBy('r.effectiveFrom', 'ASC')
      .getMany();
  }

  async findRestrictionCodesInForce(em: EntityManager, patientId: string, date: string): Promise<RestrictionCode[]> {
    return [...new Set((await this.findRestrictionsInForce(em, patientId, date)).map((r) => r.restriction))].sort();
  }

  /** Leave events that can bear on a date: those that started on or before it. */
  findLeaveEventsUpTo(em: EntityManager, patientId: string, date: string): Promise<LeaveEvent[]> {
    return em
      .createQueryBuilder(LeaveEvent, 'l')
      .where('l.patientId = :patientId', { patientId })
      .andWhere('l.effectiveFrom <= :date', { date })
      .orderBy('l.effectiveFrom', 'DESC')
      .addOrderBy('l.recordedAt', 'DESC')
      .getMany();
  }

  findLeaveHistory(em: EntityManager, patientId: string): Promise<LeaveEvent[]> {
    return em.find(LeaveEvent, { where: { patientId }, order: { effectiveFrom: 'DESC', recordedAt: 'DESC' } });
  }

  findRestrictionHistory(em: EntityManager, patientId: string): Promise<WorkRestriction[]> {
    return em.find(WorkRestriction, { where: { patientId }, order: { effectiveFrom: 'DESC', createdAt: 'DESC' } });
  }

  /** The benefits-limit record in force on a date, if the patient has one. */
  findBenefitsLimitOn(em: EntityManager, patientId: string, date: string): Promise<BenefitsLimit | null> {
    return em
      .createQueryBuilder(BenefitsLimit, 'b')
      .where('b.patientId = :patientId', { patientId })
      .andWhere('b.effectiveFrom <= :date', { date })
      .orderBy('b.effectiveFrom', 'DESC')
      .addOrderBy('b.recordedAt', 'DESC')
      .getOne();
  }

  findBenefitsHistory(em: EntityManager, patientId: string): Promise<BenefitsLimit[]> {
    return em.find(BenefitsLimit, { where: { patientId }, order: { effectiveFrom: 'DESC', recordedAt: 'DESC' } });
  }

  /** The benefits-situation record in force on a date, if one was recorded. */
  findBenefitsSituationOn(em: EntityManager, patientId: string, date: string): Promise<BenefitsSituationRecord | null> {
    return em
      .createQueryBuilder(BenefitsSituationRecord, 'b')
      .where('b.patientId = :patientId', { patientId })
      .andWhere('b.effectiveFrom <= :date', { date })
      .orderBy('b.effectiveFrom', 'DESC')
      .addOrderBy('b.recordedAt', 'DESC')
      .getOne();
  }

  findBenefitsSituationHistory(em: EntityManager, patientId: string): Promise<BenefitsSituationRecord[]> {
    return em.find(BenefitsSituationRecord, { where: { patientId }, order: { effectiveFrom: 'DESC', recordedAt: 'DESC' } });
  }

  /** The caps in force on a date: the site default or the patient's limits, as the benefits situation allows. */
  async findCapsOn(em: EntityManager, site: { defaultWeeklyEarningsCapPence: number | null; defaultWeeklyHoursCapMinutes: number | null }, patientId: string, date: string): Promise<EffectiveCaps> {
    const situation = await this.findBenefitsSituationOn(em, patientId, date);
    return capsForSituation(site, await this.findBenefitsLimitOn(em, patientId, date), situation?.situation ?? null);
  }
}
