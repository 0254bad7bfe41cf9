import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../../common/auth-decorators';
import { addDays, isValidDate, londonDate } from '../../common/dates';
import { AppError } from '../../common/errors/app-error';
import type { AuthUser } from '../../common/request-context';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { newId } from '../../database/columns';
import { poundsToPence } from '../../common/money';
import { cleanForm, handleForm, renderForm, type FormSpec } from '../../web/form-page';
import { formatPence } from '../../web/nunjucks';
import { CreateAccountDto } from '../dto/ledger.dto';
import { ACCOUNT_TYPES } from '../ledger.types';
import { CreateProposalDto } from '../dto/reinvestment.dto';
import { IncomeDto, PurchaseDto, TakingsDto } from '../dto/money.dto';
import { LedgerService } from '../ledger.service';
import { lastDayOfMonth, MONTH, monthOf } from '../ledger-rules';
import { ENTRY_SOURCES, REINVESTMENT_PURPOSES } from '../ledger.types';
import { MoneyService } from '../money.service';
import { PURCHASE_LABELS } from '../money-entries';
import { PayrollService } from '../payroll.service';
import { ReinvestmentService } from '../reinvestment.service';
import { ReportsService } from '../reports.service';
import { barChart, CHART_COLOURS } from './bar-chart';
import { amountInput, formValues, handleEntryForm, postedKey, renderEntryForm, type EntryField, type EntryFormSpec } from './entry-form';
import { FinancePagesService } from './finance-pages.service';

type FormBody = Record<string, unknown>;

export const SOURCE_LABELS: Record<string, string> = {
  MANUAL: 'Manual',
  SALE: 'Takings',
  PURCHASE: 'Purchase',
  INTERNAL_CONTRACT: 'Internal contract',
  GRANT: 'Grant',
  PAYROLL: 'Payroll',
  REINVESTMENT: 'Reinvestment',
  REVERSAL: 'Reversal',
  OPENING: 'Opening balance',
};

export const PURPOSE_LABELS: Record<string, string> = {
  NEW_ROLE: 'A new work role',
  TRAINING: 'Training',
  EQUIPMENT: 'Equipment',
  PATIENT_BENEFIT: 'A benefit for patients',
  OTHER: 'Something else',
};

export const STATUS_LABELS: Record<string, string> = { PROPOSED: 'Awaiting approval', APPROVED: 'Approved', REJECTED: 'Rejected', SPENT: 'Spent' };

