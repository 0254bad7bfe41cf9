import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import { toInt } from '../database/columns';
import { Assignment } from '../rota/assignment.entity';
import { LIVE_ASSIGNMENT_STATUSES } from '../rota/rota.types';
import { User } from '../users/user.entity';
import { EmployerContact } from './employer-contact.entity';
import type { EmployerContactFact, FollowAlongFact, ReferralFact, SpecialistFact, StartFact } from './fidelity';
import { FollowAlongContact } from './follow-along-contact.entity';
import { OutsideOpportunity } from './opportunity.entity';
import { PlanEntry } from './plan-entry.entity';
import { EmploymentReferral } from './referral.entity';
import { EmploymentSpecialist } from './specialist.entity';

/** Named queries for employment support; fidelity facts are bounded by the period asked for. */
@Injectable()
export class EmploymentRepository {
  /** A referral still open: waiting for a decision, or accepted and not closed. */
  findOpenReferral(em: EntityManager, patientId: string): Promise<EmploymentReferral | null> {
    return em
      .createQueryBuilder(EmploymentReferral, 'r')
      .where('r.patientId = :patientId', { patientId })
      .andWhere(new Brackets((w) => w.where("r.status = 'PENDING'").orWhere("r.status = 'ACCEPTED' AND r.closedOn IS NULL")))
      .getOne();
  }

  /** Accepted, not closed referrals (the caseload), optionally one specialist's. */
  findCaseloadReferrals(em: EntityManager, specialistUserId?: string): Promise<EmploymentReferral[]> {
    const qb = em.createQueryBuilder(EmploymentReferral, 'r').where("r.status = 'ACCEPTED'").andWhere('r.closedOn IS NULL');
    if (specialistUserId) qb.andWhere('r.specialistUserId = :specialistUserId', { specialistUserId });
    return qb.orderBy('r.acceptedOn', 'ASC').getMany();
  }

  findPendingReferrals(em: EntityManager): Promise<EmploymentReferral[]> {
    return em.find(EmploymentReferral, { where: { status: 'PENDING' }, order: { referredOn: 'ASC' }, take: 200 });
  }

  findReferralsOf(em: EntityManager, patientId: string): Promise<EmploymentReferral[]> {
    return em.find(EmploymentReferral, { where: { patientId }, order: { referredOn: 'DESC', createdAt: 'DESC' } });
  }

  /** Undone steps with a date, earliest first, for the caseload's next action. */
  findOpenSteps(em: EntityManager, patientIds: string[]): Promise<PlanEntry[]> {
    if (!patientIds.length) return Promise.resolve([]);
    return em
      .createQueryBuilder(PlanEntry, 'e')
      .where('e.patientId IN (:...patientIds)', { patientIds })
      .andWhere("e.kind = 'STEP'")
      .andWhere('e.doneOn IS NULL')
      .orderBy('e.dueOn', 'ASC')
      .addOrderBy('e.createdAt', 'ASC')
      .getMany();
  }

  /** Live rota bookings' pay in a week (Monday), for the Universal Credit estimate. */
  async findBookedPayInWeek(em: EntityManager, patientId: string, weekStartOn: string): Promise<number> {
    const row = await em
      .createQueryBuilder(Assignment, 'a')
      .select('COALESCE(SUM(a.plannedPayPence), 0)', 'pay')
      .where('a.patientId = :patientId', { patientId })
      .andWhere('a.weekStartOn = :weekStartOn', { weekStartOn })
      .andWhere('a.status IN (:...live)', { live: LIVE_ASSIGNMENT_STATUSES })
      .getRawOne<{ pay: unknown }>();
    return toInt(row?.pay);
  }

