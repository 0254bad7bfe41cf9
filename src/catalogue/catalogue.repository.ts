import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ProductKind } from './catalogue.types';
import { CustomerPrice } from './customer-price.entity';
import { ProductPrice } from './product-price.entity';
import { Product } from './product.entity';
import type { LockMode } from '../ledger/ledger.repository';

@Injectable()
export class CatalogueRepository {
  findProductsOf(em: EntityManager, enterpriseId: string, opts: { kind?: ProductKind; includeInactive?: boolean } = {}): Promise<Product[]> {
    return em.find(Product, { where: { enterpriseId, ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.includeInactive ? {} : { active: true }) }, order: { kind: 'ASC', category: 'ASC', name: 'ASC' } });
  }

  findProduct(em: EntityManager, id: string, lock?: LockMode): Promise<Product | null> {
    return em.findOne(Product, { where: { id }, lock });
  }

  findProductsByIds(em: EntityManager, ids: string[]): Promise<Product[]> {
    if (!ids.length) return Promise.resolve([]);
    return em.createQueryBuilder(Product, 'p').where('p.id IN (:...ids)', { ids }).getMany();
  }

  findPriceHistory(em: EntityManager, productId: string): Promise<ProductPrice[]> {
    return em.find(ProductPrice, { where: { productId }, order: { effectiveOn: 'DESC' } });
  }

  findCustomerPriceHistory(em: EntityManager, productId: string): Promise<CustomerPrice[]> {
    return em.find(CustomerPrice, { where: { productId }, order: { customerType: 'ASC', effectiveOn: 'DESC' } });
  }

  /** The price on a date: the newest dated price from that date or before. */
  async priceOn(em: EntityManager, productId: string, on: string): Promise<number | null> {
    const p = await em.createQueryBuilder(ProductPrice, 'pp').where('pp.productId = :productId AND pp.effectiveOn <= :on', { productId, on }).orderBy('pp.effectiveOn', 'DESC').getOne();
    return p?.pricePence ?? null;
  }
}
