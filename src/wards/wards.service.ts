import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { Site } from './site.entity';
import { Ward } from './ward.entity';

export interface WardView {
  id: string;
  name: string;
  siteId: string;
  siteName: string;
  securityLevel: string;
  active: boolean;
}

@Injectable()
export class WardsService {
  constructor(private readonly uow: UnitOfWork) {}

  listAll(): Promise<WardView[]> {
    return this.uow.read(async (em) => {
      const rows = await em
        .createQueryBuilder(Ward, 'w')
        .innerJoin(Site, 's', 's.id = w.siteId')
        .select(['w.id AS "id"', 'w.name AS "name"', 'w.siteId AS "siteId"', 's.name AS "siteName"', 'w.securityLevel AS "securityLevel"', 'w.active AS "active"'])
        .orderBy('s.name', 'ASC')
        .addOrderBy('w.name', 'ASC')
        .getRawMany<WardView>();
      return rows.map((r) => ({ ...r, active: !!r.active && r.active !== ('0' as unknown) }));
    });
  }
}
