import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { londonDate } from '../common/dates';
import { toInt } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import type { RetentionRule } from './retention';

export const RETENTION_RULES = Symbol('RETENTION_RULES');

export interface RetentionReportRow {
  type: string;
  label: string;
  retentionYears: number;
  basis: string;
  /** Records dated before this day are past their retention period. */
  cutoffOn: string;
  pastRetention: number;
  oldestOn: string | null;
  /** Why these are kept even so (the ledger or a hazard control needs them); null: review them for disposal. */
  keptBecause: string | null;
}

/** Per record type: the table and the date that starts its retention period. */
const SOURCES: Record<string, { table: string; at: string; where?: string }> = {
  patients: { table: 'patients', at: '"updatedAt"', where: `"status" <> 'ACTIVE'` },
  leaveEvents: { table: 'leave_events', at: '"recordedAt"' },
  attendanceRecords: { table: 'attendance_records', at: '"recordedAt"' },
  skillLogs: { table: 'skill_logs', at: '"createdAt"' },
  references: { table: 'employment_references', at: '"createdAt"' },
  credentials: { table: 'credentials', at: '"issuedAt"' },
  journalEntries: { table: 'journal_entries', at: '"occurredOn"' },
  auditEvents: { table: 'audit_events', at: '"occurredAt"' },
};

/**
 * The retention report: for each record type, how many records are past their retention period,
 * for a person to review. It deletes nothing.
 */
@Injectable()
export class RetentionReportService {
  constructor(
    @Inject(RETENTION_RULES) private readonly rules: RetentionRule[],
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async report(today = londonDate()): Promise<RetentionReportRow[]> {
    const rows = await this.uow.read(async (em) => {
      const out: RetentionReportRow[] = [];
      for (const rule of this.rules) out.push(await this.row(em, rule, today));
      return out;
    });
    await this.audit.record({ action: 'retention.report', entityType: 'retention' });
    return rows;
  }

  private async row(em: EntityManager, rule: RetentionRule, today: string): Promise<RetentionReportRow> {
    const source = SOURCES[rule.type];
    // the same day `years` years ago (28 February for a 29th)
    const cutoffOn = `${Number(today.slice(0, 4)) - rule.years}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
    const pg = this.uow.kind === 'postgres';
    const cutoff = pg ? '$1' : '?';
    const sql = `SELECT COUNT(*) AS n, MIN(${source.at}) AS oldest FROM "${source.table}" WHERE ${source.at} < ${cutoff}${source.where ? ` AND ${source.where}` : ''}`;
    const [r] = await em.query(sql, [cutoffOn]);
    const oldest = r?.oldest ? (r.oldest instanceof Date ? r.oldest.toISOString() : String(r.oldest)).slice(0, 10) : null;
    return { type: rule.type, label: rule.label, retentionYears: rule.years, basis: rule.basis, cutoffOn, pastRetention: toInt(r?.n), oldestOn: oldest, keptBecause: rule.keptBecause };
  }
}
