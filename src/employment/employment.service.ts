import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { monthlyFromWeeklyPence, UC_DEFAULT_WORK_ALLOWANCE_PENCE, ucMonthlyReductionPence, type EffectiveCaps } from '../patients/benefits';
import { BenefitsSituationRecord, type BenefitsSituation } from '../patients/benefits-situation.entity';
import { Patient } from '../patients/patient.entity';
import { PatientsRepository } from '../patients/patients.repository';
import { isUniqueViolation } from '../recruitment/recruitment.errors';
import { weekStartOn } from '../rota/time-rules';
import { User } from '../users/user.entity';
import { Site } from '../wards/site.entity';
import { Ward } from '../wards/ward.entity';
import type { AcceptReferralDto, AddPlanEntryDto, CreateReferralDto, DeclineReferralDto, PlanCommentDto, SetBenefitsSituationDto, SetSpecialistFteDto, StepDoneDto, UpdateCaseloadDto } from './dto/employment.dto';
import { EmployerContact } from './employer-contact.entity';
import { EmployerDisclosure } from './disclosure.entity';
import { Employer } from './employer.entity';
import { EmploymentAccess } from './employment-access';
import { EmploymentRepository } from './employment.repository';
import { FollowAlongContact } from './follow-along-contact.entity';
import { OutsideOpportunity } from './opportunity.entity';
import { PlanEntry } from './plan-entry.entity';
import { EmploymentReferral } from './referral.entity';
import { EmploymentSpecialist } from './specialist.entity';

export interface ReferralView {
  id: string;
  patientId: string;
  referredOn: string;
  source: string;
  status: string;
  declineReason: string | null;
  declinedOn: string | null;
  specialistUserId: string | null;
  acceptedOn: string | null;
  outOfWorkWhenAccepted: boolean;
  caseloadStatus: string | null;
  profileStartedOn: string | null;
  benefitsPlanningOfferedOn: string | null;
  benefitsPlanningDoneOn: string | null;
  closedOn: string | null;
  closedReason: string | null;
}

export interface CaseloadItem {
  referralId: string;
  patientId: string;
  displayName: string;
  wardName: string;
  patientStatus: string;
  specialistUserId: string;
  status: string;
  acceptedOn: string;
  nextAction: string | null;
  nextActionDueOn: string | null;
  overdue: boolean;
}

export interface PlanEntryView {
  id: string;
  kind: string;
  goalKind: string | null;
  text: string;
  dueOn: string | null;
  doneOn: string | null;
  patientWords: string | null;
  authorUserId: string;
  byPatient: boolean;
  createdAt: string;
}

export interface BenefitsView {
  situation: BenefitsSituation;
  effectiveFrom: string | null;
  note: string | null;
  caps: EffectiveCaps;
  /** Universal Credit only: an estimate from this week's rota bookings and current outside jobs. */
  universalCredit: { workAllowanceMonthlyPence: number; estimatedMonthlyEarningsPence: number; estimatedMonthlyReductionPence: number } | null;
}

const referralOpen = () => AppError.conflict('REFERRAL_OPEN', 'This person already has an open referral or is on a caseload');

export function toReferralView(r: EmploymentReferral): ReferralView {
  return {
    id: r.id,
    patientId: r.patientId,
    referredOn: r.referredOn,
    source: r.source,
    status: r.status,
    declineReason: r.declineReason,
    declinedOn: r.declinedOn,
    specialistUserId: r.specialistUserId,
    acceptedOn: r.acceptedOn,
    outOfWorkWhenAccepted: r.outOfWorkWhenAccepted,
    caseloadStatus: r.caseloadStatus,
    profileStartedOn: r.profileStartedOn,
    benefitsPlanningOfferedOn: r.benefitsPlanningOfferedOn,
    benefitsPlanningDoneOn: r.benefitsPlanningDoneOn,
    closedOn: r.closedOn,
    closedReason: r.closedReason,
  };
}

/**
 * Referrals, the caseload, the person-centred plan and the benefits situation. Every method
 * begins with the scope check (EmploymentAccess, 404 outside it); reads of patient data are
 * audited, changes audited in their transaction.
 */
