export const SHIFT_STATUSES = ['DRAFT', 'PUBLISHED', 'CANCELLED'] as const;
export type ShiftStatus = (typeof SHIFT_STATUSES)[number];

export const ASSIGNMENT_STATUSES = ['BOOKED', 'NEEDS_REVIEW', 'CANCELLED'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
/** Assignments that hold a place and count towards hours, earnings and overlaps. */
export const LIVE_ASSIGNMENT_STATUSES: AssignmentStatus[] = ['BOOKED', 'NEEDS_REVIEW'];

export const ATTENDANCE_STATUSES = ['ATTENDED', 'LATE', 'LEFT_EARLY', 'ABSENT', 'CANCELLED'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const CANCELLATION_REASONS = ['WARD_INCIDENT', 'LEAVE_SUSPENDED', 'WARD_ROUND', 'ENTERPRISE_CLOSED', 'OTHER'] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

/** The rules a booking must pass; each broken one is reported with its code. */
export const BOOKING_CODES = [
  'NO_PLACEMENT',
  'OVERLAP',
  'LEAVE_INSUFFICIENT',
  'ESCORT_REQUIRED',
  'RESTRICTION',
  'SKILL_MISSING',
  'HOURS_CAP',
  'EARNINGS_CAP',
  'CAPACITY',
  'SUPERVISION',
  'SHIFT_NOT_BOOKABLE',
  'PATIENT_NOT_ACTIVE',
  'TIMESHEET_APPROVED',
] as const;
export type BookingCode = (typeof BOOKING_CODES)[number];

/** Only the benefits caps may be overridden, by an OT, with a recorded reason. */
export const OVERRIDABLE_CODES: BookingCode[] = ['HOURS_CAP', 'EARNINGS_CAP'];
