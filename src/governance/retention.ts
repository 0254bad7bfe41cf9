import { ConfigError } from '../config/app-config';

/**
 * Retention periods per record type. Defaults follow the NHS Records Management Code of Practice
 * (2023): mental health records 20 years after the last contact (or 8 after death); financial
 * records 6 years after the financial year; the audit log as long as the records it is about.
 * WARDWORKS_RETENTION_YEARS overrides them ("auditEvents=25,journalEntries=7"). Nothing is
 * deleted automatically: the report lists what is past its period for a person to review, and
 * says when a record must be kept anyway because the ledger or a hazard control needs it.
 */
export interface RetentionRule {
  type: string;
  label: string;
  years: number;
  basis: string;
  /** Why records of this type are never deleted even past their period (null: they may be, after review). */
  keptBecause: string | null;
}

export const DEFAULT_RETENTION: RetentionRule[] = [
  { type: 'patients', label: 'Patients discharged or transferred (last contact)', years: 20, basis: 'Mental health records: 20 years after last contact', keptBecause: null },
  { type: 'leaveEvents', label: 'Leave (section 17) history', years: 20, basis: 'Mental health records: 20 years', keptBecause: 'Hazard HAZ-001: bookings were checked against it' },
  { type: 'attendanceRecords', label: 'Attendance and pay records', years: 20, basis: 'Mental health records: 20 years; pay at least 6 years (HMRC)', keptBecause: 'Hazard HAZ-008: approved timesheets and wages in the ledger refer to them' },
  { type: 'skillLogs', label: 'Skill log entries', years: 20, basis: 'Mental health records: 20 years', keptBecause: null },
  { type: 'references', label: 'References', years: 20, basis: 'Mental health records: 20 years', keptBecause: null },
  { type: 'credentials', label: 'Credentials', years: 20, basis: 'Mental health records: 20 years', keptBecause: null },
  { type: 'journalEntries', label: 'Ledger journal entries', years: 6, basis: 'Financial records: 6 years after the financial year', keptBecause: 'Hazard HAZ-009: the ledger is append-only and hash-chained; removing an entry breaks the chain' },
  { type: 'auditEvents', label: 'Audit log entries', years: 20, basis: 'As long as the records they are about', keptBecause: 'Hazard HAZ-006: the audit log is append-only, evidence of who saw what' },
];

export const RETENTION_SUMMARY: { record: string; kept: string }[] = [
  { record: 'Your record, leave, work restrictions and benefits limits', kept: '20 years after you were last in contact with the service (8 years after death), as for all mental health records' },
  { record: 'Shifts, attendance and pay', kept: '20 years, as part of your mental health record; pay records at least 6 years for HM Revenue and Customs' },
  { record: 'Skills, references and credentials', kept: '20 years, as part of your mental health record, unless you ask us to withdraw a reference or credential sooner' },
  { record: 'The enterprises’ accounts (wages, takings)', kept: '6 years after the end of the financial year' },
  { record: 'The audit log of who looked at or changed your records', kept: '20 years, as long as the records it is about' },
];

/** The retention rules with WARDWORKS_RETENTION_YEARS applied; a bad value names the variable. */
export function loadRetentionRules(raw: string | undefined): RetentionRule[] {
  const rules = DEFAULT_RETENTION.map((r) => ({ ...r }));
  if (!raw?.trim()) return rules;
  for (const part of raw.split(',')) {
    const m = /^\s*(\w+)\s*=\s*(\d{1,3})\s*$/.exec(part);
    if (!m) throw new ConfigError('WARDWORKS_RETENTION_YEARS', `must be a list like "auditEvents=25,journalEntries=7", got "${part.trim()}"`);
    const rule = rules.find((r) => r.type === m[1]);
    if (!rule) throw new ConfigError('WARDWORKS_RETENTION_YEARS', `names an unknown record type "${m[1]}" (one of ${rules.map((r) => r.type).join(', ')})`);
    const years = Number(m[2]);
    if (years < 1) throw new ConfigError('WARDWORKS_RETENTION_YEARS', `${m[1]} must be kept at least 1 year`);
    rule.years = years;
  }
  return rules;
}
