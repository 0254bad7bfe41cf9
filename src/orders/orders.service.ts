import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { addDays, londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { CatalogueService } from '../catalogue/catalogue.service';
import { EnterpriseAccess } from '../enterprises/enterprise-access';
import { Enterprise } from '../enterprises/enterprise.entity';
import { LedgerService } from '../ledger/ledger.service';
import { londonInstant } from '../recruitment/london-time';
import { CostCentreAccess } from './cost-centre-access';
import type { CostCentre } from './cost-centre.entity';
import type { CreateOrderDto, CreateStandingOrderDto, DeliverDto, OrderDto, OrderLineInputDto, OrderQueryDto, StandingOrderDto } from './dto/orders.dto';
import { OrderEvent } from './order-event.entity';
import { OrderLine } from './order-line.entity';
import { deliveredQuantities, nextStatus, orderReference, standingOccurrences, totalOf } from './order-rules';
import { Order } from './order.entity';
import { OrderErrors } from './orders.errors';
import { OrdersRepository } from './orders.repository';
import type { OrderAction } from './orders.types';
import { StandingOrder } from './standing-order.entity';

/** Ledger accounts a delivery posts to (ACCOUNT_TEMPLATE). */
export const RECHARGE_ACCOUNTS = { receivable: '1300', income: '4100' } as const;

/** How the caller stands to an order: the selling enterprise's side, the customer's side, or both. */
interface Standing {
  enterprise: boolean;
  customer: boolean;
}

/**
 * Orders from wards and departments: placing them against a cost centre, the state machine
 * with every change recorded, standing weekly orders, and the recharge posted to the
 * enterprise's ledger on delivery (in the same transaction, idempotent per order).
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: OrdersRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly catalogueService: CatalogueService,
    private readonly ccAccess: CostCentreAccess,
    private readonly enterpriseAccess: EnterpriseAccess,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  // ---- placing orders ----

  async create(user: AuthUser, dto: CreateOrderDto): Promise<OrderDto> {
    return this.uow.run(async (em) => {
      const { enterprise, costCentre } = await this.orderable(em, user, dto.enterpriseId, dto.costCentreCode);
      const neededByAt = new Date(dto.neededBy);
      if (neededByAt.getTime() < Date.now()) throw OrderErrors.neededByPast();
      const order = await this.insertOrder(em, user, {
        enterprise,
        costCentre,
        lines: dto.lines,
        neededByAt,
        location: dto.location,
        notes: dto.notes ?? null,
        // Only the enterprise, entering an order taken by phone, names a customer.
        customerName: dto.customerName && (user.role === 'ADMIN' || (await this.enterpriseAccess.leadsEnterprise(em, user, enterprise.id))) ? dto.customerName : null,
        standing: null,
      });
      return this.toDto(em, order);
    });
  }

  /** The enterprise and cost centre, when the caller may order on that cost centre (or leads the enterprise, for phone orders). */
  private async orderable(em: EntityManager, user: AuthUser, enterpriseId: string, code: string): Promise<{ enterprise: Enterprise; costCentre: CostCentre }> {
    const enterprise = await em.findOne(Enterprise, { where: { id: enterpriseId } });
    if (!enterprise) throw AppError.notFound('Enterprise');
    if (enterprise.status !== 'ACTIVE') throw OrderErrors.enterpriseInactive();
    const costCentre = await this.repo.findCostCentreByCode(em, code);
    if (!costCentre) throw new AppError('NOT_FOUND', 'Cost centre not found', 404, [{ field: 'costCentreCode', message: 'There is no such cost centre' }]);
    const allowed = (await this.ccAccess.mayUse(em, user, costCentre)) || (await this.enterpriseAccess.leadsEnterprise(em, user, enterpriseId));
    if (!allowed) throw OrderErrors.costCentreNotAllowed(code);
    if (!costCentre.active) throw OrderErrors.costCentreInactive(code);
    return { enterprise, costCentre };
  }

  private async insertOrder(
    em: EntityManager,
    user: AuthUser,
    o: { enterprise: Enterprise; costCentre: CostCentre; lines: OrderLineInputDto[]; neededByAt: Date; location: string; notes: string | null; customerName: string | null; standing: { id: string; on: string } | null },
  ): Promise<Order> {
    const ids = o.lines.map((l) => l.productId);
    const dup = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    if (dup >= 0) throw OrderErrors.duplicateLine(`lines.${dup}.productId`);
    const products = new Map((await this.catalogue.findProductsByIds(em, ids)).map((p) => [p.id, p]));
    const problems = o.lines.flatMap((l, i) => {
      const p = products.get(l.productId);
      if (!p || p.enterpriseId !== o.enterprise.id) return [{ field: `lines.${i}.productId`, code: 'PRODUCT_NOT_AVAILABLE', message: 'This enterprise does not sell this product' }];
      if (p.kind !== 'PRODUCT') return [{ field: `lines.${i}.productId`, code: 'PRODUCT_NOT_AVAILABLE', message: `${p.name} is a service: book it instead` }];
      if (!p.active) return [{ field: `lines.${i}.productId`, code: 'PRODUCT_NOT_AVAILABLE', message: `${p.name} is no longer sold` }];
      return [];
    });
    if (problems.length) throw OrderErrors.productNotAvailable(problems);
    const now = new Date();
    const id = newId();
    const lines: OrderLine[] = [];
    for (const [i, l] of o.lines.entries()) {
      const p = products.get(l.productId)!;
      lines.push({ id: newId(), orderId: id, lineNo: i + 1, productId: p.id, productName: p.name, quantity: l.quantity, unitPricePence: await this.catalogueService.currentPrice(em, p), deliveredQuantity: null });
    }
    const order = {
      id,
      reference: orderReference(id),
      enterpriseId: o.enterprise.id,
      costCentreId: o.costCentre.id,
      status: 'REQUESTED',
      neededByAt: o.neededByAt,
      location: o.location,
      notes: o.notes,
      customerName: o.customerName,
      totalPence: totalOf(lines),
      deliveredTotalPence: null,
      standingOrderId: o.standing?.id ?? null,
      occurrenceOn: o.standing?.on ?? null,
      reason: null,
      shortfallNote: null,
      journalEntryId: null,
      rechargedOn: null,
      requestedByUserId: user.id,
      deliveredAt: null,
      createdAt: now,
      updatedAt: now,
    } as Order;
    await em.insert(Order, order);
    await em.insert(OrderLine, lines);
    await em.insert(OrderEvent, { id: newId(), orderId: id, fromStatus: null, toStatus: 'REQUESTED', reason: null, byUserId: user.id, at: now });
    await this.audit.record({ action: 'order.create', entityType: 'order', entityId: id, detail: { enterpriseId: o.enterprise.id, costCentre: o.costCentre.code, totalPence: order.totalPence, standingOrderId: order.standingOrderId ?? undefined } });
    return order;
  }

  // ---- reading ----

  async list(user: AuthUser, q: OrderQueryDto): Promise<OrderDto[]> {
    return this.uow.read(async (em) => {
      let costCentreId: string | undefined;
      if (q.costCentreCode) {
        const cc = await this.repo.findCostCentreByCode(em, q.costCentreCode);
        if (!cc) return [];
        costCentreId = cc.id;
      }
      const orders = await this.repo.findOrders(em, {
        scope: await this.scopeOf(em, user),
        enterpriseId: q.enterpriseId,
        costCentreId,
        status: q.status,
        fromAt: q.from ? londonInstant(q.from, '00:00')! : undefined,
        toAt: q.to ? londonInstant(addDays(q.to, 1), '00:00')! : undefined,
        requestedByUserId: q.mine ? user.id : undefined,
      });
      return this.toDtos(em, orders);
    });
  }

  async get(user: AuthUser, id: string): Promise<OrderDto> {
    return this.uow.read(async (em) => {
      const order = await this.repo.findOrder(em, id);
      if (!order || !(await this.standingOf(em, user, order))) throw AppError.notFound('Order');
      return this.toDto(em, order);
    });
  }

  /** The orders an enterprise has to fulfil on a London date (not declined or cancelled); for the day sheet and the rota. */
  async forDay(em: EntityManager, enterpriseId: string, date: string): Promise<OrderDto[]> {
    const orders = await this.repo.findOrders(em, { scope: null, enterpriseId, statuses: ['REQUESTED', 'ACCEPTED', 'IN_PROGRESS', 'DELIVERED'], fromAt: londonInstant(date, '00:00')!, toAt: londonInstant(addDays(date, 1), '00:00')! });
    return this.toDtos(em, orders);
  }

  /** Everyone on the staff side: the orders of the enterprises they lead and of the cost centres they order on. */
  async scopeOf(em: EntityManager, user: AuthUser): Promise<{ enterpriseIds: string[]; costCentreIds: string[] } | null> {
    if (user.role === 'ADMIN') return null;
    const enterpriseIds = user.role === 'ENTERPRISE_LEAD' ? await this.enterpriseAccess.enterpriseIdsLedBy(em, user.id) : [];
    return { enterpriseIds, costCentreIds: await this.ccAccess.usableIds(em, user) };
  }

  private async standingOf(em: EntityManager, user: AuthUser, order: Order): Promise<Standing | null> {
    const enterprise = user.role === 'ADMIN' || (await this.enterpriseAccess.leadsEnterprise(em, user, order.enterpriseId));
    const cc = (await this.repo.costCentresByIds(em, [order.costCentreId])).get(order.costCentreId)!;
    const customer = await this.ccAccess.mayUse(em, user, cc);
    return enterprise || customer ? { enterprise, customer } : null;
  }

  // ---- the state machine ----

  accept(user: AuthUser, id: string): Promise<OrderDto> {
    return this.transition(user, id, 'accept');
  }

  decline(user: AuthUser, id: string, reason: string): Promise<OrderDto> {
    return this.transition(user, id, 'decline', { reason });
  }

  start(user: AuthUser, id: string): Promise<OrderDto> {
    return this.transition(user, id, 'start');
  }

  cancel(user: AuthUser, id: string, reason: string): Promise<OrderDto> {
    return this.transition(user, id, 'cancel', { reason });
  }

  deliver(user: AuthUser, id: string, dto: DeliverDto): Promise<OrderDto> {
    return this.transition(user, id, 'deliver', { delivery: dto });
  }

  private async transition(user: AuthUser, id: string, action: OrderAction, opts: { reason?: string; delivery?: DeliverDto } = {}): Promise<OrderDto> {
    return this.uow.run(async (em) => {
      // The row lock makes two people acting on one order at once take turns (PostgreSQL; SQLite is serialized).
      const order = await this.repo.findOrder(em, id, this.uow.lockMode());
      if (!order) throw AppError.notFound('Order');
      const standing = await this.standingOf(em, user, order);
      if (!standing) throw AppError.notFound('Order');
      // The enterprise accepts, declines and starts; the customer or the enterprise signs off delivery or cancels.
      if (['accept', 'decline', 'start'].includes(action) && !standing.enterprise) throw OrderErrors.notTheEnterprise();
      const to = nextStatus(order.status, action);
      if (!to) throw OrderErrors.transition(order.status, action);
      const now = new Date();
      const from = order.status;
      order.status = to;
      order.updatedAt = now;
      if (opts.reason) order.reason = opts.reason;
      if (action === 'deliver') await this.recordDelivery(em, user, order, opts.delivery ?? {}, now);
      await em.update(Order, { id }, { status: order.status, reason: order.reason, updatedAt: now, deliveredAt: order.deliveredAt, deliveredTotalPence: order.deliveredTotalPence, shortfallNote: order.shortfallNote, journalEntryId: order.journalEntryId, rechargedOn: order.rechargedOn });
      await em.insert(OrderEvent, { id: newId(), orderId: id, fromStatus: from, toStatus: to, reason: opts.reason ?? opts.delivery?.shortfallNote ?? null, byUserId: user.id, at: now });
      await this.audit.record({ action: `order.${action}`, entityType: 'order', entityId: id, detail: { from, to } });
      return this.toDto(em, order);
    });
  }

  /** Delivered quantities, then the recharge: Dr Internal recharges receivable / Cr Internal contracts, at what was delivered. */
  private async recordDelivery(em: EntityManager, user: AuthUser, order: Order, dto: DeliverDto, now: Date): Promise<void> {
    const lines = await this.repo.findLinesOf(em, [order.id]);
    const { quantities, problems } = deliveredQuantities(lines, dto.lines);
    if (problems.length) throw OrderErrors.badDelivery(problems);
    for (const l of lines) {
      l.deliveredQuantity = quantities.get(l.productId)!;
      await em.update(OrderLine, { id: l.id }, { deliveredQuantity: l.deliveredQuantity });
    }
    order.deliveredAt = now;
    order.deliveredTotalPence = totalOf(lines.map((l) => ({ quantity: l.deliveredQuantity!, unitPricePence: l.unitPricePence })));
    order.shortfallNote = dto.shortfallNote ?? null;
    if (order.deliveredTotalPence === 0) return;
    const cc = (await this.repo.costCentresByIds(em, [order.costCentreId])).get(order.costCentreId)!;
    const posted = await this.ledger.postIn(em, user, order.enterpriseId, {
      idempotencyKey: `order-delivery:${order.id}`,
      occurredOn: londonDate(now),
      description: `Recharge ${order.reference} to ${cc.code} ${cc.name}`.slice(0, 300),
      source: 'INTERNAL_CONTRACT',
      // A delivery in a month already closed is recharged in the next open one (originalOn keeps the date).
      postToNextOpenPeriod: true,
      lines: [
        { accountCode: RECHARGE_ACCOUNTS.receivable, debitPence: order.deliveredTotalPence },
        { accountCode: RECHARGE_ACCOUNTS.income, creditPence: order.deliveredTotalPence },
      ],
    });
    order.journalEntryId = posted.entry.id;
    order.rechargedOn = posted.entry.occurredOn;
  }

  // ---- standing orders ----

  async createStanding(user: AuthUser, dto: CreateStandingOrderDto): Promise<StandingOrderDto> {
    return this.uow.run(async (em) => {
      const { enterprise, costCentre } = await this.orderable(em, user, dto.enterpriseId, dto.costCentreCode);
      if (dto.endsOn && dto.endsOn < dto.startsOn) throw AppError.validation('The end date is before the start', [{ field: 'endsOn', message: 'Choose a date on or after the start' }]);
      const products = new Map((await this.catalogue.findProductsByIds(em, dto.lines.map((l) => l.productId))).map((p) => [p.id, p]));
      const bad = dto.lines.flatMap((l, i) => {
        const p = products.get(l.productId);
        return !p || p.enterpriseId !== enterprise.id || p.kind !== 'PRODUCT' || !p.active ? [{ field: `lines.${i}.productId`, code: 'PRODUCT_NOT_AVAILABLE', message: 'This enterprise does not sell this product' }] : [];
      });
      if (bad.length) throw OrderErrors.productNotAvailable(bad);
      const s = {
        id: newId(),
        enterpriseId: enterprise.id,
        costCentreId: costCentre.id,
        weekdays: [...dto.weekdays].sort(),
        neededByTime: dto.neededByTime,
        lines: dto.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
        location: dto.location,
        notes: dto.notes ?? null,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn ?? null,
        active: true,
        createdByUserId: user.id,
        createdAt: new Date(),
      } as StandingOrder;
      await em.insert(StandingOrder, s);
      await this.audit.record({ action: 'standing-order.create', entityType: 'standing_order', entityId: s.id, detail: { enterpriseId: enterprise.id, costCentre: costCentre.code } });
      // The next fortnight is on the enterprise's list at once.
      await this.generateFor(em, user, s, addDays(londonDate(), 13));
      return toStandingDto(s, costCentre.code);
    });
  }

  async listStanding(user: AuthUser, enterpriseId?: string): Promise<StandingOrderDto[]> {
    return this.uow.read(async (em) => {
      const scope = await this.scopeOf(em, user);
      const rows = await em.find(StandingOrder, { where: enterpriseId ? { enterpriseId } : {}, order: { createdAt: 'ASC' } });
      const visible = scope ? rows.filter((s) => scope.enterpriseIds.includes(s.enterpriseId) || scope.costCentreIds.includes(s.costCentreId)) : rows;
      const ccs = await this.repo.costCentresByIds(em, [...new Set(visible.map((s) => s.costCentreId))]);
      return visible.map((s) => toStandingDto(s, ccs.get(s.costCentreId)?.code ?? ''));
    });
  }

  async endStanding(user: AuthUser, id: string): Promise<StandingOrderDto> {
    return this.uow.run(async (em) => {
      const s = await em.findOne(StandingOrder, { where: { id }, lock: this.uow.lockMode() });
      if (!s) throw AppError.notFound('Standing order');
      const cc = (await this.repo.costCentresByIds(em, [s.costCentreId])).get(s.costCentreId)!;
      const allowed = user.role === 'ADMIN' || (await this.enterpriseAccess.leadsEnterprise(em, user, s.enterpriseId)) || (await this.ccAccess.mayUse(em, user, cc));
      if (!allowed) throw AppError.notFound('Standing order');
      s.active = false;
      await em.update(StandingOrder, { id }, { active: false });
      await this.audit.record({ action: 'standing-order.end', entityType: 'standing_order', entityId: id });
      return toStandingDto(s, cc.code);
    });
  }

  /** Places the orders of an enterprise's standing orders up to a date; one per standing order and day, however often it runs. */
  async generate(user: AuthUser, enterpriseId: string, until: string): Promise<{ created: number }> {
    if (until > addDays(londonDate(), 56)) throw AppError.validation('At most 8 weeks ahead', [{ field: 'until', message: 'Choose a date at most 8 weeks ahead' }]);
    return this.uow.run(async (em) => {
      await this.enterpriseAccess.findManageable(em, user, enterpriseId);
      let created = 0;
      for (const s of await em.find(StandingOrder, { where: { enterpriseId, active: true } })) created += await this.generateFor(em, user, s, until);
      return { created };
    });
  }

  private async generateFor(em: EntityManager, user: AuthUser, s: StandingOrder, until: string): Promise<number> {
    // Lock the standing order so two generations at once cannot both add the same day.
    await em.findOne(StandingOrder, { where: { id: s.id }, lock: this.uow.lockMode() });
    const enterprise = (await em.findOne(Enterprise, { where: { id: s.enterpriseId } }))!;
    const costCentre = (await this.repo.costCentresByIds(em, [s.costCentreId])).get(s.costCentreId)!;
    const have = new Set((await em.find(Order, { select: { occurrenceOn: true }, where: { standingOrderId: s.id } })).map((o) => o.occurrenceOn));
    let created = 0;
    for (const on of standingOccurrences(s, londonDate(), until)) {
      if (have.has(on)) continue;
      const neededByAt = londonInstant(on, s.neededByTime)!;
      if (neededByAt.getTime() < Date.now()) continue;
      await this.insertOrder(em, user, { enterprise, costCentre, lines: s.lines, neededByAt, location: s.location, notes: s.notes, customerName: null, standing: { id: s.id, on } });
      created++;
    }
    return created;
  }

  // ---- responses ----

  private async toDto(em: EntityManager, order: Order): Promise<OrderDto> {
    return (await this.toDtos(em, [order]))[0];
  }

  async toDtos(em: EntityManager, orders: Order[]): Promise<OrderDto[]> {
    const ids = orders.map((o) => o.id);
    // One after another: em may be a transaction's, and one PostgreSQL connection runs one query at a time.
    const lines = await this.repo.findLinesOf(em, ids);
    const events = await this.repo.findEventsOf(em, ids);
    const names = await this.repo.enterpriseNames(em, [...new Set(orders.map((o) => o.enterpriseId))]);
    const ccs = await this.repo.costCentresByIds(em, [...new Set(orders.map((o) => o.costCentreId))]);
    return orders.map((o) => ({
      id: o.id,
      reference: o.reference,
      enterpriseId: o.enterpriseId,
      enterpriseName: names.get(o.enterpriseId) ?? '',
      costCentreCode: ccs.get(o.costCentreId)?.code ?? '',
      costCentreName: ccs.get(o.costCentreId)?.name ?? '',
      status: o.status,
      neededBy: new Date(o.neededByAt).toISOString(),
      location: o.location,
      notes: o.notes,
      customerName: o.customerName,
      totalPence: o.totalPence,
      deliveredTotalPence: o.deliveredTotalPence,
      reason: o.reason,
      shortfallNote: o.shortfallNote,
      journalEntryId: o.journalEntryId,
      standingOrderId: o.standingOrderId,
      requestedByUserId: o.requestedByUserId,
      lines: lines.filter((l) => l.orderId === o.id).map((l) => ({ productId: l.productId, productName: l.productName, quantity: l.quantity, unitPricePence: l.unitPricePence, deliveredQuantity: l.deliveredQuantity })),
      events: events.filter((e) => e.orderId === o.id).map((e) => ({ fromStatus: e.fromStatus, toStatus: e.toStatus, reason: e.reason, byUserId: e.byUserId, byName: e.byName, at: new Date(e.at).toISOString() })),
      createdAt: new Date(o.createdAt).toISOString(),
    }));
  }
}

function toStandingDto(s: StandingOrder, costCentreCode: string): StandingOrderDto {
  return { id: s.id, enterpriseId: s.enterpriseId, costCentreCode, weekdays: s.weekdays, neededByTime: s.neededByTime, lines: s.lines, location: s.location, notes: s.notes, startsOn: s.startsOn, endsOn: s.endsOn, active: s.active };
}
