import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CUSTOMER_TYPES, type CustomerType } from '../catalogue/catalogue.types';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { AppError } from '../common/errors/app-error';
import { poundsToPence } from '../common/money';
import type { AuthUser } from '../common/request-context';
import { isId, ParseIdPipe } from '../common/validation/parse-id.pipe';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { PAYMENT_METHODS, type PaymentMethod } from './tills.types';
import { TillsService } from './tills.service';
import { renderZReportPdf } from './z-report-pdf';

type FormBody = Record<string, unknown>;

/** The basket travels in the page (a hidden field and the address), so the till works without JavaScript or a server-side cart. */
export function parseBasket(text: unknown): Map<string, number> {
  const basket = new Map<string, number>();
  if (typeof text !== 'string') return basket;
  for (const part of text.split(',')) {
    const [id, q] = part.split(':');
    const n = Number(q);
    if (isId(id) && Number.isSafeInteger(n) && n > 0 && n <= 1000) basket.set(id, (basket.get(id) ?? 0) + n);
  }
  return basket;
}

export function basketText(basket: Map<string, number>): string {
  return [...basket].filter(([, q]) => q > 0).map(([id, q]) => `${id}:${q}`).join(',');
}

const customerTypeOf = (v: unknown): CustomerType => (CUSTOMER_TYPES as readonly string[]).includes(String(v)) ? (v as CustomerType) : 'VISITOR';
const CUSTOMER_LABELS: Record<CustomerType, string> = { VISITOR: 'Visitor', STAFF: 'Staff', PATIENT: 'Patient', WARD: 'Ward' };
const METHOD_LABELS: Record<PaymentMethod, string> = { CASH: 'Cash', CARD: 'Card', PATIENT_ACCOUNT: 'Patient account', RECHARGE: 'Recharge to a ward' };

/** The till at the counter (touch screen, big buttons, no JavaScript needed), opening and closing sessions, Z reports and stock. */
@ApiExcludeController()
@Controller('till')
export class TillsPagesController {
  constructor(
    private readonly tills: TillsService,
    private readonly enterprises: EnterprisesService,
  ) {}

  private async led(user: AuthUser) {
    return (await this.enterprises.list(user, { limit: 200, offset: 0 })).items.filter((e) => user.role === 'ADMIN' || e.leadUserIds.includes(user.id));
  }

  @Get()
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async index(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('enterpriseId') enterpriseId?: string, @Query('error') error?: string): Promise<void> {
    const led = await this.led(user);
    const enterprise = led.find((e) => e.id === enterpriseId) ?? led[0];
    const sessions = enterprise ? await this.tills.listSessions(user, enterprise.id) : [];
    const stock = enterprise ? (await this.tills.stock(user, enterprise.id)).filter((s) => s.low) : [];
    res.status(error ? 409 : 200).render('tills/views/index.njk', { ...res.locals, enterprises: led, enterprise, sessions, lowStock: stock, error });
  }

  @Post('open')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async open(@CurrentUser() user: AuthUser, @Query('enterpriseId') enterpriseId: string | undefined, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    if (!enterpriseId || !isId(enterpriseId)) throw AppError.notFound('Enterprise');
    const float = typeof body?.openingFloat === 'string' && body.openingFloat.trim() ? poundsToPence(body.openingFloat) : undefined;
    const till = typeof body?.till === 'string' && body.till.trim() ? body.till.trim().slice(0, 40) : undefined;
    try {
      const s = await this.tills.open(user, enterpriseId, { openingFloatPence: float !== undefined && Number.isSafeInteger(float) && float >= 0 ? float : undefined, till });
      res.redirect(303, `/till/sessions/${s.id}`);
    } catch (err) {
      if (err instanceof AppError && err.code === 'TILL_ALREADY_OPEN') return res.redirect(303, `/till?enterpriseId=${enterpriseId}&error=open`);
      throw err;
    }
  }

  @Get('sessions/:id')
  @Roles('ADMIN', 'ENTERPRISE_LEAD', 'PATIENT')
  async screen(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response, @Query() q: Record<string, string>): Promise<void> {
    await this.renderScreen(res, user, id, { basket: parseBasket(q.basket), customerType: customerTypeOf(q.customerType), changePence: q.change !== undefined ? Number(q.change) : undefined, totalPence: q.total !== undefined ? Number(q.total) : undefined, refundedPence: q.refunded !== undefined ? Number(q.refunded) : undefined });
  }

