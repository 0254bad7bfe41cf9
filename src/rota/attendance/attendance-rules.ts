import { addDays, londonDate } from '../../common/dates';
import type { ErrorDetail } from '../../common/errors/app-error';
import { isEscorted, leaveRank, type LeaveLevel } from '../../patients/leave';
import { londonInstant } from '../../recruitment/london-time';
import { CANCELLATION_REASONS, type AttendanceStatus } from '../rota.types';
import { isoWeekday, minutesBetween, payPence } from '../time-rules';

/** Statuses for which the patient worked, so actual start and end times are needed. */
export const WORKED_STATUSES: readonly AttendanceStatus[] = ['ATTENDED', 'LATE', 'LEFT_EARLY'];

/** How far actual times may fall outside the planned shift (an early start, a late finish). */
export const SLACK_MINUTES = 120;
/** The longest shift the rota allows (RotaRepository.MAX_SHIFT_MINUTES). */
export const MAX_WORKED_MINUTES = 16 * 60;

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  ATTENDED: 'Attended',
  LATE: 'Late',
  LEFT_EARLY: 'Left early',
  ABSENT: 'Absent',
  CANCELLED: 'Cancelled',
};

export const CANCELLATION_LABELS: Record<(typeof CANCELLATION_REASONS)[number], string> = {
  WARD_INCIDENT: 'Ward incident',
  LEAVE_SUSPENDED: 'Leave suspended',
  WARD_ROUND: 'Ward round',
  ENTERPRISE_CLOSED: 'Enterprise closed',
  OTHER: 'Another reason',
};

export interface AttendanceInput {
  status: AttendanceStatus;
  actualStartAt?: Date | null;
  actualEndAt?: Date | null;
  reasonCode?: string | null;
  reason?: string | null;
}

export function isWorked(status: string): boolean {
  return (WORKED_STATUSES as readonly string[]).includes(status);
}

/** Attendance is recorded on the shift's day (Europe/London) or later, never before. */
export function isTooEarly(shiftStartAt: Date, now: Date): boolean {
  return londonDate(now) < londonDate(shiftStartAt);
}

/**
 * Field errors for an attendance record against its planned shift, as a pure function:
 * worked statuses need actual times within SLACK_MINUTES of the plan and not in the future;
 * ABSENT needs a reason; CANCELLED needs a reason code (and words when it is OTHER).
 */
export function attendanceErrors(input: AttendanceInput, shift: { startAt: Date; endAt: Date }, now: Date): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  const reason = input.reason?.trim() ?? '';
  const { actualStartAt: start, actualEndAt: end } = input;

  if (isWorked(input.status)) {
    if (!start) add('actualStartAt', 'Enter the time the patient started');
    if (!end) add('actualEndAt', 'Enter the time the patient finished');
    if (input.reasonCode) add('reasonCode', 'A cancellation reason applies only to a cancelled shift');
    if (!start || !end) return errors;
    const earliest = shift.startAt.getTime() - SLACK_MINUTES * 60_000;
    const latest = shift.endAt.getTime() + SLACK_MINUTES * 60_000;
    if (start.getTime() < earliest || start.getTime() > latest) add('actualStartAt', `The start must be within ${SLACK_MINUTES / 60} hours of the planned shift`);
    if (end.getTime() <= start.getTime()) add('actualEndAt', 'The finish must be after the start');
    else if (end.getTime() > latest) add('actualEndAt', `The finish must be within ${SLACK_MINUTES / 60} hours of the planned shift`);
    else if (minutesBetween(start, end) > MAX_WORKED_MINUTES) add('actualEndAt', `A shift is at most ${MAX_WORKED_MINUTES / 60} hours`);
    if (end.getTime() > now.getTime()) add('actualEndAt', 'The finish cannot be in the future: record attendance once the shift has ended');
    if (input.status === 'LATE' && start.getTime() <= shift.startAt.getTime()) add('actualStartAt', 'Late means starting after the planned start: choose Attended, or correct the start time');
    if (input.status === 'LEFT_EARLY' && end.getTime() >= shift.endAt.getTime()) add('actualEndAt', 'Left early means finishing before the planned end: choose Attended, or correct the finish time');
    return errors;
  }

  if (start) add('actualStartAt', 'Leave the times blank when the patient did not work');
  if (end) add('actualEndAt', 'Leave the times blank when the patient did not work');
  if (input.status === 'ABSENT') {
    if (input.reasonCode) add('reasonCode', 'A cancellation reason applies only to a cancelled shift');
    if (reason.length < 3) add('reason', 'Say why the patient was absent');
  } else {
    if (!input.reasonCode) add('reasonCode', 'Choose why the shift was cancelled');
    else if (!(CANCELLATION_REASONS as readonly string[]).includes(input.reasonCode)) add('reasonCode', 'Choose one of the cancellation reasons');
    else if (input.reasonCode === 'OTHER' && reason.length < 3) add('reason', 'Say why the shift was cancelled');
  }
  return errors;
}

