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
import { LedgerService } from '../ledger/ledger.service';
import { bookingReference } from '../orders/order-rules';
import type { Product } from '../catalogue/product.entity';
import { EnterpriseAccess } from '../enterprises/enterprise-access';
import { Enterprise } from '../enterprises/enterprise.entity';
import { CostCentreAccess } from '../orders/cost-centre-access';
import { OrdersRepository } from '../orders/orders.repository';
import { OrdersService, RECHARGE_ACCOUNTS } from '../orders/orders.service';
import { OrderErrors } from '../orders/orders.errors';
import { londonInstant } from '../recruitment/london-time';
import { BookingErrors } from './bookings.errors';
import { BookingsRepository } from './bookings.repository';
import type { AvailabilityDto, AvailabilityQueryDto, BookingQueryDto, CreateBookingDto, OpeningPeriodDto, ServiceBookingDto } from './dto/bookings.dto';
import { OpeningHours } from './opening-hours.entity';
import { ServiceBooking } from './service-booking.entity';
import { customerMayCancel, slotsBetween, withFreePlaces, type Slot } from './slot-rules';
import type { OrderDto } from '../orders/dto/orders.dto';

/**
 * Service bookings (the car valet and other slot services): opening hours, availability and
 * booking. A slot never takes more bookings than its capacity: the count and the insert run
 * in one unit of work holding a row lock on the service (SELECT ... FOR UPDATE on PostgreSQL,
 * one writer at a time on SQLite), so concurrent requests on any number of app instances
 * queue for the same slot instead of each seeing a free place.
 */
