import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { EnterpriseLead } from '../src/enterprises/enterprise-lead.entity';
import { Enterprise } from '../src/enterprises/enterprise.entity';
import { WorkRole } from '../src/enterprises/work-role.entity';
import type { RestrictionCode } from '../src/patients/restrictions';
import { WorkRestriction } from '../src/patients/work-restriction.entity';
import { Vacancy } from '../src/recruitment/vacancy.entity';
import type { TestApp } from './support/test-app';

/**
 * Builds enterprises, work roles, leads, vacancies and restrictions straight into the
 * database for the recruitment suites (the enterprises API is built elsewhere).
 */
export class RecruitmentWorld {
  readonly today = londonDate();
  private seq = 0;

  constructor(private readonly t: TestApp) {}

  async enterprise(overrides: Partial<Enterprise> = {}): Promise<Enterprise> {
    const siteId = overrides.siteId ?? (await this.t.make.site()).id;
    const now = new Date();
    const n = `${Date.now().toString(36)}-${this.seq++}`;
    const e = {
      id: newId(),
      siteId,
      wardId: null,
      name: `Enterprise ${n}`,
      kind: 'CAFE',
      businessNeed: 'Drinks and snacks for staff and visitors',
      locationZone: 'GROUNDS',
      minimumLeave: 'ESCORTED_GROUNDS',
      referenceName: `Riverside Café ${n}`,
      openingTimes: null,
      status: 'ACTIVE',
      createdAt: now,
      updatedAt: now,
      ...overrides,
    } as Enterprise;
    await this.t.uow.run((em) => em.insert(Enterprise, e));
    return e;
  }

  async role(enterpriseId: string, overrides: Partial<WorkRole> = {}): Promise<WorkRole> {
    const now = new Date();
    const r = {
      id: newId(),
      enterpriseId,
      title: `Barista ${this.seq++}`,
      duties: 'Make drinks, serve customers, keep the counter clean',
      hourlyRatePence: 1221,
      activities: ['PUBLIC_CONTACT'],
      prerequisiteSkills: [],
      positions: 3,
      patientsPerSupervisor: 3,
      active: true,
      createdAt: now,
      updatedAt: now,
      ...overrides,
    } as WorkRole;
    await this.t.uow.run((em) => em.insert(WorkRole, r));
    return r;
  }

  /** An enterprise lead user (with a token) who leads the given enterprises. */
  async lead(...enterpriseIds: string[]) {
    const caller = await this.t.make.caller('ENTERPRISE_LEAD');
    await this.t.uow.run(async (em) => {
      for (const enterpriseId of enterpriseIds) await em.insert(EnterpriseLead, { enterpriseId, userId: caller.user.id });
    });
    return caller;
  }

  /** A vacancy, open today unless the dates say otherwise. */
  async vacancy(workRoleId: string, overrides: Partial<Vacancy> = {}): Promise<Vacancy> {
    const now = new Date();
    const v = {
      id: newId(),
      workRoleId,
      description: 'Join the team',
      opensOn: addDays(this.today, -3),
      closesOn: addDays(this.today, 14),
      positions: 1,
      status: 'OPEN',
      createdByUserId: newId(),
      createdAt: now,
      updatedAt: now,
      ...overrides,
    } as Vacancy;
    await this.t.uow.run((em) => em.insert(Vacancy, v));
    return v;
  }

  /** An enterprise with one role and an open vacancy for it. */
  async openVacancy(roleOverrides: Partial<WorkRole> = {}, vacancyOverrides: Partial<Vacancy> = {}) {
    const enterprise = await this.enterprise();
    const role = await this.role(enterprise.id, roleOverrides);
    const vacancy = await this.vacancy(role.id, vacancyOverrides);
    return { enterprise, role, vacancy };
  }

  async restriction(patientId: string, restriction: RestrictionCode, setByUserId: string, effectiveFrom = addDays(this.today, -10)): Promise<void> {
    await this.t.uow.run((em) =>
      em.insert(WorkRestriction, {
        id: newId(),
        patientId,
        restriction,
        effectiveFrom,
        effectiveUntil: null,
        reason: 'Clinical team decision',
        setByUserId,
        createdAt: new Date(),
        liftedOn: null,
        liftedByUserId: null,
        liftReason: null,
      }),
    );
  }
}
