import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { newId } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { EnterpriseAccess } from '../enterprises/enterprise-access';
import { User } from '../users/user.entity';
import { Ward } from '../wards/ward.entity';
import { CostCentreAccess } from './cost-centre-access';
import { CostCentreUser } from './cost-centre-user.entity';
import { CostCentre } from './cost-centre.entity';
import { Product } from '../catalogue/product.entity';
import type { CostCentreDto, CreateCostCentreDto, StatementDto, StatementOrderDto, UpdateCostCentreDto } from './dto/orders.dto';
import { bookingReference } from './order-rules';
import { OrderErrors } from './orders.errors';
import { OrdersRepository } from './orders.repository';
import { RECHARGE_ACCOUNTS } from './orders.service';

/** Cost centres (admins set them up and say who else may use them) and their monthly recharge statements. */
@Injectable()
export class CostCentresService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: OrdersRepository,
    private readonly access: CostCentreAccess,
    private readonly enterpriseAccess: EnterpriseAccess,
    private readonly audit: AuditService,
  ) {}

  /** Every cost centre (they are budgets, not patient data), each saying whether the caller may order on it. */
  async list(user: AuthUser): Promise<CostCentreDto[]> {
    return this.uow.read(async (em) => {
      const usable = new Set(await this.access.usableIds(em, user));
      const rows = await em.find(CostCentre, { order: { code: 'ASC' } });
      return rows.map((c) => toDto(c, usable.has(c.id)));
    });
  }

  /** Wards and staff an admin can choose from when adding a cost centre. */
  async formOptions(): Promise<{ wards: { id: string; name: string }[]; users: { id: string; name: string }[] }> {
    return this.uow.read(async (em) => ({
      wards: (await em.find(Ward, { where: { active: true }, order: { name: 'ASC' } })).map((w) => ({ id: w.id, name: w.name })),
      users: (await em.find(User, { where: { active: true }, order: { displayName: 'ASC' } })).filter((u) => u.role !== 'PATIENT' && u.role !== 'COMMISSIONER').map((u) => ({ id: u.id, name: `${u.displayName} (${u.username})` })),
    }));
  }

  async create(user: AuthUser, dto: CreateCostCentreDto): Promise<CostCentreDto> {
    return this.uow.run(async (em) => {
      if (await this.repo.findCostCentreByCode(em, dto.code)) throw OrderErrors.costCentreCodeTaken(dto.code);
      if (dto.wardId && !(await em.exists(Ward, { where: { id: dto.wardId } }))) throw AppError.validation('No such ward', [{ field: 'wardId', message: 'Choose a ward' }]);
      if (dto.budgetHolderUserId && !(await em.exists(User, { where: { id: dto.budgetHolderUserId } }))) throw AppError.validation('No such user', [{ field: 'budgetHolderUserId', message: 'Choose a user' }]);
      const cc = { id: newId(), code: dto.code, name: dto.name, wardId: dto.wardId ?? null, budgetHolderUserId: dto.budgetHolderUserId ?? null, active: true, createdAt: new Date() } as CostCentre;
      await em.insert(CostCentre, cc);
      await this.audit.record({ action: 'cost-centre.create', entityType: 'cost_centre', entityId: cc.id, detail: { code: cc.code } });
      return toDto(cc, true);
    });
  }

  /** Renames, closes or reopens a cost centre, or changes its budget holder; cost centres are never deleted. */
  async update(user: AuthUser, code: string, dto: UpdateCostCentreDto): Promise<CostCentreDto> {
    return this.uow.run(async (em) => {
      const cc = await this.repo.findCostCentreByCode(em, code);
      if (!cc) throw AppError.notFound('Cost centre');
      if (dto.budgetHolderUserId && !(await em.exists(User, { where: { id: dto.budgetHolderUserId } }))) throw AppError.validation('No such user', [{ field: 'budgetHolderUserId', message: 'Choose a user' }]);
      if (dto.name !== undefined) cc.name = dto.name;
      if (dto.active !== undefined) cc.active = dto.active;
      if (dto.budgetHolderUserId !== undefined) cc.budgetHolderUserId = dto.budgetHolderUserId;
      await em.update(CostCentre, { id: cc.id }, { name: cc.name, active: cc.active, budgetHolderUserId: cc.budgetHolderUserId });
      await this.audit.record({ action: 'cost-centre.update', entityType: 'cost_centre', entityId: cc.id, detail: { ...dto } });
      return toDto(cc, true);
    });
  }

  /** Replaces who (besides the ward's staff) may order on a cost centre. */
  async setUsers(user: AuthUser, code: string, userIds: string[]): Promise<CostCentreDto> {
    return this.uow.run(async (em) => {
      const cc = await this.repo.findCostCentreByCode(em, code);
      if (!cc) throw AppError.notFound('Cost centre');
      if (userIds.length && (await em.count(User, { where: { id: In(userIds) } })) !== userIds.length) throw AppError.validation('No such user', [{ field: 'userIds', message: 'Choose existing users' }]);
      await em.delete(CostCentreUser, { costCentreId: cc.id });
      if (userIds.length) await em.insert(CostCentreUser, userIds.map((userId) => ({ costCentreId: cc.id, userId })));
      await this.audit.record({ action: 'cost-centre.users', entityType: 'cost_centre', entityId: cc.id, detail: { userIds } });
      return { ...toDto(cc, true), userIds };
    });
  }

  /**
   * The month's delivered orders of a cost centre, by the date of their recharge entry, with
   * the same recharges summed from the ledger beside them. Admins see every enterprise's;
   * a lead sees their enterprises'; the cost centre's own users see all of theirs.
   */
  async statement(user: AuthUser, code: string, month: string): Promise<StatementDto> {
    return this.uow.read(async (em) => {
      const cc = await this.repo.findCostCentreByCode(em, code);
      if (!cc) throw AppError.notFound('Cost centre');
      let enterpriseIds: string[] | null = null;
      if (user.role !== 'ADMIN' && !(await this.access.mayUse(em, user, cc))) {
        if (user.role !== 'ENTERPRISE_LEAD') throw AppError.notFound('Cost centre');
        enterpriseIds = await this.enterpriseAccess.enterpriseIdsLedBy(em, user.id);
      }
      const orders = await this.repo.findRecharged(em, cc.id, month, enterpriseIds);
      const bookings = await this.repo.findRechargedBookings(em, cc.id, month, enterpriseIds);
      const lines = await this.repo.findLinesOf(em, orders.map((o) => o.id));
      const names = await this.repo.enterpriseNames(em, [...new Set([...orders, ...bookings].map((o) => o.enterpriseId))]);
      const services = bookings.length ? await em.findBy(Product, { id: In([...new Set(bookings.map((b) => b.serviceId))]) }) : [];
      const serviceNames = new Map(services.map((p) => [p.id, p.name]));
      const orderRows: StatementOrderDto[] = orders
        .filter((o) => o.journalEntryId)
        .map((o) => {
          const own = lines.filter((l) => l.orderId === o.id && (l.deliveredQuantity ?? 0) > 0);
          return {
            kind: 'ORDER',
            orderId: o.id,
            reference: o.reference,
            enterpriseName: names.get(o.enterpriseId) ?? '',
            date: o.rechargedOn!,
            journalEntryId: o.journalEntryId!,
            lines: own.map((l) => ({ productName: l.productName, quantity: l.deliveredQuantity!, unitPricePence: l.unitPricePence, totalPence: l.deliveredQuantity! * l.unitPricePence })),
            totalPence: o.deliveredTotalPence ?? 0,
          };
        });
      const bookingRows: StatementOrderDto[] = bookings.map((b) => ({
        kind: 'BOOKING',
        orderId: b.id,
        reference: bookingReference(b.id),
        enterpriseName: names.get(b.enterpriseId) ?? '',
        date: b.rechargedOn!,
        journalEntryId: b.journalEntryId!,
        lines: [{ productName: serviceNames.get(b.serviceId) ?? 'Service', quantity: 1, unitPricePence: b.pricePence, totalPence: b.pricePence }],
        totalPence: b.pricePence,
      }));
      const rows = [...orderRows, ...bookingRows].sort((a, b) => a.date.localeCompare(b.date) || a.reference.localeCompare(b.reference));
      const totalPence = rows.reduce((s, r) => s + r.totalPence, 0);
      const ledgerTotalPence = await this.repo.debitsOn(em, rows.map((r) => r.journalEntryId), RECHARGE_ACCOUNTS.receivable);
      return { costCentreCode: cc.code, costCentreName: cc.name, month, orders: rows, totalPence, ledgerTotalPence, balanced: totalPence === ledgerTotalPence };
    });
  }
}

function toDto(c: CostCentre, canOrder: boolean): CostCentreDto {
  return { id: c.id, code: c.code, name: c.name, wardId: c.wardId, budgetHolderUserId: c.budgetHolderUserId, active: c.active, canOrder };
}
