import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isValidDate, londonDate } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { EnterpriseAccess } from '../enterprises/enterprise-access';
import { Enterprise } from '../enterprises/enterprise.entity';
import type { BalanceRowDto, BalanceSheetDto, EnterpriseSurplusDto, IncomeStatementDto, MonthlySurplusDto, SurplusAcrossDto, TrialBalanceDto } from './dto/reports.dto';
import { LedgerRepository } from './ledger.repository';
import { availableSurplus, naturalBalance } from './ledger-rules';
import { CODES } from './money-entries';
import { ReinvestmentRepository } from './reinvestment.repository';

/** Suppress counts of people under this in aggregate reports (DESIGN.md, Outcomes). */
const SMALL_COUNT = 5;

function checkRange(from: string, to: string): void {
  const errors = [];
  if (!isValidDate(from)) errors.push({ field: 'from', message: 'from must be a real date' });
  if (!isValidDate(to)) errors.push({ field: 'to', message: 'to must be a real date' });
  if (!errors.length && from > to) errors.push({ field: 'to', message: 'to must be on or after from' });
  if (errors.length) throw AppError.validation(errors.map((e) => e.message).join('; '), errors);
}

/**
 * Income statement, trial balance, balance sheet and the monthly surplus series. Every figure
 * comes from grouped SUM queries over journal lines; nothing loads the lines themselves.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: LedgerRepository,
    private readonly proposals: ReinvestmentRepository,
    private readonly access: EnterpriseAccess,
  ) {}

  async incomeStatement(user: AuthUser, enterpriseId: string, q: { from?: string; to?: string }): Promise<IncomeStatementDto> {
    const today = londonDate();
    const from = q.from ?? `${today.slice(0, 4)}-01-01`;
    const to = q.to ?? today;
    checkRange(from, to);
    return this.uow.read(async (em) => {
      await this.access.findManageable(em, user, enterpriseId);
      return this.incomeStatementIn(em, enterpriseId, from, to);
    });
  }

  async incomeStatementIn(em: EntityManager, enterpriseId: string, from: string, to: string): Promise<IncomeStatementDto> {
    const accounts = await this.repo.findAccounts(em, enterpriseId);
    const sums = new Map((await this.repo.sumByAccount(em, enterpriseId, { from, to })).map((s) => [s.accountId, s]));
    const lines = accounts
      .filter((a) => (a.type === 'INCOME' || a.type === 'EXPENSE') && (!a.closed || sums.has(a.id)))
      .map((a) => {
        const s = sums.get(a.id);
        return { accountCode: a.code, name: a.name, type: a.type, amountPence: naturalBalance(a.type, s?.debitPence ?? 0, s?.creditPence ?? 0) };
      })
      .sort((a, b) => (a.type === b.type ? a.accountCode.localeCompare(b.accountCode) : a.type === 'INCOME' ? -1 : 1));
    const incomePence = lines.filter((l) => l.type === 'INCOME').reduce((t, l) => t + l.amountPence, 0);
    const expensesPence = lines.filter((l) => l.type === 'EXPENSE').reduce((t, l) => t + l.amountPence, 0);
    return { from, to, incomePence, expensesPence, surplusPence: incomePence - expensesPence, lines };
  }

  async trialBalance(user: AuthUser, enterpriseId: string, on?: string): Promise<TrialBalanceDto> {
    const date = on ?? londonDate();
    if (!isValidDate(date)) throw AppError.validation('on must be a real date', [{ field: 'on', message: 'on must be a real date' }]);
    return this.uow.read(async (em) => {
      await this.access.findManageable(em, user, enterpriseId);
      return this.trialBalanceIn(em, enterpriseId, date);
    });
  }

  async trialBalanceIn(em: EntityManager, enterpriseId: string, on: string): Promise<TrialBalanceDto> {
    const accounts = await this.repo.findAccounts(em, enterpriseId);
    const sums = new Map((await this.repo.sumByAccount(em, enterpriseId, { to: on })).map((s) => [s.accountId, s]));
    const rows = accounts
      .filter((a) => !a.closed || sums.has(a.id))
      .map((a) => {
        const s = sums.get(a.id);
        const net = (s?.debitPence ?? 0) - (s?.creditPence ?? 0);
        return { accountCode: a.code, name: a.name, type: a.type, debitPence: net > 0 ? net : 0, creditPence: net < 0 ? -net : 0 };
      });
    return { on, rows, totalDebitPence: rows.reduce((t, r) => t + r.debitPence, 0), totalCreditPence: rows.reduce((t, r) => t + r.creditPence, 0) };
  }

  async balanceSheet(user: AuthUser, enterpriseId: string, on?: string): Promise<BalanceSheetDto> {
    const date = on ?? londonDate();
    if (!isValidDate(date)) throw AppError.validation('on must be a real date', [{ field: 'on', message: 'on must be a real date' }]);
    return this.uow.read(async (em) => {
      await this.access.findManageable(em, user, enterpriseId);
      return this.balanceSheetIn(em, enterpriseId, date);
    });
  }

  async balanceSheetIn(em: EntityManager, enterpriseId: string, on: string): Promise<BalanceSheetDto> {
    const accounts = await this.repo.findAccounts(em, enterpriseId);
    const sums = new Map((await this.repo.sumByAccount(em, enterpriseId, { to: on })).map((s) => [s.accountId, s]));
    const section = (type: 'ASSET' | 'LIABILITY' | 'EQUITY'): BalanceRowDto[] =>
      accounts
        .filter((a) => a.type === type && (!a.closed || sums.has(a.id)))
        .map((a) => ({ accountCode: a.code, name: a.name, amountPence: naturalBalance(a.type, sums.get(a.id)?.debitPence ?? 0, sums.get(a.id)?.creditPence ?? 0) }));
    let surplusToDatePence = 0;
    for (const a of accounts) {
      const s = sums.get(a.id);
      if (s && (a.type === 'INCOME' || a.type === 'EXPENSE')) surplusToDatePence += a.type === 'INCOME' ? s.creditPence - s.debitPence : -(s.debitPence - s.creditPence);
    }
    const assets = section('ASSET');
    const liabilities = section('LIABILITY');
    const equity = [...section('EQUITY'), { accountCode: null, name: 'Surplus to date', amountPence: surplusToDatePence }];
    const total = (rows: BalanceRowDto[]) => rows.reduce((t, r) => t + r.amountPence, 0);
    const totalAssetsPence = total(assets);
    const totalLiabilitiesPence = total(liabilities);
    const totalEquityPence = total(equity);
    return { on, assets, liabilities, equity, totalAssetsPence, totalLiabilitiesPence, totalEquityPence, surplusToDatePence, balanced: totalAssetsPence === totalLiabilitiesPence + totalEquityPence };
  }

  async monthlySurplus(user: AuthUser, enterpriseId: string, year?: number): Promise<MonthlySurplusDto> {
    const y = year ?? Number(londonDate().slice(0, 4));
    return this.uow.read(async (em) => {
      await this.access.findManageable(em, user, enterpriseId);
      return this.monthlySurplusIn(em, enterpriseId, y);
    });
  }

  async monthlySurplusIn(em: EntityManager, enterpriseId: string, year: number): Promise<MonthlySurplusDto> {
    const rows = await this.repo.sumByMonthAndType(em, enterpriseId, `${year}-01-01`, `${year}-12-31`);
    const months = Array.from({ length: 12 }, (_, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}`, incomePence: 0, expensesPence: 0, surplusPence: 0 }));
    for (const r of rows) {
      const m = months[Number(r.month.slice(5, 7)) - 1];
      if (!m) continue;
      if (r.type === 'INCOME') m.incomePence += r.creditPence - r.debitPence;
      else m.expensesPence += r.debitPence - r.creditPence;
    }
    for (const m of months) m.surplusPence = m.incomePence - m.expensesPence;
    const sum = (k: 'incomePence' | 'expensesPence' | 'surplusPence') => months.reduce((t, m) => t + m[k], 0);
    return { year, months, incomePence: sum('incomePence'), expensesPence: sum('expensesPence'), surplusPence: sum('surplusPence') };
  }

  /**
   * Surplus free for reinvestment today: all income less all expenses, plus the credit balance
   * of Retained surplus (which every approval has debited).
   */
  async availableSurplusIn(em: EntityManager, enterpriseId: string): Promise<number> {
    const byType = await this.repo.sumByType(em, enterpriseId, {});
    const income = byType.get('INCOME');
    const expense = byType.get('EXPENSE');
    const net = (income ? income.creditPence - income.debitPence : 0) - (expense ? expense.debitPence - expense.creditPence : 0);
    const retained = await this.repo.findAccountByCode(em, enterpriseId, CODES.retainedSurplus);
    const retainedCredit = retained ? -(await this.repo.accountNetDebit(em, retained.id, enterpriseId)) : 0;
    return availableSurplus(net, retainedCredit);
  }

  /** Surplus and reinvestment of every enterprise for a year: totals only, no patient data. */
  async surplusAcross(user: AuthUser, year?: number): Promise<SurplusAcrossDto> {
    const y = year ?? Number(londonDate().slice(0, 4));
    return this.uow.read(async (em) => {
      const enterprises = await em.find(Enterprise, { order: { name: 'ASC' } });
      const reinvestment = await this.proposals.totalsByEnterprise(em);
      const rows: EnterpriseSurplusDto[] = [];
      for (const e of enterprises) {
        const byType = await this.repo.sumByType(em, e.id, { from: `${y}-01-01`, to: `${y}-12-31` });
        const incomePence = (byType.get('INCOME')?.creditPence ?? 0) - (byType.get('INCOME')?.debitPence ?? 0);
        const expensesPence = (byType.get('EXPENSE')?.debitPence ?? 0) - (byType.get('EXPENSE')?.creditPence ?? 0);
        const r = reinvestment.get(e.id);
        const placements = r?.placementsFunded ?? 0;
        rows.push({
          enterpriseId: e.id,
          name: e.name,
          incomePence,
          expensesPence,
          surplusPence: incomePence - expensesPence,
          reservedPence: r?.reservedPence ?? 0,
          reinvestedPence: r?.reinvestedPence ?? 0,
          proposalsAwaitingApproval: r?.awaiting ?? 0,
          rolesFunded: r?.rolesFunded ?? 0,
          placementsFunded: user.role === 'COMMISSIONER' && placements > 0 && placements < SMALL_COUNT ? null : placements,
        });
      }
      const sum = (k: 'incomePence' | 'expensesPence' | 'surplusPence' | 'reservedPence' | 'reinvestedPence') => rows.reduce((t, r) => t + r[k], 0);
      return { year: y, enterprises: rows, incomePence: sum('incomePence'), expensesPence: sum('expensesPence'), surplusPence: sum('surplusPence'), reservedPence: sum('reservedPence'), reinvestedPence: sum('reinvestedPence') };
    });
  }
}