@Injectable()
export class EmploymentService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: EmploymentAccess,
    private readonly repo: EmploymentRepository,
    private readonly patients: PatientsRepository,
    private readonly audit: AuditService,
  ) {}

  async createReferral(user: AuthUser, dto: CreateReferralDto): Promise<ReferralView> {
    if (user.role === 'PATIENT' && dto.source !== 'SELF') throw AppError.validation('A referral you make yourself is a self-referral', [{ field: 'source', message: 'Choose self-referral' }]);
    return this.uow.run(async (em) => {
      await this.access.findReferable(em, user, dto.patientId);
      if (await this.repo.findOpenReferral(em, dto.patientId)) throw referralOpen();
      const now = new Date();
      const r = em.create(EmploymentReferral, {
        id: newId(), patientId: dto.patientId, referredOn: dto.referredOn, source: dto.source, referredByUserId: user.id, status: 'PENDING',
        declineReason: null, declinedOn: null, specialistUserId: null, acceptedOn: null, outOfWorkWhenAccepted: true, caseloadStatus: null,
        profileStartedOn: null, benefitsPlanningOfferedOn: null, benefitsPlanningDoneOn: null, openKey: 'O', closedOn: null, closedReason: null, createdAt: now, updatedAt: now,
      });
      try {
        await em.insert(EmploymentReferral, r);
      } catch (err) {
        if (isUniqueViolation(err)) throw referralOpen();
        throw err;
      }
      await this.audit.record({ action: 'employment.referral.create', entityType: 'employment_referral', entityId: r.id, patientId: r.patientId, detail: { source: r.source } });
      return toReferralView(r);
    });
  }

  async accept(user: AuthUser, referralId: string, dto: AcceptReferralDto): Promise<ReferralView> {
    return this.uow.run(async (em) => {
      const r = await this.visibleReferral(em, user, referralId);
      if (r.status !== 'PENDING') throw AppError.conflict('REFERRAL_DECIDED', 'This referral has already been decided');
      const specialist = await em.findOne(User, { where: { id: dto.specialistUserId } });
      if (!specialist || specialist.role !== 'EMPLOYMENT_SPECIALIST' || !specialist.active) {
        throw AppError.validation('Choose an employment specialist', [{ field: 'specialistUserId', message: 'Choose an active employment specialist' }]);
      }
      if (dto.acceptedOn < r.referredOn) throw AppError.validation('Accepted before the referral', [{ field: 'acceptedOn', message: 'Must be on or after the referral date' }]);
      Object.assign(r, { status: 'ACCEPTED', specialistUserId: specialist.id, acceptedOn: dto.acceptedOn, outOfWorkWhenAccepted: dto.outOfWorkWhenAccepted ?? true, caseloadStatus: 'ENGAGED', updatedAt: new Date() });
      await em.save(r);
      await this.audit.record({ action: 'employment.referral.accept', entityType: 'employment_referral', entityId: r.id, patientId: r.patientId, detail: { specialistUserId: specialist.id } });
      return toReferralView(r);
    });
  }

  async decline(user: AuthUser, referralId: string, dto: DeclineReferralDto): Promise<ReferralView> {
    return this.uow.run(async (em) => {
      const r = await this.visibleReferral(em, user, referralId);
      if (r.status !== 'PENDING') throw AppError.conflict('REFERRAL_DECIDED', 'This referral has already been decided');
      Object.assign(r, { status: 'DECLINED', declineReason: dto.reason, declinedOn: dto.declinedOn ?? londonDate(), openKey: null, updatedAt: new Date() });
      await em.save(r);
      await this.audit.record({ action: 'employment.referral.decline', entityType: 'employment_referral', entityId: r.id, patientId: r.patientId });
      return toReferralView(r);
    });
  }

  /** Caseload status, dates of profile and benefits planning, closure (always with a reason). */
  async updateCaseload(user: AuthUser, referralId: string, dto: UpdateCaseloadDto): Promise<ReferralView> {
    return this.uow.run(async (em) => {
      const r = await this.visibleReferral(em, user, referralId);
      if (r.status !== 'ACCEPTED') throw AppError.conflict('NOT_ON_CASELOAD', 'This referral was not accepted onto a caseload');
      if (r.closedOn) throw AppError.conflict('CASELOAD_CLOSED', 'This person’s time on the caseload is closed; refer again');
      if (dto.status === 'CLOSED') {
        if (!dto.closedReason) throw AppError.validation('Give the reason for closing', [{ field: 'closedReason', message: 'Give the reason for closing' }]);
        r.closedOn = dto.closedOn ?? londonDate();
        r.closedReason = dto.closedReason;
        r.openKey = null;
        if (r.closedOn < r.acceptedOn!) throw AppError.validation('Closed before acceptance', [{ field: 'closedOn', message: 'Must be on or after the date accepted' }]);
      }
      if (dto.status) r.caseloadStatus = dto.status;
      if (dto.profileStartedOn !== undefined) r.profileStartedOn = dto.profileStartedOn;
      if (dto.benefitsPlanningOfferedOn !== undefined) r.benefitsPlanningOfferedOn = dto.benefitsPlanningOfferedOn;
      if (dto.benefitsPlanningDoneOn !== undefined) r.benefitsPlanningDoneOn = dto.benefitsPlanningDoneOn;
      r.updatedAt = new Date();
      await em.save(r);
      await this.audit.record({ action: 'employment.caseload.update', entityType: 'employment_referral', entityId: r.id, patientId: r.patientId, detail: { fields: Object.keys(dto), status: r.caseloadStatus } });
      return toReferralView(r);
    });
  }

  /** A specialist's caseload (their own by default) with each person's next action and what is overdue; only people in the caller's scope. */
  async caseload(user: AuthUser, specialistUserId?: string): Promise<{ specialistUserId: string | null; items: CaseloadItem[] }> {
    const whose = specialistUserId ?? (user.role === 'EMPLOYMENT_SPECIALIST' ? user.id : undefined);
    const today = londonDate();
    const items = await this.uow.read(async (em) => {
      const referrals = await this.repo.findCaseloadReferrals(em, whose);
      if (!referrals.length) return [];
      const qb = em.createQueryBuilder(Patient, 'p').innerJoin(Ward, 'w', 'w.id = p.wardId').addSelect('w.name', 'wardName').where('p.id IN (:...ids)', { ids: referrals.map((r) => r.patientId) });
      const { entities, raw } = await this.access.applyScope(qb, user, 'p').getRawAndEntities();
      const visible = new Map(entities.map((p, i) => [p.id, { p, wardName: String(raw[i].wardName) }]));
      const steps = await this.repo.findOpenSteps(em, [...visible.keys()]);
      return referrals
        .filter((r) => visible.has(r.patientId))
        .map((r) => {
          const { p, wardName } = visible.get(r.patientId)!;
          const mine = steps.filter((s) => s.patientId === r.patientId);
          const next = mine.find((s) => s.dueOn) ?? mine[0];
          return {
            referralId: r.id, patientId: p.id, displayName: p.displayName, wardName, patientStatus: p.status, specialistUserId: r.specialistUserId!,
            status: r.caseloadStatus!, acceptedOn: r.acceptedOn!, nextAction: next?.text ?? null, nextActionDueOn: next?.dueOn ?? null,
            overdue: !!next?.dueOn && next.dueOn < today,
          };
        })
        .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.nextActionDueOn ?? '9999').localeCompare(b.nextActionDueOn ?? '9999') || a.displayName.localeCompare(b.displayName));
    });
    await this.audit.recordPatientReads('employment.caseload.read', items.map((i) => i.patientId));
    return { specialistUserId: whose ?? null, items };
  }

  /** Referrals waiting for a decision, for people in the caller's scope. */
  async pendingReferrals(user: AuthUser): Promise<{ referralId: string; patientId: string; displayName: string; wardName: string; referredOn: string; source: string }[]> {
    const items = await this.uow.read(async (em) => {
      const pending = await this.repo.findPendingReferrals(em);
      if (!pending.length) return [];
      const qb = em.createQueryBuilder(Patient, 'p').innerJoin(Ward, 'w', 'w.id = p.wardId').addSelect('w.name', 'wardName').where('p.id IN (:...ids)', { ids: pending.map((r) => r.patientId) });
      const { entities, raw } = await this.access.applyScope(qb, user, 'p').getRawAndEntities();
      const visible = new Map(entities.map((p, i) => [p.id, { p, wardName: String(raw[i].wardName) }]));
      return pending.filter((r) => visible.has(r.patientId)).map((r) => ({ referralId: r.id, patientId: r.patientId, displayName: visible.get(r.patientId)!.p.displayName, wardName: visible.get(r.patientId)!.wardName, referredOn: r.referredOn, source: r.source }));
    });
    await this.audit.recordPatientReads('employment.referrals.pending.read', items.map((i) => i.patientId));
    return items;
  }

  async specialists(): Promise<{ userId: string; displayName: string; fte: number | null }[]> {
    return (await this.uow.read((em) => this.repo.findSpecialists(em))).map((s) => ({ userId: s.userId, displayName: s.displayName, fte: s.fteHundredths === null ? null : s.fteHundredths / 100 }));
  }

  async setFte(userId: string, dto: SetSpecialistFteDto): Promise<{ userId: string; fte: number }> {
    return this.uow.run(async (em) => {
      const u = await em.findOne(User, { where: { id: userId } });
      if (!u || u.role !== 'EMPLOYMENT_SPECIALIST') throw AppError.notFound('Employment specialist');
      await em.save(EmploymentSpecialist, { userId, fteHundredths: Math.round(dto.fte * 100), updatedAt: new Date() });
      await this.audit.record({ action: 'employment.specialist.fte', entityType: 'user', entityId: userId, detail: { fte: dto.fte } });
      return { userId, fte: Math.round(dto.fte * 100) / 100 };
    });
  }

  /** Whether the patient has a referral waiting or is on a caseload (their own pages). */
  async ownOpenReferral(user: AuthUser): Promise<{ status: string } | null> {
    if (user.role !== 'PATIENT' || !user.patientId) throw AppError.forbidden();
    const open = await this.uow.read((em) => this.repo.findOpenReferral(em, user.patientId!));
    return open ? { status: open.status } : null;
  }

  // ---- plan ----

  async plan(user: AuthUser, patientId: string): Promise<PlanEntryView[]> {
    const entries = await this.uow.read(async (em) => {
      await this.access.findVisible(em, user, patientId);
      return this.planOf(em, patientId);
    });
    await this.audit.record({ action: 'employment.plan.read', entityType: 'patient', entityId: patientId, patientId });
    return entries;
  }

  async addPlanEntry(user: AuthUser, patientId: string, dto: AddPlanEntryDto): Promise<PlanEntryView> {
    if (dto.kind === 'GOAL' && !dto.goalKind) throw AppError.validation('Say what kind of goal', [{ field: 'goalKind', message: 'Choose employment, education, training or volunteering' }]);
    if (dto.kind === 'STEP' && !dto.dueOn) throw AppError.validation('A step needs a date', [{ field: 'dueOn', message: 'Enter the date this step is due' }]);
    return this.addEntry(user, patientId, { kind: dto.kind, goalKind: dto.kind === 'GOAL' ? dto.goalKind! : null, text: dto.text, dueOn: dto.dueOn ?? null, patientWords: dto.kind === 'REVIEW' ? (dto.patientWords ?? null) : null }, true);
  }

  /** The patient's own comment on their plan. */
  async comment(user: AuthUser, dto: PlanCommentDto): Promise<PlanEntryView> {
    if (user.role !== 'PATIENT' || !user.patientId) throw AppError.forbidden();
    return this.addEntry(user, user.patientId, { kind: 'COMMENT', goalKind: null, text: dto.text, dueOn: null, patientWords: null }, false);
  }

  async stepDone(user: AuthUser, patientId: string, entryId: string, dto: StepDoneDto): Promise<PlanEntryView> {
    return this.uow.run(async (em) => {
      await this.access.findEditable(em, user, patientId);
      const e = await em.findOne(PlanEntry, { where: { id: entryId, patientId } });
      if (!e || e.kind !== 'STEP') throw AppError.notFound('Step');
      e.doneOn = dto.doneOn;
      await em.save(e);
      await this.audit.record({ action: 'employment.plan.step-done', entityType: 'employment_plan_entry', entityId: e.id, patientId });
      return this.entryView(e, null);
    });
  }

  // ---- benefits situation ----

  async setBenefitsSituation(user: AuthUser, patientId: string, dto: SetBenefitsSituationDto): Promise<BenefitsView> {
    return this.uow.run(async (em) => {
      await this.access.findEditable(em, user, patientId);
      const row = em.create(BenefitsSituationRecord, {
        id: newId(), patientId, situation: dto.situation, effectiveFrom: dto.effectiveFrom,
        workAllowanceMonthlyPence: dto.situation === 'UNIVERSAL_CREDIT' ? (dto.workAllowanceMonthlyPence ?? UC_DEFAULT_WORK_ALLOWANCE_PENCE) : null,
        note: dto.note ?? null, recordedByUserId: user.id, recordedAt: new Date(),
      });
      await em.insert(BenefitsSituationRecord, row);
      await this.audit.record({ action: 'employment.benefits-situation', entityType: 'benefits_situation', entityId: row.id, patientId, detail: { situation: row.situation } });
      return this.benefitsOf(em, patientId, dto.effectiveFrom > londonDate() ? dto.effectiveFrom : londonDate());
    });
  }

  async benefits(user: AuthUser, patientId: string): Promise<BenefitsView> {
    const view = await this.uow.read(async (em) => {
      await this.access.findVisible(em, user, patientId);
      return this.benefitsOf(em, patientId, londonDate());
    });
    await this.audit.record({ action: 'employment.benefits.read', entityType: 'patient', entityId: patientId, patientId });
    return view;
  }

  /** The whole employment record for one person: referrals, plan, starts, contacts, disclosures and benefits. */
  async record(user: AuthUser, patientId: string) {
    const result = await this.uow.read(async (em) => {
      const patient = await this.access.findVisible(em, user, patientId);
      const ward = await em.findOneByOrFail(Ward, { id: patient.wardId });
      const opportunities = await em.find(OutsideOpportunity, { where: { patientId }, order: { startsOn: 'DESC' } });
      const contacts = await em.find(EmployerContact, { where: { patientId }, order: { contactedOn: 'DESC' } });
      const followAlong = await em.find(FollowAlongContact, { where: { patientId }, order: { contactedOn: 'DESC' } });
      const disclosures = await em.find(EmployerDisclosure, { where: { patientId }, order: { decidedOn: 'DESC', recordedAt: 'DESC' } });
      const employerIds = [...new Set([...opportunities.map((o) => o.employerId), ...contacts.map((c) => c.employerId), ...disclosures.map((d) => d.employerId)].filter((x): x is string => !!x))];
      const employers = employerIds.length ? await em.find(Employer, { where: { id: In(employerIds) } }) : [];
      const names = new Map(employers.map((e) => [e.id, e.name]));
      const referrals = await this.repo.findReferralsOf(em, patientId);
      const staffIds = [...new Set(referrals.map((r) => r.specialistUserId).filter((x): x is string => !!x))];
      const staff = staffIds.length ? await em.find(User, { where: { id: In(staffIds) } }) : [];
      return {
        patient: { id: patient.id, displayName: patient.displayName, hospitalNumber: patient.hospitalNumber, status: patient.status, wardName: ward.name },
        referrals: referrals.map((r) => ({ ...toReferralView(r), specialistName: staff.find((s) => s.id === r.specialistUserId)?.displayName ?? null })),
        plan: await this.planOf(em, patientId),
        opportunities: opportunities.map((o) => ({ ...toOpportunityView(o), employerName: o.employerId ? (names.get(o.employerId) ?? null) : null })),
        employerContacts: contacts.map((c) => ({ id: c.id, employerId: c.employerId, employerName: names.get(c.employerId) ?? null, contactedOn: c.contactedOn, faceToFace: c.faceToFace, purpose: c.purpose, note: c.note })),
        followAlong: followAlong.map((f) => ({ id: f.id, opportunityId: f.opportunityId, contactedOn: f.contactedOn, mode: f.mode, withWhom: f.withWhom, note: f.note })),
        disclosures: latestDisclosures(disclosures).map((d) => ({ id: d.id, employerId: d.employerId, employerName: names.get(d.employerId) ?? null, choice: d.choice, decidedOn: d.decidedOn, note: d.note })),
        benefits: await this.benefitsOf(em, patientId, londonDate()),
      };
    });
    await this.audit.record({ action: 'employment.record.read', entityType: 'patient', entityId: patientId, patientId });
    return result;
  }

  /** For a form about a person's employment record: 404 unless the caller may keep that record. */
  async assertEditable(user: AuthUser, patientId: string): Promise<void> {
    await this.uow.read((em) => this.access.findEditable(em, user, patientId));
  }

  /** For the referral form: 404 unless the caller may refer that person. */
  async assertReferable(user: AuthUser, patientId: string): Promise<void> {
    await this.uow.read((em) => this.access.findReferable(em, user, patientId));
  }

  /** For a form about a referral: 404 unless the caller may keep the person's record. */
  async assertReferralEditable(user: AuthUser, referralId: string): Promise<void> {
    await this.uow.read((em) => this.visibleReferral(em, user, referralId));
  }

  // ---- helpers ----

  private async visibleReferral(em: EntityManager, user: AuthUser, referralId: string): Promise<EmploymentReferral> {
    const r = await em.findOne(EmploymentReferral, { where: { id: referralId } });
    if (!r) throw AppError.notFound('Referral');
    try {
      await this.access.findEditable(em, user, r.patientId);
    } catch (e) {
      if (e instanceof AppError && e.status === 404) throw AppError.notFound('Referral');
      throw e;
    }
    return r;
  }

  private async addEntry(user: AuthUser, patientId: string, e: Pick<PlanEntry, 'kind' | 'goalKind' | 'text' | 'dueOn' | 'patientWords'>, staff: boolean): Promise<PlanEntryView> {
    return this.uow.run(async (em) => {
      if (staff) await this.access.findEditable(em, user, patientId);
      const row = em.create(PlanEntry, { id: newId(), patientId, ...e, doneOn: null, authorUserId: user.id, createdAt: new Date() });
      await em.insert(PlanEntry, row);
      await this.audit.record({ action: 'employment.plan.add', entityType: 'employment_plan_entry', entityId: row.id, patientId, detail: { kind: row.kind } });
      return this.entryView(row, staff ? null : patientId);
    });
  }

  private async planOf(em: EntityManager, patientId: string): Promise<PlanEntryView[]> {
    const entries = await em.find(PlanEntry, { where: { patientId }, order: { createdAt: 'ASC' } });
    const patientUsers = new Set((await em.find(User, { where: { patientId } })).map((u) => u.id));
    return entries.map((e) => this.entryView(e, patientUsers.has(e.authorUserId) ? patientId : null));
  }

  private entryView(e: PlanEntry, byPatient: string | null): PlanEntryView {
    return { id: e.id, kind: e.kind, goalKind: e.goalKind, text: e.text, dueOn: e.dueOn, doneOn: e.doneOn, patientWords: e.patientWords, authorUserId: e.authorUserId, byPatient: !!byPatient, createdAt: e.createdAt.toISOString() };
  }

  async benefitsOf(em: EntityManager, patientId: string, date: string): Promise<BenefitsView> {
    const patient = await em.findOneByOrFail(Patient, { id: patientId });
    const ward = await em.findOneByOrFail(Ward, { id: patient.wardId });
    const site = await em.findOneByOrFail(Site, { id: ward.siteId });
    const record = await this.patients.findBenefitsSituationOn(em, patientId, date);
    const caps = await this.patients.findCapsOn(em, site, patientId, date);
    const situation = record?.situation ?? 'UNKNOWN';
    let universalCredit: BenefitsView['universalCredit'] = null;
    if (situation === 'UNIVERSAL_CREDIT') {
      const rotaWeekly = await this.repo.findBookedPayInWeek(em, patientId, weekStartOn(new Date(date + 'T12:00:00Z')));
      const jobs = await em.find(OutsideOpportunity, { where: { patientId, kind: 'JOB' } });
      const outsideWeekly = jobs
        .filter((o) => o.startsOn <= date && (o.endsOn === null || o.endsOn >= date) && o.hourlyPayPence)
        .reduce((s, o) => s + Math.round((o.minutesPerWeek * (o.hourlyPayPence ?? 0)) / 60), 0);
      const monthly = monthlyFromWeeklyPence(rotaWeekly + outsideWeekly);
      const allowance = record?.workAllowanceMonthlyPence ?? UC_DEFAULT_WORK_ALLOWANCE_PENCE;
      universalCredit = { workAllowanceMonthlyPence: allowance, estimatedMonthlyEarningsPence: monthly, estimatedMonthlyReductionPence: ucMonthlyReductionPence(monthly, allowance) };
    }
    return { situation, effectiveFrom: record?.effectiveFrom ?? null, note: record?.note ?? null, caps, universalCredit };
  }
}

export function toOpportunityView(o: OutsideOpportunity) {
  return {
    id: o.id, patientId: o.patientId, kind: o.kind, employerId: o.employerId, title: o.title, startsOn: o.startsOn, endsOn: o.endsOn, endReason: o.endReason,
    hoursPerWeek: o.minutesPerWeek / 60, hourlyPayPence: o.hourlyPayPence, competitive: o.competitive, fourHoursWorkedOn: o.fourHoursWorkedOn,
    jobStartCounted: o.kind === 'JOB' && o.fourHoursWorkedOn !== null, detainedAtStart: o.detainedAtStart,
  };
}

/** The newest choice per employer. */
export function latestDisclosures(rows: EmployerDisclosure[]): EmployerDisclosure[] {
  const seen = new Set<string>();
  return rows.filter((d) => (seen.has(d.employerId) ? false : (seen.add(d.employerId), true)));
}
