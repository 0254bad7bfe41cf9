import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { Page } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { PatientAccess } from '../patients/patient-access';
import { PatientsRepository } from '../patients/patients.repository';
import { restrictionConflicts } from '../patients/restrictions';
import { Application } from './application.entity';
import type { ApplicationDto, ApplyDto, MakeOfferDto, ScheduleInterviewDto, UpdateInterviewDto, WithdrawDto } from './dto/applications.dto';
import { Interview } from './interview.entity';
import { Offer } from './offer.entity';
import { PlacementsService } from './placements.service';
import { RecruitmentAccess } from './recruitment-access';
import {
  assertCanMakeOffer,
  assertCanRecordOutcome,
  assertCanScheduleInterview,
  assertCanWithdraw,
  assertOfferOpen,
  statusAfterOutcome,
  vacancyState,
} from './recruitment-rules';
import { isUniqueViolation, RecruitmentErrors } from './recruitment.errors';
import { toApplicationDto } from './recruitment.mappers';
import { RecruitmentRepository } from './recruitment.repository';
import type { ApplicationStatus } from './recruitment.types';

export interface ApplicationListQuery {
  limit: number;
  offset: number;
  vacancyId?: string;
  patientId?: string;
  status?: ApplicationStatus;
}

export interface CandidatePatient {
  id: string;
  displayName: string;
  hospitalNumber: string;
}

