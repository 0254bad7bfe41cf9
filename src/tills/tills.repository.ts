import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Product } from '../catalogue/product.entity';
import { CustomerPrice } from '../catalogue/customer-price.entity';
import type { CustomerType } from '../catalogue/catalogue.types';
import { ProductPrice } from '../catalogue/product-price.entity';
import { instantParam, toInt } from '../database/columns';
import type { LockMode } from '../ledger/ledger.repository';
import { Assignment } from '../rota/assignment.entity';
import { LIVE_ASSIGNMENT_STATUSES } from '../rota/rota.types';
import { Shift } from '../rota/shift.entity';
import { WorkRole } from '../enterprises/work-role.entity';
import { TillCashMovement } from './till-cash-movement.entity';
import { TillPayment } from './till-payment.entity';
import { TillSaleLine } from './till-sale-line.entity';
import { TillSale } from './till-sale.entity';
import { TillSession } from './till-session.entity';

export interface ShiftNow {
  shiftId: string;
  activities: string[];
}

/** Queries of tills and stock; each bounded by session, sale, product or patient. */
@Injectable()
export class TillsRepository {
  findSession(em: EntityManager, id: string, lock?: LockMode): Promise<TillSession | null> {
    return em.findOne(TillSession, { where: { id }, lock });
  }

  findOpenSession(em: EntityManager, openKey: string): Promise<TillSession | null> {
    return em.findOne(TillSession, { where: { openKey } });
  }

  findLastClosedSession(em: EntityManager, enterpriseId: string, till: string): Promise<TillSession | null> {
    return em.findOne(TillSession, { where: { enterpriseId, till, status: 'CLOSED' }, order: { closedAt: 'DESC' } });
  }

  findSessionsOf(em: EntityManager, enterpriseId: string, limit = 20): Promise<TillSession[]> {
    return em.find(TillSession, { where: { enterpriseId }, order: { openedAt: 'DESC' }, take: limit });
  }

  findSaleByClientId(em: EntityManager, clientId: string): Promise<TillSale | null> {
    return em.findOne(TillSale, { where: { clientId } });
  }

  findSale(em: EntityManager, id: string, lock?: LockMode): Promise<TillSale | null> {
    return em.findOne(TillSale, { where: { id }, lock });
  }

  findSalesOfSession(em: EntityManager, sessionId: string): Promise<TillSale[]> {
    return em.find(TillSale, { where: { sessionId }, order: { createdAt: 'ASC' } });
  }

  findRefundsOf(em: EntityManager, saleId: string): Promise<TillSale[]> {
    return em.find(TillSale, { where: { refundOfSaleId: saleId } });
  }

  findLines(em: EntityManager, saleIds: string[]): Promise<TillSaleLine[]> {
    if (!saleIds.length) return Promise.resolve([]);
    return em.find(TillSaleLine, { where: { saleId: In(saleIds) }, order: { lineNo: 'ASC' } });
  }

  findPayments(em: EntityManager, saleIds: string[]): Promise<TillPayment[]> {
    if (!saleIds.length) return Promise.resolve([]);
    return em.find(TillPayment, { where: { saleId: In(saleIds) } });
  }

  findCashMovements(em: EntityManager, sessionId: string): Promise<TillCashMovement[]> {
    return em.find(TillCashMovement, { where: { sessionId }, order: { createdAt: 'ASC' } });
  }

  /** The products, locked FOR UPDATE on PostgreSQL in id order (so two tills never deadlock): stock moves under this lock. */
  async lockProducts(em: EntityManager, ids: string[], lock: LockMode): Promise<Product[]> {
    const sorted = [...new Set(ids)].sort();
    const out: Product[] = [];
    for (const id of sorted) {
      const p = await em.findOne(Product, { where: { id }, lock });
      if (p) out.push(p);
    }
    return out;
  }

  /** The price for a customer type on a date: the newest price-list row, else the product's dated price. */
  async priceFor(em: EntityManager, productId: string, customerType: CustomerType, on: string): Promise<number | null> {
    const listed = await em.createQueryBuilder(CustomerPrice, 'cp').where('cp.productId = :productId AND cp.customerType = :customerType AND cp.effectiveOn <= :on', { productId, customerType, on }).orderBy('cp.effectiveOn', 'DESC').getOne();
    if (listed) return listed.pricePence;
    const p = await em.createQueryBuilder(ProductPrice, 'pp').where('pp.productId = :productId AND pp.effectiveOn <= :on', { productId, on }).orderBy('pp.effectiveOn', 'DESC').getOne();
    return p?.pricePence ?? null;
  }

  /** The patient's live assignments on shifts of the enterprise running at `at`, with their role's activities. */
  async findShiftsRunningNow(em: EntityManager, patientId: string, enterpriseId: string, at: Date): Promise<ShiftNow[]> {
    const rows = await em
      .createQueryBuilder(Assignment, 'a')
      .innerJoin(Shift, 's', 's.id = a.shiftId')
      .innerJoin(WorkRole, 'r', 'r.id = s.workRoleId')
      .select('s.id', 'shiftId')
      .addSelect('r.activities', 'activities')
      .where('a.patientId = :patientId', { patientId })
      .andWhere('a.status IN (:...live)', { live: LIVE_ASSIGNMENT_STATUSES })
      .andWhere('s.enterpriseId = :enterpriseId', { enterpriseId })
      .andWhere("s.status = 'PUBLISHED'")
      .andWhere('a.startAt <= :at AND a.endAt > :at', { at: instantParam(at) })
      .getRawMany<{ shiftId: string; activities: string }>();
    return rows.map((r) => ({ shiftId: r.shiftId, activities: JSON.parse(r.activities) as string[] }));
  }

  /** Quantities of each product already refunded against a sale. */
  async refundedQuantities(em: EntityManager, saleId: string): Promise<Map<string, number>> {
    const rows = await em
      .createQueryBuilder(TillSaleLine, 'l')
      .innerJoin(TillSale, 's', 's.id = l.saleId')
      .select('l.productId', 'productId')
      .addSelect('SUM(l.quantity)', 'quantity')
      .where('s.refundOfSaleId = :saleId', { saleId })
      .groupBy('l.productId')
      .getRawMany<{ productId: string; quantity: unknown }>();
    return new Map(rows.map((r) => [r.productId, toInt(r.quantity)]));
  }
}
