import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CatalogueService } from '../catalogue/catalogue.service';
import type { ProductDto } from '../catalogue/dto/catalogue.dto';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { addDays, isValidDate, londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { isId, ParseIdPipe } from '../common/validation/parse-id.pipe';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { CostCentresService } from '../orders/cost-centres.service';
import { view as orderView } from '../orders/orders.pages.controller';
import { londonTimeOfDay } from '../recruitment/london-time';
import { STAFF_ROLES } from '../users/roles';
import { BookingsService } from './bookings.service';

type FormBody = Record<string, unknown>;

function text(body: FormBody, name: string): string {
  const v = body?.[name];
  return typeof v === 'string' ? v.trim() : '';
}

const DAY_LABEL = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long' });

/** Booking pages: My bookings, the slot picker (plain radios: works without JavaScript) and the enterprise's day sheet. */
@ApiExcludeController()
@Controller()
export class BookingsPagesController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly catalogue: CatalogueService,
    private readonly enterprises: EnterprisesService,
    private readonly costCentres: CostCentresService,
  ) {}

  @Get('bookings')
  @Roles(...STAFF_ROLES)
  async mine(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    await this.renderMine(res, user, { banner: done === 'booked' ? 'Your booking is confirmed.' : done === 'cancelled' ? 'Your booking is cancelled.' : undefined });
  }

  private async renderMine(res: Response, user: AuthUser, state: { banner?: string; errors?: Record<string, string> }, status = 200): Promise<void> {
    const rows = await this.bookings.list(user, { mine: true, from: addDays(londonDate(), -31) });
    const errorList = state.errors ? Object.entries(state.errors).map(([f, t]) => ({ text: t, href: `#${f}` })) : undefined;
    res.status(status).render('bookings/views/my-bookings.njk', { ...res.locals, bookings: rows.map((b) => ({ ...b, future: Date.parse(b.startAt) > Date.now() })), banner: state.banner, errors: state.errors ?? {}, errorList });
  }

  @Post('bookings/:id/cancel')
  @Roles(...STAFF_ROLES)
  async cancel(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const reason = text(body, 'reason');
    if (reason.length < 3) return this.renderMine(res, user, { errors: { [`reason-${id}`]: 'Give the reason for cancelling' } }, 422);
    try {
      await this.bookings.cancel(user, id, reason.slice(0, 1000));
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 404 || err.status >= 500) throw err;
      return this.renderMine(res, user, { errors: { [`reason-${id}`]: err.message } }, err.status);
    }
    res.redirect(303, '/bookings?done=cancelled');
  }

  @Get('bookings/new')
  @Roles(...STAFF_ROLES)
  async picker(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('serviceId') serviceId?: string, @Query('from') from?: string): Promise<void> {
    await this.renderPicker(res, user, serviceId, from, {});
  }

  @Post('bookings/new')
  @Roles(...STAFF_ROLES)
  async book(@CurrentUser() user: AuthUser, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const serviceId = text(body, 'serviceId');
    const values = { startAt: text(body, 'startAt'), details: text(body, 'details'), payment: text(body, 'payment') || 'ON_COLLECTION', costCentreCode: text(body, 'costCentreCode'), customerName: text(body, 'customerName') };
    const from = text(body, 'from');
    const errors: Record<string, string> = {};
    if (!values.startAt || Number.isNaN(Date.parse(values.startAt))) errors.startAt = 'Choose a time';
    if (values.payment === 'RECHARGE' && !values.costCentreCode) errors.costCentreCode = 'Choose the cost centre to recharge';
    if (Object.keys(errors).length) return this.renderPicker(res, user, serviceId, from, values, errors, 422);
    try {
      await this.bookings.book(user, {
        serviceId,
        startAt: new Date(values.startAt).toISOString(),
        details: values.details ? values.details.slice(0, 200) : undefined,
        payment: values.payment === 'RECHARGE' ? 'RECHARGE' : 'ON_COLLECTION',
        costCentreCode: values.payment === 'RECHARGE' ? values.costCentreCode : undefined,
        customerName: values.customerName ? values.customerName.slice(0, 120) : undefined,
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 404 || err.status >= 500) throw err;
      const d = Array.isArray(err.details) ? err.details[0] : undefined;
      const field = d?.field === 'costCentreCode' ? 'costCentreCode' : 'startAt';
      return this.renderPicker(res, user, serviceId, from, values, { [field]: d?.message ?? err.message }, err.status === 409 ? 409 : 422);
    }
    res.redirect(303, '/bookings?done=booked');
  }

  private async renderPicker(res: Response, user: AuthUser, serviceId: string | undefined, fromIn: string | undefined, values: Record<string, string>, errors?: Record<string, string>, status = 200): Promise<void> {
    const errorList = errors ? Object.entries(errors).map(([f, t]) => ({ text: t, href: `#${f}` })) : undefined;
    if (!serviceId || !isId(serviceId)) {
      const enterprises = (await this.enterprises.list(user, { limit: 200, offset: 0, status: 'ACTIVE' })).items;
      const groups: { name: string; services: ProductDto[] }[] = [];
      for (const e of enterprises) {
        const services = await this.catalogue.list(e.id, { kind: 'SERVICE' });
        if (services.length) groups.push({ name: e.name, services });
      }
      return void res.status(status).render('bookings/views/services.njk', { ...res.locals, groups, backHref: '/bookings' });
    }
    const service = await this.catalogue.get(serviceId);
    if (service.kind !== 'SERVICE' || !service.active) throw AppError.notFound('Service');
    const today = londonDate();
    const from = fromIn && isValidDate(fromIn) && fromIn >= today ? fromIn : today;
    const to = addDays(from, 6);
    const availability = await this.bookings.availability(service.enterpriseId, { serviceId, from, to });
    const days: { label: string; slots: { value: string; text: string; checked: boolean }[] }[] = [];
    for (const s of availability.slots.filter((x) => x.free > 0)) {
      const label = DAY_LABEL.format(new Date(s.startAt));
      let day = days.find((d) => d.label === label);
      if (!day) days.push((day = { label, slots: [] }));
      day.slots.push({ value: s.startAt, text: `${londonTimeOfDay(new Date(s.startAt))} to ${londonTimeOfDay(new Date(s.endAt))} (${s.free} ${s.free === 1 ? 'place' : 'places'} left)`, checked: values.startAt === s.startAt });
    }
    const costCentres = (await this.costCentres.list(user)).filter((c) => c.canOrder && c.active);
    const enterprise = await this.enterprises.get(service.enterpriseId);
    res.status(status).render('bookings/views/picker.njk', {
      ...res.locals,
      // The enterprise takes bookings by phone and names the customer.
      phoneBooking: user.role === 'ADMIN' || enterprise.leadUserIds.includes(user.id),
      service,
      enterpriseName: enterprise.name,
      days,
      from,
      to,
      previousHref: from > today ? `/bookings/new?serviceId=${serviceId}&from=${addDays(from, -7) < today ? today : addDays(from, -7)}` : null,
      nextHref: `/bookings/new?serviceId=${serviceId}&from=${addDays(from, 7)}`,
      costCentres,
      values: { payment: 'ON_COLLECTION', ...values },
      errors: errors ?? {},
      errorList,
      backHref: '/bookings/new',
    });
  }

  @Post('day-sheet/bookings/:id/complete')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async complete(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const b = await this.bookings.complete(user, id);
    res.redirect(303, `/day-sheet?enterpriseId=${b.enterpriseId}&date=${londonDate(new Date(b.startAt))}`);
  }

  @Get('day-sheet')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async daySheet(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('enterpriseId') enterpriseId?: string, @Query('date') date?: string): Promise<void> {
    if (!enterpriseId || !isId(enterpriseId)) throw AppError.notFound('Enterprise');
    const d = date && isValidDate(date) ? date : londonDate();
    const sheet = await this.bookings.daySheet(user, enterpriseId, d);
    res.render('bookings/views/day-sheet.njk', {
      ...res.locals,
      sheet: { ...sheet, orders: sheet.orders.map(orderView) },
      enterpriseId,
      previousHref: `/day-sheet?enterpriseId=${enterpriseId}&date=${addDays(d, -1)}`,
      nextHref: `/day-sheet?enterpriseId=${enterpriseId}&date=${addDays(d, 1)}`,
      clock: (iso: string) => londonTimeOfDay(new Date(iso)),
      backHref: '/enterprise-orders',
    });
  }
}
