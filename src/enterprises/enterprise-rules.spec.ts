import type { LeaveLevel } from '../patients/leave';
import type { LocationZone } from './enterprise.types';
import { positionsAllowed, resolveMinimumLeave, SKILL_CODE } from './enterprise-rules';

describe('resolveMinimumLeave', () => {
  it.each<[LocationZone, LeaveLevel]>([
    ['WARD', 'NONE'],
    ['GROUNDS', 'ESCORTED_GROUNDS'],
    ['COMMUNITY', 'ESCORTED_COMMUNITY'],
  ])('defaults a new %s enterprise to %s', (zone, level) => {
    expect(resolveMinimumLeave(zone, undefined)).toEqual({ ok: true, level });
    expect(resolveMinimumLeave(zone, null)).toEqual({ ok: true, level });
  });

  it.each<[LocationZone, LeaveLevel]>([
    ['WARD', 'NONE'],
    ['WARD', 'UNESCORTED_COMMUNITY'],
    ['GROUNDS', 'ESCORTED_GROUNDS'],
    ['GROUNDS', 'UNESCORTED_GROUNDS'],
    ['COMMUNITY', 'UNESCORTED_COMMUNITY'],
  ])('accepts %s with %s (at or above the zone minimum)', (zone, level) => {
    expect(resolveMinimumLeave(zone, level)).toEqual({ ok: true, level });
  });

  it.each<[LocationZone, LeaveLevel, LeaveLevel]>([
    ['GROUNDS', 'NONE', 'ESCORTED_GROUNDS'],
    ['COMMUNITY', 'UNESCORTED_GROUNDS', 'ESCORTED_COMMUNITY'],
    ['COMMUNITY', 'NONE', 'ESCORTED_COMMUNITY'],
  ])('refuses %s with %s, below the zone minimum %s', (zone, level, zoneMinimum) => {
    expect(resolveMinimumLeave(zone, level)).toEqual({ ok: false, zoneMinimum });
  });

  it('keeps a raised level when nothing is asked, and raises it when the zone needs more', () => {
    expect(resolveMinimumLeave('GROUNDS', undefined, 'UNESCORTED_GROUNDS')).toEqual({ ok: true, level: 'UNESCORTED_GROUNDS' });
    expect(resolveMinimumLeave('COMMUNITY', undefined, 'UNESCORTED_GROUNDS')).toEqual({ ok: true, level: 'ESCORTED_COMMUNITY' });
    expect(resolveMinimumLeave('WARD', undefined, 'ESCORTED_GROUNDS')).toEqual({ ok: true, level: 'ESCORTED_GROUNDS' });
    expect(resolveMinimumLeave('WARD', null, 'ESCORTED_GROUNDS')).toEqual({ ok: true, level: 'NONE' });
  });
});

describe('positionsAllowed', () => {
  it.each([
    [3, 2, true],
    [2, 2, true],
    [1, 2, false],
    [1, 0, true],
  ])('%i positions with %i active placements: %s', (positions, active, allowed) => {
    expect(positionsAllowed(positions, active)).toBe(allowed);
  });
});

describe('SKILL_CODE', () => {
  it.each(['food-hygiene', 'barista', 'cash-handling', 'level2-food-safety'])('accepts %j', (code) => expect(SKILL_CODE.test(code)).toBe(true));
  it.each(['Food-Hygiene', 'food hygiene', '-food', 'food-', 'food--hygiene', 'food_hygiene', ''])('refuses %j', (code) => expect(SKILL_CODE.test(code)).toBe(false));
});
