import { isEscorted, LEAVE_LABELS, leaveRank, type LeaveLevel, type LeaveOnDate } from '../patients/leave';
import { RESTRICTION_BLOCKS, RESTRICTION_LABELS, type Activity, type RestrictionCode } from '../patients/restrictions';
import { SKILL_LEVELS, type PrerequisiteSkill } from '../enterprises/enterprise.types';
import { OVERRIDABLE_CODES, type BookingCode } from './rota.types';

export interface Violation {
  code: BookingCode;
  message: string;
}

/** Everything a booking decision needs, gathered by bounded, indexed queries. */
export interface BookingFacts {
  shift: {
    status: string;
    startAt: Date;
    capacity: number;
    supervisorUserId: string | null;
    escortUserIds: string[];
    minutes: number;
    payPence: number;
  };
  role: { activities: Activity[]; prerequisiteSkills: PrerequisiteSkill[]; patientsPerSupervisor: number; title: string };
  enterprise: { name: string; minimumLeave: LeaveLevel; status: string };
  patientActive: boolean;
  hasActivePlacement: boolean;
  overlapping: { startAt: Date; endAt: Date; enterpriseName: string }[];
  leave: LeaveOnDate;
  restrictions: RestrictionCode[];
  /** Verified skill levels by skill code; null while skills are not tracked (SKILL_MISSING is then not checked). */
  verifiedSkills: Map<string, number> | null;
  week: { bookedMinutes: number; bookedPayPence: number };
  caps: { weeklyEarningsCapPence: number | null; weeklyHoursCapMinutes: number | null };
  liveOnShift: number;
  /** The enterprise's timesheet for the shift's London week is already approved (and frozen). */
  weekApproved: boolean;
}

const GROUNDS: LeaveLevel[] = ['ESCORTED_GROUNDS', 'UNESCORTED_GROUNDS'];
const area = (l: LeaveLevel) => (l === 'NONE' ? 'WARD' : GROUNDS.includes(l) ? 'GROUNDS' : 'COMMUNITY');

const hours = (m: number) => `${Math.floor(m / 60)}h${m % 60 ? ` ${m % 60}m` : ''}`;
const pounds = (p: number) => `£${(p / 100).toFixed(2)}`;

/**
 * The booking rules (DESIGN.md), as a pure function: every broken rule is reported at once,
 * each with its code and a message in plain English for the booking form.
 */
export function checkBooking(f: BookingFacts): Violation[] {
  const v: Violation[] = [];
  if (f.shift.status !== 'PUBLISHED' && f.shift.status !== 'DRAFT') v.push({ code: 'SHIFT_NOT_BOOKABLE', message: 'This shift has been cancelled' });
  if (f.enterprise.status !== 'ACTIVE') v.push({ code: 'SHIFT_NOT_BOOKABLE', message: `${f.enterprise.name} is not open` });
  if (f.weekApproved) v.push({ code: 'TIMESHEET_APPROVED', message: "This week's timesheet is already approved, so its pay is frozen" });
  if (!f.patientActive) v.push({ code: 'PATIENT_NOT_ACTIVE', message: 'The patient has been discharged or transferred' });
  if (!f.hasActivePlacement) v.push({ code: 'NO_PLACEMENT', message: `No active placement as ${f.role.title} on the shift's date` });
  for (const o of f.overlapping) v.push({ code: 'OVERLAP', message: `Already booked ${o.enterpriseName} at an overlapping time` });

  const required = f.enterprise.minimumLeave;
  const effective = f.leave.effectiveLevel;
  if (f.leave.suspended && required !== 'NONE') {
    v.push({ code: 'LEAVE_INSUFFICIENT', message: `Leave is suspended${f.leave.suspensionReason ? ` (${f.leave.suspensionReason})` : ''}; ${f.enterprise.name} needs ${LEAVE_LABELS[required].toLowerCase()}` });
  } else if (leaveRank(effective) < leaveRank(required)) {
    v.push({ code: 'LEAVE_INSUFFICIENT', message: `${LEAVE_LABELS[effective]} on that date; ${f.enterprise.name} needs ${LEAVE_LABELS[required].toLowerCase()}` });
  } else if (required !== 'NONE' && isEscorted(effective) && area(effective) === area(required) && f.shift.escortUserIds.length === 0) {
    v.push({ code: 'ESCORT_REQUIRED', message: `${LEAVE_LABELS[effective]}: name an escort on the shift` });
  }

  for (const r of f.restrictions) {
    if (f.role.activities.includes(RESTRICTION_BLOCKS[r])) v.push({ code: 'RESTRICTION', message: `${RESTRICTION_LABELS[r]}, and the role involves ${RESTRICTION_BLOCKS[r].toLowerCase().replace('_', ' ')}` });
  }

  if (f.verifiedSkills) {
    for (const p of f.role.prerequisiteSkills) {
      const needed = SKILL_LEVELS.indexOf(p.level) + 1;
      if ((f.verifiedSkills.get(p.skillCode) ?? 0) < needed) v.push({ code: 'SKILL_MISSING', message: `Needs ${p.skillCode} verified at ${p.level.toLowerCase()} or above` });
    }
  }

  const minutes = f.week.bookedMinutes + f.shift.minutes;
  if (f.caps.weeklyHoursCapMinutes !== null && minutes > f.caps.weeklyHoursCapMinutes) {
    v.push({ code: 'HOURS_CAP', message: `This week would be ${hours(minutes)}, over the ${hours(f.caps.weeklyHoursCapMinutes)} limit` });
  }
  const pay = f.week.bookedPayPence + f.shift.payPence;
  if (f.caps.weeklyEarningsCapPence !== null && pay > f.caps.weeklyEarningsCapPence) {
    v.push({ code: 'EARNINGS_CAP', message: `This week's projected earnings would be ${pounds(pay)}, over the ${pounds(f.caps.weeklyEarningsCapPence)} limit` });
  }

  if (f.liveOnShift >= f.shift.capacity) v.push({ code: 'CAPACITY', message: `The shift is full (${f.shift.capacity} place${f.shift.capacity === 1 ? '' : 's'})` });
  const supervisors = f.shift.supervisorUserId ? 1 : 0;
  if (f.liveOnShift + 1 > supervisors * f.role.patientsPerSupervisor) {
    v.push({ code: 'SUPERVISION', message: supervisors ? `One supervisor can support ${f.role.patientsPerSupervisor} patients in this role` : 'Name a supervisor on the shift first' });
  }
  return v;
}

/** Rules that a change of leave or restrictions can break for a booking already made. */
export const REVIEW_CODES: BookingCode[] = ['LEAVE_INSUFFICIENT', 'ESCORT_REQUIRED', 'RESTRICTION', 'PATIENT_NOT_ACTIVE', 'NO_PLACEMENT'];

/**
 * Whether the violations can be booked anyway: only the benefits caps, only by an OT, and
 * only with a reason recorded.
 */
export function decide(violations: Violation[], override: { reason?: string; byOt: boolean }): { allowed: boolean; overridden: BookingCode[] } {
  if (violations.length === 0) return { allowed: true, overridden: [] };
  const reason = override.reason?.trim();
  const onlyCaps = violations.every((x) => OVERRIDABLE_CODES.includes(x.code));
  if (onlyCaps && reason && override.byOt) return { allowed: true, overridden: [...new Set(violations.map((x) => x.code))] };
  return { allowed: false, overridden: [] };
}
