import type { LimitMode } from './benefits-limit.entity';

export interface EffectiveCaps {
  /** null: no earnings cap applies. */
  weeklyEarningsCapPence: number | null;
  /** null: no hours cap applies. */
  weeklyHoursCapMinutes: number | null;
  source: 'SITE_DEFAULT' | 'CUSTOM' | 'NO_CAP';
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
