import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { Page } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { Enterprise } from '../enterprises/enterprise.entity';
import { WorkRole } from '../enterprises/work-role.entity';
import { Application } from '../recruitment/application.entity';
import { Placement } from '../recruitment/placement.entity';
import { Vacancy } from '../recruitment/vacancy.entity';
import { User } from '../users/user.entity';
import { Site } from '../wards/site.entity';
import { Ward } from '../wards/ward.entity';
import { capsForSituation } from './benefits';
import { BenefitsLimit } from './benefits-limit.entity';
import type {
  AddRestrictionDto,
  BenefitsDto,
  CreatePatientDto,
  LeaveEventDto,
  LeaveOnDateDto,
  LiftRestrictionDto,
  MoveWardDto,
  PatientDetailDto,
  PatientSummaryDto,
  RecordLeaveDto,
  ReinstateLeaveDto,
  RestrictionDto,
  SetBenefitsLimitsDto,
  SetStatusDto,
  SuspendLeaveDto,
  TransferDto,
  UpdatePatientDto,
  VocationalProfileDto,
  VocationalProfileViewDto,
  WardHistoryDto,
  WardStayDto,
} from './dto/patients.dto';
import { leaveOn, type LeaveLevel } from './leave';
import { LeaveEvent } from './leave-event.entity';
import { CLINICAL_EDITOR_ROLES, PatientAccess, VOCATIONAL_EDITOR_ROLES } from './patient-access';
import { PatientChangeHooks } from './patient-change-hooks';
import { Patient } from './patient.entity';
import { PatientsRepository } from './patients.repository';
import type { RestrictionCode } from './restrictions';
import { VocationalProfile } from './vocational-profile.entity';
import { WardStay } from './ward-stay.entity';
import { WorkRestriction } from './work-restriction.entity';

export interface WorkHistoryPlacement {
  id: string;
  startOn: string;
  endOn: string | null;
  status: string;
  endReason: string | null;
  roleTitle: string;
  enterpriseName: string;
}

export interface WorkHistoryApplication {
  id: string;
  status: string;
  submittedAt: string;
  restrictionConflicts: string[];
  roleTitle: string;
  enterpriseName: string;
}

export interface PatientListQuery {
  q?: string;
  wardId?: string;
  status?: string;
  leave?: LeaveLevel;
  limit: number;
  offset: number;
}

function toWardStayDto(s: WardStay & { wardName: string }): WardStayDto {
  return { id: s.id, wardId: s.wardId, wardName: s.wardName, fromAt: s.fromAt.toISOString(), toAt: s.toAt ? s.toAt.toISOString() : null, reason: s.reason, recordedByUserId: s.recordedByUserId, recordedAt: s.recordedAt.toISOString() };
}

function toLeaveEventDto(e: LeaveEvent): LeaveEventDto {
  return { id: e.id, kind: e.kind, level: e.level, effectiveFrom: e.effectiveFrom, effectiveUntil: e.effectiveUntil, grantedBy: e.grantedBy, note: e.note, recordedByUserId: e.recordedByUserId, recordedAt: e.recordedAt.toISOString() };
}

export function restrictionInForce(r: WorkRestriction, date: string): boolean {
  return r.effectiveFrom <= date && (r.effectiveUntil === null || r.effectiveUntil >= date) && (r.liftedOn === null || r.liftedOn > date);
}

function toRestrictionDto(r: WorkRestriction, today: string): RestrictionDto {
  return {
    id: r.id,
    restriction: r.restriction,
    effectiveFrom: r.effectiveFrom,
    effectiveUntil: r.effectiveUntil,
    reason: r.reason,
    setByUserId: r.setByUserId,
    createdAt: r.createdAt.toISOString(),
    liftedOn: r.liftedOn,
    liftReason: r.liftReason,
    inForce: restrictionInForce(r, today),
  };
}

/**
 * The patient record: scope (PatientAccess), leave history, restrictions, benefits limits and
 * the vocational profile. Every read is audited; every change is audited in its transaction.
 */
