import { AppError, type ErrorDetail } from '../../common/errors/app-error';

/** Attendance and timesheet errors, each with its stable code. */
export const AttendanceErrors = {
  tooEarly: () => new AppError('TOO_EARLY', 'Attendance can be recorded from the day of the shift, not before', 422, [{ field: 'status', message: 'You can record attendance from the day of the shift' }]),
  timesheetApproved: () => AppError.conflict('TIMESHEET_APPROVED', 'This week’s timesheet is approved: its attendance is frozen'),
  assignmentCancelled: () => AppError.conflict('ASSIGNMENT_CANCELLED', 'This booking was cancelled: there is no attendance to record'),
  alreadyApproved: () => AppError.conflict('ALREADY_APPROVED', 'This week’s timesheet is already approved'),
  weekNotOver: () => AppError.conflict('WEEK_NOT_OVER', 'A week’s timesheet can be approved once the week is over (after Sunday)'),
  attendanceMissing: (details: ErrorDetail[]) => AppError.conflict('ATTENDANCE_MISSING', `Record attendance for every shift first: ${details.length} still to record`, details),
  notMonday: () => AppError.validation('weekStartOn must be a Monday (YYYY-MM-DD)', [{ field: 'weekStartOn', message: 'Must be the Monday that starts the week, as YYYY-MM-DD' }]),
};
