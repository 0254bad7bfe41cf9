import { Injectable } from '@nestjs/common';
import { In, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { addDays } from '../common/dates';
import { AppError } from '../common/errors/app-error';
import { penceToPounds } from '../common/money';
import type { AuthUser } from '../common/request-context';
import { newId, toInt } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { EnterpriseAccess } from '../enterprises/enterprise-access';
import { Patient } from '../patients/patient.entity';
import { TimesheetLine } from '../rota/timesheet-line.entity';
import { Timesheet } from '../rota/timesheet.entity';
import { toCsv } from './csv';
import type { PayrollRequestDto, PayrollRunDto, PayrollWeekDto } from './dto/money.dto';
import { LedgerErrors } from './ledger.errors';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';
import { wagesEntry, wagesPaymentEntry } from './money-entries';
import { PayrollRun } from './payroll-run.entity';

export function toPayrollRunDto(r: PayrollRun): PayrollRunDto {
  return { id: r.id, enterpriseId: r.enterpriseId, timesheetId: r.timesheetId, weekStartOn: r.weekStartOn, totalPayPence: r.totalPayPence, wagesEntryId: r.wagesEntryId, paymentEntryId: r.paymentEntryId, createdAt: new Date(r.createdAt).toISOString() };
}

const isPayrollDuplicate = (err: unknown) =>
  err instanceof QueryFailedError && /ux_payroll_runs_timesheet|payroll_runs\.timesheetId/.test(String((err as { driverError?: { message?: string } }).driverError?.message ?? err.message) + String((err as { driverError?: { constraint?: string } }).driverError?.constraint ?? ''));

/**
 * Payroll from approved weekly timesheets: the wages owed (Wages / Wages payable) and their
 * payment to the patients' accounts (Wages payable / Bank), both dated the Sunday that ends the
 * week. Each timesheet is posted once: checked under the enterprise lock and backed by the
 * unique index on payroll_runs.timesheetId.
 */
@Injectable()
export class PayrollService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: LedgerRepository,
    private readonly ledger: LedgerService,
    private readonly access: EnterpriseAccess,
    private readonly audit: AuditService,
  ) {}

  /** Approved timesheets (newest first) and the payroll run of each, if posted. */
  async weeks(user: AuthUser, enterpriseId: string): Promise<PayrollWeekDto[]> {
    return this.uow.read(async (em) => {
      await this.access.findManageable(em, user, enterpriseId);
      const sheets = await em.find(Timesheet, { where: { enterpriseId, status: 'APPROVED' }, order: { weekStartOn: 'DESC' }, take: 104 });
      const runs = sheets.length ? await em.find(PayrollRun, { where: { timesheetId: In(sheets.map((s) => s.id)) } }) : [];
      const byTimesheet = new Map(runs.map((r) => [r.timesheetId, r]));
      return sheets.map((s) => {
        const run = byTimesheet.get(s.id);
        return { timesheetId: s.id, weekStartOn: s.weekStartOn, totalMinutes: s.totalMinutes, totalPayPence: s.totalPayPence, run: run ? toPayrollRunDto(run) : null };
      });
    });
  }

  async runs(user: AuthUser, enterpriseId: string): Promise<PayrollRunDto[]> {
    return this.uow.read(async (em) => {
      await this.access.findManageable(em, user, enterpriseId);
      return (await em.find(PayrollRun, { where: { enterpriseId }, order: { weekStartOn: 'DESC' } })).map(toPayrollRunDto);
    });
  }

  async post(user: AuthUser, enterpriseId: string, dto: PayrollRequestDto): Promise<PayrollRunDto> {
    try {
      return await this.uow.run(async (em) => {
        await this.access.findManageable(em, user, enterpriseId);
        await this.repo.lockEnterprise(em, enterpriseId, this.uow.lockMode());
        const sheet = await em.findOne(Timesheet, { where: { id: dto.timesheetId, enterpriseId } });
        if (!sheet || sheet.status !== 'APPROVED') throw AppError.notFound('Approved timesheet');
        const earlier = await em.findOne(PayrollRun, { where: { timesheetId: sheet.id } });
        if (earlier) throw LedgerErrors.payrollAlreadyPosted(earlier.id);
        if (sheet.totalPayPence <= 0) throw LedgerErrors.payrollEmpty();
        const weekEndOn = addDays(sheet.weekStartOn, 6);
        const common = { occurredOn: weekEndOn, postToNextOpenPeriod: dto.postToNextOpenPeriod };
        const wages = await this.ledger.postIn(em, user, enterpriseId, { ...wagesEntry(sheet.totalPayPence, sheet.weekStartOn), ...common, idempotencyKey: `payroll:${sheet.id}:wages` });
        const payment = await this.ledger.postIn(em, user, enterpriseId, { ...wagesPaymentEntry(sheet.totalPayPence, sheet.weekStartOn), ...common, idempotencyKey: `payroll:${sheet.id}:payment` });
        const run = { id: newId(), enterpriseId, timesheetId: sheet.id, weekStartOn: sheet.weekStartOn, totalPayPence: sheet.totalPayPence, wagesEntryId: wages.entry.id, paymentEntryId: payment.entry.id, createdByUserId: user.id, createdAt: new Date() } as PayrollRun;
        await em.insert(PayrollRun, run);
        await this.audit.record({ action: 'ledger.payroll.post', entityType: 'payroll_run', entityId: run.id, detail: { enterpriseId, weekStartOn: sheet.weekStartOn, totalPayPence: sheet.totalPayPence } });
        return toPayrollRunDto(run);
      });
    } catch (err) {
      if (isPayrollDuplicate(err)) throw LedgerErrors.payrollAlreadyPosted();
      throw err;
    }
  }

  /** The payroll for the hospital's patients' monies office: one row per patient. Reads of patient data are audited. */
  async csv(user: AuthUser, enterpriseId: string, runId: string): Promise<{ filename: string; body: string }> {
    return this.uow.run(async (em) => {
      await this.access.findManageable(em, user, enterpriseId);
      const run = await em.findOne(PayrollRun, { where: { id: runId, enterpriseId } });
      if (!run) throw AppError.notFound('Payroll run');
      const rows = await em
        .createQueryBuilder(TimesheetLine, 'l')
        .innerJoin(Patient, 'p', 'p.id = l.patientId')
        .select('l.patientId', 'patientId')
        .addSelect('p.displayName', 'displayName')
        .addSelect('p.hospitalNumber', 'hospitalNumber')
        .addSelect('SUM(l.minutesWorked)', 'minutes')
        .addSelect('SUM(l.payPence)', 'payPence')
        .where('l.timesheetId = :timesheetId', { timesheetId: run.timesheetId })
        .groupBy('l.patientId')
        .addGroupBy('p.displayName')
        .addGroupBy('p.hospitalNumber')
        .orderBy('p.displayName')
        .getRawMany<Record<string, unknown>>();
      const body = toCsv(
        ['Patient', 'Hospital number', 'Week starting', 'Minutes worked', 'Pay (GBP)'],
        rows.filter((r) => toInt(r.payPence) > 0 || toInt(r.minutes) > 0).map((r) => [String(r.displayName), String(r.hospitalNumber), run.weekStartOn, toInt(r.minutes), penceToPounds(toInt(r.payPence))]),
      );
      await this.audit.recordPatientReads('ledger.payroll.csv', rows.map((r) => String(r.patientId)), 'payroll_run');
      return { filename: `payroll-${run.weekStartOn}.csv`, body };
    });
  }
}
