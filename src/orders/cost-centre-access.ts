import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../common/request-context';
import { WARD_SCOPED_ROLES } from '../users/roles';
import { CostCentreUser } from './cost-centre-user.entity';
import { CostCentre } from './cost-centre.entity';

/** Pure rule: ward staff order on their ward's cost centre; admins on any; others when assigned. */
export function mayUseCostCentre(user: Pick<AuthUser, 'role' | 'wardIds'>, cc: Pick<CostCentre, 'wardId'>, assigned: boolean): boolean {
  if (user.role === 'ADMIN') return true;
  if (user.role === 'PATIENT' || user.role === 'COMMISSIONER') return false;
  if (assigned) return true;
  return !!cc.wardId && WARD_SCOPED_ROLES.includes(user.role) && user.wardIds.includes(cc.wardId);
}

@Injectable()
export class CostCentreAccess {
  async mayUse(em: EntityManager, user: AuthUser, cc: CostCentre): Promise<boolean> {
    if (mayUseCostCentre(user, cc, false)) return true;
    if (user.role === 'PATIENT' || user.role === 'COMMISSIONER') return false;
    return em.exists(CostCentreUser, { where: { costCentreId: cc.id, userId: user.id } });
  }

  /** Ids of the cost centres the user may order on (admins: all). */
  async usableIds(em: EntityManager, user: AuthUser): Promise<string[]> {
    if (user.role === 'PATIENT' || user.role === 'COMMISSIONER') return [];
    const all = await em.find(CostCentre, { select: { id: true, wardId: true } });
    const assigned = new Set((await em.find(CostCentreUser, { where: { userId: user.id } })).map((a) => a.costCentreId));
    return all.filter((cc) => mayUseCostCentre(user, cc, assigned.has(cc.id))).map((cc) => cc.id);
  }
}
