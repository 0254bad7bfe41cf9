import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import type { Page } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { Site } from '../wards/site.entity';
import { Ward } from '../wards/ward.entity';
import type { CreateEnterpriseDto, EnterpriseDto, UpdateEnterpriseDto } from './dto/enterprises.dto';
import type { WorkRoleDto } from './dto/work-roles.dto';
import { EnterpriseAccess } from './enterprise-access';
import { resolveMinimumLeave } from './enterprise-rules';
import type { EnterpriseStatus } from './enterprise.types';
import { Enterprise } from './enterprise.entity';
import { EnterpriseErrors } from './enterprises.errors';
import { EnterprisesRepository } from './enterprises.repository';
import { WorkRolesRepository } from './work-roles.repository';
import { toWorkRoleDto } from './work-roles.service';

export function toEnterpriseDto(e: Enterprise, leadUserIds: string[]): EnterpriseDto {
  return {
    id: e.id,
    name: e.name,
    kind: e.kind,
    businessNeed: e.businessNeed,
    siteId: e.siteId,
    wardId: e.wardId,
    locationZone: e.locationZone,
    minimumLeave: e.minimumLeave,
    referenceName: e.referenceName,
    openingTimes: e.openingTimes,
    status: e.status,
    leadUserIds: [...leadUserIds].sort(),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** An enterprise with what its page shows: names of its site, ward and leads, its roles. */
export interface EnterpriseDetails {
  enterprise: EnterpriseDto;
  siteName: string;
  wardName: string | null;
  leads: { id: string; displayName: string }[];
  roles: WorkRoleDto[];
  /** Whether the caller may change it (an admin or one of its leads). */
  canManage: boolean;
}

const EDITABLE: (keyof UpdateEnterpriseDto)[] = ['name', 'kind', 'businessNeed', 'wardId', 'locationZone', 'minimumLeave', 'referenceName', 'openingTimes', 'status'];

/**
 * Enterprises: admins create them and choose their leads; leads (and admins) keep them up to
 * date. They are the hospital's businesses, visible to all staff; nothing is ever deleted.
 */
@Injectable()
export class EnterprisesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly enterprises: EnterprisesRepository,
    private readonly roles: WorkRolesRepository,
    private readonly access: EnterpriseAccess,
    private readonly audit: AuditService,
  ) {}

  list(user: AuthUser, q: { limit: number; offset: number; status?: EnterpriseStatus; mine?: boolean }): Promise<Page<EnterpriseDto>> {
    return this.uow.read(async (em) => {
      const [rows, total] = await this.enterprises.findPage(em, { limit: q.limit, offset: q.offset, status: q.status, ledByUserId: q.mine ? user.id : undefined });
      const leads = await this.enterprises.findLeadIds(em, rows.map((e) => e.id));
      return { items: rows.map((e) => toEnterpriseDto(e, leads.get(e.id) ?? [])), total, limit: q.limit, offset: q.offset };
    });
  }

  get(id: string): Promise<EnterpriseDto> {
    return this.uow.read(async (em) => {
      const e = await this.enterprises.findById(em, id);
      if (!e) throw AppError.notFound('Enterprise');
      return toEnterpriseDto(e, (await this.enterprises.findLeadIds(em, [id])).get(id) ?? []);
    });
  }

  details(user: AuthUser, id: string): Promise<EnterpriseDetails> {
    return this.uow.read(async (em) => {
      const e = await this.enterprises.findById(em, id);
      if (!e) throw AppError.notFound('Enterprise');
      const leadIds = (await this.enterprises.findLeadIds(em, [id])).get(id) ?? [];
      const site = await em.findOne(Site, { where: { id: e.siteId } });
      const ward = e.wardId ? await em.findOne(Ward, { where: { id: e.wardId } }) : null;
      const leads = (await this.enterprises.findUsers(em, leadIds)).map((u) => ({ id: u.id, displayName: u.displayName }));
      const roles = await this.roles.findByEnterprise(em, id);
      const filled = await this.roles.countActivePlacements(em, roles.map((r) => r.id));
      return {
        enterprise: toEnterpriseDto(e, leadIds),
        siteName: site?.name ?? '',
        wardName: ward?.name ?? null,
        leads,
        roles: roles.map((r) => toWorkRoleDto(r, filled.get(r.id) ?? 0)),
        canManage: user.role === 'ADMIN' || leadIds.includes(user.id),
      };
    });
  }

  /** The enterprise, for a form that changes it: 404 when missing, 403 unless admin or one of its leads. */
  findManageable(user: AuthUser, id: string): Promise<EnterpriseDto> {
    return this.uow.read(async (em) => {
      const e = await this.access.findManageable(em, user, id);
      return toEnterpriseDto(e, (await this.enterprises.findLeadIds(em, [id])).get(id) ?? []);
    });
  }

  create(user: AuthUser, dto: CreateEnterpriseDto): Promise<EnterpriseDto> {
    if (user.role !== 'ADMIN') throw AppError.forbidden('Only an admin can create an enterprise');
    return this.uow.run(async (em) => {
      if (!(await em.findOne(Site, { where: { id: dto.siteId } }))) throw EnterpriseErrors.unknownSite();
      await this.checkWard(em, dto.siteId, dto.wardId ?? null);
      const minimum = resolveMinimumLeave(dto.locationZone, dto.minimumLeave);
      if (!minimum.ok) throw EnterpriseErrors.minimumLeaveBelowZone(dto.locationZone, minimum.zoneMinimum);
      if (await this.enterprises.nameIsTaken(em, dto.name)) throw EnterpriseErrors.nameTaken();
      const leadUserIds = [...new Set(dto.leadUserIds ?? [])].sort();
      await this.checkLeads(em, leadUserIds);
      const now = new Date();
      const enterprise = em.create(Enterprise, {
        id: newId(),
        siteId: dto.siteId,
        wardId: dto.wardId ?? null,
        name: dto.name,
        kind: dto.kind,
        businessNeed: dto.businessNeed,
        locationZone: dto.locationZone,
        minimumLeave: minimum.level,
        referenceName: dto.referenceName,
        openingTimes: dto.openingTimes ?? null,
        status: dto.status ?? 'ACTIVE',
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(Enterprise, enterprise);
      await this.enterprises.replaceLeads(em, enterprise.id, leadUserIds);
      await this.audit.record({
        action: 'enterprise.create',
        entityType: 'enterprise',
        entityId: enterprise.id,
        detail: { kind: enterprise.kind, locationZone: enterprise.locationZone, minimumLeave: enterprise.minimumLeave, leadUserIds },
      });
      return toEnterpriseDto(enterprise, leadUserIds);
    });
  }

  update(user: AuthUser, id: string, dto: UpdateEnterpriseDto): Promise<EnterpriseDto> {
    return this.uow.run(async (em) => {
      const e = await this.access.findManageable(em, user, id);
      if (dto.wardId !== undefined) await this.checkWard(em, e.siteId, dto.wardId);
      const zone = dto.locationZone ?? e.locationZone;
      const minimum = resolveMinimumLeave(zone, dto.minimumLeave, e.minimumLeave);
      if (!minimum.ok) throw EnterpriseErrors.minimumLeaveBelowZone(zone, minimum.zoneMinimum);
      if (dto.name !== undefined && (await this.enterprises.nameIsTaken(em, dto.name, id))) throw EnterpriseErrors.nameTaken();

      const before = { ...e };
      const next: Partial<Enterprise> = { ...dto, minimumLeave: minimum.level };
      for (const key of EDITABLE) if (next[key] !== undefined) (e as unknown as Record<string, unknown>)[key] = next[key];
      const changed = EDITABLE.filter((k) => e[k] !== before[k]);
      if (changed.length) {
        e.updatedAt = new Date();
        await em.save(e);
        await this.audit.record({
          action: 'enterprise.update',
          entityType: 'enterprise',
          entityId: id,
          detail: { fields: changed, ...(changed.includes('minimumLeave') ? { minimumLeave: e.minimumLeave } : {}), ...(changed.includes('status') ? { status: e.status } : {}) },
        });
      }
      return toEnterpriseDto(e, (await this.enterprises.findLeadIds(em, [id])).get(id) ?? []);
    });
  }

  setLeads(user: AuthUser, id: string, userIds: string[]): Promise<EnterpriseDto> {
    if (user.role !== 'ADMIN') throw AppError.forbidden('Only an admin can choose an enterprise’s leads');
    return this.uow.run(async (em) => {
      const e = await this.enterprises.findById(em, id);
      if (!e) throw AppError.notFound('Enterprise');
      const wanted = [...new Set(userIds)].sort();
      await this.checkLeads(em, wanted);
      const current = (await this.enterprises.findLeadIds(em, [id])).get(id) ?? [];
      const added = wanted.filter((u) => !current.includes(u));
      const removed = current.filter((u) => !wanted.includes(u));
      if (added.length || removed.length) {
        await this.enterprises.replaceLeads(em, id, wanted);
        e.updatedAt = new Date();
        await em.save(e);
        await this.audit.record({ action: 'enterprise.leads', entityType: 'enterprise', entityId: id, detail: { added, removed } });
      }
      return toEnterpriseDto(e, wanted);
    });
  }

  /** Users who may be made leads, for the admin's form. */
  leadCandidates(): Promise<{ id: string; displayName: string; username: string }[]> {
    return this.uow.read(async (em) => (await this.enterprises.findLeadCandidates(em)).map((u) => ({ id: u.id, displayName: u.displayName, username: u.username })));
  }

  private async checkWard(em: EntityManager, siteId: string, wardId: string | null): Promise<void> {
    if (!wardId) return;
    const ward = await em.findOne(Ward, { where: { id: wardId } });
    if (!ward || ward.siteId !== siteId) throw EnterpriseErrors.wardNotOnSite();
  }

  private async checkLeads(em: EntityManager, userIds: string[]): Promise<void> {
    const users = await this.enterprises.findUsers(em, userIds);
    const ok = new Set(users.filter((u) => u.role === 'ENTERPRISE_LEAD' && u.active).map((u) => u.id));
    const refused = userIds.filter((id) => !ok.has(id));
    if (refused.length) throw EnterpriseErrors.notLeads(refused);
  }
}