  async findSpecialists(em: EntityManager): Promise<{ userId: string; displayName: string; fteHundredths: number | null }[]> {
    const users = await em.find(User, { where: { role: 'EMPLOYMENT_SPECIALIST', active: true }, order: { displayName: 'ASC' } });
    const ftes = await em.find(EmploymentSpecialist, { where: { userId: In(users.map((u) => u.id).concat([''])) } });
    return users.map((u) => ({ userId: u.id, displayName: u.displayName, fteHundredths: ftes.find((f) => f.userId === u.id)?.fteHundredths ?? null }));
  }

  // ---- fidelity facts for a period ----

  async findSpecialistFacts(em: EntityManager): Promise<SpecialistFact[]> {
    return (await em.find(EmploymentSpecialist)).map((s) => ({ userId: s.userId, fteHundredths: s.fteHundredths }));
  }

  /** Referrals that bear on the period: referred by its end and not closed before its start. */
  async findReferralFacts(em: EntityManager, from: string, to: string): Promise<(ReferralFact & { id: string; profileStartedOn: string | null; closedReason: string | null })[]> {
    const rows = await em
      .createQueryBuilder(EmploymentReferral, 'r')
      .where('r.referredOn <= :to', { to })
      .andWhere(new Brackets((w) => w.where('r.closedOn IS NULL').orWhere('r.closedOn >= :from', { from })))
      .andWhere(new Brackets((w) => w.where('r.declinedOn IS NULL').orWhere('r.declinedOn >= :from', { from })))
      .getMany();
    return rows.map((r) => ({
      id: r.id,
      patientId: r.patientId,
      status: r.status,
      referredOn: r.referredOn,
      declinedOn: r.declinedOn,
      declineReason: r.declineReason,
      specialistUserId: r.specialistUserId,
      acceptedOn: r.acceptedOn,
      outOfWorkWhenAccepted: r.outOfWorkWhenAccepted,
      closedOn: r.closedOn,
      benefitsPlanningDoneOn: r.benefitsPlanningDoneOn,
      profileStartedOn: r.profileStartedOn,
      closedReason: r.closedReason,
    }));
  }

  /** Employer contacts in the period, and the face-to-face ones for these people since their acceptance. */
  async findContactFacts(em: EntityManager, from: string, to: string, patientIds: string[]): Promise<EmployerContactFact[]> {
    const qb = em.createQueryBuilder(EmployerContact, 'c').where(
      new Brackets((w) => {
        w.where('c.contactedOn BETWEEN :from AND :to', { from, to });
        if (patientIds.length) w.orWhere('c.patientId IN (:...patientIds)', { patientIds });
      }),
    );
    return (await qb.getMany()).map((c) => ({ patientId: c.patientId, specialistUserId: c.specialistUserId, contactedOn: c.contactedOn, faceToFace: c.faceToFace }));
  }

  /** Every start of these people up to the period's end (first starts look back), and every start in the period. */
  async findStartFacts(em: EntityManager, from: string, to: string, patientIds: string[]): Promise<(StartFact & { minutesPerWeek: number })[]> {
    const qb = em.createQueryBuilder(OutsideOpportunity, 'o').where(
      new Brackets((w) => {
        w.where('o.startsOn BETWEEN :from AND :to', { from, to });
        if (patientIds.length) w.orWhere('(o.patientId IN (:...patientIds) AND o.startsOn <= :to)', { patientIds, to });
      }),
    );
    return (await qb.getMany()).map((o) => ({ id: o.id, patientId: o.patientId, kind: o.kind, startsOn: o.startsOn, endsOn: o.endsOn, competitive: o.competitive, fourHoursWorkedOn: o.fourHoursWorkedOn, minutesPerWeek: o.minutesPerWeek }));
  }

  async findFollowAlongFacts(em: EntityManager, opportunityIds: string[]): Promise<FollowAlongFact[]> {
    if (!opportunityIds.length) return [];
    return (await em.find(FollowAlongContact, { where: { opportunityId: In(opportunityIds) } })).map((f) => ({ opportunityId: f.opportunityId, contactedOn: f.contactedOn }));
  }
}
