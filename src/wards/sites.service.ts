import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import type { Page } from '../common/paging';
import type { AuthUser } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { Site } from './site.entity';
import type { SiteDto, UpdateSiteDto } from './sites.dto';

export function toSiteDto(s: Site): SiteDto {
  return {
    id: s.id,
    name: s.name,
    defaultWeeklyEarningsCapPence: s.defaultWeeklyEarningsCapPence,
    defaultWeeklyHoursCapMinutes: s.defaultWeeklyHoursCapMinutes,
    createdAt: s.createdAt.toISOString(),
  };
}

/** Site settings: the default benefits limits for permitted work, which a patient's own limits override. */
@Injectable()
export class SitesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  list(q: { limit: number; offset: number }): Promise<Page<SiteDto>> {
    return this.uow.read(async (em) => {
      const [rows, total] = await em.findAndCount(Site, { order: { name: 'ASC', id: 'ASC' }, take: q.limit, skip: q.offset });
      return { items: rows.map(toSiteDto), total, limit: q.limit, offset: q.offset };
    });
  }

  get(id: string): Promise<SiteDto> {
    return this.uow.read(async (em) => {
      const site = await em.findOne(Site, { where: { id } });
      if (!site) throw AppError.notFound('Site');
      return toSiteDto(site);
    });
  }

  update(user: AuthUser, id: string, dto: UpdateSiteDto): Promise<SiteDto> {
    if (user.role !== 'ADMIN') throw AppError.forbidden('Only an admin can change site settings');
    return this.uow.run(async (em) => {
      const site = await em.findOne(Site, { where: { id } });
      if (!site) throw AppError.notFound('Site');
      const changes: Record<string, { from: number | null; to: number | null }> = {};
      for (const key of ['defaultWeeklyEarningsCapPence', 'defaultWeeklyHoursCapMinutes'] as const) {
        const value = dto[key];
        if (value === undefined || value === site[key]) continue;
        changes[key] = { from: site[key], to: value };
        site[key] = value;
      }
      if (Object.keys(changes).length) {
        await em.save(site);
        await this.audit.record({ action: 'site.update', entityType: 'site', entityId: id, detail: changes });
      }
      return toSiteDto(site);
    });
  }
}
