import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { londonDate } from '../../common/dates';
import type { AuthUser } from '../../common/request-context';
import { UnitOfWork } from '../../database/unit-of-work';
import { EnterpriseAccess } from '../../enterprises/enterprise-access';
import { Enterprise } from '../../enterprises/enterprise.entity';
import type { IncomeStatementDto, MonthlySurplusDto } from '../dto/reports.dto';
import { LedgerRepository } from '../ledger.repository';
import { lastDayOfMonth, monthOf } from '../ledger-rules';
import { ReportsService } from '../reports.service';

export interface EnterpriseFigures {
  id: string;
  name: string;
  monthSurplusPence: number;
  yearSurplusPence: number;
}

export interface Dashboard {
  enterprise: { id: string; name: string };
  today: string;
  thisMonth: IncomeStatementDto;
  yearToDate: IncomeStatementDto;
  series: MonthlySurplusDto;
  availableSurplusPence: number;
}

/** What the finance pages show, gathered in one read each. */
@Injectable()
export class FinancePagesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: LedgerRepository,
    private readonly reports: ReportsService,
    private readonly access: EnterpriseAccess,
  ) {}

  /** The enterprises whose money the caller manages: all for an admin, those led for a lead. */
  async enterprises(user: AuthUser): Promise<EnterpriseFigures[]> {
    const today = londonDate();
    return this.uow.read(async (em) => {
      const ids = user.role === 'ADMIN' ? undefined : await this.access.enterpriseIdsLedBy(em, user.id);
      const list = await em.find(Enterprise, { where: ids ? { id: In(ids) } : {}, order: { name: 'ASC' } });
      const out: EnterpriseFigures[] = [];
      for (const e of list) {
        const net = async (from: string) => {
          const t = await this.repo.sumByType(em, e.id, { from, to: today });
          return (t.get('INCOME')?.creditPence ?? 0) - (t.get('INCOME')?.debitPence ?? 0) - ((t.get('EXPENSE')?.debitPence ?? 0) - (t.get('EXPENSE')?.creditPence ?? 0));
        };
        out.push({ id: e.id, name: e.name, monthSurplusPence: await net(`${monthOf(today)}-01`), yearSurplusPence: await net(`${today.slice(0, 4)}-01-01`) });
      }
      return out;
    });
  }

  async dashboard(user: AuthUser, enterpriseId: string, year?: number): Promise<Dashboard> {
    const today = londonDate();
    const y = year ?? Number(today.slice(0, 4));
    return this.uow.read(async (em) => {
      const enterprise = await this.access.findManageable(em, user, enterpriseId);
      const month = monthOf(today);
      return {
        enterprise: { id: enterprise.id, name: enterprise.name },
        today,
        thisMonth: await this.reports.incomeStatementIn(em, enterpriseId, `${month}-01`, lastDayOfMonth(month)),
        yearToDate: await this.reports.incomeStatementIn(em, enterpriseId, `${today.slice(0, 4)}-01-01`, today),
        series: await this.reports.monthlySurplusIn(em, enterpriseId, y),
        availableSurplusPence: await this.reports.availableSurplusIn(em, enterpriseId),
      };
    });
  }

  /** The enterprise's name, after the access check. */
  async enterprise(user: AuthUser, enterpriseId: string): Promise<{ id: string; name: string }> {
    return this.uow.read(async (em) => {
      const e = await this.access.findManageable(em, user, enterpriseId);
      return { id: e.id, name: e.name };
    });
  }
}