@Injectable()
export class BookingsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: BookingsRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly enterpriseAccess: EnterpriseAccess,
    private readonly ccAccess: CostCentreAccess,
    private readonly orders: OrdersRepository,
    private readonly ordersService: OrdersService,
    private readonly catalogueService: CatalogueService,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  // ---- opening hours ----

  async openingHours(enterpriseId: string): Promise<OpeningPeriodDto[]> {
    return this.uow.read(async (em) => {
      if (!(await em.exists(Enterprise, { where: { id: enterpriseId } }))) throw AppError.notFound('Enterprise');
      return (await this.repo.findOpeningHours(em, enterpriseId)).map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt }));
    });
  }

  async setOpeningHours(user: AuthUser, enterpriseId: string, periods: OpeningPeriodDto[]): Promise<OpeningPeriodDto[]> {
    periods.forEach((p, i) => {
      if (p.opensAt >= p.closesAt) throw BookingErrors.badHours(`periods.${i}.closesAt`);
    });
    return this.uow.run(async (em) => {
      await this.enterpriseAccess.findManageable(em, user, enterpriseId);
      await em.delete(OpeningHours, { enterpriseId });
      if (periods.length) await em.insert(OpeningHours, periods.map((p) => ({ id: newId(), enterpriseId, ...p })));
      await this.audit.record({ action: 'enterprise.opening-hours', entityType: 'enterprise', entityId: enterpriseId, detail: { periods: periods.length } });
      return periods;
    });
  }

  // ---- availability ----

  async availability(enterpriseId: string, q: AvailabilityQueryDto): Promise<AvailabilityDto> {
    if (q.to < q.from || q.to > addDays(q.from, 31)) throw BookingErrors.rangeTooLong();
    return this.uow.read(async (em) => {
      const { service, enterprise } = await this.serviceOf(em, q.serviceId);
      if (enterprise.id !== enterpriseId) throw AppError.notFound('Service');
      const slots = await this.slotsOf(em, service, enterprise, q.from, q.to);
      const booked = await this.repo.findBookedStarts(em, service.id, londonInstant(q.from, '00:00')!, londonInstant(addDays(q.to, 1), '00:00')!);
      return {
        serviceId: service.id,
        capacity: service.slotCapacity ?? 1,
        slots: withFreePlaces(slots, service.slotCapacity ?? 1, booked).map((s) => ({ startAt: s.startAt.toISOString(), endAt: s.endAt.toISOString(), free: s.free })),
      };
    });
  }

  private async slotsOf(em: EntityManager, service: Product, enterprise: Enterprise, from: string, to: string): Promise<Slot[]> {
    // A paused or closed enterprise takes no bookings.
    if (enterprise.status !== 'ACTIVE') return [];
    const hours = await this.repo.findOpeningHours(em, enterprise.id);
    const closures = await this.repo.findClosures(em, enterprise.siteId, enterprise.id, from, to);
    const times = { durationMinutes: service.durationMinutes ?? 60, bufferMinutes: service.bufferMinutes ?? 0, minimumNoticeMinutes: service.minimumNoticeMinutes ?? 0 };
    return slotsBetween(from, to, times, hours, new Set(closures.keys()), new Date());
  }

  private async serviceOf(em: EntityManager, serviceId: string, lock = false): Promise<{ service: Product; enterprise: Enterprise }> {
    const service = await this.catalogue.findProduct(em, serviceId, lock ? this.uow.lockMode() : undefined);
    if (!service) throw AppError.notFound('Service');
    if (service.kind !== 'SERVICE' || !service.active) throw BookingErrors.notAService();
    const enterprise = (await em.findOne(Enterprise, { where: { id: service.enterpriseId } }))!;
    return { service, enterprise };
  }

  // ---- booking ----

  async book(user: AuthUser, dto: CreateBookingDto): Promise<ServiceBookingDto> {
    return this.uow.run(async (em) => {
      // The service row is the lock every booking of this service queues on.
      const { service, enterprise } = await this.serviceOf(em, dto.serviceId, true);
      const startAt = new Date(dto.startAt);
      const date = londonDate(startAt);
      const slot = (await this.slotsOf(em, service, enterprise, date, date)).find((s) => s.startAt.getTime() === startAt.getTime());
      if (!slot) throw BookingErrors.slotUnavailable();
      const capacity = service.slotCapacity ?? 1;
      if ((await this.repo.countLiveInSlot(em, service.id, startAt)) >= capacity) throw BookingErrors.slotFull(capacity);
      const payment = dto.payment ?? 'ON_COLLECTION';
      let costCentreId: string | null = null;
      if (payment === 'RECHARGE') {
        if (!dto.costCentreCode) throw BookingErrors.costCentreRequired();
        const cc = await this.orders.findCostCentreByCode(em, dto.costCentreCode);
        if (!cc) throw AppError.notFound('Cost centre');
        if (!(await this.ccAccess.mayUse(em, user, cc)) && !(await this.enterpriseAccess.leadsEnterprise(em, user, enterprise.id))) throw OrderErrors.costCentreNotAllowed(cc.code);
        costCentreId = cc.id;
      }
      const customerName = dto.customerName && (user.role === 'ADMIN' || (await this.enterpriseAccess.leadsEnterprise(em, user, enterprise.id))) ? dto.customerName : null;
      const b = {
        id: newId(),
        serviceId: service.id,
        enterpriseId: enterprise.id,
        startAt: slot.startAt,
        endAt: slot.endAt,
        customerUserId: user.id,
        customerName,
        details: dto.details ?? null,
        payment,
        costCentreId,
        pricePence: await this.catalogueService.currentPrice(em, service),
        status: 'BOOKED',
        cancelReason: null,
        cancelledAt: null,
        completedAt: null,
        journalEntryId: null,
        rechargedOn: null,
        createdByUserId: user.id,
        createdAt: new Date(),
      } as ServiceBooking;
      await em.insert(ServiceBooking, b);
      await this.audit.record({ action: 'service-booking.create', entityType: 'service_booking', entityId: b.id, detail: { serviceId: service.id, startAt: slot.startAt.toISOString() } });
      return (await this.toDtos(em, [b]))[0];
    });
  }

  /**
   * The enterprise marks a booking done. A recharge booking then posts its recharge, as a
   * delivered order does: Dr Internal recharges receivable / Cr Internal contracts, once.
   */
  async complete(user: AuthUser, id: string): Promise<ServiceBookingDto> {
    return this.uow.run(async (em) => {
      const b = await em.findOne(ServiceBooking, { where: { id }, lock: this.uow.lockMode() });
      if (!b) throw AppError.notFound('Booking');
      if (user.role !== 'ADMIN' && !(await this.enterpriseAccess.leadsEnterprise(em, user, b.enterpriseId))) {
        if (b.customerUserId === user.id) throw AppError.forbidden('Only the enterprise marks a booking done');
        throw AppError.notFound('Booking');
      }
      if (b.status !== 'BOOKED') throw BookingErrors.notActive();
      const now = new Date();
      b.status = 'COMPLETED';
      b.completedAt = now;
      if (b.payment === 'RECHARGE' && b.costCentreId && b.pricePence > 0) {
        const cc = (await this.orders.costCentresByIds(em, [b.costCentreId])).get(b.costCentreId)!;
        const service = (await this.catalogue.findProduct(em, b.serviceId))!;
        const posted = await this.ledger.postIn(em, user, b.enterpriseId, {
          idempotencyKey: `service-booking:${b.id}`,
          occurredOn: londonDate(now),
          description: `Recharge ${bookingReference(b.id)} ${service.name} to ${cc.code} ${cc.name}`.slice(0, 300),
          source: 'INTERNAL_CONTRACT',
          postToNextOpenPeriod: true,
          lines: [
            { accountCode: RECHARGE_ACCOUNTS.receivable, debitPence: b.pricePence },
            { accountCode: RECHARGE_ACCOUNTS.income, creditPence: b.pricePence },
          ],
        });
        b.journalEntryId = posted.entry.id;
        b.rechargedOn = posted.entry.occurredOn;
      }
      await em.update(ServiceBooking, { id }, { status: b.status, completedAt: now, journalEntryId: b.journalEntryId, rechargedOn: b.rechargedOn });
      await this.audit.record({ action: 'service-booking.complete', entityType: 'service_booking', entityId: id });
      return (await this.toDtos(em, [b]))[0];
    });
  }

  /** Cancelling frees the place. Customers cancel up to the service's cut-off; the enterprise at any time. */
  async cancel(user: AuthUser, id: string, reason: string): Promise<ServiceBookingDto> {
    return this.uow.run(async (em) => {
      const b = await em.findOne(ServiceBooking, { where: { id }, lock: this.uow.lockMode() });
      if (!b) throw AppError.notFound('Booking');
      const enterpriseSide = user.role === 'ADMIN' || (await this.enterpriseAccess.leadsEnterprise(em, user, b.enterpriseId));
      if (!enterpriseSide && b.customerUserId !== user.id) throw AppError.notFound('Booking');
      if (b.status !== 'BOOKED') throw BookingErrors.notActive();
      if (!enterpriseSide) {
        const service = (await this.catalogue.findProduct(em, b.serviceId))!;
        const cutoff = service.cancellationCutoffMinutes ?? 0;
        if (!customerMayCancel(new Date(b.startAt), cutoff, new Date())) throw BookingErrors.cutoffPassed(cutoff);
      }
      b.status = 'CANCELLED';
      b.cancelReason = reason;
      b.cancelledAt = new Date();
      await em.update(ServiceBooking, { id }, { status: b.status, cancelReason: reason, cancelledAt: b.cancelledAt });
      await this.audit.record({ action: 'service-booking.cancel', entityType: 'service_booking', entityId: id });
      return (await this.toDtos(em, [b]))[0];
    });
  }

  async list(user: AuthUser, q: BookingQueryDto): Promise<ServiceBookingDto[]> {
    return this.uow.read(async (em) => {
      const range = { fromAt: q.from ? londonInstant(q.from, '00:00')! : undefined, toAt: q.to ? londonInstant(addDays(q.to, 1), '00:00')! : undefined };
      let enterpriseIds: string[] | null = null;
      if (!q.mine) {
        enterpriseIds = user.role === 'ADMIN' ? null : await this.enterpriseAccess.enterpriseIdsLedBy(em, user.id);
        if (q.enterpriseId) enterpriseIds = enterpriseIds === null || enterpriseIds.includes(q.enterpriseId) ? [q.enterpriseId] : [];
      }
      const rows = await this.repo.findBookings(em, { customerUserId: q.mine ? user.id : undefined, enterpriseIds, ...range });
      return this.toDtos(em, rows);
    });
  }

  /** The enterprise's day: orders to fulfil and services booked, for the day sheet and the rota. */
  async daySheet(user: AuthUser, enterpriseId: string, date = londonDate()): Promise<{ date: string; enterpriseName: string; orders: OrderDto[]; bookings: ServiceBookingDto[] }> {
    return this.uow.read(async (em) => {
      const enterprise = await this.enterpriseAccess.findManageable(em, user, enterpriseId);
      const orders = await this.ordersService.forDay(em, enterpriseId, date);
      const rows = await this.repo.findBookings(em, { enterpriseIds: [enterpriseId], fromAt: londonInstant(date, '00:00')!, toAt: londonInstant(addDays(date, 1), '00:00')! });
      return { date, enterpriseName: enterprise.name, orders, bookings: await this.toDtos(em, rows.filter((b) => b.status !== 'CANCELLED')) };
    });
  }

  async toDtos(em: EntityManager, rows: ServiceBooking[]): Promise<ServiceBookingDto[]> {
    if (!rows.length) return [];
    const services = new Map((await this.catalogue.findProductsByIds(em, [...new Set(rows.map((b) => b.serviceId))])).map((p) => [p.id, p]));
    const names = await this.orders.enterpriseNames(em, [...new Set(rows.map((b) => b.enterpriseId))]);
    const ccs = await this.orders.costCentresByIds(em, [...new Set(rows.map((b) => b.costCentreId).filter((x): x is string => !!x))]);
    // A closure added after booking flags the booking (it is never deleted): the customer sees why.
    const closures = new Map<string, Map<string, string>>();
    for (const enterpriseId of new Set(rows.map((b) => b.enterpriseId))) {
      const e = (await em.findOne(Enterprise, { where: { id: enterpriseId } }))!;
      const dates = rows.filter((b) => b.enterpriseId === enterpriseId).map((b) => londonDate(new Date(b.startAt))).sort();
      closures.set(enterpriseId, await this.repo.findClosures(em, e.siteId, enterpriseId, dates[0], dates[dates.length - 1]));
    }
    return rows.map((b) => {
      const closedFor = b.status === 'BOOKED' ? closures.get(b.enterpriseId)?.get(londonDate(new Date(b.startAt))) : undefined;
      return {
        id: b.id,
        serviceId: b.serviceId,
        serviceName: services.get(b.serviceId)?.name ?? '',
        enterpriseId: b.enterpriseId,
        enterpriseName: names.get(b.enterpriseId) ?? '',
        startAt: new Date(b.startAt).toISOString(),
        endAt: new Date(b.endAt).toISOString(),
        customerUserId: b.customerUserId,
        customerName: b.customerName,
        details: b.details,
        payment: b.payment,
        costCentreCode: b.costCentreId ? (ccs.get(b.costCentreId)?.code ?? null) : null,
        status: b.status,
        pricePence: b.pricePence,
        journalEntryId: b.journalEntryId,
        cancelReason: b.cancelReason,
        flag: closedFor ? { code: 'ENTERPRISE_CLOSED', message: `The enterprise is closed that day: ${closedFor}. Please rebook or cancel.` } : null,
      };
    });
  }
}
