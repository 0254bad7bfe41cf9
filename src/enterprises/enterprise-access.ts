import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { EnterpriseLead } from './enterprise-lead.entity';
import { Enterprise } from './enterprise.entity';

/**
 * Enterprises are visible to all staff (they are the hospital's businesses, not patient data);
 * only their leads and admins change them.
 */
@Injectable()
export class EnterpriseAccess {
  async leadsEnterprise(em: EntityManager, user: AuthUser, enterpriseId: string): Promise<boolean> {
    if (user.role !== 'ENTERPRISE_LEAD') return false;
    return (await em.count(EnterpriseLead, { where: { enterpriseId, userId: user.id } })) > 0;
  }

  async enterpriseIdsLedBy(em: EntityManager, userId: string): Promise<string[]> {
    return (await em.find(EnterpriseLead, { where: { userId } })).map((l) => l.enterpriseId);
  }

  /** The enterprise, when the caller is an admin or one of its leads; 404 when it does not exist, 403 when not theirs. */
  async findManageable(em: EntityManager, user: AuthUser, enterpriseId: string): Promise<Enterprise> {
    const enterprise = await em.findOne(Enterprise, { where: { id: enterpriseId } });
    if (!enterprise) throw AppError.notFound('Enterprise');
    if (user.role === 'ADMIN') return enterprise;
    if (await this.leadsEnterprise(em, user, enterpriseId)) return enterprise;
    throw AppError.forbidden('Only this enterprise’s leads or an admin can change it');
  }
}
