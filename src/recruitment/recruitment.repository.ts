import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { toInt } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { EnterpriseLead } from '../enterprises/enterprise-lead.entity';
import { WorkRole } from '../enterprises/work-role.entity';
import { Patient } from '../patients/patient.entity';
import { Application } from './application.entity';
import { Interview } from './interview.entity';
import { Offer } from './offer.entity';
import { Placement } from './placement.entity';
import type { Scope } from './recruitment-access';
import type { VacancyState } from './recruitment-rules';
import type { ApplicationStatus, PlacementStatus } from './recruitment.types';
import { Vacancy } from './vacancy.entity';

interface Paging {
  limit: number;
  offset: number;
}

/** Named queries for recruitment. Locks are row locks on PostgreSQL; SQLite is serialized. */
@Injectable()
export class RecruitmentRepository {
  constructor(private readonly uow: UnitOfWork) {}

  // ---- vacancies

  private vacancies(em: EntityManager): SelectQueryBuilder<Vacancy> {
    return em.createQueryBuilder(Vacancy, 'v').innerJoinAndSelect('v.workRole', 'wr').innerJoinAndSelect('wr.enterprise', 'e');
  }

  /** Adds "status today" to a vacancy query (see vacancyState). */
  private whereState(qb: SelectQueryBuilder<Vacancy>, state: VacancyState, today: string): void {
    const p = { st_today: today, st_yes: true, st_no: false };
    if (state === 'CLOSED') {
      qb.andWhere(new Brackets((w) => w.where("v.status <> 'OPEN'").orWhere('v.closesOn < :st_today', p).orWhere('wr.active = :st_no', p)));
      return;
    }
    qb.andWhere("v.status = 'OPEN'").andWhere('v.closesOn >= :st_today', p).andWhere('wr.active = :st_yes', p);
    qb.andWhere(state === 'OPEN' ? 'v.opensOn <= :st_today' : 'v.opensOn > :st_today', p);
  }

  findVacancyPage(
    em: EntityManager,
    q: Paging & { today: string; state?: VacancyState; enterpriseId?: string; workRoleId?: string },
  ): Promise<[Vacancy[], number]> {
    const qb = this.vacancies(em).take(q.limit).skip(q.offset);
    if (q.state) this.whereState(qb, q.state, q.today);
    if (q.enterpriseId) qb.andWhere('wr.enterpriseId = :enterpriseId', { enterpriseId: q.enterpriseId });
    if (q.workRoleId) qb.andWhere('v.workRoleId = :workRoleId', { workRoleId: q.workRoleId });
    if (q.state === 'OPEN') qb.orderBy('v.closesOn', 'ASC');
    else qb.orderBy('v.opensOn', 'DESC');
    return qb.addOrderBy('e.name', 'ASC').addOrderBy('v.id', 'ASC').getManyAndCount();
  }

  findVacancy(em: EntityManager, id: string): Promise<Vacancy | null> {
    return this.vacancies(em).where('v.id = :id', { id }).getOne();
  }

  lockVacancy(em: EntityManager, id: string): Promise<Vacancy | null> {
    return em.findOne(Vacancy, { where: { id }, lock: this.uow.lockMode() });
  }

