import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import type { Page } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { EnterpriseAccess } from '../enterprises/enterprise-access';
import { PatientAccess } from '../patients/patient-access';
import type { CreatePlacementDto, EndPlacementDto, PlacementDto } from './dto/placements.dto';
import { Placement } from './placement.entity';
import { RecruitmentAccess } from './recruitment-access';
import { assertCanEndPlacement, assertPositionFree, automaticEndOn } from './recruitment-rules';
import { isUniqueViolation, RecruitmentErrors } from './recruitment.errors';
import { toPlacementDto } from './recruitment.mappers';
import { RecruitmentRepository } from './recruitment.repository';
import { END_REASON_LABELS, type EndReason, type PlacementStatus } from './recruitment.types';

export interface PlacementListQuery {
  limit: number;
  offset: number;
  patientId?: string;
  workRoleId?: string;
  status?: PlacementStatus;
}

export interface PlaceInput {
  patientId: string;
  workRoleId: string;
  startOn: string;
  applicationId: string | null;
}

/**
 * Placements: a patient in a paid work role. Made by accepting an offer or directly by staff
 * ("place then train"); never more active placements in a role than its positions, never two
 * active placements of one patient in one role.
 */
@Injectable()
export class PlacementsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: RecruitmentRepository,
    private readonly access: RecruitmentAccess,
    private readonly patients: PatientAccess,
    private readonly enterprises: EnterpriseAccess,
    private readonly audit: AuditService,
  ) {}

  list(user: AuthUser, q: PlacementListQuery): Promise<Page<PlacementDto>> {
    return this.uow.run(async (em) => {
      if (q.patientId) await this.patients.findVisible(em, user, q.patientId);
      const [rows, total] = await this.repo.findPlacementPage(em, q, this.access.scopeFor(user));
      await this.audit.recordPatientReads('placement.list', [...new Set(rows.map((r) => r.patientId))]);
      return { items: rows.map((r) => toPlacementDto(r, user)), total, limit: q.limit, offset: q.offset };
    });
  }

  get(user: AuthUser, id: string): Promise<PlacementDto> {
    return this.uow.run(async (em) => {
      const p = await this.findVisible(em, user, id);
      await this.audit.record({ action: 'placement.read', entityType: 'placement', entityId: id, patientId: p.patientId });
      return toPlacementDto(p, user);
    });
  }

  /** Staff place a patient straight into a role. A lead places only into their enterprises' roles. */
  create(user: AuthUser, dto: CreatePlacementDto): Promise<PlacementDto> {
    return this.uow.run(async (em) => {
      this.access.assertMayAct(user, false);
      await this.patients.findVisible(em, user, dto.patientId);
      const role = await this.repo.findWorkRole(em, dto.workRoleId);
      if (!role) throw RecruitmentErrors.field('workRoleId', 'No such work role');
      if (user.role === 'ENTERPRISE_LEAD' && !(await this.enterprises.leadsEnterprise(em, user, role.enterpriseId))) {
        throw AppError.forbidden('Only this enterprise’s leads, an OT, an employment specialist or an admin can place patients in its roles');
      }
      const placement = await this.place(em, user, { ...dto, applicationId: null });
      return toPlacementDto(await this.findVisible(em, user, placement.id), user);
    });
  }

  /**
   * The one way a placement is made, inside the caller's unit of work. Locks the patient (so a
   * concurrent discharge cannot miss it) and the work role (so concurrent placements count
   * each other), then checks and inserts. The unique index backs ALREADY_PLACED.
   */
  async place(em: EntityManager, actor: AuthUser, input: PlaceInput): Promise<Placement> {
    const patient = await this.repo.lockPatient(em, input.patientId);
    if (!patient) throw AppError.notFound('Patient');
    if (patient.status !== 'ACTIVE') throw RecruitmentErrors.patientNotActive();
    const role = await this.repo.lockWorkRole(em, input.workRoleId);
    if (!role) throw AppError.notFound('Work role');
    if (!role.active) throw RecruitmentErrors.roleInactive();
    if (await this.repo.findActivePlacement(em, input.patientId, input.workRoleId)) throw RecruitmentErrors.alreadyPlaced();
    assertPositionFree(await this.repo.countActivePlacementsInRole(em, input.workRoleId), role.positions);
    const now = new Date();
    const placement: Placement = Object.assign(new Placement(), {
      id: newId(),
      patientId: input.patientId,
      workRoleId: input.workRoleId,
      applicationId: input.applicationId,
      startOn: input.startOn,
      endOn: null,
      status: 'ACTIVE',
      activeKey: 'A',
      endReason: null,
      endNote: null,
      createdByUserId: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await em.insert(Placement, placement);
    } catch (err) {
      if (isUniqueViolation(err)) throw RecruitmentErrors.alreadyPlaced();
      throw err;
    }
    await this.audit.record({
      action: 'placement.create',
      entityType: 'placement',
      entityId: placement.id,
      patientId: input.patientId,
      detail: { workRoleId: input.workRoleId, applicationId: input.applicationId },
    });
    return placement;
  }

  end(user: AuthUser, id: string, dto: EndPlacementDto): Promise<PlacementDto> {
    return this.uow.run(async (em) => {
      this.access.assertMayAct(user, false);
      const visible = await this.findVisible(em, user, id);
      const locked = await this.repo.lockPlacement(em, id);
      if (!locked) throw AppError.notFound('Placement');
      assertCanEndPlacement(locked, dto.endOn);
      await this.endOne(em, locked, dto.endReason, dto.endOn, dto.note?.trim() || null);
      await this.audit.record({ action: 'placement.end', entityType: 'placement', entityId: id, patientId: visible.patientId, detail: { endReason: dto.endReason } });
      return toPlacementDto(await this.findVisible(em, user, id), user);
    });
  }

  /**
   * Ends every active placement of a patient, e.g. when they are discharged or transferred
   * (DESIGN.md: a discharged patient's active placements end). Call it inside the unit of
   * work that changes the patient's status (`uow.run`), with that unit of work's manager; it
   * takes no access decision of its own. A placement that had not started yet ends on its
   * start date. Returns the placements it ended.
   */
  async endActivePlacementsFor(em: EntityManager, patientId: string, reason: EndReason, endOn: string): Promise<Placement[]> {
    const active = await this.repo.findActivePlacementsOfPatientForUpdate(em, patientId);
    const ended: Placement[] = [];
    for (const p of active) {
      ended.push(await this.endOne(em, p, reason, automaticEndOn(p.startOn, endOn), `Ended automatically: ${END_REASON_LABELS[reason].toLowerCase()}`));
    }
    if (ended.length) {
      await this.audit.recordMany(
        ended.map((p) => ({ action: 'placement.end', entityType: 'placement', entityId: p.id, patientId, detail: { endReason: reason, automatic: true } })),
      );
    }
    return ended;
  }

  private async endOne(em: EntityManager, p: Placement, reason: EndReason, endOn: string, note: string | null): Promise<Placement> {
    // activeKey takes the placement's own id, releasing the (patient, role, 'A') unique slot.
    const changes = { status: 'ENDED' as const, activeKey: p.id, endOn, endReason: reason, endNote: note, updatedAt: new Date() };
    await em.update(Placement, { id: p.id }, changes);
    return Object.assign(p, changes);
  }

  private async findVisible(em: EntityManager, user: AuthUser, id: string): Promise<Placement> {
    const p = await this.repo.findPlacement(em, id, this.access.scopeFor(user));
    if (!p) throw AppError.notFound('Placement');
    return p;
  }
}
