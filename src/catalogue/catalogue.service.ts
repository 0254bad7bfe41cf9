import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { EnterpriseAccess } from '../enterprises/enterprise-access';
import { Enterprise } from '../enterprises/enterprise.entity';
import { CatalogueRepository } from './catalogue.repository';
import type { CreateProductDto, NewPriceDto, ProductDto, ProductQueryDto, UpdateProductDto } from './dto/catalogue.dto';
import { ProductPrice } from './product-price.entity';
import { CustomerPrice } from './customer-price.entity';
import { LedgerAccount } from '../ledger/account.entity';
import { ACCOUNT_TEMPLATE } from '../ledger/ledger.types';
import { Product } from './product.entity';

export function toProductDto(p: Product, prices?: ProductPrice[], customerPrices?: CustomerPrice[]): ProductDto {
  const dto: ProductDto = { id: p.id, enterpriseId: p.enterpriseId, kind: p.kind, name: p.name, category: p.category, pricePence: p.pricePence, unit: p.unit, active: p.active };
  if (p.kind === 'PRODUCT') {
    Object.assign(dto, { trackStock: p.trackStock, allowNegativeStock: p.allowNegativeStock, incomeAccountCode: p.incomeAccountCode, reorderLevel: p.reorderLevel, stockOnHand: p.stockOnHand, averageCostPence: p.averageCostPence });
  }
  if (p.kind === 'SERVICE') {
    Object.assign(dto, {
      durationMinutes: p.durationMinutes ?? 0,
      slotCapacity: p.slotCapacity ?? 1,
      bufferMinutes: p.bufferMinutes ?? 0,
      minimumNoticeMinutes: p.minimumNoticeMinutes ?? 0,
      cancellationCutoffMinutes: p.cancellationCutoffMinutes ?? 0,
      detailsLabel: p.detailsLabel,
    });
  }
  if (prices) dto.prices = prices.map((x) => ({ pricePence: x.pricePence, effectiveOn: x.effectiveOn }));
  if (customerPrices) dto.customerPrices = customerPrices.map((x) => ({ customerType: x.customerType, pricePence: x.pricePence, effectiveOn: x.effectiveOn }));
  return dto;
}

