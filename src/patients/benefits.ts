import type { LimitMode } from './benefits-limit.entity';
import type { BenefitsSituation } from './benefits-situation.entity';

export interface EffectiveCaps {
  /** null: no earnings cap applies. */
  weeklyEarningsCapPence: number | null;
  /** null: no hours cap applies. */
  weeklyHoursCapMinutes: number | null;
  /** NO_BENEFITS and UNIVERSAL_CREDIT: the benefits situation lifts the caps. */
  source: 'SITE_DEFAULT' | 'CUSTOM' | 'NO_CAP' | 'NO_BENEFITS' | 'UNIVERSAL_CREDIT';
}

/**
 * The caps that apply to a patient: the site default (UK permitted work: under 16 hours and a
 * weekly earnings limit) unless a patient record overrides it with custom caps or "no cap".
 */
export function effectiveCaps(
  site: { defaultWeeklyEarningsCapPence: number | null; defaultWeeklyHoursCapMinutes: number | null },
  record: { mode: LimitMode; weeklyEarningsCapPence: number | null; weeklyHoursCapMinutes: number | null } | null,
): EffectiveCaps {
  if (!record || record.mode === 'SITE_DEFAULT') {
    return { weeklyEarningsCapPence: site.defaultWeeklyEarningsCapPence, weeklyHoursCapMinutes: site.defaultWeeklyHoursCapMinutes, source: 'SITE_DEFAULT' };
  }
  if (record.mode === 'NO_CAP') return { weeklyEarningsCapPence: null, weeklyHoursCapMinutes: null, source: 'NO_CAP' };
  return { weeklyEarningsCapPence: record.weeklyEarningsCapPence, weeklyHoursCapMinutes: record.weeklyHoursCapMinutes, source: 'CUSTOM' };
}

/**
 * The caps that follow a patient's benefits situation (the rota's HOURS_CAP and EARNINGS_CAP):
 * NONE (no benefits to lose) and UNIVERSAL_CREDIT (no permitted-work limit, a taper instead)
 * have no hard cap; LEGACY keeps the permitted-work caps as before (site default or the
 * patient's own limits); UNKNOWN, or nothing recorded, is the site default as before.
 */
export function capsForSituation(
  site: { defaultWeeklyEarningsCapPence: number | null; defaultWeeklyHoursCapMinutes: number | null },
  record: { mode: LimitMode; weeklyEarningsCapPence: number | null; weeklyHoursCapMinutes: number | null } | null,
  situation: BenefitsSituation | null,
): EffectiveCaps {
  if (situation === 'NONE') return { weeklyEarningsCapPence: null, weeklyHoursCapMinutes: null, source: 'NO_BENEFITS' };
  if (situation === 'UNIVERSAL_CREDIT') return { weeklyEarningsCapPence: null, weeklyHoursCapMinutes: null, source: 'UNIVERSAL_CREDIT' };
  return effectiveCaps(site, record);
}

/** The Universal Credit taper: 55p of every pound earned above the work allowance (since November 2021). */
export const UC_TAPER_PERCENT = 55;
/** The lower work allowance a month (with housing costs), April 2025. */
export const UC_DEFAULT_WORK_ALLOWANCE_PENCE = 41100;

/** Weekly earnings as monthly: 52 weeks over 12 months, rounded to the penny. */
export function monthlyFromWeeklyPence(weeklyPence: number): number {
  return Math.round((weeklyPence * 52) / 12);
}

/**
 * The estimated monthly reduction of a Universal Credit award for monthly earnings: 55% of
 * what is above the work allowance, rounded down to the penny. An estimate only: the award
 * itself, housing costs and deductions are not known here.
 */
export function ucMonthlyReductionPence(monthlyEarningsPence: number, workAllowanceMonthlyPence: number): number {
  const above = Math.max(0, monthlyEarningsPence - Math.max(0, workAllowanceMonthlyPence));
  return Math.floor((above * UC_TAPER_PERCENT) / 100);
}
