import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth-decorators';
import { isValidDate, londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import { poundsToPence } from '../common/money';
import type { AuthUser } from '../common/request-context';
import { isId, ParseIdPipe } from '../common/validation/parse-id.pipe';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { cleanForm, handleForm, renderForm, type FormSpec } from '../web/form-page';
import { CatalogueService } from './catalogue.service';
import { CreateProductDto } from './dto/catalogue.dto';
import { CUSTOMER_TYPES, type CustomerType } from './catalogue.types';

type FormBody = Record<string, unknown>;

const NUMBER_FIELDS = ['durationMinutes', 'slotCapacity', 'bufferMinutes', 'minimumNoticeMinutes', 'cancellationCutoffMinutes'];

/** Form text to the API's shape: pounds to pence, minutes to numbers, service fields only for services. */
function productInput(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...v };
  delete out.enterpriseId;
  if (v.pricePence !== undefined) out.pricePence = poundsToPence(v.pricePence);
  for (const f of NUMBER_FIELDS) {
    if (v.kind !== 'SERVICE') delete out[f];
    else if (v[f] !== undefined) out[f] = /^\d{1,6}$/.test(String(v[f])) ? Number(v[f]) : NaN;
  }
  if (v.kind !== 'SERVICE') delete out.detailsLabel;
  if (v.kind === 'SERVICE') {
    delete out.trackStock;
    delete out.reorderLevel;
    delete out.incomeAccountCode;
  } else {
    if (v.trackStock !== undefined) out.trackStock = v.trackStock === 'true';
    if (v.reorderLevel !== undefined) out.reorderLevel = /^\d{1,7}$/.test(String(v.reorderLevel)) ? Number(v.reorderLevel) : NaN;
  }
  return out;
}

