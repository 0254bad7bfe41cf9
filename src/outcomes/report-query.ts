import { addDays, isValidDate, londonDate } from '../common/dates';
import { AppError, type ErrorDetail } from '../common/errors/app-error';

export const GROUP_BYS = ['site', 'ward', 'securityLevel', 'enterprise'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface ReportQuery {
  from: string;
  to: string;
  groupBy: GroupBy;
}

/** The longest period one report covers: enough for a few years' trend, bounded for the database. */
export const MAX_PERIOD_DAYS = 3 * 366;

/**
 * Checks a report's period and grouping. Default: the last 12 months to today, by site.
 * Refused with 400 INVALID_REPORT_QUERY, one detail per field with its own code.
 */
export function parseReportQuery(q: { from?: unknown; to?: unknown; groupBy?: unknown }, today = londonDate()): ReportQuery {
  const details: ErrorDetail[] = [];
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const from = text(q.from) ?? addDays(addDays(today, 1), -365);
  const to = text(q.to) ?? today;
  const groupBy = text(q.groupBy) ?? 'site';
  if (!isValidDate(from)) details.push({ field: 'from', code: 'INVALID_DATE', message: 'from must be a real date as YYYY-MM-DD' });
  if (!isValidDate(to)) details.push({ field: 'to', code: 'INVALID_DATE', message: 'to must be a real date as YYYY-MM-DD' });
  if (!details.length && from > to) details.push({ field: 'from', code: 'PERIOD_REVERSED', message: 'from must be on or before to' });
  if (!details.length && daysBetween(from, to) > MAX_PERIOD_DAYS) details.push({ field: 'to', code: 'PERIOD_TOO_LONG', message: `A report covers at most ${MAX_PERIOD_DAYS} days` });
  if (!(GROUP_BYS as readonly string[]).includes(groupBy)) details.push({ field: 'groupBy', code: 'INVALID_GROUP_BY', message: `groupBy must be one of ${GROUP_BYS.join(', ')}` });
  if (details.length) throw new AppError('INVALID_REPORT_QUERY', details.map((d) => d.message).join('; '), 400, details);
  return { from, to, groupBy: groupBy as GroupBy };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The months (YYYY-MM) a period touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= end) return out;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/** A quarter "2026-Q3" as its first and last dates; null if malformed. */
export function quarterRange(quarter: string): { from: string; to: string } | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return null;
  const y = Number(m[1]);
  const q = Number(m[2]);
  const startMonth = (q - 1) * 3 + 1;
  const from = `${y}-${String(startMonth).padStart(2, '0')}-01`;
  const next = q === 4 ? `${y + 1}-01-01` : `${y}-${String(startMonth + 3).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

/** The quarter holding a date, as "2026-Q3". */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}
