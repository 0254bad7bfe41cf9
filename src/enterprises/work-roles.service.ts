import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import type { Page } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import type { CreateWorkRoleDto, UpdateWorkRoleDto, WorkRoleDto } from './dto/work-roles.dto';
import { EnterpriseAccess } from './enterprise-access';
import type { PrerequisiteSkill } from './enterprise.types';
import { positionsAllowed } from './enterprise-rules';
import { EnterpriseErrors } from './enterprises.errors';
import { EnterprisesRepository } from './enterprises.repository';
import { WorkRole } from './work-role.entity';
import { WorkRolesRepository } from './work-roles.repository';

export function toWorkRoleDto(r: WorkRole, activePlacements: number): WorkRoleDto {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    title: r.title,
    duties: r.duties,
    hourlyRatePence: r.hourlyRatePence,
    activities: [...r.activities],
    prerequisiteSkills: r.prerequisiteSkills.map((s) => ({ skillCode: s.skillCode, level: s.level })),
    positions: r.positions,
    patientsPerSupervisor: r.patientsPerSupervisor,
    active: r.active,
    activePlacements,
  };
}

/** A field's value as text for "did it change": skills compared by code and level only. */
function comparable(key: keyof UpdateWorkRoleDto, value: unknown): string {
  if (key === 'prerequisiteSkills') return JSON.stringify((value as PrerequisiteSkill[]).map((s) => [s.skillCode, s.level]));
  return JSON.stringify(value);
}

const EDITABLE: (keyof UpdateWorkRoleDto)[] = ['title', 'duties', 'hourlyRatePence', 'activities', 'prerequisiteSkills', 'positions', 'patientsPerSupervisor', 'active'];

/** Work roles: the paid jobs of an enterprise, kept by its leads and admins. Deactivated, never deleted. */
@Injectable()
export class WorkRolesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly roles: WorkRolesRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly access: EnterpriseAccess,
    private readonly audit: AuditService,
  ) {}

  list(q: { limit: number; offset: number; enterpriseId?: string; active?: boolean }): Promise<Page<WorkRoleDto>> {
    return this.uow.read(async (em) => {
      if (q.enterpriseId && !(await this.enterprises.findById(em, q.enterpriseId))) throw AppError.notFound('Enterprise');
      const [rows, total] = await this.roles.findPage(em, q);
      const filled = await this.roles.countActivePlacements(em, rows.map((r) => r.id));
      return { items: rows.map((r) => toWorkRoleDto(r, filled.get(r.id) ?? 0)), total, limit: q.limit, offset: q.offset };
    });
  }

  get(id: string): Promise<WorkRoleDto> {
    return this.uow.read(async (em) => {
      const role = await this.roles.findById(em, id);
      if (!role) throw AppError.notFound('Work role');
      return toWorkRoleDto(role, (await this.roles.countActivePlacements(em, [id])).get(id) ?? 0);
    });
  }

  /** The role, for a form that changes it: 404 when missing, 403 unless admin or a lead of its enterprise. */
  findManageable(user: AuthUser, id: string): Promise<WorkRoleDto> {
    return this.uow.read(async (em) => {
      const role = await this.roles.findById(em, id);
      if (!role) throw AppError.notFound('Work role');
      await this.access.findManageable(em, user, role.enterpriseId);
      return toWorkRoleDto(role, (await this.roles.countActivePlacements(em, [id])).get(id) ?? 0);
    });
  }

  create(user: AuthUser, dto: CreateWorkRoleDto): Promise<WorkRoleDto> {
    return this.uow.run(async (em) => {
      await this.access.findManageable(em, user, dto.enterpriseId);
      const now = new Date();
      const role = em.create(WorkRole, {
        id: newId(),
        enterpriseId: dto.enterpriseId,
        title: dto.title,
        duties: dto.duties,
        hourlyRatePence: dto.hourlyRatePence,
        activities: [...dto.activities],
        prerequisiteSkills: (dto.prerequisiteSkills ?? []).map((s) => ({ skillCode: s.skillCode, level: s.level })),
        positions: dto.positions,
        patientsPerSupervisor: dto.patientsPerSupervisor,
        active: dto.active ?? true,
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(WorkRole, role);
      await this.audit.record({
        action: 'work-role.create',
        entityType: 'work-role',
        entityId: role.id,
        detail: { enterpriseId: role.enterpriseId, hourlyRatePence: role.hourlyRatePence, positions: role.positions },
      });
      return toWorkRoleDto(role, 0);
    });
  }

  update(user: AuthUser, id: string, dto: UpdateWorkRoleDto): Promise<WorkRoleDto> {
    return this.uow.run(async (em) => {
      const role = await this.roles.findByIdForUpdate(em, id, this.uow.lockMode());
      if (!role) throw AppError.notFound('Work role');
      await this.access.findManageable(em, user, role.enterpriseId);
      const activePlacements = (await this.roles.countActivePlacements(em, [id])).get(id) ?? 0;
      if (dto.positions !== undefined && !positionsAllowed(dto.positions, activePlacements)) throw EnterpriseErrors.positionsInUse(dto.positions, activePlacements);

      const changed = EDITABLE.filter((k) => dto[k] !== undefined && comparable(k, dto[k]) !== comparable(k, role[k]));
      if (changed.length) {
        if (dto.title !== undefined) role.title = dto.title;
        if (dto.duties !== undefined) role.duties = dto.duties;
        if (dto.hourlyRatePence !== undefined) role.hourlyRatePence = dto.hourlyRatePence;
        if (dto.activities !== undefined) role.activities = [...dto.activities];
        if (dto.prerequisiteSkills !== undefined) role.prerequisiteSkills = dto.prerequisiteSkills.map((s) => ({ skillCode: s.skillCode, level: s.level }));
        if (dto.positions !== undefined) role.positions = dto.positions;
        if (dto.patientsPerSupervisor !== undefined) role.patientsPerSupervisor = dto.patientsPerSupervisor;
        if (dto.active !== undefined) role.active = dto.active;
        role.updatedAt = new Date();
        await em.save(role);
        await this.audit.record({
          action: 'work-role.update',
          entityType: 'work-role',
          entityId: id,
          detail: {
            enterpriseId: role.enterpriseId,
            fields: changed,
            ...(changed.includes('hourlyRatePence') ? { hourlyRatePence: role.hourlyRatePence } : {}),
            ...(changed.includes('positions') ? { positions: role.positions } : {}),
            ...(changed.includes('active') ? { active: role.active } : {}),
          },
        });
      }
      return toWorkRoleDto(role, activePlacements);
    });
  }
}
