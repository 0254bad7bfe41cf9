import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { londonDate } from '../common/dates';
import { ENTERPRISE_WORK, type EnterpriseWorkProvider, type WorkItem } from '../rota/enterprise-work';
import { OrdersRepository } from './orders.repository';

/**
 * Open orders as work for the rota and the patient workers' shift view: the lines and the
 * delivery location only -- never the customer, the notes or anything about the customer ward.
 */
@Injectable()
export class OrderWork implements EnterpriseWorkProvider {
  constructor(private readonly repo: OrdersRepository) {}

  async workFor(em: EntityManager, enterpriseIds: string[], fromAt: Date, toAt: Date): Promise<WorkItem[]> {
    const items: WorkItem[] = [];
    for (const enterpriseId of enterpriseIds) {
      const orders = await this.repo.findOrders(em, { scope: null, enterpriseId, statuses: ['REQUESTED', 'ACCEPTED', 'IN_PROGRESS'], fromAt, toAt, limit: 200 });
      const lines = await this.repo.findLinesOf(em, orders.map((o) => o.id));
      for (const o of orders) {
        const neededBy = new Date(o.neededByAt);
        const what = lines.filter((l) => l.orderId === o.id).map((l) => `${l.quantity} × ${l.productName}`).join(', ');
        items.push({ enterpriseId, date: londonDate(neededBy), neededBy, what, where: o.location });
      }
    }
    return items;
  }
}

/** Global so that the rota pages (which cannot import the orders module) see it. */
@Global()
@Module({
  providers: [OrdersRepository, OrderWork, { provide: ENTERPRISE_WORK, useExisting: OrderWork }],
  exports: [ENTERPRISE_WORK],
})
export class OrderWorkModule {}