@Injectable()
export class PatientsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: PatientAccess,
    private readonly repo: PatientsRepository,
    private readonly audit: AuditService,
    private readonly hooks: PatientChangeHooks,
  ) {}

  async list(user: AuthUser, q: PatientListQuery): Promise<Page<PatientSummaryDto>> {
    const today = londonDate();
    const result = await this.uow.read(async (em) => {
      const qb = em.createQueryBuilder(Patient, 'p').innerJoin(Ward, 'w', 'w.id = p.wardId').addSelect('w.name', 'wardName');
      this.access.applyScope(qb, user, 'p');
      if (q.wardId) qb.andWhere('p.wardId = :wardId', { wardId: q.wardId });
      if (q.status) qb.andWhere('p.status = :status', { status: q.status });
      if (q.q) qb.andWhere('(LOWER(p.displayName) LIKE :q OR LOWER(p.hospitalNumber) LIKE :q)', { q: `%${q.q.toLowerCase()}%` });
      qb.orderBy('p.displayName', 'ASC').addOrderBy('p.id', 'ASC');
      if (!q.leave) {
        const total = await qb.getCount();
        const { entities, raw } = await qb.clone().offset(q.offset).limit(q.limit).getRawAndEntities();
        return { rows: entities.map((p, i) => ({ p, wardName: String(raw[i].wardName) })), total };
      }
      // Leave is a query over each patient's history; a caller's scope is a few wards, so
      // filter the scoped set in memory, then page.
      const { entities, raw } = await qb.getRawAndEntities();
      const leave = await this.leaveTodayFor(em, entities.map((p) => p.id), today);
      const matching = entities.map((p, i) => ({ p, wardName: String(raw[i].wardName) })).filter(({ p }) => leave.get(p.id)?.effectiveLevel === q.leave);
      return { rows: matching.slice(q.offset, q.offset + q.limit), total: matching.length };
    });
    const items = await this.uow.read(async (em) => {
      const ids = result.rows.map((r) => r.p.id);
      const leave = await this.leaveTodayFor(em, ids, today);
      const restrictions = await this.restrictionsInForceFor(em, ids, today);
      return result.rows.map(({ p, wardName }) => this.summary(p, wardName, leave.get(p.id)!, restrictions.get(p.id) ?? []));
    });
    await this.audit.recordPatientReads('patient.list', items.map((i) => i.id));
    return { items, total: result.total, limit: q.limit, offset: q.offset };
  }

  async get(user: AuthUser, patientId: string): Promise<PatientDetailDto> {
    const today = londonDate();
    const detail = await this.uow.read(async (em) => {
      const p = await this.access.findVisible(em, user, patientId);
      return this.detail(em, p, today);
    });
    await this.audit.record({ action: 'patient.read', entityType: 'patient', entityId: patientId, patientId });
    return detail;
  }

  async leaveOnDate(user: AuthUser, patientId: string, date: string): Promise<LeaveOnDateDto> {
    const result = await this.uow.read(async (em) => {
      await this.access.findVisible(em, user, patientId);
      return { date, ...leaveOn(await this.repo.findLeaveEventsUpTo(em, patientId, date), date) };
    });
    await this.audit.record({ action: 'patient.leave.read', entityType: 'patient', entityId: patientId, patientId, detail: { date } });
    return result;
  }

  async create(user: AuthUser, dto: CreatePatientDto): Promise<PatientDetailDto> {
    return this.uow.run(async (em) => {
      const ward = await em.findOne(Ward, { where: { id: dto.wardId } });
      if (!ward) throw AppError.validation('No such ward', [{ field: 'wardId', message: 'Choose a ward' }]);
      if (user.role !== 'ADMIN' && !user.wardIds.includes(ward.id)) {
        throw AppError.validation('You can add patients only to wards you work on', [{ field: 'wardId', message: 'Choose one of your wards' }]);
      }
      if (await em.findOne(Patient, { where: { hospitalNumber: dto.hospitalNumber } })) {
        throw AppError.conflict('HOSPITAL_NUMBER_TAKEN', 'A patient with that hospital number already exists', [{ field: 'hospitalNumber', message: 'A patient with that hospital number already exists' }]);
      }
      const now = new Date();
      const p = em.create(Patient, { id: newId(), wardId: ward.id, displayName: dto.displayName, hospitalNumber: dto.hospitalNumber, status: 'ACTIVE', createdAt: now, updatedAt: now });
      await em.insert(Patient, p);
      await em.insert(WardStay, { id: newId(), patientId: p.id, wardId: ward.id, fromAt: now, toAt: null, reason: null, recordedByUserId: user.id, recordedAt: now });
      await this.audit.record({ action: 'patient.create', entityType: 'patient', entityId: p.id, patientId: p.id });
      return this.detail(em, p, londonDate());
    });
  }

  async update(user: AuthUser, patientId: string, dto: UpdatePatientDto): Promise<PatientDetailDto> {
    return this.uow.run(async (em) => {
      const p = await this.access.findEditable(em, user, patientId, ['ADMIN', ...CLINICAL_EDITOR_ROLES]);
      if (dto.displayName) p.displayName = dto.displayName;
      p.updatedAt = new Date();
      await em.save(p);
      await this.audit.record({ action: 'patient.update', entityType: 'patient', entityId: p.id, patientId: p.id, detail: { fields: Object.keys(dto) } });
      return this.detail(em, p, londonDate());
    });
  }

  /** Moving a patient to another ward moves who can see them (a transfer effective now). */
  async moveWard(user: AuthUser, patientId: string, dto: MoveWardDto): Promise<{ id: string; wardId: string }> {
    const stay = await this.transfer(user, patientId, { wardId: dto.wardId, reason: dto.note });
    return { id: patientId, wardId: stay.wardId };
  }

  /**
   * Transfers a patient to another ward: closes their open ward stay and opens the next, and
   * moves the patient record's current ward, in one unit of work. Who can see the patient moves
   * with them: staff of the former ward lose sight of the patient at once (PatientAccess scopes
   * by the current ward only), so nothing identifiable stays with the ward they left.
   */
  async transfer(user: AuthUser, patientId: string, dto: TransferDto): Promise<WardStayDto> {
    return this.uow.run(async (em) => {
      const p = await this.access.findEditable(em, user, patientId, ['ADMIN', ...CLINICAL_EDITOR_ROLES]);
      const ward = await em.findOne(Ward, { where: { id: dto.wardId } });
      if (!ward) throw AppError.validation('No such ward', [{ field: 'wardId', message: 'Choose a ward' }]);
      if (ward.id === p.wardId) throw AppError.validation('The patient is already on that ward', [{ field: 'wardId', message: 'Choose a different ward' }]);
      const now = new Date();
      const at = dto.effectiveAt ? new Date(dto.effectiveAt) : now;
      if (at.getTime() > now.getTime()) throw AppError.validation('A transfer cannot be recorded ahead of time', [{ field: 'effectiveAt', message: 'Enter a time that is not in the future' }]);
      let open = await this.repo.findOpenWardStay(em, p.id);
      if (!open) {
        // a record made before ward history existed, outside the migration (e.g. loaded directly)
        open = em.create(WardStay, { id: newId(), patientId: p.id, wardId: p.wardId, fromAt: p.createdAt, toAt: null, reason: null, recordedByUserId: null, recordedAt: now });
        await em.insert(WardStay, open);
      }
      if (at.getTime() <= open.fromAt.getTime()) {
        throw AppError.validation('A transfer must come after the patient arrived on their current ward', [{ field: 'effectiveAt', message: `Enter a time after ${open.fromAt.toISOString()}` }]);
      }
      if (!(await this.repo.closeWardStay(em, open.id, at))) throw AppError.conflict('TRANSFER_CONFLICT', 'The patient was transferred by someone else at the same time; reload and try again');
      const stay = em.create(WardStay, { id: newId(), patientId: p.id, wardId: ward.id, fromAt: at, toAt: null, reason: dto.reason || null, recordedByUserId: user.id, recordedAt: now });
      await em.insert(WardStay, stay);
      const from = p.wardId;
      p.wardId = ward.id;
      p.updatedAt = now;
      await em.save(p);
      await this.audit.record({ action: 'patient.transfer', entityType: 'patient', entityId: p.id, patientId: p.id, detail: { fromWardId: from, toWardId: ward.id, effectiveAt: at.toISOString() } });
      return toWardStayDto({ ...stay, wardName: ward.name });
    });
  }

  /** A patient's dated ward history, oldest first (audited as a read of the patient record). */
  async wardHistory(user: AuthUser, patientId: string): Promise<WardHistoryDto> {
    const result = await this.uow.read(async (em) => {
      const p = await this.access.findVisible(em, user, patientId);
      const stays = await this.repo.findWardStays(em, p.id);
      return { patientId: p.id, currentWardId: p.wardId, stays: stays.map(toWardStayDto) };
    });
    await this.audit.record({ action: 'patient.ward-history.read', entityType: 'patient', entityId: patientId, patientId });
    return result;
  }

  /** Discharge or transfer: the patient's active placements end with that reason. */
  async setStatus(user: AuthUser, patientId: string, dto: SetStatusDto): Promise<PatientDetailDto> {
    return this.uow.run(async (em) => {
      const p = await this.access.findEditable(em, user, patientId, ['ADMIN', ...CLINICAL_EDITOR_ROLES]);
      const endOn = dto.effectiveOn ?? londonDate();
      const leaving = dto.status !== 'ACTIVE' && p.status === 'ACTIVE';
      if (leaving) await this.hooks.left(em, p.id, dto.status === 'DISCHARGED' ? 'DISCHARGED' : 'TRANSFERRED', endOn);
      p.status = dto.status;
      p.updatedAt = new Date();
      await em.save(p);
      await this.audit.record({ action: 'patient.status', entityType: 'patient', entityId: p.id, patientId: p.id, detail: { status: dto.status } });
      await this.hooks.clinicalChange(em, p.id);
      return this.detail(em, p, londonDate());
    });
  }

  async recordLeave(user: AuthUser, patientId: string, dto: RecordLeaveDto): Promise<LeaveEventDto> {
    if (dto.effectiveUntil && dto.effectiveUntil < dto.effectiveFrom) throw AppError.validation('The end date is before the start date', [{ field: 'effectiveUntil', message: 'Must be on or after the start date' }]);
    return this.addLeaveEvent(user, patientId, { kind: 'GRANT', level: dto.level, effectiveFrom: dto.effectiveFrom, effectiveUntil: dto.effectiveUntil ?? null, grantedBy: dto.grantedBy ?? null, note: dto.note ?? null }, 'patient.leave.grant');
  }

  async suspendLeave(user: AuthUser, patientId: string, dto: SuspendLeaveDto): Promise<LeaveEventDto> {
    const from = dto.effectiveFrom ?? londonDate();
    if (dto.effectiveUntil && dto.effectiveUntil < from) throw AppError.validation('The end date is before the start date', [{ field: 'effectiveUntil', message: 'Must be on or after the start date' }]);
    return this.addLeaveEvent(user, patientId, { kind: 'SUSPEND', level: null, effectiveFrom: from, effectiveUntil: dto.effectiveUntil ?? null, grantedBy: null, note: dto.reason }, 'patient.leave.suspend');
  }

  async reinstateLeave(user: AuthUser, patientId: string, dto: ReinstateLeaveDto): Promise<LeaveEventDto> {
    return this.addLeaveEvent(user, patientId, { kind: 'REINSTATE', level: null, effectiveFrom: dto.effectiveFrom ?? londonDate(), effectiveUntil: null, grantedBy: null, note: dto.reason }, 'patient.leave.reinstate');
  }

  async addRestriction(user: AuthUser, patientId: string, dto: AddRestrictionDto): Promise<RestrictionDto> {
    if (dto.effectiveUntil && dto.effectiveUntil < dto.effectiveFrom) throw AppError.validation('The end date is before the start date', [{ field: 'effectiveUntil', message: 'Must be on or after the start date' }]);
    return this.uow.run(async (em) => {
      await this.access.findEditable(em, user, patientId, CLINICAL_EDITOR_ROLES);
      const r = em.create(WorkRestriction, {
        id: newId(),
        patientId,
        restriction: dto.restriction,
        effectiveFrom: dto.effectiveFrom,
        effectiveUntil: dto.effectiveUntil ?? null,
        reason: dto.reason,
        setByUserId: user.id,
        createdAt: new Date(),
        liftedOn: null,
        liftedByUserId: null,
        liftReason: null,
      });
      await em.insert(WorkRestriction, r);
      await this.audit.record({ action: 'patient.restriction.add', entityType: 'work_restriction', entityId: r.id, patientId, detail: { restriction: r.restriction } });
      await this.hooks.clinicalChange(em, patientId);
      return toRestrictionDto(r, londonDate());
    });
  }

  async liftRestriction(user: AuthUser, patientId: string, restrictionId: string, dto: LiftRestrictionDto): Promise<RestrictionDto> {
    return this.uow.run(async (em) => {
      await this.access.findEditable(em, user, patientId, CLINICAL_EDITOR_ROLES);
      const r = await em.findOne(WorkRestriction, { where: { id: restrictionId, patientId } });
      if (!r) throw AppError.notFound('Restriction');
      if (r.liftedOn) throw AppError.conflict('ALREADY_LIFTED', 'This restriction has already been lifted');
      if (dto.liftedOn < r.effectiveFrom) throw AppError.validation('A restriction cannot be lifted before it started', [{ field: 'liftedOn', message: 'Must be on or after the start date' }]);
      r.liftedOn = dto.liftedOn;
      r.liftedByUserId = user.id;
      r.liftReason = dto.reason;
      await em.save(r);
      await this.audit.record({ action: 'patient.restriction.lift', entityType: 'work_restriction', entityId: r.id, patientId, detail: { restriction: r.restriction } });
      return toRestrictionDto(r, londonDate());
    });
  }

  async setBenefitsLimits(user: AuthUser, patientId: string, dto: SetBenefitsLimitsDto): Promise<BenefitsDto> {
    if (dto.mode === 'CUSTOM' && dto.weeklyEarningsCapPence == null && dto.weeklyHoursCapMinutes == null) {
      throw AppError.validation('A custom limit needs an earnings cap, an hours cap or both', [{ field: 'weeklyEarningsCapPence', message: 'Enter a weekly earnings cap or hours cap, or choose "no cap"' }]);
    }
    return this.uow.run(async (em) => {
      await this.access.findEditable(em, user, patientId, VOCATIONAL_EDITOR_ROLES);
      const row = em.create(BenefitsLimit, {
        id: newId(),
        patientId,
        mode: dto.mode,
        weeklyEarningsCapPence: dto.mode === 'CUSTOM' ? (dto.weeklyEarningsCapPence ?? null) : null,
        weeklyHoursCapMinutes: dto.mode === 'CUSTOM' ? (dto.weeklyHoursCapMinutes ?? null) : null,
        effectiveFrom: dto.effectiveFrom,
        note: dto.note ?? null,
        recordedByUserId: user.id,
        recordedAt: new Date(),
      });
      await em.insert(BenefitsLimit, row);
      await this.audit.record({ action: 'patient.benefits-limits', entityType: 'benefits_limit', entityId: row.id, patientId, detail: { mode: row.mode } });
      return this.benefits(em, patientId, dto.effectiveFrom > londonDate() ? dto.effectiveFrom : londonDate());
    });
  }

  async setVocationalProfile(user: AuthUser, patientId: string, dto: VocationalProfileDto): Promise<VocationalProfileViewDto> {
    return this.uow.run(async (em) => {
      await this.access.findEditable(em, user, patientId, VOCATIONAL_EDITOR_ROLES);
      const existing = await em.findOne(VocationalProfile, { where: { patientId } });
      const profile = existing ?? em.create(VocationalProfile, { patientId, workPreferences: null, goals: null, strengths: null, stage: 'ENGAGEMENT', nextReviewOn: null });
      if (dto.workPreferences !== undefined) profile.workPreferences = dto.workPreferences || null;
      if (dto.goals !== undefined) profile.goals = dto.goals || null;
      if (dto.strengths !== undefined) profile.strengths = dto.strengths || null;
      if (dto.stage !== undefined) profile.stage = dto.stage;
      if (dto.nextReviewOn !== undefined) profile.nextReviewOn = dto.nextReviewOn || null;
      profile.updatedByUserId = user.id;
      profile.updatedAt = new Date();
      await em.save(VocationalProfile, profile);
      await this.audit.record({ action: 'patient.vocational-profile', entityType: 'vocational_profile', entityId: patientId, patientId, detail: { fields: Object.keys(dto) } });
      return this.profileView(profile);
    });
  }

  /** Placements and applications, for the patient page. Scope-checked; the page read is audited by get(). */
  async workHistory(user: AuthUser, patientId: string): Promise<{ placements: WorkHistoryPlacement[]; applications: WorkHistoryApplication[] }> {
    return this.uow.read(async (em) => {
      await this.access.findVisible(em, user, patientId);
      const placements = await em
        .createQueryBuilder(Placement, 'pl')
        .innerJoin(WorkRole, 'wr', 'wr.id = pl.workRoleId')
        .innerJoin(Enterprise, 'e', 'e.id = wr.enterpriseId')
        .select(['pl.id AS "id"', 'pl.startOn AS "startOn"', 'pl.endOn AS "endOn"', 'pl.status AS "status"', 'pl.endReason AS "endReason"', 'wr.title AS "roleTitle"', 'e.name AS "enterpriseName"', 'wr.activities AS "activities"'])
        .where('pl.patientId = :patientId', { patientId })
        .andWhere(user.role === 'ENTERPRISE_LEAD' ? 'e.id IN (SELECT el."enterpriseId" FROM enterprise_leads el WHERE el."userId" = :leadId)' : '1 = 1', { leadId: user.id })
        .orderBy('pl.startOn', 'DESC')
        .getRawMany<WorkHistoryPlacement & { activities: string }>();
      const applications = await em
        .createQueryBuilder(Application, 'a')
        .innerJoin(Vacancy, 'v', 'v.id = a.vacancyId')
        .innerJoin(WorkRole, 'wr', 'wr.id = v.workRoleId')
        .innerJoin(Enterprise, 'e', 'e.id = wr.enterpriseId')
        .select(['a.id AS "id"', 'a.status AS "status"', 'a.submittedAt AS "submittedAt"', 'a.restrictionConflicts AS "restrictionConflicts"', 'wr.title AS "roleTitle"', 'e.name AS "enterpriseName"'])
        .where('a.patientId = :patientId', { patientId })
        .andWhere(user.role === 'ENTERPRISE_LEAD' ? 'e.id IN (SELECT el."enterpriseId" FROM enterprise_leads el WHERE el."userId" = :leadId)' : '1 = 1', { leadId: user.id })
        .orderBy('a.submittedAt', 'DESC')
        .getRawMany<Omit<WorkHistoryApplication, 'restrictionConflicts'> & { restrictionConflicts: string }>();
      return {
        placements: placements.map(({ activities: _a, ...p }) => p),
        applications: applications.map((a) => ({ ...a, restrictionConflicts: JSON.parse(a.restrictionConflicts || '[]') })),
      };
    });
  }

  // ---- helpers ----

  private async addLeaveEvent(user: AuthUser, patientId: string, e: Pick<LeaveEvent, 'kind' | 'level' | 'effectiveFrom' | 'effectiveUntil' | 'grantedBy' | 'note'>, action: string): Promise<LeaveEventDto> {
    return this.uow.run(async (em) => {
      await this.access.findEditable(em, user, patientId, CLINICAL_EDITOR_ROLES);
      const row = em.create(LeaveEvent, { id: newId(), patientId, ...e, recordedByUserId: user.id, recordedAt: new Date() });
      await em.insert(LeaveEvent, row);
      await this.audit.record({ action, entityType: 'leave_event', entityId: row.id, patientId, detail: { kind: e.kind, level: e.level, effectiveFrom: e.effectiveFrom } });
      await this.hooks.clinicalChange(em, patientId);
      return toLeaveEventDto(row);
    });
  }

  async leaveTodayFor(em: EntityManager, patientIds: string[], date: string): Promise<Map<string, LeaveOnDateDto>> {
    const map = new Map<string, LeaveOnDateDto>();
    if (!patientIds.length) return map;
    const events = await em.find(LeaveEvent, { where: { patientId: In(patientIds) } });
    for (const id of patientIds) map.set(id, { date, ...leaveOn(events.filter((e) => e.patientId === id && e.effectiveFrom <= date), date) });
    return map;
  }

  private async restrictionsInForceFor(em: EntityManager, patientIds: string[], date: string): Promise<Map<string, RestrictionCode[]>> {
    const map = new Map<string, RestrictionCode[]>();
    if (!patientIds.length) return map;
    for (const r of await em.find(WorkRestriction, { where: { patientId: In(patientIds) } })) {
      if (!restrictionInForce(r, date)) continue;
      const list = map.get(r.patientId) ?? [];
      if (!list.includes(r.restriction)) list.push(r.restriction);
      map.set(r.patientId, list.sort());
    }
    return map;
  }

  private summary(p: Patient, wardName: string, leave: LeaveOnDateDto, restrictions: RestrictionCode[]): PatientSummaryDto {
    return { id: p.id, displayName: p.displayName, hospitalNumber: p.hospitalNumber, wardId: p.wardId, wardName, status: p.status, leaveToday: leave, restrictionsInForce: restrictions };
  }

  private async benefits(em: EntityManager, patientId: string, date: string): Promise<BenefitsDto> {
    const patient = await em.findOneOrFail(Patient, { where: { id: patientId } });
    const ward = await em.findOneOrFail(Ward, { where: { id: patient.wardId } });
    const site = await em.findOneOrFail(Site, { where: { id: ward.siteId } });
    const record = await this.repo.findBenefitsLimitOn(em, patientId, date);
    const situation = await this.repo.findBenefitsSituationOn(em, patientId, date);
    return { ...capsForSituation(site, record, situation?.situation ?? null), effectiveFrom: record?.effectiveFrom ?? null, note: record?.note ?? null };
  }

  private profileView(v: VocationalProfile | null): VocationalProfileViewDto {
    return {
      workPreferences: v?.workPreferences ?? null,
      goals: v?.goals ?? null,
      strengths: v?.strengths ?? null,
      stage: v?.stage ?? 'ENGAGEMENT',
      nextReviewOn: v?.nextReviewOn ?? null,
      updatedAt: v?.updatedAt?.toISOString() ?? null,
    };
  }

  private async detail(em: EntityManager, p: Patient, today: string): Promise<PatientDetailDto> {
    const ward = await em.findOneOrFail(Ward, { where: { id: p.wardId } });
    const history = await this.repo.findLeaveHistory(em, p.id);
    const restrictions = await this.repo.findRestrictionHistory(em, p.id);
    const linked = await em.findOne(User, { where: { patientId: p.id } });
    return {
      ...this.summary(
        p,
        ward.name,
        { date: today, ...leaveOn(history.filter((e) => e.effectiveFrom <= today), today) },
        [...new Set(restrictions.filter((r) => restrictionInForce(r, today)).map((r) => r.restriction))].sort(),
      ),
      userId: linked?.id ?? null,
      leaveHistory: history.map(toLeaveEventDto),
      restrictions: restrictions.map((r) => toRestrictionDto(r, today)),
      benefitsLimits: await this.benefits(em, p.id, today),
      vocationalProfile: this.profileView(await em.findOne(VocationalProfile, { where: { patientId: p.id } })),
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}