  /** Applications per vacancy that the scope lets the caller see. */
  async countApplicantsByVacancy(em: EntityManager, vacancyIds: string[], scope: Scope): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!vacancyIds.length) return out;
    const qb = em
      .createQueryBuilder(Application, 'a')
      .innerJoin('a.patient', 'p')
      .innerJoin('a.vacancy', 'v')
      .innerJoin('v.workRole', 'wr')
      .select('a.vacancyId', 'vacancyId')
      .addSelect('COUNT(a.id)', 'n')
      .where('a.vacancyId IN (:...vacancyIds)', { vacancyIds })
      .groupBy('a.vacancyId');
    for (const row of await scope(qb).getRawMany<{ vacancyId: string; n: unknown }>()) out.set(row.vacancyId, toInt(row.n));
    return out;
  }

  /** The patient's application to each of these vacancies. */
  async findApplicationIdsOfPatient(em: EntityManager, patientId: string, vacancyIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!vacancyIds.length) return out;
    for (const a of await em.find(Application, { where: { patientId, vacancyId: In(vacancyIds) } })) out.set(a.vacancyId, a.id);
    return out;
  }

  /** Active work roles a vacancy may be created for: all for an admin, else those of enterprises the user leads. */
  findActiveRolesFor(em: EntityManager, leadUserId: string | null): Promise<WorkRole[]> {
    const qb = em.createQueryBuilder(WorkRole, 'wr').innerJoinAndSelect('wr.enterprise', 'e').where('wr.active = :yes', { yes: true });
    if (leadUserId) qb.andWhere((sub) => `wr.enterpriseId IN ${sub.subQuery().select('el.enterpriseId').from(EnterpriseLead, 'el').where('el.userId = :leadUserId', { leadUserId }).getQuery()}`);
    return qb.orderBy('e.name', 'ASC').addOrderBy('wr.title', 'ASC').getMany();
  }

  // ---- applications

  private applications(em: EntityManager): SelectQueryBuilder<Application> {
    return em
      .createQueryBuilder(Application, 'a')
      .innerJoinAndSelect('a.patient', 'p')
      .innerJoinAndSelect('a.vacancy', 'v')
      .innerJoinAndSelect('v.workRole', 'wr')
      .innerJoinAndSelect('wr.enterprise', 'e');
  }

  findApplicationPage(
    em: EntityManager,
    q: Paging & { vacancyId?: string; patientId?: string; status?: ApplicationStatus },
    scope: Scope,
  ): Promise<[Application[], number]> {
    const qb = scope(this.applications(em)).take(q.limit).skip(q.offset);
    if (q.vacancyId) qb.andWhere('a.vacancyId = :vacancyId', { vacancyId: q.vacancyId });
    if (q.patientId) qb.andWhere('a.patientId = :patientId', { patientId: q.patientId });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    return qb.orderBy('a.submittedAt', 'DESC').addOrderBy('a.id', 'ASC').getManyAndCount();
  }

  findApplication(em: EntityManager, id: string, scope: Scope): Promise<Application | null> {
    return scope(this.applications(em).where('a.id = :id', { id })).getOne();
  }

  lockApplication(em: EntityManager, id: string): Promise<Application | null> {
    return em.findOne(Application, { where: { id }, lock: this.uow.lockMode() });
  }

  findApplicationOf(em: EntityManager, vacancyId: string, patientId: string): Promise<Application | null> {
    return em.findOne(Application, { where: { vacancyId, patientId } });
  }

  findInterviewsOf(em: EntityManager, applicationIds: string[]): Promise<Interview[]> {
    if (!applicationIds.length) return Promise.resolve([]);
    return em.find(Interview, { where: { applicationId: In(applicationIds) }, order: { scheduledAt: 'ASC', createdAt: 'ASC' } });
  }

  findOffersOf(em: EntityManager, applicationIds: string[]): Promise<Offer[]> {
    if (!applicationIds.length) return Promise.resolve([]);
    return em.find(Offer, { where: { applicationId: In(applicationIds) }, order: { madeAt: 'ASC', id: 'ASC' } });
  }

  findPlacementsFromApplications(em: EntityManager, applicationIds: string[]): Promise<Placement[]> {
    if (!applicationIds.length) return Promise.resolve([]);
    return em.find(Placement, { where: { applicationId: In(applicationIds) } });
  }

  findInterview(em: EntityManager, id: string): Promise<Interview | null> {
    return em.findOne(Interview, { where: { id } });
  }

  lockInterview(em: EntityManager, id: string): Promise<Interview | null> {
    return em.findOne(Interview, { where: { id }, lock: this.uow.lockMode() });
  }

  findOffer(em: EntityManager, id: string): Promise<Offer | null> {
    return em.findOne(Offer, { where: { id } });
  }

  lockOffer(em: EntityManager, id: string): Promise<Offer | null> {
    return em.findOne(Offer, { where: { id }, lock: this.uow.lockMode() });
  }

  /** Active patients in the caller's patient scope who have not applied to the vacancy: for "apply for a patient". */
  findPatientsWhoCouldApply(em: EntityManager, vacancyId: string, patientScope: Scope): Promise<Patient[]> {
    const qb = em
      .createQueryBuilder(Patient, 'p')
      .where("p.status = 'ACTIVE'")
      .andWhere((sub) => `p.id NOT IN ${sub.subQuery().select('ax.patientId').from(Application, 'ax').where('ax.vacancyId = :vacancyId', { vacancyId }).getQuery()}`);
    return patientScope(qb).orderBy('p.displayName', 'ASC').addOrderBy('p.id', 'ASC').take(500).getMany();
  }

  // ---- work roles, patients, placements

  lockWorkRole(em: EntityManager, id: string): Promise<WorkRole | null> {
    return em.findOne(WorkRole, { where: { id }, lock: this.uow.lockMode() });
  }

  findWorkRole(em: EntityManager, id: string): Promise<WorkRole | null> {
    return em.findOne(WorkRole, { where: { id } });
  }

  lockPatient(em: EntityManager, id: string): Promise<Patient | null> {
    return em.findOne(Patient, { where: { id }, lock: this.uow.lockMode() });
  }

  countActivePlacementsInRole(em: EntityManager, workRoleId: string): Promise<number> {
    return em.count(Placement, { where: { workRoleId, status: 'ACTIVE' } });
  }

  async countActivePlacementsByRole(em: EntityManager, workRoleIds: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!workRoleIds.length) return out;
    const rows = await em
      .createQueryBuilder(Placement, 'pl')
      .select('pl.workRoleId', 'workRoleId')
      .addSelect('COUNT(pl.id)', 'n')
      .where('pl.workRoleId IN (:...workRoleIds)', { workRoleIds })
      .andWhere("pl.status = 'ACTIVE'")
      .groupBy('pl.workRoleId')
      .getRawMany<{ workRoleId: string; n: unknown }>();
    for (const r of rows) out.set(r.workRoleId, toInt(r.n));
    return out;
  }

  findActivePlacement(em: EntityManager, patientId: string, workRoleId: string): Promise<Placement | null> {
    return em.findOne(Placement, { where: { patientId, workRoleId, status: 'ACTIVE' } });
  }

  private placements(em: EntityManager): SelectQueryBuilder<Placement> {
    return em
      .createQueryBuilder(Placement, 'pl')
      .innerJoinAndSelect('pl.patient', 'p')
      .innerJoinAndSelect('pl.workRole', 'wr')
      .innerJoinAndSelect('wr.enterprise', 'e');
  }

  findPlacementPage(
    em: EntityManager,
    q: Paging & { patientId?: string; workRoleId?: string; status?: PlacementStatus },
    scope: Scope,
  ): Promise<[Placement[], number]> {
    const qb = scope(this.placements(em)).take(q.limit).skip(q.offset);
    if (q.patientId) qb.andWhere('pl.patientId = :patientId', { patientId: q.patientId });
    if (q.workRoleId) qb.andWhere('pl.workRoleId = :workRoleId', { workRoleId: q.workRoleId });
    if (q.status) qb.andWhere('pl.status = :status', { status: q.status });
    // Active first ('ACTIVE' < 'ENDED'), then most recent.
    return qb
      .orderBy('pl.status', 'ASC')
      .addOrderBy('pl.startOn', 'DESC')
      .addOrderBy('pl.id', 'ASC')
      .getManyAndCount();
  }

  findPlacement(em: EntityManager, id: string, scope: Scope): Promise<Placement | null> {
    return scope(this.placements(em).where('pl.id = :id', { id })).getOne();
  }

  lockPlacement(em: EntityManager, id: string): Promise<Placement | null> {
    return em.findOne(Placement, { where: { id }, lock: this.uow.lockMode() });
  }

  findActivePlacementsOfPatientForUpdate(em: EntityManager, patientId: string): Promise<Placement[]> {
    return em.find(Placement, { where: { patientId, status: 'ACTIVE' }, order: { startOn: 'ASC', id: 'ASC' }, lock: this.uow.lockMode() });
  }
}