  private async renderScreen(res: Response, user: AuthUser, id: string, state: { basket: Map<string, number>; customerType: CustomerType; changePence?: number; totalPence?: number; refundedPence?: number; error?: string; method?: string }, status = 200): Promise<void> {
    const s = await this.tills.screen(user, id, state.customerType);
    const byId = new Map(s.products.map((p) => [p.id, p]));
    const lines = [...state.basket].filter(([pid]) => byId.has(pid)).map(([pid, quantity]) => ({ ...byId.get(pid)!, quantity, linePence: quantity * byId.get(pid)!.pricePence }));
    const categories: { name: string; products: typeof s.products }[] = [];
    for (const p of s.products) {
      const c = categories.find((x) => x.name === p.category) ?? (categories.push({ name: p.category, products: [] }), categories[categories.length - 1]);
      c.products.push(p);
    }
    const methods = PAYMENT_METHODS.filter((m) => m !== 'PATIENT_ACCOUNT' || s.operator === 'STAFF').map((m) => ({ value: m, text: METHOD_LABELS[m] }));
    res.status(status).render('tills/views/till.njk', {
      ...res.locals,
      s,
      categories,
      lines,
      totalPence: lines.reduce((t, l) => t + l.linePence, 0),
      basket: basketText(state.basket),
      customerType: state.customerType,
      customerTypes: CUSTOMER_TYPES.map((c) => ({ value: c, text: CUSTOMER_LABELS[c] })),
      methods,
      method: state.method ?? 'CASH',
      clientId: randomUUID(),
      changePence: Number.isSafeInteger(state.changePence) ? state.changePence : undefined,
      paidTotalPence: Number.isSafeInteger(state.totalPence) ? state.totalPence : undefined,
      refundedPence: Number.isSafeInteger(state.refundedPence) ? state.refundedPence : undefined,
      error: state.error,
    });
  }

  @Post('sessions/:id/basket')
  @Roles('ADMIN', 'ENTERPRISE_LEAD', 'PATIENT')
  basket(@Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): void {
    const basket = parseBasket(body?.basket);
    const productId = String(body?.productId ?? '');
    if (isId(productId)) {
      const q = (basket.get(productId) ?? 0) + (body?.action === 'remove' ? -1 : 1);
      if (q > 0) basket.set(productId, q);
      else basket.delete(productId);
    }
    if (body?.action === 'clear') basket.clear();
    res.redirect(303, `/till/sessions/${id}?customerType=${customerTypeOf(body?.customerType)}&basket=${encodeURIComponent(basketText(basket))}`);
  }

  @Post('sessions/:id/pay')
  @Roles('ADMIN', 'ENTERPRISE_LEAD', 'PATIENT')
  async pay(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const basket = parseBasket(body?.basket);
    const customerType = customerTypeOf(body?.customerType);
    const method = (PAYMENT_METHODS as readonly string[]).includes(String(body?.method)) ? (body.method as PaymentMethod) : 'CASH';
    const fail = (error: string, status = 422) => this.renderScreen(res, user, id, { basket, customerType, error, method }, status);
    if (!basket.size) return fail('Add something to the basket');
    const screen = await this.tills.screen(user, id, customerType);
    const total = [...basket].reduce((t, [pid, q]) => t + q * (screen.products.find((p) => p.id === pid)?.pricePence ?? 0), 0);
    let amountPence = total;
    if (method === 'CASH' && typeof body?.tendered === 'string' && body.tendered.trim()) {
      amountPence = poundsToPence(body.tendered);
      if (!Number.isSafeInteger(amountPence) || amountPence < 1) return fail('Enter the cash given in pounds, for example 5.00');
    }
    try {
      const { sale } = await this.tills.sell(user, id, {
        clientId: String(body?.clientId ?? ''),
        customerType,
        lines: [...basket].map(([productId, quantity]) => ({ productId, quantity })),
        payments: [{ method, amountPence, ...(method === 'RECHARGE' ? { costCentreCode: String(body?.costCentreCode ?? '').trim() } : {}), ...(method === 'PATIENT_ACCOUNT' ? { patientId: String(body?.patientId ?? '').trim() || undefined } : {}) }],
      });
      res.redirect(303, `/till/sessions/${id}?customerType=${customerType}&total=${sale.totalPence}&change=${sale.changePence}`);
    } catch (err) {
      if (err instanceof AppError && err.status < 500 && err.status !== 403 && err.status !== 404) return fail(err.message, err.status);
      throw err;
    }
  }

