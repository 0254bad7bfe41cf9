import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { CustomerType } from '../catalogue/catalogue.types';
import { Product } from '../catalogue/product.entity';
import { londonDate } from '../common/dates';
import { AppError, type ErrorDetail } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { instantParam, newId, toInt } from '../database/columns';
import { Timesheet } from '../rota/timesheet.entity';
import { TimesheetLine } from '../rota/timesheet-line.entity';
import { UnitOfWork } from '../database/unit-of-work';
import { EnterpriseAccess } from '../enterprises/enterprise-access';
import { Enterprise } from '../enterprises/enterprise.entity';
import { LedgerService } from '../ledger/ledger.service';
import { OrdersRepository } from '../orders/orders.repository';
import { Patient } from '../patients/patient.entity';
import { PatientsRepository } from '../patients/patients.repository';
import { User } from '../users/user.entity';
import type { CashMovementDto, CashMovementInputDto, CloseResultDto, CloseSessionDto, OpenSessionDto, RefundInputDto, SaleDto, SaleInputDto, SessionDto, StockItemDto, StockReceiptDto, StockResultDto, StockTakeDto } from './dto/tills.dto';
import { StockMovement } from './stock-movement.entity';
import { TillCashMovement } from './till-cash-movement.entity';
import { TillPayment } from './till-payment.entity';
import { allocateRefund, checkPayments, movingAverageCost, sessionEntryLines, sessionTotals, type SessionTotals } from './till-rules';
import { TillSaleLine } from './till-sale-line.entity';
import { TillSale } from './till-sale.entity';
import { TillSession } from './till-session.entity';
import { TillErrors } from './tills.errors';
import { TillsRepository } from './tills.repository';
import { TILL_ACCOUNTS, type PaymentMethod } from './tills.types';

export type Operator = { kind: 'STAFF' | 'PATIENT' };

export function toSessionDto(s: TillSession): SessionDto {
  return {
    id: s.id,
    enterpriseId: s.enterpriseId,
    till: s.till,
    status: s.status,
    openingFloatPence: s.openingFloatPence,
    expectedCashPence: s.expectedCashPence,
    countedCashPence: s.countedCashPence,
    journalEntryId: s.journalEntryId,
    openedAt: new Date(s.openedAt).toISOString(),
    closedAt: s.closedAt ? new Date(s.closedAt).toISOString() : null,
  };
}

export function toSaleDto(s: TillSale, lines: TillSaleLine[], payments: TillPayment[]): SaleDto {
  return {
    id: s.id,
    clientId: s.clientId,
    sessionId: s.sessionId,
    kind: s.kind,
    customerType: s.customerType,
    totalPence: s.totalPence,
    changePence: s.changePence,
    refundOfSaleId: s.refundOfSaleId,
    reason: s.reason,
    operatorUserId: s.operatorUserId,
    createdAt: new Date(s.createdAt).toISOString(),
    lines: lines.map((l) => ({ productId: l.productId, productName: l.productName, category: l.category, quantity: l.quantity, unitPricePence: l.unitPricePence, linePence: l.quantity * l.unitPricePence })),
    payments: payments.map((p) => ({ method: p.method, amountPence: p.amountPence, patientId: p.patientId, costCentreId: p.costCentreId })),
  };
}

/** A unique index said no: the row another request wrote first is the answer. */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e.driverError?.code ?? e.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT' || /UNIQUE constraint failed/.test(e.message ?? '');
}

export interface ZReport {
  session: SessionDto;
  operators: { userId: string; displayName: string }[];
  byProduct: { productId: string; name: string; category: string; quantity: number; salesPence: number; refundedQuantity: number; refundsPence: number }[];
  byCategory: { category: string; salesPence: number; refundsPence: number }[];
  paymentsByMethod: Record<PaymentMethod, number>;
  refunds: { id: string; refundOfSaleId: string | null; totalPence: number; reason: string | null; createdAt: string }[];
  cashMovements: CashMovementDto[];
  salesCount: number;
  salesPence: number;
  refundsPence: number;
  expectedCashPence: number;
  countedCashPence: number | null;
  differencePence: number | null;
}

/**
 * Till sessions, sales, refunds and stock. Every sale and refund is one unit of work: the
 * operator check, the stock check under a row lock on each product, and the writes commit
 * together. Closing a session posts its one journal entry through the ledger's rules.
 */
