import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { toInt } from '../database/columns';
import { ReinvestmentProposal } from './reinvestment-proposal.entity';

export interface ReinvestmentTotals {
  reservedPence: number;
  reinvestedPence: number;
  awaiting: number;
  rolesFunded: number;
  placementsFunded: number;
}

@Injectable()
export class ReinvestmentRepository {
  findProposal(em: EntityManager, id: string): Promise<ReinvestmentProposal | null> {
    return em.findOne(ReinvestmentProposal, { where: { id } });
  }

  findForEnterprise(em: EntityManager, enterpriseId: string): Promise<ReinvestmentProposal[]> {
    return em.find(ReinvestmentProposal, { where: { enterpriseId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** Amounts per enterprise and status by SQL aggregate; funded opportunities counted from the (few) approved and spent proposals. */
  async totalsByEnterprise(em: EntityManager): Promise<Map<string, ReinvestmentTotals>> {
    const out = new Map<string, ReinvestmentTotals>();
    const get = (id: string) => {
      let t = out.get(id);
      if (!t) out.set(id, (t = { reservedPence: 0, reinvestedPence: 0, awaiting: 0, rolesFunded: 0, placementsFunded: 0 }));
      return t;
    };
    const rows = await em
      .createQueryBuilder(ReinvestmentProposal, 'p')
      .select('p.enterpriseId', 'enterpriseId')
      .addSelect('p.status', 'status')
      .addSelect('SUM(p.amountPence)', 'amountPence')
      .addSelect('COUNT(*)', 'n')
      .groupBy('p.enterpriseId')
      .addGroupBy('p.status')
      .getRawMany<Record<string, unknown>>();
    for (const r of rows) {
      const t = get(String(r.enterpriseId));
      if (r.status === 'APPROVED') t.reservedPence += toInt(r.amountPence);
      if (r.status === 'SPENT') t.reinvestedPence += toInt(r.amountPence);
      if (r.status === 'PROPOSED') t.awaiting += toInt(r.n);
    }
    const funded = await em.find(ReinvestmentProposal, { select: { enterpriseId: true, fundedWorkRoleIds: true, fundedPlacementIds: true }, where: { status: In(['APPROVED', 'SPENT']) } });
    for (const p of funded) {
      const t = get(p.enterpriseId);
      t.rolesFunded += p.fundedWorkRoleIds.length;
      t.placementsFunded += p.fundedPlacementIds.length;
    }
    return out;
  }
}