  @Post('sessions/:id/cash')
  @Roles('ADMIN', 'ENTERPRISE_LEAD', 'PATIENT')
  async cash(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const amountPence = poundsToPence(body?.amount);
    const reason = typeof body?.reason === 'string' ? body.reason.trim() : '';
    const kind = body?.kind === 'IN' ? 'IN' : 'OUT';
    const fail = (error: string) => this.renderScreen(res, user, id, { basket: new Map(), customerType: 'VISITOR', error }, 422);
    if (!Number.isSafeInteger(amountPence) || amountPence < 1) return fail('Enter the cash put in or taken out in pounds, for example 10.00');
    if (!reason) return fail('Say why cash went in or out');
    await this.tills.cashMovement(user, id, { kind, amountPence, reason: reason.slice(0, 500) });
    res.redirect(303, `/till/sessions/${id}?cash=${kind}`);
  }

  @Get('sales/:id/refund')
  @Roles('ADMIN', 'ENTERPRISE_LEAD', 'PATIENT')
  async refundForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const { sale, refundable } = await this.tills.saleForRefund(user, id);
    res.render('tills/views/refund.njk', { ...res.locals, sale, refundable, clientId: randomUUID(), errors: {}, values: {} });
  }

  @Post('sales/:id/refund')
  @Roles('ADMIN', 'ENTERPRISE_LEAD', 'PATIENT')
  async refund(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const made = typeof body?.clientId === 'string' ? await this.tills.refundMadeWith(user, id, body.clientId) : null;
    if (made) return res.redirect(303, `/till/sessions/${made.sessionId}?refunded=${made.totalPence}&by=${made.payments.map((p) => p.method).join('+')}`);
    const { sale, refundable } = await this.tills.saleForRefund(user, id);
    const errors: Record<string, string> = {};
    const lines: { productId: string; quantity: number }[] = [];
    for (const l of sale.lines) {
      const raw = String(body?.[`q-${l.productId}`] ?? '').trim();
      if (!raw || raw === '0') continue;
      if (!/^\d{1,4}$/.test(raw) || Number(raw) > (refundable[l.productId] ?? 0)) errors[`q-${l.productId}`] = `Enter at most ${refundable[l.productId] ?? 0} ${l.productName}`;
      else lines.push({ productId: l.productId, quantity: Number(raw) });
    }
    const reason = typeof body?.reason === 'string' ? body.reason.trim() : '';
    if (!lines.length && !Object.keys(errors).length) errors[`q-${sale.lines[0].productId}`] = 'Enter how many to refund';
    if (!reason) errors.reason = 'Give a reason for the refund';
    if (Object.keys(errors).length) {
      const errorList = Object.entries(errors).map(([f, text]) => ({ text, href: `#${f}` }));
      return res.status(422).render('tills/views/refund.njk', { ...res.locals, sale, refundable, clientId: String(body?.clientId ?? randomUUID()), errors, errorList, values: body });
    }
    const { sale: refund } = await this.tills.refund(user, id, { clientId: String(body?.clientId ?? ''), lines, reason: reason.slice(0, 500) });
    res.redirect(303, `/till/sessions/${refund.sessionId}?refunded=${refund.totalPence}&by=${refund.payments.map((p) => p.method).join('+')}`);
  }

  @Get('sessions/:id/close')
  @Roles('ADMIN', 'ENTERPRISE_LEAD', 'PATIENT')
  async closeForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const s = await this.tills.get(user, id);
    res.render('tills/views/close.njk', { ...res.locals, s, errors: {} });
  }

  @Post('sessions/:id/close')
  @Roles('ADMIN', 'ENTERPRISE_LEAD', 'PATIENT')
  async close(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const counted = poundsToPence(body?.counted);
    if (!Number.isSafeInteger(counted) || counted < 0) {
      const s = await this.tills.get(user, id);
      return res.status(422).render('tills/views/close.njk', { ...res.locals, s, errors: { counted: 'Enter the cash counted in pounds, for example 152.40' }, counted: body?.counted });
    }
    await this.tills.close(user, id, { countedCashPence: counted, postToNextOpenPeriod: body?.postToNextOpenPeriod === 'true' });
    res.redirect(303, user.role === 'PATIENT' ? `/till/sessions/${id}/close?done=1` : `/till/sessions/${id}/z-report`);
  }

  @Get('sessions/:id/z-report')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async zReport(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const z = await this.tills.zReport(user, id);
    const enterprise = (await this.led(user)).find((e) => e.id === z.session.enterpriseId);
    res.render('tills/views/z-report.njk', { ...res.locals, z, enterpriseName: enterprise?.name ?? '' });
  }

  @Get('sessions/:id/z-report.pdf')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async zReportPdf(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const z = await this.tills.zReport(user, id);
    const enterprise = (await this.led(user)).find((e) => e.id === z.session.enterpriseId);
    const pdf = await renderZReportPdf(z, enterprise?.name ?? '');
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="z-report-${z.session.openedAt.slice(0, 10)}-${z.session.till.replace(/[^A-Za-z0-9]/g, '')}.pdf"`);
    res.send(pdf);
  }

  @Get('my-money')
  @Roles('PATIENT')
  async myMoney(@CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    res.render('tills/views/my-money.njk', { ...res.locals, m: await this.tills.myMoney(user) });
  }

  @Get('stock')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async stock(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('enterpriseId') enterpriseId?: string, @Query('done') done?: string): Promise<void> {
    await this.renderStock(res, user, enterpriseId, { banner: done === 'receipt' ? 'Stock received.' : done === 'take' ? 'Stock take recorded.' : undefined });
  }

  private async renderStock(res: Response, user: AuthUser, enterpriseId: string | undefined, state: { banner?: string; errors?: Record<string, string> }, status = 200): Promise<void> {
    const led = await this.led(user);
    const enterprise = led.find((e) => e.id === enterpriseId) ?? led[0];
    const items = enterprise ? await this.tills.stock(user, enterprise.id) : [];
    const errorList = state.errors ? Object.entries(state.errors).map(([f, text]) => ({ text, href: `#${f}` })) : undefined;
    res.status(status).render('tills/views/stock.njk', { ...res.locals, enterprises: led, enterprise, items, totalValuePence: items.reduce((t, i) => t + i.valuePence, 0), banner: state.banner, errors: state.errors ?? {}, errorList });
  }

  /** One product per form: a delivery (quantity and unit cost, optionally posted as a purchase) or a count. */
  @Post('stock')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async stockPost(@CurrentUser() user: AuthUser, @Query('enterpriseId') enterpriseId: string | undefined, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    if (!enterpriseId || !isId(enterpriseId)) throw AppError.notFound('Enterprise');
    const productId = String(body?.productId ?? '');
    const errors: Record<string, string> = {};
    if (!isId(productId)) errors.productId = 'Choose a product';
    const quantity = Number(String(body?.quantity ?? '').trim());
    if (!/^\d{1,6}$/.test(String(body?.quantity ?? '').trim())) errors.quantity = body?.action === 'take' ? 'Enter the quantity counted, for example 12' : 'Enter the quantity received, for example 24';
    if (body?.action === 'take') {
      const reason = typeof body?.reason === 'string' ? body.reason.trim() : '';
      if (!reason) errors.reason = 'Say why the count differs, for example breakages';
      if (Object.keys(errors).length) return this.renderStock(res, user, enterpriseId, { errors }, 422);
      await this.tills.take(user, enterpriseId, { lines: [{ productId, countedQuantity: quantity }], reason: reason.slice(0, 500) });
      return res.redirect(303, `/till/stock?enterpriseId=${enterpriseId}&done=take`);
    }
    const unitCostPence = poundsToPence(body?.unitCost);
    if (!Number.isSafeInteger(unitCostPence) || unitCostPence < 0) errors.unitCost = 'Enter the cost of one in pounds, for example 0.45';
    else if (quantity < 1) errors.quantity = 'Enter the quantity received, for example 24';
    if (Object.keys(errors).length) return this.renderStock(res, user, enterpriseId, { errors }, 422);
    await this.tills.receive(user, enterpriseId, { lines: [{ productId, quantity, unitCostPence }], postPurchase: body?.postPurchase === 'true' });
    res.redirect(303, `/till/stock?enterpriseId=${enterpriseId}&done=receipt`);
  }
}