@Injectable()
export class TillsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: TillsRepository,
    private readonly access: EnterpriseAccess,
    private readonly patients: PatientsRepository,
    private readonly orders: OrdersRepository,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  // ---- who may work the till ----

  /**
   * Staff of the enterprise (its leads, admins); or a patient worker booked on a shift of the
   * enterprise running now, in a role with CASH, with no NO_CASH_HANDLING restriction in force.
   */
  async operator(em: EntityManager, user: AuthUser, enterpriseId: string, at = new Date()): Promise<Operator> {
    if (user.role === 'ADMIN' || (await this.access.leadsEnterprise(em, user, enterpriseId))) return { kind: 'STAFF' };
    if (user.role !== 'PATIENT' || !user.patientId) throw TillErrors.notAnOperator();
    const shifts = await this.repo.findShiftsRunningNow(em, user.patientId, enterpriseId, at);
    if (!shifts.length) throw TillErrors.notOnShift();
    if (!shifts.some((s) => s.activities.includes('CASH'))) throw TillErrors.roleWithoutCash();
    const restrictions = await this.patients.findRestrictionCodesInForce(em, user.patientId, londonDate(at));
    if (restrictions.includes('NO_CASH_HANDLING')) throw TillErrors.restriction();
    return { kind: 'PATIENT' };
  }

  private async sessionOf(em: EntityManager, id: string, lock = false): Promise<TillSession> {
    const s = await this.repo.findSession(em, id, lock ? this.uow.lockMode() : undefined);
    if (!s) throw AppError.notFound('Till session');
    return s;
  }

  // ---- sessions ----

  async open(user: AuthUser, enterpriseId: string, dto: OpenSessionDto): Promise<SessionDto> {
    const till = dto.till ?? 'Main';
    const openKey = `${enterpriseId}:${till}`;
    try {
      return await this.uow.run(async (em) => {
        await this.access.findManageable(em, user, enterpriseId);
        const open = await this.repo.findOpenSession(em, openKey);
        if (open) throw TillErrors.alreadyOpen(open.id);
        const last = await this.repo.findLastClosedSession(em, enterpriseId, till);
        const s = { id: newId(), enterpriseId, till, openKey, status: 'OPEN', openingFloatPence: dto.openingFloatPence ?? last?.countedCashPence ?? 0, expectedCashPence: null, countedCashPence: null, journalEntryId: null, openedByUserId: user.id, openedAt: new Date(), closedByUserId: null, closedAt: null } as TillSession;
        await em.insert(TillSession, s);
        await this.audit.record({ action: 'till.session.open', entityType: 'till_session', entityId: s.id, detail: { enterpriseId, till, openingFloatPence: s.openingFloatPence } });
        return toSessionDto(s);
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const open = await this.uow.read((em) => this.repo.findOpenSession(em, openKey));
      throw TillErrors.alreadyOpen(open?.id ?? '');
    }
  }

  async get(user: AuthUser, id: string): Promise<SessionDto> {
    return this.uow.read(async (em) => {
      const s = await this.sessionOf(em, id);
      await this.operator(em, user, s.enterpriseId);
      return toSessionDto(s);
    });
  }

  async listSessions(user: AuthUser, enterpriseId: string): Promise<SessionDto[]> {
    return this.uow.read(async (em) => {
      await this.access.findManageable(em, user, enterpriseId);
      return (await this.repo.findSessionsOf(em, enterpriseId)).map(toSessionDto);
    });
  }

  /** What the till screen shows: the session, and the products on sale with the price for the customer type. */
  async screen(user: AuthUser, sessionId: string, customerType: CustomerType): Promise<{ session: SessionDto; enterpriseName: string; operator: Operator['kind']; products: { id: string; name: string; category: string; pricePence: number; stockOnHand: number | null }[]; recent: { id: string; totalPence: number; createdAt: string }[] }> {
    return this.uow.read(async (em) => {
      const s = await this.sessionOf(em, sessionId);
      const op = await this.operator(em, user, s.enterpriseId);
      const enterprise = await em.findOneOrFail(Enterprise, { where: { id: s.enterpriseId } });
      const rows = await em.find(Product, { where: { enterpriseId: s.enterpriseId, kind: 'PRODUCT', active: true }, order: { category: 'ASC', name: 'ASC' } });
      const today = londonDate();
      const products = [];
      for (const p of rows) products.push({ id: p.id, name: p.name, category: p.category, pricePence: (await this.repo.priceFor(em, p.id, customerType, today)) ?? p.pricePence, stockOnHand: p.trackStock ? p.stockOnHand : null });
      const recent = (await em.find(TillSale, { where: { sessionId, kind: 'SALE' }, order: { createdAt: 'DESC' }, take: 5 })).map((x) => ({ id: x.id, totalPence: x.totalPence, createdAt: new Date(x.createdAt).toISOString() }));
      return { session: toSessionDto(s), enterpriseName: enterprise.name, operator: op.kind, products, recent };
    });
  }

  /** The refund a page already made with this clientId (a resubmitted form), if any. */
  async refundMadeWith(user: AuthUser, saleId: string, clientId: string): Promise<SaleDto | null> {
    return this.uow.read(async (em) => {
      const r = await this.repo.findSaleByClientId(em, clientId);
      if (!r || r.refundOfSaleId !== saleId) return null;
      await this.operator(em, user, r.enterpriseId);
      return this.saleDto(em, r);
    });
  }

  /** A sale with what can still be refunded of each product (for the refund form). */
  async saleForRefund(user: AuthUser, saleId: string): Promise<{ sale: SaleDto; refundable: Record<string, number> }> {
    return this.uow.read(async (em) => {
      const sale = await this.repo.findSale(em, saleId);
      if (!sale || sale.kind !== 'SALE') throw AppError.notFound('Sale');
      await this.operator(em, user, sale.enterpriseId);
      const dto = await this.saleDto(em, sale);
      const refunded = await this.repo.refundedQuantities(em, saleId);
      const refundable: Record<string, number> = {};
      for (const l of dto.lines) refundable[l.productId] = (refundable[l.productId] ?? 0) + l.quantity;
      for (const [pid, q] of refunded) refundable[pid] = (refundable[pid] ?? 0) - q;
      return { sale: dto, refundable };
    });
  }

  /** A patient's purchases paid from their own account (for their money pages and the monies office). */
  async purchasesOf(em: EntityManager, patientId: string): Promise<{ saleId: string; kind: string; at: string; enterpriseName: string; amountPence: number; items: string }[]> {
    const pays = await em.find(TillPayment, { where: { patientId, method: 'PATIENT_ACCOUNT' } });
    if (!pays.length) return [];
    const sales = await em.find(TillSale, { where: pays.map((p) => ({ id: p.saleId })) });
    const lines = await this.repo.findLines(em, sales.map((x) => x.id));
    const names = new Map((await em.find(Enterprise, { where: [...new Set(sales.map((x) => x.enterpriseId))].map((id) => ({ id })) })).map((e) => [e.id, e.name]));
    const saleBy = new Map(sales.map((x) => [x.id, x]));
    return pays
      .map((p) => {
        const sale = saleBy.get(p.saleId)!;
        return {
          saleId: sale.id,
          kind: sale.kind,
          at: new Date(sale.createdAt).toISOString(),
          enterpriseName: names.get(sale.enterpriseId) ?? '',
          amountPence: sale.kind === 'SALE' ? p.amountPence : -p.amountPence,
          items: lines.filter((l) => l.saleId === sale.id).map((l) => `${l.quantity} × ${l.productName}`).join(', '),
        };
      })
      .sort((a, b) => b.at.localeCompare(a.at));
  }

  /** The signed-in patient's earnings by week (approved timesheets) beside their purchases from their own account. */
  async myMoney(user: AuthUser): Promise<{ earnings: { weekStartOn: string; enterpriseName: string; minutesWorked: number; payPence: number }[]; purchases: Awaited<ReturnType<TillsService['purchasesOf']>>; earnedPence: number; spentPence: number }> {
    if (user.role !== 'PATIENT' || !user.patientId) throw AppError.forbidden();
    const patientId = user.patientId;
    return this.uow.read(async (em) => {
      const rows = await em
        .createQueryBuilder(TimesheetLine, 'l')
        .innerJoin(Timesheet, 't', 't.id = l.timesheetId')
        .innerJoin(Enterprise, 'e', 'e.id = t.enterpriseId')
        .select('t.weekStartOn', 'weekStartOn')
        .addSelect('e.name', 'enterpriseName')
        .addSelect('SUM(l.minutesWorked)', 'minutesWorked')
        .addSelect('SUM(l.payPence)', 'payPence')
        .where('l.patientId = :patientId', { patientId })
        .groupBy('t.weekStartOn')
        .addGroupBy('e.name')
        .orderBy('t.weekStartOn', 'DESC')
        .limit(26)
        .getRawMany<{ weekStartOn: string | Date; enterpriseName: string; minutesWorked: unknown; payPence: unknown }>();
      const earnings = rows.map((r) => ({ weekStartOn: typeof r.weekStartOn === 'string' ? r.weekStartOn.slice(0, 10) : londonDate(r.weekStartOn), enterpriseName: r.enterpriseName, minutesWorked: toInt(r.minutesWorked), payPence: toInt(r.payPence) }));
      const purchases = await this.purchasesOf(em, patientId);
      return { earnings, purchases, earnedPence: earnings.reduce((t, e) => t + e.payPence, 0), spentPence: purchases.reduce((t, p) => t + p.amountPence, 0) };
    });
  }

  /** Every patient-account payment in a period, for the patients' monies office (admins): one row per payment or refund. */
  async patientAccountPurchases(from: string, to: string): Promise<{ on: string; patientId: string; hospitalNumber: string; patientName: string; enterpriseName: string; saleId: string; kind: string; items: string; amountPence: number }[]> {
    return this.uow.run(async (em) => {
      const pays = await em
        .createQueryBuilder(TillPayment, 'p')
        .innerJoin(TillSale, 's', 's.id = p.saleId')
        .where("p.method = 'PATIENT_ACCOUNT'")
        .andWhere('s.createdAt >= :from AND s.createdAt < :to', { from: instantParam(new Date(`${from}T00:00:00Z`)), to: instantParam(new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000)) })
        .getMany();
      if (!pays.length) return [];
      const sales = new Map((await em.find(TillSale, { where: pays.map((p) => ({ id: p.saleId })) })).map((x) => [x.id, x]));
      const lines = await this.repo.findLines(em, [...sales.keys()]);
      const patients = new Map((await em.find(Patient, { where: [...new Set(pays.map((p) => p.patientId!))].map((id) => ({ id })) })).map((x) => [x.id, x]));
      const names = new Map((await em.find(Enterprise, { where: [...new Set([...sales.values()].map((x) => x.enterpriseId))].map((id) => ({ id })) })).map((e) => [e.id, e.name]));
      await this.audit.recordPatientReads('till.patient-purchases.csv', [...patients.keys()]);
      return pays
        .map((p) => {
          const sale = sales.get(p.saleId)!;
          const patient = patients.get(p.patientId!);
          return {
            on: new Date(sale.createdAt).toISOString(),
            patientId: p.patientId!,
            hospitalNumber: patient?.hospitalNumber ?? '',
            patientName: patient?.displayName ?? '',
            enterpriseName: names.get(sale.enterpriseId) ?? '',
            saleId: sale.id,
            kind: sale.kind,
            items: lines.filter((l) => l.saleId === sale.id).map((l) => `${l.quantity} x ${l.productName}`).join('; '),
            amountPence: sale.kind === 'SALE' ? p.amountPence : -p.amountPence,
          };
        })
        .sort((a, b) => a.on.localeCompare(b.on));
    });
  }

  // ---- sales ----

  /** A sale; `created` is false when this clientId was sold before (the original is answered). */
  async sell(user: AuthUser, sessionId: string, dto: SaleInputDto): Promise<{ sale: SaleDto; created: boolean }> {
    try {
      return await this.uow.run((em) => this.sellIn(em, user, sessionId, dto));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return this.uow.run(async (em) => {
        const again = await this.repo.findSaleByClientId(em, dto.clientId);
        if (!again) throw err;
        return { sale: await this.answerExisting(em, again, sessionId, 'SALE'), created: false };
      });
    }
  }

  private async answerExisting(em: EntityManager, sale: TillSale, sessionId: string | null, kind: 'SALE' | 'REFUND'): Promise<SaleDto> {
    if ((sessionId && sale.sessionId !== sessionId) || sale.kind !== kind) throw TillErrors.clientIdReused();
    return this.saleDto(em, sale);
  }

  private async saleDto(em: EntityManager, sale: TillSale): Promise<SaleDto> {
    return toSaleDto(sale, await this.repo.findLines(em, [sale.id]), await this.repo.findPayments(em, [sale.id]));
  }

  private async sellIn(em: EntityManager, user: AuthUser, sessionId: string, dto: SaleInputDto): Promise<{ sale: SaleDto; created: boolean }> {
    const existing = await this.repo.findSaleByClientId(em, dto.clientId);
    if (existing) return { sale: await this.answerExisting(em, existing, sessionId, 'SALE'), created: false };
    const session = await this.sessionOf(em, sessionId);
    const op = await this.operator(em, user, session.enterpriseId);
    if (session.status !== 'OPEN') throw TillErrors.sessionClosed();
    const customerType: CustomerType = dto.customerType ?? 'VISITOR';

    // Stock moves under a row lock on each product (FOR UPDATE on PostgreSQL), so two tills never oversell.
    const products = new Map((await this.repo.lockProducts(em, dto.lines.map((l) => l.productId), this.uow.lockMode())).map((p) => [p.id, p]));
    const bad: ErrorDetail[] = [];
    dto.lines.forEach((l, i) => {
      const p = products.get(l.productId);
      if (!p || p.enterpriseId !== session.enterpriseId || p.kind !== 'PRODUCT' || !p.active) bad.push({ field: `lines.${i}.productId`, code: 'PRODUCT_NOT_AVAILABLE', message: 'Not sold at this till' });
    });
    if (bad.length) throw TillErrors.productNotSold(bad);

    const today = londonDate();
    const lines: TillSaleLine[] = [];
    const saleId = newId();
    for (const [i, l] of dto.lines.entries()) {
      const p = products.get(l.productId)!;
      const price = (await this.repo.priceFor(em, p.id, customerType, today)) ?? p.pricePence;
      lines.push({ id: newId(), saleId, lineNo: i + 1, productId: p.id, productName: p.name, category: p.category, quantity: l.quantity, unitPricePence: price, unitCostPence: p.trackStock ? p.averageCostPence : 0, incomeAccountCode: p.incomeAccountCode } as TillSaleLine);
    }
    const totalPence = lines.reduce((s, l) => s + l.quantity * l.unitPricePence, 0);
    const { changePence, problem } = checkPayments(totalPence, dto.payments);
    if (problem) throw TillErrors.payment(problem.code, problem.message);

    const payments: TillPayment[] = [];
    for (const [i, p] of dto.payments.entries()) {
      let patientId: string | null = null;
      let costCentreId: string | null = null;
      if (p.method === 'PATIENT_ACCOUNT') {
        if (op.kind !== 'STAFF') throw TillErrors.staffOnly(`payments.${i}.method`);
        if (!p.patientId || !(await em.exists(Patient, { where: { id: p.patientId } }))) throw TillErrors.patient();
        patientId = p.patientId;
      } else if (p.method === 'RECHARGE') {
        const cc = p.costCentreCode ? await this.orders.findCostCentreByCode(em, p.costCentreCode) : null;
        if (!cc) throw TillErrors.costCentre('A recharge needs the ward’s cost centre code');
        if (!cc.active) throw TillErrors.costCentre(`Cost centre ${cc.code} is closed`);
        costCentreId = cc.id;
      }
      payments.push({ id: newId(), saleId, method: p.method, amountPence: p.amountPence, patientId, costCentreId } as TillPayment);
    }

    // Stock: refuse to go below zero unless the product allows it.
    const wanted = new Map<string, number>();
    for (const l of lines) wanted.set(l.productId, (wanted.get(l.productId) ?? 0) + l.quantity);
    const short: ErrorDetail[] = [];
    for (const [productId, qty] of wanted) {
      const p = products.get(productId)!;
      if (p.trackStock && !p.allowNegativeStock && p.stockOnHand < qty) short.push({ field: 'lines', productId, code: 'STOCK_INSUFFICIENT', message: `Only ${Math.max(p.stockOnHand, 0)} of ${p.name} in stock`, available: Math.max(p.stockOnHand, 0) });
    }
    if (short.length) throw TillErrors.stockInsufficient(short);

    const now = new Date();
    const sale = { id: saleId, clientId: dto.clientId, sessionId, enterpriseId: session.enterpriseId, kind: 'SALE', customerType, totalPence, changePence, refundOfSaleId: null, reason: null, operatorUserId: user.id, createdAt: now } as TillSale;
    await em.insert(TillSale, sale);
    await em.insert(TillSaleLine, lines);
    await em.insert(TillPayment, payments);
    await this.moveStock(em, user, products, wanted, -1, 'SALE', saleId, now);
    return { sale: toSaleDto(sale, lines, payments), created: true };
  }

  /** Moves stock of tracked products by sign x quantity and records each movement. */
  private async moveStock(em: EntityManager, user: AuthUser, products: Map<string, Product>, quantities: Map<string, number>, sign: 1 | -1, kind: 'SALE' | 'REFUND', saleId: string, now: Date, costs?: Map<string, number>): Promise<void> {
    const moves: StockMovement[] = [];
    for (const [productId, qty] of quantities) {
      const p = products.get(productId)!;
      if (!p.trackStock) continue;
      const unitCostPence = costs?.get(productId) ?? p.averageCostPence;
      if (sign > 0) p.averageCostPence = movingAverageCost(p.stockOnHand, p.averageCostPence, qty, unitCostPence);
      p.stockOnHand += sign * qty;
      await em.update(Product, { id: p.id }, { stockOnHand: p.stockOnHand, averageCostPence: p.averageCostPence });
      moves.push({ id: newId(), enterpriseId: p.enterpriseId, productId, kind, quantity: sign * qty, unitCostPence, onHandAfter: p.stockOnHand, saleId, reason: null, journalEntryId: null, byUserId: user.id, createdAt: now } as StockMovement);
    }
    if (moves.length) await em.insert(StockMovement, moves);
  }

  // ---- refunds ----

  /** A refund against a sale, made in the open session of the sale's till, paid back by the sale's own methods. */
  async refund(user: AuthUser, saleId: string, dto: RefundInputDto): Promise<{ sale: SaleDto; created: boolean }> {
    try {
      return await this.uow.run((em) => this.refundIn(em, user, saleId, dto));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return this.uow.run(async (em) => {
        const again = await this.repo.findSaleByClientId(em, dto.clientId);
        if (!again) throw err;
        return { sale: await this.answerExisting(em, again, null, 'REFUND'), created: false };
      });
    }
  }

  private async refundIn(em: EntityManager, user: AuthUser, saleId: string, dto: RefundInputDto): Promise<{ sale: SaleDto; created: boolean }> {
    const existing = await this.repo.findSaleByClientId(em, dto.clientId);
    if (existing) {
      if (existing.refundOfSaleId !== saleId) throw TillErrors.clientIdReused();
      return { sale: await this.answerExisting(em, existing, null, 'REFUND'), created: false };
    }
    // The sale row is locked so two refunds of one sale cannot both pass the "at most sold" check.
    const original = await this.repo.findSale(em, saleId, this.uow.lockMode());
    if (!original) throw AppError.notFound('Sale');
    const op = await this.operator(em, user, original.enterpriseId);
    if (original.kind !== 'SALE') throw TillErrors.notASale();
    const saleSession = await this.sessionOf(em, original.sessionId);
    const session = await this.repo.findOpenSession(em, `${saleSession.enterpriseId}:${saleSession.till}`);
    if (!session) throw new AppError('TILL_NOT_OPEN', 'Open a session on this till to make a refund', 409);

    const soldLines = await this.repo.findLines(em, [saleId]);
    const refunded = await this.repo.refundedQuantities(em, saleId);
    const asked = new Map<string, number>();
    for (const l of dto.lines) asked.set(l.productId, (asked.get(l.productId) ?? 0) + l.quantity);
    const tooMuch: ErrorDetail[] = [];
    const lines: TillSaleLine[] = [];
    const refundId = newId();
    for (const [productId, qty] of asked) {
      const sold = soldLines.filter((l) => l.productId === productId);
      const soldQty = sold.reduce((s, l) => s + l.quantity, 0);
      const left = soldQty - (refunded.get(productId) ?? 0);
      if (!sold.length || qty > left) {
        tooMuch.push({ field: 'lines', productId, code: 'REFUND_EXCEEDS_SALE', message: `At most ${Math.max(left, 0)} can be refunded`, refundable: Math.max(left, 0) });
        continue;
      }
      const first = sold[0];
      lines.push({ id: newId(), saleId: refundId, lineNo: lines.length + 1, productId, productName: first.productName, category: first.category, quantity: qty, unitPricePence: first.unitPricePence, unitCostPence: first.unitCostPence, incomeAccountCode: first.incomeAccountCode } as TillSaleLine);
    }
    if (tooMuch.length) throw TillErrors.refundTooMuch(tooMuch);
    const totalPence = lines.reduce((s, l) => s + l.quantity * l.unitPricePence, 0);

    // What each of the sale's payments still holds: cash less change, less earlier refunds by that method.
    const salePayments = await this.repo.findPayments(em, [saleId]);
    const earlierRefunds = await this.repo.findRefundsOf(em, saleId);
    const paidBack = await this.repo.findPayments(em, earlierRefunds.map((r) => r.id));
    let change = original.changePence;
    const parts = salePayments.map((p) => {
      let remaining = p.amountPence;
      if (p.method === 'CASH' && change > 0) {
        const c = Math.min(change, remaining);
        remaining -= c;
        change -= c;
      }
      return { method: p.method, remainingPence: remaining, ref: p };
    });
    for (const back of paidBack) {
      let left = back.amountPence;
      for (const part of parts) {
        if (left <= 0) break;
        if (part.method !== back.method || part.ref.patientId !== back.patientId || part.ref.costCentreId !== back.costCentreId) continue;
        const t = Math.min(left, part.remainingPence);
        part.remainingPence -= t;
        left -= t;
      }
    }
    const allocation = allocateRefund(totalPence, parts);
    if (op.kind !== 'STAFF' && allocation.some((a) => a.method === 'PATIENT_ACCOUNT')) throw TillErrors.staffOnly('saleId');
    const payments = allocation.map((a) => ({ id: newId(), saleId: refundId, method: a.method, amountPence: a.amountPence, patientId: a.ref.patientId, costCentreId: a.ref.costCentreId }) as TillPayment);

    const now = new Date();
    const refund = { id: refundId, clientId: dto.clientId, sessionId: session.id, enterpriseId: original.enterpriseId, kind: 'REFUND', customerType: original.customerType, totalPence, changePence: 0, refundOfSaleId: saleId, reason: dto.reason, operatorUserId: user.id, createdAt: now } as TillSale;
    await em.insert(TillSale, refund);
    await em.insert(TillSaleLine, lines);
    await em.insert(TillPayment, payments);
    const products = new Map((await this.repo.lockProducts(em, [...asked.keys()], this.uow.lockMode())).map((p) => [p.id, p]));
    await this.moveStock(em, user, products, asked, 1, 'REFUND', refundId, now, new Map(lines.map((l) => [l.productId, l.unitCostPence])));
    await this.audit.record({ action: 'till.refund', entityType: 'till_sale', entityId: refundId, detail: { saleId, totalPence, reason: dto.reason } });
    return { sale: toSaleDto(refund, lines, payments), created: true };
  }

  // ---- cash in / out ----

  async cashMovement(user: AuthUser, sessionId: string, dto: CashMovementInputDto): Promise<CashMovementDto> {
    return this.uow.run(async (em) => {
      const session = await this.sessionOf(em, sessionId, true);
      await this.operator(em, user, session.enterpriseId);
      if (session.status !== 'OPEN') throw TillErrors.sessionClosed();
      const m = { id: newId(), sessionId, kind: dto.kind, amountPence: dto.amountPence, reason: dto.reason, byUserId: user.id, createdAt: new Date() } as TillCashMovement;
      await em.insert(TillCashMovement, m);
      await this.audit.record({ action: 'till.cash', entityType: 'till_session', entityId: sessionId, detail: { kind: dto.kind, amountPence: dto.amountPence } });
      return { id: m.id, kind: m.kind, amountPence: m.amountPence, reason: m.reason, createdAt: m.createdAt.toISOString() };
    });
  }

  // ---- closing ----

  private async totalsOf(em: EntityManager, session: TillSession): Promise<{ totals: SessionTotals; sales: TillSale[]; lines: TillSaleLine[]; payments: TillPayment[]; moves: TillCashMovement[] }> {
    const sales = await this.repo.findSalesOfSession(em, session.id);
    const ids = sales.map((s) => s.id);
    const lines = await this.repo.findLines(em, ids);
    const payments = await this.repo.findPayments(em, ids);
    const moves = await this.repo.findCashMovements(em, session.id);
    const linesBy = new Map<string, TillSaleLine[]>();
    for (const l of lines) linesBy.set(l.saleId, [...(linesBy.get(l.saleId) ?? []), l]);
    const payBy = new Map<string, TillPayment[]>();
    for (const p of payments) payBy.set(p.saleId, [...(payBy.get(p.saleId) ?? []), p]);
    const totals = sessionTotals({
      openingFloatPence: session.openingFloatPence,
      sales: sales.map((s) => ({ kind: s.kind, changePence: s.changePence, lines: linesBy.get(s.id) ?? [], payments: payBy.get(s.id) ?? [] })),
      cashMovements: moves,
    });
    return { totals, sales, lines, payments, moves };
  }

  /** Closes the session with the counted cash and posts its one journal entry (again: the same answer). */
  async close(user: AuthUser, sessionId: string, dto: CloseSessionDto): Promise<CloseResultDto> {
    return this.uow.run(async (em) => {
      const session = await this.sessionOf(em, sessionId, true);
      await this.operator(em, user, session.enterpriseId);
      if (session.status === 'CLOSED') {
        return { expectedCashPence: session.expectedCashPence!, countedCashPence: session.countedCashPence!, differencePence: session.countedCashPence! - session.expectedCashPence!, journalEntryId: session.journalEntryId };
      }
      const { totals } = await this.totalsOf(em, session);
      const lines = sessionEntryLines(totals, dto.countedCashPence);
      let journalEntryId: string | null = null;
      if (lines.length) {
        const posted = await this.ledger.postIn(em, user, session.enterpriseId, {
          idempotencyKey: `till-session:${session.id}`,
          occurredOn: londonDate(new Date(session.openedAt)),
          description: `Till ${session.till}: session opened ${new Date(session.openedAt).toISOString().slice(0, 16).replace('T', ' ')}`,
          source: 'SALE',
          lines,
          postToNextOpenPeriod: dto.postToNextOpenPeriod,
        });
        journalEntryId = posted.entry.id;
      }
      const closedAt = new Date();
      await em.update(TillSession, { id: session.id }, { status: 'CLOSED', openKey: session.id, expectedCashPence: totals.expectedCashPence, countedCashPence: dto.countedCashPence, journalEntryId, closedAt, closedByUserId: user.id });
      await this.audit.record({ action: 'till.session.close', entityType: 'till_session', entityId: session.id, detail: { expectedCashPence: totals.expectedCashPence, countedCashPence: dto.countedCashPence } });
      return { expectedCashPence: totals.expectedCashPence, countedCashPence: dto.countedCashPence, differencePence: dto.countedCashPence - totals.expectedCashPence, journalEntryId };
    });
  }

  /** The Z report of a session: for the enterprise's staff (it names the operators). */
  async zReport(user: AuthUser, sessionId: string): Promise<ZReport> {
    return this.uow.read(async (em) => {
      const session = await this.sessionOf(em, sessionId);
      await this.access.findManageable(em, user, session.enterpriseId);
      const { totals, sales, lines, moves } = await this.totalsOf(em, session);
      const kindOf = new Map(sales.map((s) => [s.id, s.kind]));
      const byProduct = new Map<string, ZReport['byProduct'][number]>();
      for (const l of lines) {
        const row = byProduct.get(l.productId) ?? { productId: l.productId, name: l.productName, category: l.category, quantity: 0, salesPence: 0, refundedQuantity: 0, refundsPence: 0 };
        if (kindOf.get(l.saleId) === 'SALE') {
          row.quantity += l.quantity;
          row.salesPence += l.quantity * l.unitPricePence;
        } else {
          row.refundedQuantity += l.quantity;
          row.refundsPence += l.quantity * l.unitPricePence;
        }
        byProduct.set(l.productId, row);
      }
      const products = [...byProduct.values()].sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
      const byCategory = new Map<string, { category: string; salesPence: number; refundsPence: number }>();
      for (const p of products) {
        const c = byCategory.get(p.category) ?? { category: p.category, salesPence: 0, refundsPence: 0 };
        c.salesPence += p.salesPence;
        c.refundsPence += p.refundsPence;
        byCategory.set(p.category, c);
      }
      const operatorIds = [...new Set(sales.map((s) => s.operatorUserId))];
      const users = operatorIds.length ? await em.find(User, { where: operatorIds.map((id) => ({ id })), select: { id: true, displayName: true } }) : [];
      return {
        session: toSessionDto(session),
        operators: users.map((u) => ({ userId: u.id, displayName: u.displayName })),
        byProduct: products,
        byCategory: [...byCategory.values()],
        paymentsByMethod: totals.byMethod,
        refunds: sales.filter((s) => s.kind === 'REFUND').map((s) => ({ id: s.id, refundOfSaleId: s.refundOfSaleId, totalPence: s.totalPence, reason: s.reason, createdAt: new Date(s.createdAt).toISOString() })),
        cashMovements: moves.map((m) => ({ id: m.id, kind: m.kind, amountPence: m.amountPence, reason: m.reason, createdAt: new Date(m.createdAt).toISOString() })),
        salesCount: sales.filter((s) => s.kind === 'SALE').length,
        salesPence: totals.salesPence,
        refundsPence: totals.refundsPence,
        expectedCashPence: totals.expectedCashPence,
        countedCashPence: session.countedCashPence,
        differencePence: session.countedCashPence === null ? null : session.countedCashPence - totals.expectedCashPence,
      };
    });
  }

  // ---- stock ----

  private toStockItem(p: Product): StockItemDto {
    return { productId: p.id, name: p.name, category: p.category, stockOnHand: p.stockOnHand, averageCostPence: p.averageCostPence, valuePence: p.stockOnHand * p.averageCostPence, reorderLevel: p.reorderLevel, low: p.reorderLevel !== null && p.stockOnHand < p.reorderLevel, allowNegativeStock: p.allowNegativeStock };
  }

  async stock(user: AuthUser, enterpriseId: string): Promise<StockItemDto[]> {
    return this.uow.read(async (em) => {
      await this.access.findManageable(em, user, enterpriseId);
      const products = await em.find(Product, { where: { enterpriseId, trackStock: true }, order: { category: 'ASC', name: 'ASC' } });
      return products.map((p) => this.toStockItem(p));
    });
  }

  private async trackedProducts(em: EntityManager, enterpriseId: string, ids: string[]): Promise<Map<string, Product>> {
    const products = new Map((await this.repo.lockProducts(em, ids, this.uow.lockMode())).map((p) => [p.id, p]));
    const bad: ErrorDetail[] = [];
    ids.forEach((id, i) => {
      const p = products.get(id);
      if (!p || p.enterpriseId !== enterpriseId || p.kind !== 'PRODUCT') bad.push({ field: `lines.${i}.productId`, code: 'PRODUCT_NOT_AVAILABLE', message: 'Not a product of this enterprise' });
      else if (!p.trackStock) bad.push({ field: `lines.${i}.productId`, code: 'STOCK_NOT_TRACKED', message: `Stock is not tracked for ${p.name}` });
    });
    if (bad.length) throw bad.some((b) => b.code === 'STOCK_NOT_TRACKED') && !bad.some((b) => b.code === 'PRODUCT_NOT_AVAILABLE') ? TillErrors.notTracked(bad) : TillErrors.productNotSold(bad);
    return products;
  }

  /** Goods received: stock up, moving average cost updated; optionally the purchase posted (Dr Stock / Cr Bank). */
  async receive(user: AuthUser, enterpriseId: string, dto: StockReceiptDto): Promise<StockResultDto> {
    return this.uow.run(async (em) => {
      await this.access.findManageable(em, user, enterpriseId);
      const products = await this.trackedProducts(em, enterpriseId, dto.lines.map((l) => l.productId));
      const id = newId();
      const now = new Date();
      let totalPence = 0;
      const moves: StockMovement[] = [];
      for (const l of dto.lines) {
        const p = products.get(l.productId)!;
        p.averageCostPence = movingAverageCost(p.stockOnHand, p.averageCostPence, l.quantity, l.unitCostPence);
        p.stockOnHand += l.quantity;
        totalPence += l.quantity * l.unitCostPence;
        await em.update(Product, { id: p.id }, { stockOnHand: p.stockOnHand, averageCostPence: p.averageCostPence });
        moves.push({ id: newId(), enterpriseId, productId: p.id, kind: 'RECEIPT', quantity: l.quantity, unitCostPence: l.unitCostPence, onHandAfter: p.stockOnHand, saleId: null, reason: null, journalEntryId: null, byUserId: user.id, createdAt: now } as StockMovement);
      }
      let journalEntryId: string | null = null;
      if (dto.postPurchase && totalPence > 0) {
        const posted = await this.ledger.postIn(em, user, enterpriseId, { idempotencyKey: `stock-receipt:${id}`, occurredOn: londonDate(now), description: 'Stock received', source: 'PURCHASE', lines: [{ accountCode: TILL_ACCOUNTS.stock, debitPence: totalPence }, { accountCode: TILL_ACCOUNTS.bank, creditPence: totalPence }] });
        journalEntryId = posted.entry.id;
      }
      await em.insert(StockMovement, moves.map((m) => ({ ...m, journalEntryId })));
      await this.audit.record({ action: 'stock.receipt', entityType: 'enterprise', entityId: enterpriseId, detail: { receiptId: id, totalPence, posted: !!journalEntryId } });
      return { id, items: [...products.values()].map((p) => this.toStockItem(p)), journalEntryId };
    });
  }

  /** A stock take: on hand set to the count; the difference valued at average cost and posted (stock loss or gain). */
  async take(user: AuthUser, enterpriseId: string, dto: StockTakeDto): Promise<StockResultDto> {
    return this.uow.run(async (em) => {
      await this.access.findManageable(em, user, enterpriseId);
      const products = await this.trackedProducts(em, enterpriseId, dto.lines.map((l) => l.productId));
      const id = newId();
      const now = new Date();
      let valuePence = 0;
      const moves: StockMovement[] = [];
      for (const l of dto.lines) {
        const p = products.get(l.productId)!;
        const diff = l.countedQuantity - p.stockOnHand;
        if (diff === 0) continue;
        p.stockOnHand = l.countedQuantity;
        valuePence += diff * p.averageCostPence;
        await em.update(Product, { id: p.id }, { stockOnHand: p.stockOnHand });
        moves.push({ id: newId(), enterpriseId, productId: p.id, kind: 'TAKE', quantity: diff, unitCostPence: p.averageCostPence, onHandAfter: p.stockOnHand, saleId: null, reason: dto.reason, journalEntryId: null, byUserId: user.id, createdAt: now } as StockMovement);
      }
      let journalEntryId: string | null = null;
      if (valuePence !== 0) {
        const gain = valuePence > 0;
        const v = Math.abs(valuePence);
        const posted = await this.ledger.postIn(em, user, enterpriseId, {
          idempotencyKey: `stock-take:${id}`,
          occurredOn: londonDate(now),
          description: `Stock take: ${dto.reason}`.slice(0, 300),
          source: 'MANUAL',
          lines: gain ? [{ accountCode: TILL_ACCOUNTS.stock, debitPence: v }, { accountCode: TILL_ACCOUNTS.stockAdjustments, creditPence: v }] : [{ accountCode: TILL_ACCOUNTS.stockAdjustments, debitPence: v }, { accountCode: TILL_ACCOUNTS.stock, creditPence: v }],
        });
        journalEntryId = posted.entry.id;
      }
      if (moves.length) await em.insert(StockMovement, moves.map((m) => ({ ...m, journalEntryId })));
      await this.audit.record({ action: 'stock.take', entityType: 'enterprise', entityId: enterpriseId, detail: { takeId: id, valuePence, reason: dto.reason } });
      return { id, items: [...products.values()].map((p) => this.toStockItem(p)), journalEntryId };
    });
  }
}
