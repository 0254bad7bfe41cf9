import { capsForSituation, monthlyFromWeeklyPence, ucMonthlyReductionPence } from './benefits';

const site = { defaultWeeklyEarningsCapPence: 19550, defaultWeeklyHoursCapMinutes: 959 };
const custom = { mode: 'CUSTOM' as const, weeklyEarningsCapPence: 10000, weeklyHoursCapMinutes: 600 };

describe('capsForSituation: the rota caps follow the benefits situation', () => {
  it.each([
    ['nothing recorded', null, null, { weeklyEarningsCapPence: 19550, weeklyHoursCapMinutes: 959, source: 'SITE_DEFAULT' }],
    ['UNKNOWN: site default', 'UNKNOWN', null, { weeklyEarningsCapPence: 19550, weeklyHoursCapMinutes: 959, source: 'SITE_DEFAULT' }],
    ['LEGACY: permitted work caps', 'LEGACY', null, { weeklyEarningsCapPence: 19550, weeklyHoursCapMinutes: 959, source: 'SITE_DEFAULT' }],
    ['LEGACY with the patient’s own limits', 'LEGACY', custom, { weeklyEarningsCapPence: 10000, weeklyHoursCapMinutes: 600, source: 'CUSTOM' }],
    ['NONE: no cap', 'NONE', custom, { weeklyEarningsCapPence: null, weeklyHoursCapMinutes: null, source: 'NO_BENEFITS' }],
    ['UNIVERSAL_CREDIT: no hard cap', 'UNIVERSAL_CREDIT', null, { weeklyEarningsCapPence: null, weeklyHoursCapMinutes: null, source: 'UNIVERSAL_CREDIT' }],
  ] as const)('%s', (_name, situation, record, caps) => {
    expect(capsForSituation(site, record, situation)).toEqual(caps);
  });
});

describe('ucMonthlyReductionPence: 55% of earnings above the work allowance', () => {
  it.each([
    [0, 41100, 0],
    [41100, 41100, 0],
    [51100, 41100, 5500], // £100 above: £55
    [100000, 41100, 32395], // £588.99 above: £323.95 (rounded down)
    [20000, 0, 11000],
  ])('earnings %p, allowance %p -> %p', (earnings, allowance, reduction) => {
    expect(ucMonthlyReductionPence(earnings, allowance)).toBe(reduction);
  });
  it('weekly to monthly is 52/12', () => {
    expect(monthlyFromWeeklyPence(12000)).toBe(52000);
  });
});