/** Real minutes worked and the pay for them, half-up to the penny; nothing when not worked. */
export function workedPay(input: Pick<AttendanceInput, 'status' | 'actualStartAt' | 'actualEndAt'>, hourlyRatePence: number): { minutesWorked: number; payPence: number } {
  if (!isWorked(input.status) || !input.actualStartAt || !input.actualEndAt) return { minutesWorked: 0, payPence: 0 };
  const minutesWorked = minutesBetween(input.actualStartAt, input.actualEndAt);
  return { minutesWorked, payPence: payPence(minutesWorked, hourlyRatePence) };
}

export interface RecordLike {
  id: string;
  assignmentId: string;
  supersedesId: string | null;
  recordedAt: Date;
}

const newestFirst = (a: RecordLike, b: RecordLike) => b.recordedAt.getTime() - a.recordedAt.getTime() || (a.id < b.id ? 1 : -1);

/**
 * The current record of each assignment: the one no later record supersedes (corrections form
 * a chain, never an overwrite). Should the chain ever fork, the newest head wins.
 */
export function currentRecords<T extends RecordLike>(records: T[]): Map<string, T> {
  const superseded = new Set(records.map((r) => r.supersedesId).filter((id): id is string => !!id));
  const out = new Map<string, T>();
  for (const r of [...records].sort(newestFirst)) {
    if (superseded.has(r.id) || out.has(r.assignmentId)) continue;
    out.set(r.assignmentId, r);
  }
  return out;
}

/** Whether a patient needs an escort to get to the enterprise (as the booking rules decide). */
export function escortNeeded(effectiveLevel: LeaveLevel, minimumLeave: LeaveLevel): boolean {
  if (minimumLeave === 'NONE' || !isEscorted(effectiveLevel)) return false;
  const area = (l: LeaveLevel) => (l === 'NONE' ? 'WARD' : leaveRank(l) <= leaveRank('UNESCORTED_GROUNDS') ? 'GROUNDS' : 'COMMUNITY');
  return area(effectiveLevel) === area(minimumLeave);
}

/** "9:05", "09:05" or "9.05" as typed in a form, to HH:MM; null when it is not a time of day. */
export function parseClock(input: string | undefined | null): string | null {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec((input ?? '').trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}

/**
 * Actual start and finish typed as London wall-clock times on the shift's date. A finish at or
 * before the start is on the next day (a shift past midnight). Across a clock change the
 * instants are real: 01:00-03:00 on the night the clocks go forward is one hour.
 */
export function actualInstants(shiftDate: string, start: string, end: string): { actualStartAt: Date; actualEndAt: Date } | null {
  const actualStartAt = londonInstant(shiftDate, start);
  let actualEndAt = londonInstant(shiftDate, end);
  if (!actualStartAt || !actualEndAt) return null;
  if (actualEndAt.getTime() <= actualStartAt.getTime()) {
    actualEndAt = londonInstant(addDays(shiftDate, 1), end);
    if (!actualEndAt) return null;
  }
  return { actualStartAt, actualEndAt };
}

/** "6 hours 30 minutes", "1 hour", "45 minutes". */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = h ? `${h} hour${h === 1 ? '' : 's'}` : '';
  const mins = m ? `${m} minute${m === 1 ? '' : 's'}` : '';
  return [hours, mins].filter(Boolean).join(' ') || '0 hours';
}

/** The instants a London day [00:00, next 00:00) spans: 23, 24 or 25 hours. */
export function londonDayRange(date: string): { from: Date; to: Date } {
  return { from: londonInstant(date, '00:00')!, to: londonInstant(addDays(date, 1), '00:00')! };
}

/** Monday (YYYY-MM-DD) of the London week holding a date. */
export function weekOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}
