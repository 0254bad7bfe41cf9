import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CatalogueService } from '../catalogue/catalogue.service';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { addDays, isValidDate, londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { isId, ParseIdPipe } from '../common/validation/parse-id.pipe';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { londonInstant } from '../recruitment/london-time';
import { STAFF_ROLES } from '../users/roles';
import { cleanForm, handleForm, renderForm, type FormSpec } from '../web/form-page';
import { CostCentresService } from './cost-centres.service';
import { CreateCostCentreDto, type CostCentreDto, type OrderDto } from './dto/orders.dto';
import { MONTH } from './dto/orders.dto';
import { actionsFrom } from './order-rules';
import { OrdersService } from './orders.service';
import { ORDER_ACTIONS, ORDER_STATUS_LABELS, type OrderAction } from './orders.types';
import { statementCsv } from './statement-csv';

type FormBody = Record<string, unknown>;

const STATUS_TAGS: Record<string, string> = { REQUESTED: 'nhsuk-tag--blue', ACCEPTED: 'nhsuk-tag--aqua-green', IN_PROGRESS: 'nhsuk-tag--yellow', DELIVERED: 'nhsuk-tag--green', DECLINED: 'nhsuk-tag--red', CANCELLED: 'nhsuk-tag--grey' };
const ACTION_LABELS: Record<OrderAction, string> = { accept: 'Accept', decline: 'Decline', start: 'Start work', deliver: 'Record delivery', cancel: 'Cancel order' };
const DONE: Record<string, string> = { created: 'Your order has been sent.', accept: 'Order accepted.', decline: 'Order declined.', start: 'Work on the order has started.', deliver: 'Delivery recorded and recharged.', cancel: 'Order cancelled.' };

function text(body: FormBody, name: string): string {
  const v = body?.[name];
  return typeof v === 'string' ? v.trim() : '';
}

/** Order pages: the order form, My orders, one order with its actions, the enterprise's queue, and recharge statements. */
@ApiExcludeController()
@Controller()
export class OrdersPagesController {
  constructor(
    private readonly orders: OrdersService,
    private readonly costCentres: CostCentresService,
    private readonly catalogue: CatalogueService,
    private readonly enterprises: EnterprisesService,
  ) {}

  @Get('orders')
  @Roles(...STAFF_ROLES)
  async myOrders(@CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    const all = await this.orders.list(user, {});
    const usable = new Set((await this.costCentres.list(user)).filter((c) => c.canOrder).map((c) => c.code));
    const mine = user.role === 'ADMIN' ? all : all.filter((o) => usable.has(o.costCentreCode) || o.requestedByUserId === user.id);
    res.render('orders/views/my-orders.njk', { ...res.locals, orders: mine.map(view), canOrder: usable.size > 0 });
  }

  @Get('orders/new')
  @Roles(...STAFF_ROLES)
  async newOrder(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('enterpriseId') enterpriseId?: string): Promise<void> {
    await this.renderForm(res, user, enterpriseId, {});
  }

  @Post('orders/new')
  @Roles(...STAFF_ROLES)
  async createOrder(@CurrentUser() user: AuthUser, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const enterpriseId = text(body, 'enterpriseId');
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(body ?? {})) if (typeof v === 'string') values[k] = v.trim();
    const errors: Record<string, string> = {};
    const products = enterpriseId ? await this.catalogue.list(enterpriseId, { kind: 'PRODUCT' }) : [];
    const lines: { productId: string; quantity: number }[] = [];
    for (const p of products) {
      const raw = values[`qty-${p.id}`] ?? '';
      if (raw === '' || raw === '0') continue;
      if (!/^\d{1,4}$/.test(raw)) errors[`qty-${p.id}`] = `Enter how many ${p.name} as a whole number`;
      else lines.push({ productId: p.id, quantity: Number(raw) });
    }
    if (!lines.length && !Object.keys(errors).length) errors[products[0] ? `qty-${products[0].id}` : 'enterpriseId'] = 'Order at least one item';
    if (!values.costCentreCode) errors.costCentreCode = 'Choose the cost centre to charge';
    if (!isValidDate(values.neededOn ?? '')) errors.neededOn = 'Enter the date needed as YYYY-MM-DD, for example 2026-11-23';
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(values.neededTime ?? '')) errors.neededTime = 'Enter the time needed as HH:MM, for example 10:00';
    if (!values.location) errors.location = 'Enter where to deliver';
    if (Object.keys(errors).length) return this.renderForm(res, user, enterpriseId, values, errors, 422);
    try {
      const o = await this.orders.create(user, {
        enterpriseId,
        costCentreCode: values.costCentreCode,
        lines,
        neededBy: londonInstant(values.neededOn, values.neededTime)!.toISOString(),
        location: values.location.slice(0, 200),
        notes: values.notes ? values.notes.slice(0, 1000) : undefined,
        customerName: values.customerName ? values.customerName.slice(0, 120) : undefined,
      });
      res.redirect(303, `/orders/${o.id}?done=created`);
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 404 || err.status >= 500) throw err;
      const field = (Array.isArray(err.details) && err.details[0]?.field) || 'costCentreCode';
      const key = field === 'neededBy' ? 'neededOn' : /^lines\.(\d+)/.test(field) ? `qty-${lines[Number(/^lines\.(\d+)/.exec(field)![1])]?.productId}` : field;
      return this.renderForm(res, user, enterpriseId, values, { [key]: (Array.isArray(err.details) && err.details[0]?.message) || err.message }, err.status === 409 ? 409 : 422);
    }
  }

  private async renderForm(res: Response, user: AuthUser, enterpriseId: string | undefined, values: Record<string, string>, errors?: Record<string, string>, status = 200): Promise<void> {
    const enterprises = (await this.enterprises.list(user, { limit: 200, offset: 0, status: 'ACTIVE' })).items;
    const chosen = enterpriseId ? enterprises.find((e) => e.id === enterpriseId) : undefined;
    const products = chosen ? await this.catalogue.list(chosen.id, { kind: 'PRODUCT' }) : [];
    const costCentres = await this.costCentres.list(user);
    const usable: CostCentreDto[] = costCentres.filter((c) => c.canOrder && c.active);
    const leads = !!chosen && (user.role === 'ADMIN' || chosen.leadUserIds.includes(user.id));
    const choices = leads ? costCentres.filter((c) => c.active) : usable;
    // Ward staff: their own ward's cost centre comes preselected.
    const preselected = values.costCentreCode ?? choices.find((c) => c.wardId && user.wardIds.includes(c.wardId))?.code ?? (choices.length === 1 ? choices[0].code : '');
    const errorList = errors ? Object.entries(errors).map(([f, t]) => ({ text: t, href: `#${f}` })) : undefined;
    res.status(status).render('orders/views/order-form.njk', {
      ...res.locals,
      enterprises,
      enterprise: chosen,
      products,
      costCentres: choices,
      values: { neededOn: londonDate(), neededTime: '10:00', ...values, costCentreCode: preselected },
      errors,
      errorList,
      phoneOrder: !!leads,
      backHref: '/orders',
    });
  }

  @Get('enterprise-orders')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async queue(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('enterpriseId') enterpriseId?: string, @Query('placed') placed?: string): Promise<void> {
    const all = await this.orders.list(user, { enterpriseId: enterpriseId || undefined });
    const led = (await this.enterprises.list(user, { limit: 200, offset: 0 })).items.filter((e) => user.role === 'ADMIN' || e.leadUserIds.includes(user.id));
    const ledIds = new Set(led.map((e) => e.id));
    const open = all.filter((o) => ledIds.has(o.enterpriseId) && ['REQUESTED', 'ACCEPTED', 'IN_PROGRESS'].includes(o.status));
    const banner = placed !== undefined && /^\d+$/.test(placed) ? `${placed} ${placed === '1' ? 'order' : 'orders'} placed from standing orders.` : undefined;
    res.render('orders/views/queue.njk', { ...res.locals, orders: open.map(view), enterprises: led, enterpriseId: enterpriseId ?? '', today: londonDate(), banner });
  }

  @Post('enterprise-orders/standing')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async placeStanding(@CurrentUser() user: AuthUser, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const enterpriseId = text(body, 'enterpriseId');
    if (!isId(enterpriseId)) throw AppError.notFound('Enterprise');
    const { created } = await this.orders.generate(user, enterpriseId, addDays(londonDate(), 13));
    res.redirect(303, `/enterprise-orders?enterpriseId=${enterpriseId}&placed=${created}`);
  }

  @Get('orders/:id')
  @Roles(...STAFF_ROLES)
  async order(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    await this.renderOrder(res, user, id, { banner: done ? DONE[done] : undefined });
  }

  @Post('orders/:id/:action')
  @Roles(...STAFF_ROLES)
  async act(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('action') action: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    if (!(ORDER_ACTIONS as readonly string[]).includes(action)) throw AppError.notFound();
    const a = action as OrderAction;
    const reason = text(body, 'reason');
    if ((a === 'decline' || a === 'cancel') && reason.length < 3) {
      return this.renderOrder(res, user, id, { errors: { [`${a}-reason`]: `Give the reason to ${a === 'decline' ? 'decline' : 'cancel'} the order` } }, 422);
    }
    try {
      if (a === 'accept') await this.orders.accept(user, id);
      else if (a === 'start') await this.orders.start(user, id);
      else if (a === 'decline') await this.orders.decline(user, id, reason.slice(0, 1000));
      else if (a === 'cancel') await this.orders.cancel(user, id, reason.slice(0, 1000));
      else {
        const current = await this.orders.get(user, id);
        const lines: { productId: string; quantity: number }[] = [];
        const errors: Record<string, string> = {};
        for (const l of current.lines) {
          const raw = text(body, `delivered-${l.productId}`);
          if (raw === '') continue;
          if (!/^\d{1,4}$/.test(raw)) errors[`delivered-${l.productId}`] = `Enter how many ${l.productName} were delivered, as a whole number`;
          else if (Number(raw) !== l.quantity) lines.push({ productId: l.productId, quantity: Number(raw) });
        }
        if (Object.keys(errors).length) return this.renderOrder(res, user, id, { errors }, 422);
        const note = text(body, 'shortfallNote');
        await this.orders.deliver(user, id, { lines, shortfallNote: note ? note.slice(0, 1000) : undefined });
      }
      res.redirect(303, `/orders/${id}?done=${a}`);
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 404 || err.status >= 500) throw err;
      const d = Array.isArray(err.details) ? err.details[0] : undefined;
      return this.renderOrder(res, user, id, { errors: { actions: d?.message ?? err.message } }, err.status === 409 ? 409 : err.status === 403 ? 403 : 422);
    }
  }

  private async renderOrder(res: Response, user: AuthUser, id: string, state: { banner?: string; errors?: Record<string, string> }, status = 200): Promise<void> {
    const o = await this.orders.get(user, id);
    const enterpriseSide = user.role === 'ADMIN' || (user.role === 'ENTERPRISE_LEAD' && (await this.enterprises.get(o.enterpriseId)).leadUserIds.includes(user.id));
    const actions = actionsFrom(o.status).filter((a) => enterpriseSide || a === 'deliver' || a === 'cancel');
    const errorList = state.errors ? Object.entries(state.errors).map(([f, t]) => ({ text: t, href: `#${f}` })) : undefined;
    res.status(status).render('orders/views/order.njk', { ...res.locals, order: view(o), actions, actionLabels: ACTION_LABELS, banner: state.banner, errors: state.errors ?? {}, errorList, backHref: enterpriseSide ? '/enterprise-orders' : '/orders' });
  }

  // ---- cost centres (admin) ----

  @Get('admin/cost-centres')
  @Roles('ADMIN')
  async costCentreList(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    const [costCentres, options] = await Promise.all([this.costCentres.list(user), this.costCentres.formOptions()]);
    const wards = new Map(options.wards.map((w) => [w.id, w.name]));
    res.render('orders/views/cost-centres.njk', { ...res.locals, costCentres: costCentres.map((c) => ({ ...c, wardName: c.wardId ? (wards.get(c.wardId) ?? '') : '' })), banner: done === 'created' ? 'Cost centre added.' : undefined });
  }

  @Get('admin/cost-centres/new')
  @Roles('ADMIN')
  async newCostCentre(@Res() res: Response): Promise<void> {
    renderForm(res, await this.costCentreForm());
  }

  @Post('admin/cost-centres/new')
  @Roles('ADMIN')
  async createCostCentre(@CurrentUser() user: AuthUser, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const form = await this.costCentreForm();
    const values = cleanForm(body, form.fields);
    if (typeof values.code === 'string') values.code = values.code.toUpperCase();
    await handleForm(res, form, CreateCostCentreDto, values, async (v) => {
      await this.costCentres.create(user, v);
      return '/admin/cost-centres?done=created';
    });
  }

  private async costCentreForm(): Promise<FormSpec> {
    const { wards, users } = await this.costCentres.formOptions();
    return {
      title: 'Add a cost centre',
      intro: 'Wards and departments order against a cost centre. The staff of its ward may order on it; you can allow others later through the API.',
      action: '/admin/cost-centres/new',
      submit: 'Add cost centre',
      cancel: '/admin/cost-centres',
      fields: [
        { name: 'code', label: 'Code', hint: '2 to 20 capital letters, digits or hyphens, for example W-ALDER', width: 10 },
        { name: 'name', label: 'Name', hint: 'For example, Alder Ward or Pharmacy' },
        { name: 'wardId', label: 'Ward (optional)', type: 'select', hint: 'Leave blank for a department', items: wards.map((w) => ({ value: w.id, text: w.name })) },
        { name: 'budgetHolderUserId', label: 'Budget holder (optional)', type: 'select', items: users.map((u) => ({ value: u.id, text: u.name })) },
      ],
    };
  }

  // ---- statements ----

  @Get('cost-centres')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async statements(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('code') code?: string, @Query('month') month?: string): Promise<void> {
    const costCentres = await this.costCentres.list(user);
    const m = month && MONTH.test(month) ? month : londonDate().slice(0, 7);
    const chosen = code ? costCentres.find((c) => c.code === code) : undefined;
    const statement = chosen ? await this.costCentres.statement(user, chosen.code, m) : null;
    res.render('orders/views/statements.njk', { ...res.locals, costCentres, code: chosen?.code ?? '', month: m, statement });
  }

  @Get('cost-centres/:code/statement.csv')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async statementCsv(@CurrentUser() user: AuthUser, @Param('code') code: string, @Query('month') month: string | undefined, @Res() res: Response): Promise<void> {
    if (!month || !MONTH.test(month)) throw AppError.validation('month must be YYYY-MM', [{ field: 'month', message: 'month must be YYYY-MM' }]);
    const s = await this.costCentres.statement(user, code, month);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="recharges-${s.costCentreCode}-${s.month}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(statementCsv(s));
  }
}

/** An order as the pages show it. */
export function view(o: OrderDto) {
  return { ...o, statusLabel: ORDER_STATUS_LABELS[o.status], statusClass: STATUS_TAGS[o.status] ?? '' };
}
