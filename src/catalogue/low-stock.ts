import { Global, Injectable, Module } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { LOW_STOCK, type LowStockItem, type LowStockProvider } from '../enterprises/enterprise-stock';
import { Product } from './product.entity';

/** Tracked products below their reorder level, for the enterprise page. */
@Injectable()
export class LowStock implements LowStockProvider {
  constructor(private readonly uow: UnitOfWork) {}

  async lowStock(enterpriseId: string): Promise<LowStockItem[]> {
    const rows = await this.uow.read((em) =>
      em
        .createQueryBuilder(Product, 'p')
        .where('p.enterpriseId = :enterpriseId', { enterpriseId })
        .andWhere('p.active = :active', { active: true })
        .andWhere('p.trackStock = :tracked', { tracked: true })
        .andWhere('p.reorderLevel IS NOT NULL')
        .andWhere('p.stockOnHand < p.reorderLevel')
        .orderBy('p.name', 'ASC')
        .getMany(),
    );
    return rows.map((p) => ({ productId: p.id, name: p.name, stockOnHand: Number(p.stockOnHand), reorderLevel: Number(p.reorderLevel) }));
  }
}

/** Global so that the enterprise pages (which the catalogue imports) see it. */
@Global()
@Module({ providers: [LowStock, { provide: LOW_STOCK, useExisting: LowStock }], exports: [LOW_STOCK] })
export class LowStockModule {}