/**
 * The catalogue each enterprise sells from: products (by quantity) and services (in slots).
 * Everyone signed in on the staff side may read it; an enterprise's leads and admins change it.
 * Shared by orders, service bookings and (later) the till.
 */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: CatalogueRepository,
    private readonly access: EnterpriseAccess,
    private readonly audit: AuditService,
  ) {}

  async list(enterpriseId: string, q: ProductQueryDto): Promise<ProductDto[]> {
    return this.uow.read(async (em) => {
      if (!(await em.exists(Enterprise, { where: { id: enterpriseId } }))) throw AppError.notFound('Enterprise');
      return (await this.repo.findProductsOf(em, enterpriseId, q)).map((p) => toProductDto(p));
    });
  }

  async get(id: string): Promise<ProductDto> {
    return this.uow.read(async (em) => {
      const p = await this.repo.findProduct(em, id);
      if (!p) throw AppError.notFound('Product');
      return toProductDto(p, await this.repo.findPriceHistory(em, id), await this.repo.findCustomerPriceHistory(em, id));
    });
  }

  /** Sales post to an open income account of the enterprise's chart (the template's until the chart is made). */
  private async checkIncomeAccount(em: EntityManager, enterpriseId: string, code: string | undefined): Promise<void> {
    if (code === undefined) return;
    const accounts = await em.find(LedgerAccount, { where: { enterpriseId } });
    const chart = accounts.length ? accounts : ACCOUNT_TEMPLATE.map((a) => ({ ...a, closed: false }));
    const account = chart.find((a) => a.code === code);
    if (!account || account.type !== 'INCOME' || account.closed) {
      throw new AppError('UNKNOWN_ACCOUNT', `Account ${code} is not an open income account of this enterprise`, 422, [{ field: 'incomeAccountCode', code: 'UNKNOWN_ACCOUNT', message: 'Choose an open income account, for example 4000 Sales' }]);
    }
  }

  async create(user: AuthUser, enterpriseId: string, dto: CreateProductDto): Promise<ProductDto> {
    return this.uow.run(async (em) => {
      await this.access.findManageable(em, user, enterpriseId);
      await this.checkIncomeAccount(em, enterpriseId, dto.incomeAccountCode);
      const now = new Date();
      const kind = dto.kind ?? 'PRODUCT';
      const service = kind === 'SERVICE';
      const p = {
        id: newId(),
        enterpriseId,
        kind,
        name: dto.name,
        category: dto.category ?? 'General',
        pricePence: dto.pricePence,
        unit: dto.unit ?? null,
        active: true,
        durationMinutes: service ? dto.durationMinutes! : null,
        slotCapacity: service ? dto.slotCapacity! : null,
        bufferMinutes: service ? (dto.bufferMinutes ?? 0) : null,
        minimumNoticeMinutes: service ? (dto.minimumNoticeMinutes ?? 0) : null,
        cancellationCutoffMinutes: service ? (dto.cancellationCutoffMinutes ?? 0) : null,
        detailsLabel: service ? (dto.detailsLabel ?? null) : null,
        incomeAccountCode: dto.incomeAccountCode ?? '4000',
        trackStock: !service && (dto.trackStock ?? false),
        allowNegativeStock: !service && (dto.allowNegativeStock ?? false),
        stockOnHand: 0,
        averageCostPence: 0,
        reorderLevel: service ? null : (dto.reorderLevel ?? null),
        createdByUserId: user.id,
        createdAt: now,
        updatedAt: now,
      } as Product;
      await em.insert(Product, p);
      const price = { id: newId(), productId: p.id, pricePence: p.pricePence, effectiveOn: londonDate(now), createdByUserId: user.id, createdAt: now } as ProductPrice;
      await em.insert(ProductPrice, price);
      await this.audit.record({ action: 'catalogue.product.create', entityType: 'product', entityId: p.id, detail: { enterpriseId, kind: p.kind } });
      return toProductDto(p, [price]);
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateProductDto): Promise<ProductDto> {
    return this.uow.run(async (em) => {
      const p = await this.manageableProduct(em, user, id);
      if (dto.active !== undefined) p.active = dto.active;
      if (dto.name !== undefined) p.name = dto.name;
      await this.checkIncomeAccount(em, p.enterpriseId, dto.incomeAccountCode);
      if (p.kind === 'PRODUCT') {
        if (dto.trackStock !== undefined) p.trackStock = dto.trackStock;
        if (dto.allowNegativeStock !== undefined) p.allowNegativeStock = dto.allowNegativeStock;
        if (dto.incomeAccountCode !== undefined) p.incomeAccountCode = dto.incomeAccountCode;
        if (dto.reorderLevel !== undefined) p.reorderLevel = dto.reorderLevel;
      }
      p.updatedAt = new Date();
      await em.update(Product, { id }, { active: p.active, name: p.name, trackStock: p.trackStock, allowNegativeStock: p.allowNegativeStock, incomeAccountCode: p.incomeAccountCode, reorderLevel: p.reorderLevel, updatedAt: p.updatedAt });
      await this.audit.record({ action: 'catalogue.product.update', entityType: 'product', entityId: id, detail: { ...dto } });
      return toProductDto(p, await this.repo.findPriceHistory(em, id), await this.repo.findCustomerPriceHistory(em, id));
    });
  }

  /** A new price from a date on; earlier prices stay on record, and orders keep the price they were made at. */
  async newPrice(user: AuthUser, id: string, dto: NewPriceDto): Promise<ProductDto> {
    return this.uow.run(async (em) => {
      const p = await this.manageableProduct(em, user, id);
      const today = londonDate();
      const effectiveOn = dto.effectiveOn ?? today;
      if (effectiveOn < today) throw AppError.validation('A price cannot start in the past', [{ field: 'effectiveOn', message: 'Choose today or a later date' }]);
      if (dto.customerType) {
        const listed = await em.findOne(CustomerPrice, { where: { productId: id, customerType: dto.customerType, effectiveOn } });
        if (listed) await em.update(CustomerPrice, { id: listed.id }, { pricePence: dto.pricePence });
        else await em.insert(CustomerPrice, { id: newId(), productId: id, customerType: dto.customerType, pricePence: dto.pricePence, effectiveOn, createdByUserId: user.id, createdAt: new Date() });
        await this.audit.record({ action: 'catalogue.product.price', entityType: 'product', entityId: id, detail: { pricePence: dto.pricePence, effectiveOn, customerType: dto.customerType } });
        return toProductDto(p, await this.repo.findPriceHistory(em, id), await this.repo.findCustomerPriceHistory(em, id));
      }
      const existing = await em.findOne(ProductPrice, { where: { productId: id, effectiveOn } });
      if (existing) await em.update(ProductPrice, { id: existing.id }, { pricePence: dto.pricePence });
      else await em.insert(ProductPrice, { id: newId(), productId: id, pricePence: dto.pricePence, effectiveOn, createdByUserId: user.id, createdAt: new Date() });
      p.pricePence = (await this.repo.priceOn(em, id, today)) ?? p.pricePence;
      await em.update(Product, { id }, { pricePence: p.pricePence, updatedAt: new Date() });
      await this.audit.record({ action: 'catalogue.product.price', entityType: 'product', entityId: id, detail: { pricePence: dto.pricePence, effectiveOn } });
      return toProductDto(p, await this.repo.findPriceHistory(em, id), await this.repo.findCustomerPriceHistory(em, id));
    });
  }

  /** The price to charge today (a future-dated price takes over on its date). */
  async currentPrice(em: EntityManager, p: Product): Promise<number> {
    return (await this.repo.priceOn(em, p.id, londonDate())) ?? p.pricePence;
  }

  private async manageableProduct(em: EntityManager, user: AuthUser, id: string): Promise<Product> {
    const p = await this.repo.findProduct(em, id);
    if (!p) throw AppError.notFound('Product');
    await this.access.findManageable(em, user, p.enterpriseId);
    return p;
  }
}