/**
 * Applications and what follows them: interviews (with feedback for the patient), offers and
 * their answers. Every method starts with the scope check (404 when out of scope); every
 * change and every read of an application is audited.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: RecruitmentRepository,
    private readonly access: RecruitmentAccess,
    private readonly patients: PatientAccess,
    private readonly patientRecords: PatientsRepository,
    private readonly placements: PlacementsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * A patient applies for themself; staff apply for a patient in their scope. Only to an open
   * vacancy, only for an ACTIVE patient, once per vacancy. A restriction in force that meets
   * the role's activities does not stop the application: it is recorded for staff to see.
   */
  apply(user: AuthUser, vacancyId: string, dto: ApplyDto): Promise<ApplicationDto> {
    return this.uow.run(async (em) => {
      const vacancy = await this.repo.findVacancy(em, vacancyId);
      if (!vacancy) throw AppError.notFound('Vacancy');
      const patientId = user.role === 'PATIENT' ? (dto.patientId ?? user.patientId ?? '') : dto.patientId;
      if (!patientId) throw RecruitmentErrors.field('patientId', 'Choose the patient who is applying');
      await this.patients.findVisible(em, user, patientId);
      const patient = await this.repo.lockPatient(em, patientId);
      if (!patient || patient.status !== 'ACTIVE') throw RecruitmentErrors.patientNotActive();
      const today = londonDate();
      if (vacancyState(vacancy, vacancy.workRole!.active, today) !== 'OPEN') throw RecruitmentErrors.vacancyNotOpen();
      if (await this.repo.findApplicationOf(em, vacancyId, patientId)) throw RecruitmentErrors.alreadyApplied();
      if (await this.repo.findActivePlacement(em, patientId, vacancy.workRoleId)) throw RecruitmentErrors.alreadyPlaced();
      const conflicts = restrictionConflicts(await this.patientRecords.findRestrictionCodesInForce(em, patientId, today), vacancy.workRole!.activities);
      const now = new Date();
      const id = newId();
      try {
        await em.insert(Application, {
          id,
          vacancyId,
          patientId,
          statement: dto.statement?.trim() || null,
          status: 'SUBMITTED',
          restrictionConflicts: conflicts,
          submittedByUserId: user.id,
          submittedAt: now,
          outcomeNote: null,
          updatedAt: now,
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw RecruitmentErrors.alreadyApplied();
        throw err;
      }
      await this.audit.record({
        action: 'application.create',
        entityType: 'application',
        entityId: id,
        patientId,
        detail: { vacancyId, byStaff: user.role !== 'PATIENT', restrictionConflicts: conflicts.length },
      });
      return this.load(em, user, id);
    });
  }

  list(user: AuthUser, q: ApplicationListQuery): Promise<Page<ApplicationDto>> {
    return this.uow.run(async (em) => {
      if (q.patientId) await this.patients.findVisible(em, user, q.patientId);
      const [rows, total] = await this.repo.findApplicationPage(em, q, this.access.scopeFor(user));
      await this.audit.recordPatientReads('application.list', [...new Set(rows.map((r) => r.patientId))]);
      return { items: await this.hydrate(em, user, rows), total, limit: q.limit, offset: q.offset };
    });
  }

  get(user: AuthUser, id: string): Promise<ApplicationDto> {
    return this.uow.run(async (em) => {
      const dto = await this.load(em, user, id);
      await this.audit.record({ action: 'application.read', entityType: 'application', entityId: id, patientId: dto.patientId });
      return dto;
    });
  }

  scheduleInterview(user: AuthUser, applicationId: string, dto: ScheduleInterviewDto): Promise<ApplicationDto> {
    return this.uow.run(async (em) => {
      const app = await this.lockForChange(em, user, applicationId, false);
      assertCanScheduleInterview(app, await this.repo.findInterviewsOf(em, [app.id]));
      const now = new Date();
      const id = newId();
      await em.insert(Interview, {
        id,
        applicationId: app.id,
        scheduledAt: new Date(dto.scheduledAt),
        panel: dto.panel.trim(),
        outcome: 'PENDING',
        feedback: null,
        createdByUserId: user.id,
        createdAt: now,
        updatedAt: now,
      });
      await em.update(Application, { id: app.id }, { status: 'INTERVIEW', updatedAt: now });
      await this.audit.record({ action: 'interview.schedule', entityType: 'interview', entityId: id, patientId: app.patientId, detail: { applicationId: app.id } });
      return this.load(em, user, app.id);
    });
  }

  /** Records the outcome (once) and the feedback the patient reads; may also move the time or panel. */
  updateInterview(user: AuthUser, interviewId: string, dto: UpdateInterviewDto): Promise<ApplicationDto> {
    return this.uow.run(async (em) => {
      const found = await this.repo.findInterview(em, interviewId);
      if (!found || !(await this.repo.findApplication(em, found.applicationId, this.access.scopeFor(user)))) throw AppError.notFound('Interview');
      const app = await this.lockForChange(em, user, found.applicationId, false);
      const interview = (await this.repo.lockInterview(em, interviewId))!;
      const fields = (['outcome', 'feedback', 'scheduledAt', 'panel'] as const).filter((k) => dto[k] !== undefined);
      if (!fields.length) throw AppError.validation('Give an outcome, feedback, a new time or a new panel');
      assertCanRecordOutcome(app, interview, dto.outcome);
      const now = new Date();
      await em.update(Interview, { id: interview.id }, {
        ...(dto.outcome !== undefined ? { outcome: dto.outcome } : {}),
        ...(dto.feedback !== undefined ? { feedback: dto.feedback.trim() || null } : {}),
        ...(dto.scheduledAt !== undefined ? { scheduledAt: new Date(dto.scheduledAt) } : {}),
        ...(dto.panel !== undefined ? { panel: dto.panel.trim() } : {}),
        updatedAt: now,
      });
      if (dto.outcome !== undefined && dto.outcome !== interview.outcome) {
        const status = statusAfterOutcome(app.status, dto.outcome);
        if (status !== app.status) await em.update(Application, { id: app.id }, { status, updatedAt: now });
      }
      await this.audit.record({ action: 'interview.update', entityType: 'interview', entityId: interview.id, patientId: app.patientId, detail: { fields, outcome: dto.outcome } });
      return this.load(em, user, app.id);
    });
  }

  makeOffer(user: AuthUser, applicationId: string, dto: MakeOfferDto): Promise<ApplicationDto> {
    return this.uow.run(async (em) => {
      const app = await this.lockForChange(em, user, applicationId, false);
      assertCanMakeOffer(app, await this.repo.findInterviewsOf(em, [app.id]), await this.repo.findOffersOf(em, [app.id]));
      const now = new Date();
      const id = newId();
      await em.insert(Offer, { id, applicationId: app.id, startOn: dto.startOn, terms: dto.terms?.trim() || null, status: 'MADE', madeByUserId: user.id, madeAt: now, respondedAt: null });
      await em.update(Application, { id: app.id }, { status: 'OFFERED', updatedAt: now });
      await this.audit.record({ action: 'offer.make', entityType: 'offer', entityId: id, patientId: app.patientId, detail: { applicationId: app.id, startOn: dto.startOn } });
      return this.load(em, user, app.id);
    });
  }

  /** Accepting makes the placement in the same unit of work: both happen or neither does. */
  acceptOffer(user: AuthUser, offerId: string): Promise<ApplicationDto> {
    return this.uow.run(async (em) => {
      const { app, offer } = await this.lockOffer(em, user, offerId);
      const vacancy = (await this.repo.findVacancy(em, app.vacancyId))!;
      const placement = await this.placements.place(em, user, { patientId: app.patientId, workRoleId: vacancy.workRoleId, startOn: offer.startOn, applicationId: app.id });
      const now = new Date();
      await em.update(Offer, { id: offer.id }, { status: 'ACCEPTED', respondedAt: now });
      await em.update(Application, { id: app.id }, { status: 'ACCEPTED', updatedAt: now });
      await this.audit.record({ action: 'offer.accept', entityType: 'offer', entityId: offer.id, patientId: app.patientId, detail: { placementId: placement.id, byStaff: user.role !== 'PATIENT' } });
      return this.load(em, user, app.id);
    });
  }

  declineOffer(user: AuthUser, offerId: string): Promise<ApplicationDto> {
    return this.uow.run(async (em) => {
      const { app, offer } = await this.lockOffer(em, user, offerId);
      const now = new Date();
      await em.update(Offer, { id: offer.id }, { status: 'DECLINED', respondedAt: now });
      await em.update(Application, { id: app.id }, { status: 'DECLINED', updatedAt: now });
      await this.audit.record({ action: 'offer.decline', entityType: 'offer', entityId: offer.id, patientId: app.patientId, detail: { byStaff: user.role !== 'PATIENT' } });
      return this.load(em, user, app.id);
    });
  }

  /** The patient or staff withdraw an open application; an unanswered offer is withdrawn with it. */
  withdraw(user: AuthUser, applicationId: string, dto: WithdrawDto): Promise<ApplicationDto> {
    return this.uow.run(async (em) => {
      const app = await this.lockForChange(em, user, applicationId, true);
      assertCanWithdraw(app);
      const now = new Date();
      await em.update(Offer, { applicationId: app.id, status: 'MADE' }, { status: 'WITHDRAWN', respondedAt: now });
      await em.update(Application, { id: app.id }, { status: 'WITHDRAWN', outcomeNote: dto.note?.trim() || null, updatedAt: now });
      await this.audit.record({ action: 'application.withdraw', entityType: 'application', entityId: app.id, patientId: app.patientId, detail: { byStaff: user.role !== 'PATIENT' } });
      return this.load(em, user, app.id);
    });
  }

  /** Active patients in the caller's scope who have not applied to the vacancy (staff "apply for a patient" form). */
  candidatesFor(user: AuthUser, vacancyId: string): Promise<CandidatePatient[]> {
    return this.uow.run(async (em) => {
      if (user.role === 'PATIENT') return [];
      const rows = await this.repo.findPatientsWhoCouldApply(em, vacancyId, this.access.patientScopeFor(user));
      await this.audit.recordPatientReads('application.candidates', rows.map((p) => p.id));
      return rows.map((p) => ({ id: p.id, displayName: p.displayName, hospitalNumber: p.hospitalNumber }));
    });
  }

  /** Scope check (404), role check (403), then the application row lock. */
  private async lockForChange(em: EntityManager, user: AuthUser, id: string, patientMay: boolean): Promise<Application> {
    if (!(await this.repo.findApplication(em, id, this.access.scopeFor(user)))) throw AppError.notFound('Application');
    this.access.assertMayAct(user, patientMay);
    const locked = await this.repo.lockApplication(em, id);
    if (!locked) throw AppError.notFound('Application');
    return locked;
  }

  /** Application first, then offer: the same lock order as every other change here. */
  private async lockOffer(em: EntityManager, user: AuthUser, offerId: string): Promise<{ app: Application; offer: Offer }> {
    const found = await this.repo.findOffer(em, offerId);
    if (!found || !(await this.repo.findApplication(em, found.applicationId, this.access.scopeFor(user)))) throw AppError.notFound('Offer');
    const app = await this.lockForChange(em, user, found.applicationId, true);
    const offer = (await this.repo.lockOffer(em, offerId))!;
    assertOfferOpen(app, offer);
    return { app, offer };
  }

  private async load(em: EntityManager, user: AuthUser, id: string): Promise<ApplicationDto> {
    const app = await this.repo.findApplication(em, id, this.access.scopeFor(user));
    if (!app) throw AppError.notFound('Application');
    return (await this.hydrate(em, user, [app]))[0];
  }

  private async hydrate(em: EntityManager, user: AuthUser, apps: Application[]): Promise<ApplicationDto[]> {
    const ids = apps.map((a) => a.id);
    const [interviews, offers, placements] = [await this.repo.findInterviewsOf(em, ids), await this.repo.findOffersOf(em, ids), await this.repo.findPlacementsFromApplications(em, ids)];
    return apps.map((a) =>
      toApplicationDto(
        a,
        user,
        interviews.filter((i) => i.applicationId === a.id),
        offers.filter((o) => o.applicationId === a.id),
        placements.find((p) => p.applicationId === a.id)?.id ?? null,
      ),
    );
  }
}
