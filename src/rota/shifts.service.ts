import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { addDays } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { Page } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { EnterpriseAccess } from '../enterprises/enterprise-access';
import { Enterprise } from '../enterprises/enterprise.entity';
import { WorkRole } from '../enterprises/work-role.entity';
import { PatientAccess } from '../patients/patient-access';
import { Patient } from '../patients/patient.entity';
import { londonInstant } from '../recruitment/london-time';
import { STAFF_ROLES } from '../users/roles';
import { User } from '../users/user.entity';
import { Assignment } from './assignment.entity';
import { ClosureDay } from './closure-day.entity';
import type { AssignmentDto, ClosureDayDto, CreateClosureDayDto, CreatePatternDto, CreateShiftDto, PatternResultDto, ShiftDto } from './dto/rota.dto';
import { MAX_SHIFT_MINUTES, RotaRepository } from './rota.repository';
import { ShiftPattern } from './shift-pattern.entity';
import { Shift } from './shift.entity';
import { isoWeekday, weekStartOn } from './time-rules';

export function toAssignmentDto(a: Assignment, patientName?: string): AssignmentDto {
  return {
    id: a.id,
    shiftId: a.shiftId,
    patientId: a.patientId,
    ...(patientName !== undefined ? { patientName } : {}),
    status: a.status,
    reviewReasons: a.reviewReasons,
    startAt: a.startAt.toISOString(),
    endAt: a.endAt.toISOString(),
    plannedMinutes: a.plannedMinutes,
    plannedPayPence: a.plannedPayPence,
    overrideReason: a.overrideReason,
    overriddenCodes: a.overriddenCodes,
    cancelReason: a.cancelReason,
  };
}

