import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { User } from '../users/user.entity';
import type { EnterpriseStatus } from './enterprise.types';
import { EnterpriseLead } from './enterprise-lead.entity';
import { Enterprise } from './enterprise.entity';

export interface EnterprisePageQuery {
  limit: number;
  offset: number;
  status?: EnterpriseStatus;
  /** Only enterprises this user leads. */
  ledByUserId?: string;
}

@Injectable()
export class EnterprisesRepository {
  findById(em: EntityManager, id: string): Promise<Enterprise | null> {
    return em.findOne(Enterprise, { where: { id } });
  }

  /**
   * Names are unique whatever their case ("Riverside Café" and "RIVERSIDE CAFÉ" clash).
   * Compared here, not in SQL: SQLite's LOWER() folds ASCII letters only. A site has tens of
   * enterprises, not thousands.
   */
  async nameIsTaken(em: EntityManager, name: string, exceptId?: string): Promise<boolean> {
    const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('en-GB');
    const rows = await em.find(Enterprise, { select: { id: true, name: true } });
    return rows.some((e) => e.id !== exceptId && fold(e.name) === fold(name));
  }

  findPage(em: EntityManager, q: EnterprisePageQuery): Promise<[Enterprise[], number]> {
    const qb = em.createQueryBuilder(Enterprise, 'e').orderBy('e.name', 'ASC').addOrderBy('e.id', 'ASC').take(q.limit).skip(q.offset);
    if (q.status) qb.andWhere('e.status = :status', { status: q.status });
    if (q.ledByUserId) {
      qb.andWhere((sub) => {
        const leads = sub.subQuery().select('l.enterpriseId').from(EnterpriseLead, 'l').where('l.userId = :leadUserId').getQuery();
        return `e.id IN ${leads}`;
      }).setParameter('leadUserId', q.ledByUserId);
    }
    return qb.getManyAndCount();
  }

  /** Lead user ids per enterprise, each list sorted. */
  async findLeadIds(em: EntityManager, enterpriseIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>(enterpriseIds.map((id) => [id, []]));
    if (!enterpriseIds.length) return map;
    const rows = await em.find(EnterpriseLead, { where: { enterpriseId: In(enterpriseIds) }, order: { userId: 'ASC' } });
    for (const row of rows) map.get(row.enterpriseId)?.push(row.userId);
    return map;
  }

  /** Replaces the set of leads (the link rows only; users and enterprises are never deleted). */
  async replaceLeads(em: EntityManager, enterpriseId: string, userIds: string[]): Promise<void> {
    await em.delete(EnterpriseLead, { enterpriseId });
    if (userIds.length) await em.insert(EnterpriseLead, userIds.map((userId) => ({ enterpriseId, userId })));
  }

  findUsers(em: EntityManager, ids: string[]): Promise<User[]> {
    if (!ids.length) return Promise.resolve([]);
    return em.find(User, { where: { id: In(ids) }, order: { displayName: 'ASC' } });
  }

  /** Active users with the ENTERPRISE_LEAD role: the people who may be made leads. */
  findLeadCandidates(em: EntityManager): Promise<User[]> {
    return em.find(User, { where: { role: 'ENTERPRISE_LEAD', active: true }, order: { displayName: 'ASC', username: 'ASC' } });
  }
}