/** Messages for codes a page shows after a redirect (?error=CODE). */
const ERROR_MESSAGES: Record<string, string> = {
  ALREADY_REVERSED: 'That entry has already been reversed.',
  PERIOD_CLOSED: 'This month is closed, so the entry could not be posted. Choose to post it to the next open month instead.',
  ACCOUNT_CLOSED: 'An account on that entry is closed.',
  PAYROLL_ALREADY_POSTED: 'Payroll for that week has already been posted.',
  PAYROLL_EMPTY: 'That timesheet has no pay to post.',
  INSUFFICIENT_SURPLUS: 'There is not enough surplus available to approve that proposal.',
  ALREADY_APPROVED: 'You have already approved that proposal.',
  PROPOSAL_NOT_OPEN: 'That proposal is no longer awaiting approval.',
  PROPOSAL_NOT_APPROVED: 'Only an approved proposal can be spent.',
  UNKNOWN_ACCOUNT: 'The account to spend from is not available.',
  VALIDATION_FAILED: 'Check what you entered and try again.',
};

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthLabel = (m: string) => `${MONTH_NAMES[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;

const nextOpenField: EntryField = { name: 'postToNextOpenPeriod', label: 'If the month is closed', type: 'checkbox', hint: 'Post it on the first day of the next open month instead (the date you entered is kept on the entry)' };
const dateField: EntryField = { name: 'occurredOn', label: 'Date', type: 'date' };
const amountField: EntryField = { name: 'amount', label: 'Amount', type: 'money', hint: 'In pounds and pence, for example 12.50' };

/** A money form: its fields, DTO, how the form becomes the DTO and the service call. */
interface MoneyForm {
  title: string;
  intro: string;
  submit: string;
  fields: EntryField[];
  dto: new () => object;
  post: (money: MoneyService, user: AuthUser, id: string, dto: never) => Promise<{ entry: { sequence: number } }>;
}

const MONEY_FORMS: Record<string, MoneyForm> = {
  takings: {
    title: 'Record takings',
    intro: 'The day’s takings. Cash goes to the till (Cash), card payments to the bank (Bank); both are sales.',
    submit: 'Record takings',
    fields: [dateField, { name: 'method', label: 'How were they paid?', type: 'radios', items: [{ value: 'CASH', text: 'Cash' }, { value: 'CARD', text: 'Card' }] }, amountField, { name: 'description', label: 'Note (optional)', hint: 'For example, visiting afternoon' }, nextOpenField],
    dto: TakingsDto,
    post: (m, u, id, dto: TakingsDto) => m.takings(u, id, dto),
  },
  purchases: {
    title: 'Record a purchase',
    intro: 'Something the enterprise bought, paid from the till or the bank.',
    submit: 'Record purchase',
    fields: [
      dateField,
      { name: 'category', label: 'What was bought?', type: 'radios', items: Object.entries(PURCHASE_LABELS).map(([value, text]) => ({ value, text })) },
      { name: 'paidFrom', label: 'How was it paid?', type: 'radios', items: [{ value: 'CASH', text: 'From the till (cash)' }, { value: 'BANK', text: 'From the bank' }] },
      amountField,
      { name: 'description', label: 'Description', hint: 'For example, milk and coffee beans' },
      nextOpenField,
    ],
    dto: PurchaseDto,
    post: (m, u, id, dto: PurchaseDto) => m.purchase(u, id, dto),
  },
  'internal-contracts': {
    title: 'Record internal-contract income',
    intro: 'Money paid into the bank by another hospital department for work under an internal contract.',
    submit: 'Record income',
    fields: [dateField, amountField, { name: 'description', label: 'Who paid, and what for', hint: 'For example, ward laundry for March' }, nextOpenField],
    dto: IncomeDto,
    post: (m, u, id, dto: IncomeDto) => m.internalContract(u, id, dto),
  },
  grants: {
    title: 'Record a grant',
    intro: 'A grant paid into the bank.',
    submit: 'Record grant',
    fields: [dateField, amountField, { name: 'description', label: 'Who gave it, and what for', hint: 'For example, hospital charity, garden tools' }, nextOpenField],
    dto: IncomeDto,
    post: (m, u, id, dto: IncomeDto) => m.grant(u, id, dto),
  },
};

const base = (id: string) => `/finance/${id}`;
const MANUAL_ROWS = 6;
const TYPE_LABELS: Record<string, string> = { ASSET: 'Asset (what the enterprise has)', LIABILITY: 'Liability (what it owes)', INCOME: 'Income', EXPENSE: 'Expense', EQUITY: 'Equity (surplus and reserves)' };

function accountForm(id: string): FormSpec {
  return {
    title: 'Add an account',
    action: `${base(id)}/accounts/new`,
    submit: 'Add account',
    cancel: `${base(id)}/journal`,
    fields: [
      { name: 'code', label: 'Code', hint: 'Up to 12 digits, capitals or hyphens, for example 5450', width: 10 },
      { name: 'name', label: 'Name', hint: 'For example, Cleaning materials' },
      { name: 'type', label: 'Type', type: 'radios', items: ACCOUNT_TYPES.map((t) => ({ value: t, text: TYPE_LABELS[t] })) },
    ],
  };
}
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The finance pages of an enterprise lead (and admins): dashboard, money forms, journal, periods, payroll, reinvestment, reports. */
@ApiExcludeController()
@Roles('ENTERPRISE_LEAD', 'ADMIN')
@Controller('finance')
export class FinancePagesController {
  constructor(
    private readonly pages: FinancePagesService,
    private readonly ledger: LedgerService,
    private readonly reports: ReportsService,
    private readonly money: MoneyService,
    private readonly payroll: PayrollService,
    private readonly reinvestment: ReinvestmentService,
  ) {}

  @Get()
  async index(@CurrentUser() user: AuthUser, @Res() res: Response): Promise<void> {
    res.render('ledger/views/index.njk', { ...res.locals, enterprises: await this.pages.enterprises(user), month: monthLabel(monthOf(londonDate())) });
  }

  @Get(':id')
  async dashboard(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query('year') year: string | undefined, @Res() res: Response): Promise<void> {
    const thisYear = Number(londonDate().slice(0, 4));
    const y = /^\d{4}$/.test(year ?? '') && Number(year) >= 2000 && Number(year) <= thisYear ? Number(year) : thisYear;
    const d = await this.pages.dashboard(user, id, y);
    const chart = barChart(
      d.series.months.map((m) => MONTH_NAMES[Number(m.month.slice(5, 7)) - 1]),
      [
        { name: 'Income', values: d.series.months.map((m) => m.incomePence), colour: CHART_COLOURS.blue },
        { name: 'Expenses', values: d.series.months.map((m) => m.expensesPence), colour: CHART_COLOURS.red },
        { name: 'Surplus', values: d.series.months.map((m) => m.surplusPence), colour: CHART_COLOURS.green },
      ],
      (v) => formatPence(v).replace(/\.00$/, ''),
    );
    res.render('ledger/views/dashboard.njk', {
      ...res.locals,
      ...d,
      year: y,
      years: Array.from({ length: 4 }, (_, i) => thisYear - i),
      monthName: monthLabel(monthOf(d.today)),
      chart,
      monthLabels: Object.fromEntries(d.series.months.map((m) => [m.month, monthLabel(m.month)])),
      nav: 'dashboard',
    });
  }

  // ---- everyday money ----

  @Get(':id/takings')
  takingsForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    return this.showMoneyForm(user, id, 'takings', res);
  }

  @Post(':id/takings')
  takings(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    return this.postMoneyForm(user, id, 'takings', body, res);
  }

  @Get(':id/purchases')
  purchasesForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    return this.showMoneyForm(user, id, 'purchases', res);
  }

  @Post(':id/purchases')
  purchases(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    return this.postMoneyForm(user, id, 'purchases', body, res);
  }

  @Get(':id/internal-contracts')
  contractsForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    return this.showMoneyForm(user, id, 'internal-contracts', res);
  }

  @Post(':id/internal-contracts')
  contracts(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    return this.postMoneyForm(user, id, 'internal-contracts', body, res);
  }

  @Get(':id/grants')
  grantsForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    return this.showMoneyForm(user, id, 'grants', res);
  }

  @Post(':id/grants')
  grants(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    return this.postMoneyForm(user, id, 'grants', body, res);
  }

  // ---- accounts and manual entries ----

  @Get(':id/accounts/new')
  async accountForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.ledger.accounts(user, id);
    renderForm(res, accountForm(id), { type: 'EXPENSE' });
  }

  @Post(':id/accounts/new')
  async addAccount(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const form = accountForm(id);
    await handleForm(res, form, CreateAccountDto, cleanForm(body, form.fields), async (v) => {
      await this.ledger.addAccount(user, id, v);
      return `${base(id)}/journal/new?account=added`;
    });
  }

  @Get(':id/journal/new')
  async manualForm(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query('account') account: string | undefined, @Res() res: Response): Promise<void> {
    await this.renderManual(res, user, id, { idempotencyKey: newId(), occurredOn: londonDate() }, {}, account === 'added' ? 'Account added.' : undefined);
  }

  private async renderManual(res: Response, user: AuthUser, id: string, values: Record<string, unknown>, errors: Record<string, string>, banner?: string, status = 200): Promise<void> {
    const accounts = (await this.ledger.accounts(user, id)).filter((a) => !a.closed);
    const enterprise = (await this.pages.enterprises(user)).find((e) => e.id === id);
    const rows = Array.from({ length: MANUAL_ROWS }, (_, i) => ({ i, account: str(values[`account-${i}`]) ?? '', debit: str(values[`debit-${i}`]) ?? '', credit: str(values[`credit-${i}`]) ?? '' }));
    const sum = (k: 'debit' | 'credit') => rows.reduce((t, r) => t + (Number.isSafeInteger(poundsToPence(r[k])) && r[k] ? poundsToPence(r[k]) : 0), 0);
    const errorList = Object.entries(errors).map(([f, text]) => ({ text, href: `#${f}` }));
    res.status(status).render('ledger/views/manual-entry.njk', { ...res.locals, enterprise, accounts, rows, values, errors, errorList: errorList.length ? errorList : undefined, debitPence: sum('debit'), creditPence: sum('credit'), banner, nav: 'journal' });
  }

  /** A manual journal entry of up to six lines; an unbalanced one is refused with both totals shown. */
  @Post(':id/journal/new')
  async manual(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const errors: Record<string, string> = {};
    const lines: { accountCode: string; debitPence?: number; creditPence?: number }[] = [];
    for (let i = 0; i < MANUAL_ROWS; i++) {
      const account = str(body?.[`account-${i}`])?.trim() ?? '';
      const debit = str(body?.[`debit-${i}`])?.trim() ?? '';
      const credit = str(body?.[`credit-${i}`])?.trim() ?? '';
      if (!account && !debit && !credit) continue;
      if (!account) errors[`account-${i}`] = `Line ${i + 1}: choose an account`;
      if (!!debit === !!credit) errors[`debit-${i}`] = `Line ${i + 1}: enter a debit or a credit, not both`;
      const pence = poundsToPence(debit || credit);
      if ((debit || credit) && (!Number.isSafeInteger(pence) || pence <= 0)) errors[`debit-${i}`] = `Line ${i + 1}: enter an amount in pounds, for example 12.50`;
      lines.push(debit ? { accountCode: account, debitPence: pence } : { accountCode: account, creditPence: pence });
    }
    const description = str(body?.description)?.trim() ?? '';
    const occurredOn = str(body?.occurredOn)?.trim() ?? '';
    if (!description) errors.description = 'Enter a description';
    if (!isValidDate(occurredOn)) errors.occurredOn = 'Enter the date as YYYY-MM-DD';
    if (lines.length < 2 && !Object.keys(errors).length) errors['account-0'] = 'Enter at least two lines';
    if (!Object.keys(errors).length) {
      const debits = lines.reduce((t, l) => t + (l.debitPence ?? 0), 0);
      const credits = lines.reduce((t, l) => t + (l.creditPence ?? 0), 0);
      if (debits !== credits) errors['debit-0'] = `Debits (${formatPence(debits)}) and credits (${formatPence(credits)}) must be equal`;
    }
    if (Object.keys(errors).length) return this.renderManual(res, user, id, body ?? {}, errors, undefined, 422);
    try {
      await this.ledger.postManual(user, id, { idempotencyKey: str(body?.idempotencyKey) ?? newId(), occurredOn, description: description.slice(0, 300), lines, postToNextOpenPeriod: body?.postToNextOpenPeriod === 'true' });
    } catch (err) {
      if (err instanceof AppError && err.status < 500 && err.status !== 403 && err.status !== 404) return this.renderManual(res, user, id, body ?? {}, { 'debit-0': err.message }, undefined, 422);
      throw err;
    }
    res.redirect(303, `${base(id)}/journal`);
  }

  // ---- journal ----

  @Get(':id/journal')
  async journal(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query() q: Record<string, string>, @Res() res: Response): Promise<void> {
    const enterprise = await this.pages.enterprise(user, id);
    const accounts = await this.ledger.accounts(user, id);
    const page = Math.max(1, Math.min(10_000, Number(q.page) || 1));
    const filters = {
      from: isValidDate(q.from ?? '') ? q.from : undefined,
      to: isValidDate(q.to ?? '') ? q.to : undefined,
      source: (ENTRY_SOURCES as readonly string[]).includes(q.source) ? (q.source as (typeof ENTRY_SOURCES)[number]) : undefined,
      accountCode: accounts.some((a) => a.code === q.account) ? q.account : undefined,
    };
    const result = await this.ledger.list(user, id, { ...filters, limit: 25, offset: (page - 1) * 25 });
    const qs = (p: number) => new URLSearchParams({ ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}), ...(filters.source ? { source: filters.source } : {}), ...(filters.accountCode ? { account: filters.accountCode } : {}), page: String(p) }).toString();
    res.render('ledger/views/journal.njk', {
      ...res.locals,
      enterprise,
      result,
      accounts,
      filters: { from: q.from ?? '', to: q.to ?? '', source: filters.source ?? '', account: filters.accountCode ?? '' },
      fromInvalid: !!q.from && !filters.from,
      toInvalid: !!q.to && !filters.to,
      filterErrors: [...(q.from && !filters.from ? [{ text: 'From must be a real date, like 2026-11-01', href: '#from' }] : []), ...(q.to && !filters.to ? [{ text: 'To must be a real date, like 2026-11-30', href: '#to' }] : [])],
      sources: ENTRY_SOURCES.map((s) => ({ value: s, text: SOURCE_LABELS[s] })),
      sourceLabels: SOURCE_LABELS,
      banner: /^\d{1,9}$/.test(q.posted ?? '') ? `Entry ${q.posted} posted` : /^\d{1,9}$/.test(q.reversed ?? '') ? `Reversing entry ${q.reversed} posted` : null,
      problem: ERROR_MESSAGES[q.error] ?? null,
      previous: page > 1 ? `${base(id)}/journal?${qs(page - 1)}` : null,
      next: page * 25 < result.total ? `${base(id)}/journal?${qs(page + 1)}` : null,
      nav: 'journal',
    });
  }

  @Post(':id/journal/:entryId/reverse')
  async reverse(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('entryId', ParseIdPipe) entryId: string, @Res() res: Response): Promise<void> {
    const entry = await this.ledger.get(user, entryId);
    if (entry.enterpriseId !== id) throw AppError.notFound('Journal entry');
    try {
      const r = await this.ledger.reverse(user, entryId, {});
      res.redirect(303, `${base(id)}/journal?reversed=${r.entry.sequence}`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 409 || err.status === 422)) return res.redirect(303, `${base(id)}/journal?error=${err.code}`);
      throw err;
    }
  }

  // ---- periods ----

  @Get(':id/periods')
  async periods(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query('closed') closed: string | undefined, @Res() res: Response): Promise<void> {
    await this.renderPeriods(user, id, res, { banner: MONTH.test(closed ?? '') ? `${monthLabel(closed!)} is closed` : null });
  }

  @Post(':id/periods')
  async closePeriod(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const month = str(body.month) ?? '';
    if (!MONTH.test(month)) return this.renderPeriods(user, id, res, { error: 'Choose the month to close' }, 422);
    try {
      await this.ledger.closePeriod(user, id, month);
    } catch (err) {
      if (err instanceof AppError && (err.status === 409 || err.status === 422)) return this.renderPeriods(user, id, res, { error: err.message }, err.status);
      throw err;
    }
    res.redirect(303, `${base(id)}/periods?closed=${month}`);
  }

  // ---- payroll ----

  @Get(':id/payroll')
  async payrollPage(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query() q: Record<string, string>, @Res() res: Response): Promise<void> {
    res.render('ledger/views/payroll.njk', {
      ...res.locals,
      enterprise: await this.pages.enterprise(user, id),
      weeks: await this.payroll.weeks(user, id),
      banner: isValidDate(q.posted ?? '') ? `Payroll posted for the week starting ${q.posted}` : null,
      problem: ERROR_MESSAGES[q.error] ?? null,
      nav: 'payroll',
    });
  }

  @Post(':id/payroll')
  async postPayroll(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const timesheetId = str(body.timesheetId) ?? '';
    try {
      const run = await this.payroll.post(user, id, { timesheetId: new ParseIdPipe().transform(timesheetId), postToNextOpenPeriod: body.postToNextOpenPeriod === 'yes' });
      res.redirect(303, `${base(id)}/payroll?posted=${run.weekStartOn}`);
    } catch (err) {
      if (err instanceof AppError && (err.status === 409 || err.status === 422)) return res.redirect(303, `${base(id)}/payroll?error=${err.code}`);
      throw err;
    }
  }

  // ---- reinvestment ----

  @Get(':id/reinvestment')
  async reinvestmentPage(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query() q: Record<string, string>, @Res() res: Response): Promise<void> {
    const list = await this.reinvestment.list(user, id);
    const trace = await this.reinvestment.trace(user, id);
    res.render('ledger/views/reinvestment.njk', {
      ...res.locals,
      enterprise: await this.pages.enterprise(user, id),
      list,
      trace,
      purposeLabels: PURPOSE_LABELS,
      statusLabels: STATUS_LABELS,
      banner: { proposed: 'Proposal saved: it now needs approval by the enterprise lead and an admin', approved: 'Approval recorded', rejected: 'Proposal rejected', spent: 'Spending posted from the reinvestment reserve' }[q.done] ?? null,
      problem: ERROR_MESSAGES[q.error] ?? null,
      nav: 'reinvestment',
    });
  }

  @Get(':id/reinvestment/new')
  async newProposal(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    const e = await this.pages.enterprise(user, id);
    renderEntryForm(res, this.proposalSpec(id, e.name), {}, {});
  }

  @Post(':id/reinvestment/new')
  async createProposal(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const e = await this.pages.enterprise(user, id);
    const form = this.proposalSpec(id, e.name);
    const values = formValues(body, form.fields);
    await handleEntryForm(res, form, CreateProposalDto, values, {}, { amountPence: amountInput(values), purpose: values.purpose, title: values.title, opportunities: values.opportunities }, async (dto) => {
      await this.reinvestment.create(user, id, dto);
      return `${base(id)}/reinvestment?done=proposed`;
    }, { amountPence: 'amount' });
  }

  @Post(':id/reinvestment/:proposalId/:action')
  async actOnProposal(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Param('proposalId', ParseIdPipe) proposalId: string, @Param('action') action: string, @Body() body: FormBody, @Res() res: Response): Promise<void> {
    const p = await this.reinvestment.get(user, proposalId);
    if (p.enterpriseId !== id) throw AppError.notFound('Reinvestment proposal');
    try {
      if (action === 'approve') await this.reinvestment.approve(user, proposalId);
      else if (action === 'reject') {
        const reason = str(body.reason)?.trim();
        if (!reason) return res.redirect(303, `${base(id)}/reinvestment?error=VALIDATION_FAILED`);
        await this.reinvestment.reject(user, proposalId, reason.slice(0, 1000));
      } else if (action === 'spend') await this.reinvestment.spend(user, proposalId, {});
      else throw AppError.notFound();
    } catch (err) {
      if (err instanceof AppError && (err.status === 409 || err.status === 422)) return res.redirect(303, `${base(id)}/reinvestment?error=${err.code}`);
      throw err;
    }
    res.redirect(303, `${base(id)}/reinvestment?done=${{ approve: 'approved', reject: 'rejected', spend: 'spent' }[action]}`);
  }

  // ---- reports ----

  @Get(':id/reports')
  async reportsPage(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Query() q: Record<string, string>, @Res() res: Response): Promise<void> {
    const today = londonDate();
    const from = isValidDate(q.from ?? '') ? q.from : `${today.slice(0, 4)}-01-01`;
    const to = isValidDate(q.to ?? '') && q.to >= from ? q.to : today;
    res.render('ledger/views/reports.njk', {
      ...res.locals,
      enterprise: await this.pages.enterprise(user, id),
      from,
      to,
      statement: await this.reports.incomeStatement(user, id, { from, to }),
      trial: await this.reports.trialBalance(user, id, to),
      sheet: await this.reports.balanceSheet(user, id, to),
      nav: 'reports',
    });
  }

  @Get(':id/verify')
  async verifyPage(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: string, @Res() res: Response): Promise<void> {
    res.render('ledger/views/verify.njk', { ...res.locals, enterprise: await this.pages.enterprise(user, id), result: await this.ledger.verify(user, id), nav: 'reports' });
  }

  // ---- helpers ----

  private async showMoneyForm(user: AuthUser, id: string, kind: string, res: Response): Promise<void> {
    const e = await this.pages.enterprise(user, id);
    renderEntryForm(res, this.moneySpec(id, e.name, kind), { occurredOn: londonDate() }, { idempotencyKey: `form-${newId()}` });
  }

  private async postMoneyForm(user: AuthUser, id: string, kind: string, body: FormBody, res: Response): Promise<void> {
    const e = await this.pages.enterprise(user, id);
    const spec = MONEY_FORMS[kind];
    const form = this.moneySpec(id, e.name, kind);
    const values = formValues(body, form.fields);
    const hidden = { idempotencyKey: postedKey(body, `form-${newId()}`) };
    const input: Record<string, unknown> = { ...values, idempotencyKey: hidden.idempotencyKey, amountPence: amountInput(values), postToNextOpenPeriod: values.postToNextOpenPeriod === 'yes' };
    delete input.amount;
    await handleEntryForm(res, form, spec.dto, values, hidden, input, async (dto) => {
      const posted = await spec.post(this.money, user, id, dto as never);
      return `${base(id)}/journal?posted=${posted.entry.sequence}`;
    }, { amountPence: 'amount', lines: 'amount' });
  }

  private moneySpec(id: string, enterpriseName: string, kind: string): EntryFormSpec {
    const f = MONEY_FORMS[kind];
    return { title: f.title, caption: enterpriseName, intro: f.intro, action: `${base(id)}/${kind}`, submit: f.submit, cancel: base(id), fields: f.fields };
  }

  private proposalSpec(id: string, enterpriseName: string): EntryFormSpec {
    return {
      title: 'Propose a reinvestment',
      caption: enterpriseName,
      intro: 'Surplus reinvested to create more opportunities for patients. It needs approval by the enterprise lead and by an admin.',
      action: `${base(id)}/reinvestment/new`,
      submit: 'Save proposal',
      cancel: `${base(id)}/reinvestment`,
      fields: [
        { name: 'title', label: 'Title', hint: 'For example, a second coffee machine' },
        amountField,
        { name: 'purpose', label: 'What is it for?', type: 'radios', items: REINVESTMENT_PURPOSES.map((p) => ({ value: p, text: PURPOSE_LABELS[p] })) },
        { name: 'opportunities', label: 'The opportunities it should create', type: 'textarea', hint: 'For example, two more barista places a week' },
      ],
    };
  }

  private async renderPeriods(user: AuthUser, id: string, res: Response, o: { banner?: string | null; error?: string }, status = 200): Promise<void> {
    const enterprise = await this.pages.enterprise(user, id);
    const closed = await this.ledger.periods(user, id);
    const closedSet = new Set(closed.map((p) => p.month));
    const months: string[] = [];
    let m = monthOf(londonDate());
    for (let i = 0; i < 24; i++) {
      if (!closedSet.has(m)) months.push(m);
      m = monthOf(addDays(`${m}-01`, -1));
    }
    res.status(status).render('ledger/views/periods.njk', {
      ...res.locals,
      enterprise,
      closed: closed.map((p) => ({ ...p, label: monthLabel(p.month), lastDay: lastDayOfMonth(p.month) })).reverse(),
      openMonths: months.map((x) => ({ value: x, text: monthLabel(x) })),
      banner: o.banner ?? null,
      error: o.error ?? null,
      errorList: o.error ? [{ text: o.error, href: '#month' }] : undefined,
      nav: 'periods',
    });
  }
}