/** The catalogue of an enterprise for its leads: products and services, prices from a date, taking things out of use. */
@ApiExcludeController()
@Controller('catalogue')
export class CataloguePagesController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly enterprises: EnterprisesService,
  ) {}

  private async led(user: AuthUser) {
    return (await this.enterprises.list(user, { limit: 200, offset: 0 })).items.filter((e) => user.role === 'ADMIN' || e.leadUserIds.includes(user.id));
  }

  @Get()
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async list(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('enterpriseId') enterpriseId?: string, @Query('done') done?: string): Promise<void> {
    await this.renderList(res, user, enterpriseId, { banner: done ? 'Catalogue updated.' : undefined });
  }

  private async renderList(res: Response, user: AuthUser, enterpriseId: string | undefined, state: { banner?: string; errors?: Record<string, string> }, status = 200): Promise<void> {
    const led = await this.led(user);
    const enterprise = led.find((e) => e.id === enterpriseId) ?? led[0];
    const products = enterprise ? await this.catalogue.list(enterprise.id, { includeInactive: true }) : [];
    const errorList = state.errors ? Object.entries(state.errors).map(([f, t]) => ({ text: t, href: `#${f}` })) : undefined;
    res.status(status).render('catalogue/views/catalogue.njk', { ...res.locals, enterprises: led, enterprise, products, today: londonDate(), banner: state.banner, errors: state.errors ?? {}, errorList });
  }

  @Get('new')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async newProduct(@CurrentUser() user: AuthUser, @Res() res: Response, @Query('enterpriseId') enterpriseId?: string): Promise<void> {
    if (!enterpriseId || !isId(enterpriseId)) throw AppError.notFound('Enterprise');
    await this.enterprises.findManageable(user, enterpriseId);
    renderForm(res, this.productForm(enterpriseId), { kind: 'PRODUCT', trackStock: 'false', bufferMinutes: '0', minimumNoticeMinutes: '60', cancellationCutoffMinutes: '60', slotCapacity: '1', durationMinutes: '60' });
  }

  @Post('new')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async create(@CurrentUser() user: AuthUser, @Query('enterpriseId') enterpriseId: string | undefined, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    if (!enterpriseId || !isId(enterpriseId)) throw AppError.notFound('Enterprise');
    const form = this.productForm(enterpriseId);
    await handleForm(res, form, CreateProductDto, cleanForm(body, form.fields), async (v) => {
      await this.catalogue.create(user, enterpriseId, v);
      return `/catalogue?enterpriseId=${enterpriseId}&done=created`;
    }, productInput);
  }

  private productForm(enterpriseId: string): FormSpec {
    return {
      title: 'Add to the catalogue',
      action: `/catalogue/new?enterpriseId=${enterpriseId}`,
      submit: 'Add',
      cancel: `/catalogue?enterpriseId=${enterpriseId}`,
      fields: [
        { name: 'kind', label: 'What is it?', type: 'radios', items: [{ value: 'PRODUCT', text: 'A product, ordered by quantity' }, { value: 'SERVICE', text: 'A service, booked in time slots' }] },
        { name: 'name', label: 'Name' },
        { name: 'category', label: 'Category', hint: 'For example, Laundry or Catering', width: 20 },
        { name: 'pricePence', label: 'Price', type: 'money' },
        { name: 'unit', label: 'Unit (optional)', hint: 'For example, bag, platter or car', width: 10 },
        { name: 'durationMinutes', label: 'Services: how long it takes', type: 'number', suffix: 'minutes' },
        { name: 'slotCapacity', label: 'Services: how many at once', type: 'number' },
        { name: 'bufferMinutes', label: 'Services: time kept free after each', type: 'number', suffix: 'minutes' },
        { name: 'minimumNoticeMinutes', label: 'Services: least notice for a booking', type: 'number', suffix: 'minutes' },
        { name: 'cancellationCutoffMinutes', label: 'Services: customers may cancel up to', type: 'number', suffix: 'minutes before' },
        { name: 'detailsLabel', label: 'Services: what to ask the customer (optional)', hint: 'For example, Vehicle registration' },
        { name: 'trackStock', label: 'Products: keep count of stock?', type: 'radios', hint: 'The till refuses to sell what is not in stock', items: [{ value: 'false', text: 'No' }, { value: 'true', text: 'Yes' }] },
        { name: 'reorderLevel', label: 'Products: list as low stock below (optional)', type: 'number' },
        { name: 'incomeAccountCode', label: 'Products: income account (optional)', hint: 'Default 4000 Sales', width: 5 },
      ],
    };
  }

  @Post(':id/price')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async price(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const product = await this.catalogue.get(id);
    const pricePence = poundsToPence(body?.price);
    const effectiveOn = typeof body?.effectiveOn === 'string' && body.effectiveOn.trim() ? body.effectiveOn.trim() : londonDate();
    const errors: Record<string, string> = {};
    if (!Number.isSafeInteger(pricePence)) errors[`price-${id}`] = `Enter the new price of ${product.name} in pounds, for example 3.50`;
    else if (!isValidDate(effectiveOn) || effectiveOn < londonDate()) errors[`effectiveOn-${id}`] = 'Enter today or a later date as YYYY-MM-DD';
    if (Object.keys(errors).length) return this.renderList(res, user, product.enterpriseId, { errors }, 422);
    const customerType = (CUSTOMER_TYPES as readonly string[]).includes(String(body?.customerType)) ? (body.customerType as CustomerType) : undefined;
    await this.catalogue.newPrice(user, id, { pricePence, effectiveOn, customerType });
    res.redirect(303, `/catalogue?enterpriseId=${product.enterpriseId}&done=price`);
  }

  @Post(':id/active')
  @Roles('ADMIN', 'ENTERPRISE_LEAD')
  async active(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const p = await this.catalogue.update(user, id, { active: body?.active === 'true' });
    res.redirect(303, `/catalogue?enterpriseId=${p.enterpriseId}&done=active`);
  }
}
