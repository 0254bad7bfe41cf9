import { addDays, londonDate } from '../common/dates';

/** ISO weekday (1 = Monday ... 7 = Sunday) of a YYYY-MM-DD date. */
export function isoWeekday(date: string): number {
  const d = new Date(date + 'T12:00:00Z').getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday (YYYY-MM-DD) of the Europe/London week holding an instant. Weeks run Monday-Sunday. */
export function weekStartOn(at: Date): string {
  const date = londonDate(at);
  return addDays(date, 1 - isoWeekday(date));
}

/** Real minutes between two instants: a shift across a clock change is paid for the minutes worked. */
export function minutesBetween(start: Date, end: Date): number {
  return Math.max(0, Math.round((end.getTime() - start.getTime()) / 60_000));
}

/** Pay for minutes at an hourly rate, rounded half-up to the penny, in integer arithmetic. */
export function payPence(minutes: number, hourlyRatePence: number): number {
  if (minutes <= 0 || hourlyRatePence <= 0) return 0;
  return Math.floor((2 * minutes * hourlyRatePence + 60) / 120);
}
