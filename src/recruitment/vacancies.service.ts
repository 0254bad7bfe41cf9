import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { Page } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { EnterpriseAccess } from '../enterprises/enterprise-access';
import type { CreateVacancyDto, RoleOption, VacancyDto } from './dto/vacancies.dto';
import { RecruitmentAccess } from './recruitment-access';
import { vacancyFieldErrors, type VacancyState } from './recruitment-rules';
import { RecruitmentErrors } from './recruitment.errors';
import { toVacancyDto } from './recruitment.mappers';
import { RecruitmentRepository } from './recruitment.repository';
import { Vacancy } from './vacancy.entity';

export interface VacancyListQuery {
  limit: number;
  offset: number;
  status?: VacancyState;
  enterpriseId?: string;
  workRoleId?: string;
}

/**
 * Vacancies: created and closed by an admin or the lead of the role's enterprise; seen by
 * staff (with applicant counts in their scope) and by patients (open ones only).
 */
@Injectable()
export class VacanciesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: RecruitmentRepository,
    private readonly access: RecruitmentAccess,
    private readonly enterprises: EnterpriseAccess,
    private readonly audit: AuditService,
  ) {}

  list(user: AuthUser, q: VacancyListQuery): Promise<Page<VacancyDto>> {
    return this.uow.read(async (em) => {
      const today = londonDate();
      if (user.role === 'PATIENT' && q.status && q.status !== 'OPEN') return { items: [], total: 0, limit: q.limit, offset: q.offset };
      const state = user.role === 'PATIENT' ? 'OPEN' : q.status;
      const [rows, total] = await this.repo.findVacancyPage(em, { ...q, state, today });
      return { items: await this.decorate(em, user, rows, today), total, limit: q.limit, offset: q.offset };
    });
  }

  /** A patient sees an open vacancy, or one they applied to; staff see all. */
  get(user: AuthUser, id: string): Promise<VacancyDto> {
    return this.uow.read(async (em) => {
      const today = londonDate();
      const v = await this.repo.findVacancy(em, id);
      if (!v) throw AppError.notFound('Vacancy');
      const [dto] = await this.decorate(em, user, [v], today);
      if (user.role === 'PATIENT' && dto.status !== 'OPEN' && !dto.myApplicationId) throw AppError.notFound('Vacancy');
      return dto;
    });
  }

  create(user: AuthUser, dto: CreateVacancyDto): Promise<VacancyDto> {
    return this.uow.run(async (em) => {
      const role = await this.repo.findWorkRole(em, dto.workRoleId);
      if (!role) throw RecruitmentErrors.field('workRoleId', 'No such work role');
      await this.enterprises.findManageable(em, user, role.enterpriseId);
      if (!role.active) throw RecruitmentErrors.roleInactive();
      const errors = vacancyFieldErrors(dto, role.positions);
      if (errors.length) throw AppError.validation(errors.map((e) => e.message).join('; '), errors);
      const now = new Date();
      const id = newId();
      await em.insert(Vacancy, {
        id,
        workRoleId: role.id,
        description: dto.description?.trim() || null,
        opensOn: dto.opensOn,
        closesOn: dto.closesOn,
        positions: dto.positions,
        status: 'OPEN',
        createdByUserId: user.id,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit.record({ action: 'vacancy.create', entityType: 'vacancy', entityId: id, detail: { workRoleId: role.id, positions: dto.positions } });
      return this.getIn(em, user, id);
    });
  }

  close(user: AuthUser, id: string): Promise<VacancyDto> {
    return this.uow.run(async (em) => {
      const v = await this.repo.findVacancy(em, id);
      if (!v) throw AppError.notFound('Vacancy');
      await this.enterprises.findManageable(em, user, v.workRole!.enterpriseId);
      const locked = await this.repo.lockVacancy(em, id);
      if (!locked || locked.status === 'CLOSED') throw RecruitmentErrors.vacancyClosed();
      await em.update(Vacancy, { id }, { status: 'CLOSED', updatedAt: new Date() });
      await this.audit.record({ action: 'vacancy.close', entityType: 'vacancy', entityId: id });
      return this.getIn(em, user, id);
    });
  }

  /** Active work roles the user may open a vacancy for (admin: all; lead: their enterprises'). */
  rolesForNewVacancy(user: AuthUser): Promise<RoleOption[]> {
    return this.uow.read(async (em) => {
      if (user.role !== 'ADMIN' && user.role !== 'ENTERPRISE_LEAD') return [];
      const roles = await this.repo.findActiveRolesFor(em, user.role === 'ADMIN' ? null : user.id);
      return roles.map((r) => ({ id: r.id, title: r.title, enterpriseName: r.enterprise!.name, positions: r.positions }));
    });
  }

  /** Whether the user may close this vacancy (for showing the button). */
  canManage(user: AuthUser, enterpriseId: string): Promise<boolean> {
    if (user.role === 'ADMIN') return Promise.resolve(true);
    return this.uow.read((em) => this.enterprises.leadsEnterprise(em, user, enterpriseId));
  }

  private async getIn(em: EntityManager, user: AuthUser, id: string): Promise<VacancyDto> {
    const v = await this.repo.findVacancy(em, id);
    if (!v) throw AppError.notFound('Vacancy');
    return (await this.decorate(em, user, [v], londonDate()))[0];
  }

  private async decorate(em: EntityManager, user: AuthUser, rows: Vacancy[], today: string): Promise<VacancyDto[]> {
    const items = rows.map((v) => toVacancyDto(v, today));
    if (user.role === 'PATIENT') {
      const mine = user.patientId ? await this.repo.findApplicationIdsOfPatient(em, user.patientId, rows.map((v) => v.id)) : new Map<string, string>();
      return items.map((d) => ({ ...d, myApplicationId: mine.get(d.id) ?? null }));
    }
    const counts = await this.repo.countApplicantsByVacancy(em, rows.map((v) => v.id), this.access.scopeFor(user));
    const filled = await this.repo.countActivePlacementsByRole(em, [...new Set(rows.map((v) => v.workRoleId))]);
    return items.map((d, i) => ({
      ...d,
      applicantsCount: counts.get(d.id) ?? 0,
      rolePositions: rows[i].workRole!.positions,
      roleActivePlacements: filled.get(d.workRoleId) ?? 0,
    }));
  }
}