export interface RotaQuery {
  enterpriseId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** Roles that see draft shifts; everyone else sees published ones only. */
const PLANNERS = ['ADMIN', 'OT', 'ENTERPRISE_LEAD'];

@Injectable()
export class ShiftsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: RotaRepository,
    private readonly enterpriseAccess: EnterpriseAccess,
    private readonly patientAccess: PatientAccess,
    private readonly audit: AuditService,
  ) {}

  async create(user: AuthUser, dto: CreateShiftDto): Promise<ShiftDto> {
    const startAt = new Date(dto.startAt);
    const endAt = new Date(dto.endAt);
    validateTimes(startAt, endAt);
    return this.uow.run(async (em) => {
      const role = await this.manageableRole(em, user, dto.workRoleId);
      await this.checkStaff(em, dto.supervisorUserId, dto.escortUserIds);
      const shift = await this.insertShift(em, user, role, { startAt, endAt, capacity: dto.capacity, supervisorUserId: dto.supervisorUserId ?? null, escortUserIds: dto.escortUserIds ?? [], locationNote: dto.locationNote ?? null, publish: !!dto.publish, patternId: null });
      await this.audit.record({ action: 'shift.create', entityType: 'shift', entityId: shift.id, detail: { published: shift.status === 'PUBLISHED' } });
      return this.toDto(em, shift);
    });
  }

  async publish(user: AuthUser, shiftId: string): Promise<ShiftDto> {
    return this.uow.run(async (em) => {
      const shift = await this.manageableShift(em, user, shiftId);
      if (shift.status === 'CANCELLED') throw AppError.conflict('SHIFT_CANCELLED', 'A cancelled shift cannot be published');
      if (shift.status === 'DRAFT') {
        shift.status = 'PUBLISHED';
        shift.publishedAt = new Date();
        shift.updatedAt = new Date();
        await em.save(shift);
        await this.audit.record({ action: 'shift.publish', entityType: 'shift', entityId: shift.id });
      }
      return this.toDto(em, shift);
    });
  }

  /** Cancelling a shift cancels its bookings with the same reason; nothing is deleted. */
  async cancel(user: AuthUser, shiftId: string, reason: string): Promise<ShiftDto> {
    return this.uow.run(async (em) => {
      const shift = await this.manageableShift(em, user, shiftId);
      if (shift.status === 'CANCELLED') throw AppError.conflict('SHIFT_CANCELLED', 'This shift is already cancelled');
      Object.assign(shift, { status: 'CANCELLED', cancelReason: reason, updatedAt: new Date() });
      await em.save(shift);
      const live = await this.repo.findLiveAssignmentsForShifts(em, [shift.id]);
      for (const a of live) {
        await em.update(Assignment, { id: a.id }, { status: 'CANCELLED', liveKey: a.id, cancelReason: `Shift cancelled: ${reason}`, cancelledAt: new Date(), updatedAt: new Date() });
      }
      await this.audit.record({ action: 'shift.cancel', entityType: 'shift', entityId: shift.id, detail: { assignmentsCancelled: live.length } });
      return this.toDto(em, shift);
    });
  }

  async setStaff(user: AuthUser, shiftId: string, dto: { supervisorUserId?: string; escortUserIds?: string[] }): Promise<ShiftDto> {
    return this.uow.run(async (em) => {
      const shift = await this.manageableShift(em, user, shiftId);
      await this.checkStaff(em, dto.supervisorUserId, dto.escortUserIds);
      if (dto.supervisorUserId !== undefined) shift.supervisorUserId = dto.supervisorUserId;
      if (dto.escortUserIds !== undefined) shift.escortUserIds = dto.escortUserIds;
      shift.updatedAt = new Date();
      await em.save(shift);
      await this.audit.record({ action: 'shift.staff', entityType: 'shift', entityId: shift.id });
      return this.toDto(em, shift);
    });
  }

  /** A page of the rota (ShiftDto items); the pages read it. */
  async list(user: AuthUser, q: RotaQuery): Promise<Page<ShiftDto>> {
    return JSON.parse(await this.listJson(user, q)) as Page<ShiftDto>;
  }

  /**
   * The same page as its JSON text, as the API sends it: the database writes the items' JSON
   * (RotaRepository.findRotaPageJson), so no row object is built, converted or serialized here.
   */
  async listJson(user: AuthUser, q: RotaQuery): Promise<string> {
    const from = q.from ? new Date(q.from) : londonInstant(weekStartOn(new Date()), '00:00')!;
    const to = q.to ? new Date(q.to) : new Date(from.getTime() + 7 * 86_400_000);
    if (to <= from) throw AppError.validation('"to" must be after "from"', [{ field: 'to', message: 'Must be after from' }]);
    if (to.getTime() - from.getTime() > 62 * 86_400_000) throw AppError.validation('Ask for at most 62 days at a time', [{ field: 'to', message: 'At most 62 days after from' }]);
    // one statement unless the page is full (then a count beside it): no snapshot needed
    const { itemsJson, total } = await this.uow.readStatement((em) => this.repo.findRotaPageJson(em, { enterpriseId: q.enterpriseId, from, to, publishedOnly: !PLANNERS.includes(user.role), limit: q.limit, offset: q.offset }));
    // the key order of Page: items, total, limit, offset
    return `{"items":${itemsJson},"total":${total},"limit":${q.limit},"offset":${q.offset}}`;
  }

  /** One shift with the bookings of patients the caller may see (audited), and a count of the rest. */
  async get(user: AuthUser, shiftId: string): Promise<ShiftDto> {
    const result = await this.uow.read(async (em) => {
      const shift = await em.findOneBy(Shift, { id: shiftId });
      if (!shift || (shift.status === 'DRAFT' && !PLANNERS.includes(user.role))) throw AppError.notFound('Shift');
      const dto = await this.toDto(em, shift);
      const live = await em.find(Assignment, { where: { shiftId }, order: { createdAt: 'ASC' } });
      const visible = await this.visiblePatients(em, user, live.map((a) => a.patientId));
      const shown = live.filter((a) => visible.has(a.patientId));
      return {
        ...dto,
        assignments: shown.map((a) => toAssignmentDto(a, visible.get(a.patientId))),
        otherBookings: live.filter((a) => !visible.has(a.patientId) && a.status !== 'CANCELLED').length,
      };
    });
    await this.audit.recordPatientReads('shift.read', [...new Set(result.assignments.map((a) => a.patientId))], 'shift');
    return result;
  }

  /** Generates shifts from a weekly pattern for N weeks, skipping closure days. */
  async createPattern(user: AuthUser, dto: CreatePatternDto): Promise<PatternResultDto> {
    if (dto.endTime <= dto.startTime) throw AppError.validation('The end time must be after the start time', [{ field: 'endTime', message: 'Must be after the start time' }]);
    return this.uow.run(async (em) => {
      const role = await this.manageableRole(em, user, dto.workRoleId);
      await this.checkStaff(em, dto.supervisorUserId, []);
      const enterprise = await em.findOneByOrFail(Enterprise, { id: role.enterpriseId });
      const pattern = em.create(ShiftPattern, { id: newId(), workRoleId: role.id, weekdays: [...dto.weekdays].sort(), startTime: dto.startTime, endTime: dto.endTime, capacity: dto.capacity, supervisorUserId: dto.supervisorUserId ?? null, fromOn: dto.fromOn, weeks: dto.weeks, createdByUserId: user.id, createdAt: new Date() });
      await em.insert(ShiftPattern, pattern);
      const lastOn = addDays(dto.fromOn, dto.weeks * 7 - 1);
      const closures = await em
        .createQueryBuilder(ClosureDay, 'c')
        .where('c.siteId = :siteId AND c.date >= :from AND c.date <= :to', { siteId: enterprise.siteId, from: dto.fromOn, to: lastOn })
        .andWhere('(c.enterpriseId IS NULL OR c.enterpriseId = :enterpriseId)', { enterpriseId: enterprise.id })
        .getMany();
      const closed = new Map(closures.map((c) => [c.date, c.reason]));
      const shiftIds: string[] = [];
      const skipped: { date: string; reason: string }[] = [];
      for (let date = dto.fromOn; date <= lastOn; date = addDays(date, 1)) {
        if (!dto.weekdays.includes(isoWeekday(date))) continue;
        if (closed.has(date)) {
          skipped.push({ date, reason: closed.get(date)! });
          continue;
        }
        // Wall-clock London times: across a clock change the instants move, the times people see do not.
        const startAt = londonInstant(date, dto.startTime)!;
        const endAt = londonInstant(date, dto.endTime)!;
        const shift = await this.insertShift(em, user, role, { startAt, endAt, capacity: dto.capacity, supervisorUserId: dto.supervisorUserId ?? null, escortUserIds: [], locationNote: null, publish: !!dto.publish, patternId: pattern.id });
        shiftIds.push(shift.id);
      }
      await this.audit.record({ action: 'shift-pattern.create', entityType: 'shift_pattern', entityId: pattern.id, detail: { shifts: shiftIds.length, skipped: skipped.length } });
      return { patternId: pattern.id, shiftIds, skipped };
    });
  }

  async patternShiftIds(patternId: string): Promise<string[]> {
    return this.uow.read(async (em) => {
      const rows = await em.find(Shift, { where: { patternId }, order: { startAt: 'ASC' } });
      if (!rows.length) throw AppError.notFound('Shift pattern');
      return rows.filter((s) => s.status !== 'CANCELLED' && s.startAt > new Date()).map((s) => s.id);
    });
  }

  async addClosureDay(user: AuthUser, dto: CreateClosureDayDto): Promise<ClosureDayDto> {
    return this.uow.run(async (em) => {
      let siteId = dto.siteId;
      if (dto.enterpriseId) {
        const e = await this.enterpriseAccess.findManageable(em, user, dto.enterpriseId);
        siteId = e.siteId;
      } else if (user.role !== 'ADMIN') {
        throw AppError.forbidden('Only an admin can close the whole site');
      }
      if (!siteId) throw AppError.validation('Give an enterprise or a site', [{ field: 'siteId', message: 'Give an enterprise or a site' }]);
      const row = em.create(ClosureDay, { id: newId(), siteId, enterpriseId: dto.enterpriseId ?? null, date: dto.date, reason: dto.reason, createdByUserId: user.id, createdAt: new Date() });
      await em.insert(ClosureDay, row);
      await this.audit.record({ action: 'closure-day.create', entityType: 'closure_day', entityId: row.id, detail: { date: row.date } });
      return { id: row.id, siteId: row.siteId, enterpriseId: row.enterpriseId, date: row.date, reason: row.reason };
    });
  }

  // ---- helpers ----

  private async insertShift(em: EntityManager, user: AuthUser, role: WorkRole, s: { startAt: Date; endAt: Date; capacity: number; supervisorUserId: string | null; escortUserIds: string[]; locationNote: string | null; publish: boolean; patternId: string | null }): Promise<Shift> {
    const now = new Date();
    const shift = em.create(Shift, {
      id: newId(),
      workRoleId: role.id,
      enterpriseId: role.enterpriseId,
      startAt: s.startAt,
      endAt: s.endAt,
      capacity: s.capacity,
      supervisorUserId: s.supervisorUserId,
      escortUserIds: s.escortUserIds,
      locationNote: s.locationNote,
      status: s.publish ? 'PUBLISHED' : 'DRAFT',
      cancelReason: null,
      patternId: s.patternId,
      createdByUserId: user.id,
      createdAt: now,
      updatedAt: now,
      publishedAt: s.publish ? now : null,
    });
    await em.insert(Shift, shift);
    return shift;
  }

  private async manageableRole(em: EntityManager, user: AuthUser, workRoleId: string): Promise<WorkRole> {
    const role = await em.findOneBy(WorkRole, { id: workRoleId });
    if (!role) throw AppError.validation('No such work role', [{ field: 'workRoleId', message: 'No such work role' }]);
    if (!role.active) throw AppError.validation('This work role is not active', [{ field: 'workRoleId', message: 'This work role is not active' }]);
    if (user.role === 'ENTERPRISE_LEAD') await this.enterpriseAccess.findManageable(em, user, role.enterpriseId);
    return role;
  }

  private async manageableShift(em: EntityManager, user: AuthUser, shiftId: string): Promise<Shift> {
    const shift = await em.findOne(Shift, { where: { id: shiftId }, lock: this.uow.lockMode() });
    if (!shift) throw AppError.notFound('Shift');
    if (user.role === 'ENTERPRISE_LEAD') await this.enterpriseAccess.findManageable(em, user, shift.enterpriseId);
    return shift;
  }

  private async checkStaff(em: EntityManager, supervisorUserId?: string, escortUserIds: string[] = []): Promise<void> {
    const ids = [...new Set([...(supervisorUserId ? [supervisorUserId] : []), ...escortUserIds])];
    if (!ids.length) return;
    const staff = await em.find(User, { where: { id: In(ids), active: true } });
    const ok = new Set(staff.filter((u) => STAFF_ROLES.includes(u.role)).map((u) => u.id));
    if (supervisorUserId && !ok.has(supervisorUserId)) throw AppError.validation('The supervisor must be an active staff member', [{ field: 'supervisorUserId', message: 'Choose an active staff member' }]);
    if (escortUserIds.some((id) => !ok.has(id))) throw AppError.validation('Escorts must be active staff members', [{ field: 'escortUserIds', message: 'Choose active staff members' }]);
  }

  private async visiblePatients(em: EntityManager, user: AuthUser, patientIds: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(patientIds)];
    if (!ids.length) return new Map();
    const qb = em.createQueryBuilder(Patient, 'p').where('p.id IN (:...ids)', { ids });
    this.patientAccess.applyScope(qb, user, 'p');
    return new Map((await qb.getMany()).map((p) => [p.id, p.displayName]));
  }

  async toDto(em: EntityManager, shift: Shift): Promise<ShiftDto> {
    return (await this.toDtos(em, [shift]))[0];
  }

  private async toDtos(em: EntityManager, shifts: Shift[]): Promise<ShiftDto[]> {
    if (!shifts.length) return [];
    const roles = new Map((await em.find(WorkRole, { where: { id: In([...new Set(shifts.map((s) => s.workRoleId))]) } })).map((r) => [r.id, r]));
    const enterprises = new Map((await em.find(Enterprise, { where: { id: In([...new Set(shifts.map((s) => s.enterpriseId))]) } })).map((e) => [e.id, e]));
    const live = await this.repo.findLiveAssignmentsForShifts(em, shifts.map((s) => s.id));
    const counts = new Map<string, number>();
    for (const a of live) counts.set(a.shiftId, (counts.get(a.shiftId) ?? 0) + 1);
    return shifts.map((s) => {
      const booked = counts.get(s.id) ?? 0;
      return {
        id: s.id,
        workRoleId: s.workRoleId,
        roleTitle: roles.get(s.workRoleId)?.title ?? '',
        enterpriseId: s.enterpriseId,
        enterpriseName: enterprises.get(s.enterpriseId)?.name ?? '',
        startAt: s.startAt.toISOString(),
        endAt: s.endAt.toISOString(),
        capacity: s.capacity,
        booked,
        freePlaces: Math.max(0, s.capacity - booked),
        supervisorUserId: s.supervisorUserId,
        escortUserIds: s.escortUserIds,
        locationNote: s.locationNote,
        status: s.status,
        cancelReason: s.cancelReason,
        patternId: s.patternId,
      };
    });
  }
}

function validateTimes(startAt: Date, endAt: Date): void {
  if (endAt <= startAt) throw AppError.validation('The shift must end after it starts', [{ field: 'endAt', message: 'Must be after startAt' }]);
  if (endAt.getTime() - startAt.getTime() > MAX_SHIFT_MINUTES * 60_000) {
    throw AppError.validation(`A shift is at most ${MAX_SHIFT_MINUTES / 60} hours`, [{ field: 'endAt', message: `At most ${MAX_SHIFT_MINUTES / 60} hours after startAt` }]);
  }
}

