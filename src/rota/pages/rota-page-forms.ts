import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { isValidDate } from '../../common/dates';
import { AppError, type ErrorDetail } from '../../common/errors/app-error';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const YMD = /^\d{4}-\d{2}-\d{2}$/;
const PLACES = 'Enter the number of places as a whole number from 1 to 50';
const WEEKS = 'Enter the number of weeks as a whole number from 1 to 26';

/** The single-shift form: a London date and wall-clock times, as people type them. */
export class ShiftForm {
  @IsUUID('all', { message: 'Choose the work role' }) workRoleId: string;
  @Matches(YMD, { message: 'Enter the date as year-month-day, for example 2026-11-23' }) date: string;
  @Matches(HHMM, { message: 'Enter the start time in 24-hour UK time, for example 10:00' }) startTime: string;
  @Matches(HHMM, { message: 'Enter the end time in 24-hour UK time, for example 13:00' }) endTime: string;
  @IsInt({ message: PLACES }) @Min(1, { message: PLACES }) @Max(50, { message: PLACES }) capacity: number;
  @IsOptional() @IsUUID('all', { message: 'Choose a supervisor from the list' }) supervisorUserId?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(10, { message: 'Choose at most 10 escorts' }) @ArrayUnique() @IsUUID('all', { each: true, message: 'Choose escorts from the list' }) escortUserIds?: string[];
  @IsOptional() @IsString() @MaxLength(200, { message: 'Keep the location note under 200 characters' }) locationNote?: string;
  @IsOptional() @IsBoolean() publish?: boolean;
}

/** The weekly pattern form: "Mon-Fri 10:00-13:00, 2 places, for 4 weeks from ...". */
export class PatternForm {
  @IsUUID('all', { message: 'Choose the work role' }) workRoleId: string;
  @IsArray({ message: 'Choose at least one day of the week' })
  @ArrayMinSize(1, { message: 'Choose at least one day of the week' })
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true, message: 'Choose days from the list' })
  @Min(1, { each: true, message: 'Choose days from the list' })
  @Max(7, { each: true, message: 'Choose days from the list' })
  weekdays: number[];
  @Matches(HHMM, { message: 'Enter the start time in 24-hour UK time, for example 10:00' }) startTime: string;
  @Matches(HHMM, { message: 'Enter the end time in 24-hour UK time, for example 13:00' }) endTime: string;
  @IsInt({ message: PLACES }) @Min(1, { message: PLACES }) @Max(50, { message: PLACES }) capacity: number;
  @IsOptional() @IsUUID('all', { message: 'Choose a supervisor from the list' }) supervisorUserId?: string;
  @Matches(YMD, { message: 'Enter the first date as year-month-day, for example 2026-11-23' }) fromOn: string;
  @IsInt({ message: WEEKS }) @Min(1, { message: WEEKS }) @Max(26, { message: WEEKS }) weeks: number;
  @IsOptional() @IsBoolean() publish?: boolean;
}

const wholeNumber = (v: unknown) => (typeof v === 'string' && /^\d{1,4}$/.test(v) ? Number(v) : v);

/** Form strings to the types the form classes check: numbers, yes/no checkboxes. */
export function shiftFormInput(v: Record<string, unknown>): Record<string, unknown> {
  return { ...v, capacity: wholeNumber(v.capacity), publish: Array.isArray(v.publish) && v.publish.includes('yes') };
}

export function patternFormInput(v: Record<string, unknown>): Record<string, unknown> {
  return {
    ...v,
    weekdays: Array.isArray(v.weekdays) ? v.weekdays.map(wholeNumber) : v.weekdays,
    capacity: wholeNumber(v.capacity),
    weeks: wholeNumber(v.weeks),
    publish: Array.isArray(v.publish) && v.publish.includes('yes'),
  };
}

/** A real calendar date, or a field error the form shows. */
export function requireRealDate(date: string, field: string): void {
  if (!isValidDate(date)) throw AppError.validation('Not a real date', [{ field, message: 'Enter a real date, for example 2026-11-23' }]);
}

/** The service names instants (startAt, endAt); the form asks for times. */
export function renameFields(err: unknown, names: Record<string, string>): unknown {
  if (!(err instanceof AppError) || !Array.isArray(err.details)) return err;
  const details: ErrorDetail[] = err.details.map((d) => (d.field && names[d.field] ? { ...d, field: names[d.field] } : d));
  return new AppError(err.code, err.message, err.status, details);
}
