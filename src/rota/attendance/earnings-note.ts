import { formatPence } from '../../web/nunjucks';
import { monthlyFromWeeklyPence, ucMonthlyReductionPence } from '../../patients/benefits';
import { durationText } from './attendance-rules';

export interface WeekCaps {
  weeklyEarningsCapPence: number | null;
  weeklyHoursCapMinutes: number | null;
}

/**
 * Plain-English sentences for a patient about their week against their benefits limits
 * (UK permitted work: under 16 hours and a weekly earnings limit), for the My week page.
 */
export function capsNote(week: { minutes: number; payPence: number }, caps: WeekCaps): string[] {
  const out: string[] = [];
  const hours = caps.weeklyHoursCapMinutes;
  if (hours === null) out.push('No weekly limit on hours applies to you.');
  else if (week.minutes <= hours) out.push(`Your hours are within your limit of ${durationText(hours)} a week (${durationText(hours - week.minutes)} to spare).`);
  else out.push(`Your hours are ${durationText(week.minutes - hours)} over your limit of ${durationText(hours)} a week.`);

  const pay = caps.weeklyEarningsCapPence;
  if (pay === null) out.push('No weekly limit on earnings applies to you.');
  else if (week.payPence <= pay) out.push(`Your earnings are within your limit of ${formatPence(pay)} a week (${formatPence(pay - week.payPence)} to spare).`);
  else out.push(`Your earnings are ${formatPence(week.payPence - pay)} over your limit of ${formatPence(pay)} a week.`);

  if ((hours !== null && week.minutes > hours) || (pay !== null && week.payPence > pay)) {
    out.push('Going over a limit can affect your benefits. Talk to your occupational therapist or benefits adviser before you work these shifts.');
  }
  return out;
}

/**
 * Universal Credit has no permitted-work limit: the award goes down by 55p for each pound
 * earned above the work allowance. An estimate from this week's projected pay, for the patient.
 */
export function universalCreditNote(week: { payPence: number }, workAllowanceMonthlyPence: number): string {
  const monthly = monthlyFromWeeklyPence(week.payPence);
  const reduction = ucMonthlyReductionPence(monthly, workAllowanceMonthlyPence);
  return `You get Universal Credit. If you earned this much every week (about ${formatPence(monthly)} a month), your Universal Credit may go down by about ${formatPence(reduction)} a month: 55p for each pound above your work allowance of ${formatPence(workAllowanceMonthlyPence)} a month. This is an estimate.`;
}
