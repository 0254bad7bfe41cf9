import { effectiveCaps } from './benefits';
import { isEscorted, leaveOn, leaveRank, type LeaveEventLike } from './leave';
import { restrictionConflicts } from './restrictions';

const at = (iso: string) => new Date(iso);
const grant = (level: LeaveEventLike['level'], from: string, until: string | null = null, recorded = '2026-01-01T00:00:00Z'): LeaveEventLike => ({ kind: 'GRANT', level, effectiveFrom: from, effectiveUntil: until, recordedAt: at(recorded) });
const suspend = (from: string, until: string | null = null, note = 'incident'): LeaveEventLike => ({ kind: 'SUSPEND', level: null, effectiveFrom: from, effectiveUntil: until, recordedAt: at('2026-02-01T00:00:00Z'), note });
const reinstate = (from: string): LeaveEventLike => ({ kind: 'REINSTATE', level: null, effectiveFrom: from, effectiveUntil: null, recordedAt: at('2026-03-01T00:00:00Z') });

describe('leaveOn (section 17 leave on a date)', () => {
  it('is NONE before any grant', () => {
    expect(leaveOn([grant('ESCORTED_GROUNDS', '2026-03-01')], '2026-02-28')).toEqual({ level: 'NONE', suspended: false, suspensionReason: null, effectiveLevel: 'NONE' });
  });

  it.each([
    ['2026-03-01', 'ESCORTED_GROUNDS'],
    ['2026-04-09', 'ESCORTED_GROUNDS'],
    ['2026-04-10', 'UNESCORTED_GROUNDS'],
    ['2026-06-30', 'UNESCORTED_GROUNDS'],
    ['2026-07-01', 'ESCORTED_GROUNDS'],
  ])('on %s the newest grant in force gives %s', (date, level) => {
    const events = [grant('ESCORTED_GROUNDS', '2026-03-01'), grant('UNESCORTED_GROUNDS', '2026-04-10', '2026-06-30')];
    expect(leaveOn(events, date).level).toBe(level);
  });

  it('a later record for the same date supersedes an earlier one (nothing is overwritten)', () => {
    const events = [grant('UNESCORTED_GROUNDS', '2026-05-01', null, '2026-04-01T10:00:00Z'), grant('ESCORTED_GROUNDS', '2026-05-01', null, '2026-04-02T10:00:00Z')];
    expect(leaveOn(events, '2026-05-02').level).toBe('ESCORTED_GROUNDS');
  });

  it('a suspension makes the effective level NONE until reinstated, keeping the granted level', () => {
    const events = [grant('UNESCORTED_GROUNDS', '2026-03-01'), suspend('2026-05-10'), reinstate('2026-05-20')];
    expect(leaveOn(events, '2026-05-09')).toMatchObject({ suspended: false, effectiveLevel: 'UNESCORTED_GROUNDS' });
    expect(leaveOn(events, '2026-05-10')).toEqual({ level: 'UNESCORTED_GROUNDS', suspended: true, suspensionReason: 'incident', effectiveLevel: 'NONE' });
    expect(leaveOn(events, '2026-05-20')).toMatchObject({ suspended: false, effectiveLevel: 'UNESCORTED_GROUNDS' });
  });

  it('a suspension with an end date lapses by itself', () => {
    const events = [grant('ESCORTED_COMMUNITY', '2026-03-01'), suspend('2026-05-10', '2026-05-12')];
    expect(leaveOn(events, '2026-05-12').suspended).toBe(true);
    expect(leaveOn(events, '2026-05-13').suspended).toBe(false);
  });

  it('orders levels and knows which are escorted', () => {
    expect(leaveRank('NONE')).toBeLessThan(leaveRank('ESCORTED_GROUNDS'));
    expect(leaveRank('UNESCORTED_GROUNDS')).toBeLessThan(leaveRank('ESCORTED_COMMUNITY'));
    expect(isEscorted('ESCORTED_COMMUNITY')).toBe(true);
    expect(isEscorted('UNESCORTED_GROUNDS')).toBe(false);
  });
});

describe('restrictionConflicts', () => {
  it('lists the restrictions that meet a role activity', () => {
    expect(restrictionConflicts(['NO_SHARPS', 'NO_TOOLS', 'NO_CASH_HANDLING'], ['CASH', 'SHARPS', 'PUBLIC_CONTACT'])).toEqual(['NO_CASH_HANDLING', 'NO_SHARPS']);
    expect(restrictionConflicts(['NO_LONE_WORKING'], ['TOOLS'])).toEqual([]);
  });
});

describe('effectiveCaps', () => {
  const site = { defaultWeeklyEarningsCapPence: 19550, defaultWeeklyHoursCapMinutes: 959 };
  it('uses the site default when the patient has no record or asks for it', () => {
    expect(effectiveCaps(site, null)).toEqual({ weeklyEarningsCapPence: 19550, weeklyHoursCapMinutes: 959, source: 'SITE_DEFAULT' });
    expect(effectiveCaps(site, { mode: 'SITE_DEFAULT', weeklyEarningsCapPence: 1, weeklyHoursCapMinutes: 1 }).source).toBe('SITE_DEFAULT');
  });
  it('honours a custom cap and "no cap"', () => {
    expect(effectiveCaps(site, { mode: 'CUSTOM', weeklyEarningsCapPence: 10000, weeklyHoursCapMinutes: null })).toEqual({ weeklyEarningsCapPence: 10000, weeklyHoursCapMinutes: null, source: 'CUSTOM' });
    expect(effectiveCaps(site, { mode: 'NO_CAP', weeklyEarningsCapPence: null, weeklyHoursCapMinutes: null })).toEqual({ weeklyEarningsCapPence: null, weeklyHoursCapMinutes: null, source: 'NO_CAP' });
  });
});
