import { Injectable } from '@nestjs/common';
import { Brackets, type EntityManager } from 'typeorm';
import { ServiceBooking } from '../bookings/service-booking.entity';
import { instantParam, toInt } from '../database/columns';
import { Enterprise } from '../enterprises/enterprise.entity';
import { JournalLine } from '../ledger/journal-line.entity';
import { LedgerAccount } from '../ledger/account.entity';
import type { LockMode } from '../ledger/ledger.repository';
import { lastDayOfMonth } from '../ledger/ledger-rules';
import { User } from '../users/user.entity';
import { CostCentre } from './cost-centre.entity';
import { OrderEvent } from './order-event.entity';
import { OrderLine } from './order-line.entity';
import { Order } from './order.entity';
import type { OrderStatus } from './orders.types';

export interface OrderFilter {
  /** null: no scope (admin). */
  scope: { enterpriseIds: string[]; costCentreIds: string[] } | null;
  enterpriseId?: string;
  costCentreId?: string;
  status?: OrderStatus;
  statuses?: OrderStatus[];
  fromAt?: Date;
  toAt?: Date;
  requestedByUserId?: string;
  limit?: number;
}

@Injectable()
export class OrdersRepository {
  findCostCentreByCode(em: EntityManager, code: string): Promise<CostCentre | null> {
    return em.findOne(CostCentre, { where: { code } });
  }

  findOrder(em: EntityManager, id: string, lock?: LockMode): Promise<Order | null> {
    return em.findOne(Order, { where: { id }, lock });
  }

  findLinesOf(em: EntityManager, orderIds: string[]): Promise<OrderLine[]> {
    if (!orderIds.length) return Promise.resolve([]);
    return em.createQueryBuilder(OrderLine, 'l').where('l.orderId IN (:...orderIds)', { orderIds }).orderBy('l.orderId').addOrderBy('l.lineNo').getMany();
  }

  findEventsOf(em: EntityManager, orderIds: string[]): Promise<(OrderEvent & { byName: string })[]> {
    if (!orderIds.length) return Promise.resolve([]);
    return em
      .createQueryBuilder(OrderEvent, 'e')
      .leftJoin(User, 'u', 'u.id = e.byUserId')
      .addSelect('u.displayName', 'byName')
      .where('e.orderId IN (:...orderIds)', { orderIds })
      .orderBy('e.at')
      .getRawAndEntities()
      .then(({ entities, raw }) => entities.map((e, i) => Object.assign(e, { byName: (raw[i] as { byName?: string }).byName ?? '' })));
  }

  /** Orders in a scope and filter, by needed-by time. */
  findOrders(em: EntityManager, f: OrderFilter): Promise<Order[]> {
    const q = em.createQueryBuilder(Order, 'o');
    if (f.scope) {
      const { enterpriseIds, costCentreIds } = f.scope;
      if (!enterpriseIds.length && !costCentreIds.length) return Promise.resolve([]);
      q.andWhere(
        new Brackets((b) => {
          if (enterpriseIds.length) b.orWhere('o.enterpriseId IN (:...enterpriseIds)', { enterpriseIds });
          if (costCentreIds.length) b.orWhere('o.costCentreId IN (:...costCentreIds)', { costCentreIds });
        }),
      );
    }
    if (f.enterpriseId) q.andWhere('o.enterpriseId = :enterpriseId', { enterpriseId: f.enterpriseId });
    if (f.costCentreId) q.andWhere('o.costCentreId = :costCentreId', { costCentreId: f.costCentreId });
    if (f.status) q.andWhere('o.status = :status', { status: f.status });
    if (f.statuses?.length) q.andWhere('o.status IN (:...statuses)', { statuses: f.statuses });
    if (f.fromAt) q.andWhere('o.neededByAt >= :fromAt', { fromAt: instantParam(f.fromAt) });
    if (f.toAt) q.andWhere('o.neededByAt < :toAt', { toAt: instantParam(f.toAt) });
    if (f.requestedByUserId) q.andWhere('o.requestedByUserId = :requestedByUserId', { requestedByUserId: f.requestedByUserId });
    return q.orderBy('o.neededByAt', 'ASC').addOrderBy('o.reference', 'ASC').limit(f.limit ?? 500).getMany();
  }

  /** Delivered orders of a cost centre recharged in a month (YYYY-MM), optionally of some enterprises only. */
  findRecharged(em: EntityManager, costCentreId: string, month: string, enterpriseIds: string[] | null): Promise<Order[]> {
    const q = em
      .createQueryBuilder(Order, 'o')
      .where('o.costCentreId = :costCentreId', { costCentreId })
      .andWhere('o.status = :status', { status: 'DELIVERED' })
      .andWhere('o.rechargedOn >= :from AND o.rechargedOn <= :to', { from: `${month}-01`, to: lastDayOfMonth(month) });
    if (enterpriseIds) {
      if (!enterpriseIds.length) return Promise.resolve([]);
      q.andWhere('o.enterpriseId IN (:...enterpriseIds)', { enterpriseIds });
    }
    return q.orderBy('o.rechargedOn').addOrderBy('o.reference').getMany();
  }

  /** Service bookings of a cost centre recharged in a month, optionally of some enterprises only. */
  findRechargedBookings(em: EntityManager, costCentreId: string, month: string, enterpriseIds: string[] | null): Promise<ServiceBooking[]> {
    const q = em
      .createQueryBuilder(ServiceBooking, 'b')
      .where('b.costCentreId = :costCentreId', { costCentreId })
      .andWhere('b.journalEntryId IS NOT NULL')
      .andWhere('b.rechargedOn >= :from AND b.rechargedOn <= :to', { from: `${month}-01`, to: lastDayOfMonth(month) });
    if (enterpriseIds) {
      if (!enterpriseIds.length) return Promise.resolve([]);
      q.andWhere('b.enterpriseId IN (:...enterpriseIds)', { enterpriseIds });
    }
    return q.orderBy('b.rechargedOn').getMany();
  }

  /** Debits on a receivable account made by the given journal entries. */
  async debitsOn(em: EntityManager, entryIds: string[], accountCode: string): Promise<number> {
    if (!entryIds.length) return 0;
    const row = await em
      .createQueryBuilder(JournalLine, 'l')
      .innerJoin(LedgerAccount, 'a', 'a.id = l.accountId')
      .select('COALESCE(SUM(l.debitPence), 0)', 'total')
      .where('l.entryId IN (:...entryIds)', { entryIds })
      .andWhere('a.code = :accountCode', { accountCode })
      .getRawOne<{ total: unknown }>();
    return toInt(row?.total);
  }

  enterpriseNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return Promise.resolve(new Map());
    return em
      .createQueryBuilder(Enterprise, 'e')
      .where('e.id IN (:...ids)', { ids })
      .getMany()
      .then((rows) => new Map(rows.map((e) => [e.id, e.name])));
  }

  costCentresByIds(em: EntityManager, ids: string[]): Promise<Map<string, CostCentre>> {
    if (!ids.length) return Promise.resolve(new Map());
    return em
      .createQueryBuilder(CostCentre, 'c')
      .where('c.id IN (:...ids)', { ids })
      .getMany()
      .then((rows) => new Map(rows.map((c) => [c.id, c])));
  }
}
