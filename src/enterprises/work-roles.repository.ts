import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { toInt } from '../database/columns';
import { Placement } from '../recruitment/placement.entity';
import { WorkRole } from './work-role.entity';

export interface WorkRolePageQuery {
  limit: number;
  offset: number;
  enterpriseId?: string;
  active?: boolean;
}

@Injectable()
export class WorkRolesRepository {
  findById(em: EntityManager, id: string): Promise<WorkRole | null> {
    return em.findOne(WorkRole, { where: { id } });
  }

  /**
   * The role with its row locked until the transaction ends (PostgreSQL), so that a change
   * of positions and a new placement in the role cannot pass each other's checks.
   */
  findByIdForUpdate(em: EntityManager, id: string, lock: { mode: 'pessimistic_write' } | undefined): Promise<WorkRole | null> {
    return em.findOne(WorkRole, { where: { id }, lock });
  }

  findPage(em: EntityManager, q: WorkRolePageQuery): Promise<[WorkRole[], number]> {
    const qb = em.createQueryBuilder(WorkRole, 'r').orderBy('r.title', 'ASC').addOrderBy('r.id', 'ASC').take(q.limit).skip(q.offset);
    if (q.enterpriseId) qb.andWhere('r.enterpriseId = :enterpriseId', { enterpriseId: q.enterpriseId });
    if (q.active !== undefined) qb.andWhere('r.active = :active', { active: q.active });
    return qb.getManyAndCount();
  }

  findByEnterprise(em: EntityManager, enterpriseId: string): Promise<WorkRole[]> {
    return em.find(WorkRole, { where: { enterpriseId }, order: { active: 'DESC', title: 'ASC' } });
  }

  /** Placements with status ACTIVE, per role (0 for roles with none). */
  async countActivePlacements(em: EntityManager, roleIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(roleIds.map((id) => [id, 0]));
    if (!roleIds.length) return counts;
    const rows = await em
      .createQueryBuilder(Placement, 'p')
      .select('p.workRoleId', 'workRoleId')
      .addSelect('COUNT(*)', 'n')
      .where({ workRoleId: In(roleIds), status: 'ACTIVE' })
      .groupBy('p.workRoleId')
      .getRawMany<{ workRoleId: string; n: unknown }>();
    for (const r of rows) counts.set(r.workRoleId, toInt(r.n));
    return counts;
  }
}
