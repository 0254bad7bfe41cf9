import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import type { AuthUser } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { buildReport } from './outcomes-report';
import { OutcomesRepository } from './outcomes.repository';
import type { OutcomesReport } from './outcomes.types';
import { parseReportQuery } from './report-query';

/** Roles that read outcome reports: managers (admins) and commissioners. */
export const REPORT_ROLES = ['ADMIN', 'COMMISSIONER'] as const;

export type ReportUse = 'view' | 'export';

/**
 * Outcomes for managers and commissioners: aggregates only, never a patient. What leaves the
 * service is suppressed: every report a commissioner sees and every export (CSV, PDF), for
 * anyone. An admin's in-service view shows the numbers as counted (admins already see every
 * patient record), and an admin can ask for the suppressed view to check what will leave.
 */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: OutcomesRepository,
    private readonly audit: AuditService,
  ) {}

  /** Whether this caller, for this use, gets the suppressed figures. */
  static suppressFor(user: AuthUser, use: ReportUse, asked = false): boolean {
    return user.role !== 'ADMIN' || use === 'export' || asked;
  }

  async report(user: AuthUser, query: { from?: unknown; to?: unknown; groupBy?: unknown }, use: ReportUse, askSuppressed = false): Promise<OutcomesReport> {
    if (!(REPORT_ROLES as readonly string[]).includes(user.role)) throw AppError.forbidden('Outcome reports are for managers and commissioners');
    const q = parseReportQuery(query);
    const rows = await this.uow.read((em) => this.repo.load(em, q));
    const report = buildReport(rows, q, OutcomesService.suppressFor(user, use, askSuppressed));
    if (use === 'export') await this.audit.record({ action: 'outcomes.export', entityType: 'outcomes-report', detail: { from: q.from, to: q.to, groupBy: q.groupBy, suppressed: report.suppressed } });
    return report;
  }
}
