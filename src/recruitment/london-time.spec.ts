import { londonInstant, londonOffsetMinutes, londonTimeOfDay } from './london-time';

describe('London wall-clock times', () => {
  it.each([
    ['2026-01-15', '09:30', '2026-01-15T09:30:00.000Z'], // GMT
    ['2026-07-15', '09:30', '2026-07-15T08:30:00.000Z'], // BST
    ['2026-03-29', '00:30', '2026-03-29T00:30:00.000Z'], // before the spring change
    ['2026-03-29', '01:30', '2026-03-29T01:30:00.000Z'], // skipped: 02:30 BST
    ['2026-03-29', '03:00', '2026-03-29T02:00:00.000Z'],
    ['2026-10-25', '01:30', '2026-10-25T00:30:00.000Z'], // happens twice: the BST one
    ['2026-10-25', '02:30', '2026-10-25T02:30:00.000Z'],
  ])('%s %s in London is %s', (date, time, iso) => {
    expect(londonInstant(date, time)?.toISOString()).toBe(iso);
  });

  it.each([
    ['2026-02-30', '09:00'],
    ['2026-01-01', '24:00'],
    ['2026-01-01', '9:00'],
    ['01/01/2026', '09:00'],
  ])('refuses %s %s', (date, time) => {
    expect(londonInstant(date, time)).toBeNull();
  });

  it('gives the offset and the wall-clock time of an instant', () => {
    expect(londonOffsetMinutes(new Date('2026-07-01T12:00:00Z'))).toBe(60);
    expect(londonOffsetMinutes(new Date('2026-12-01T12:00:00Z'))).toBe(0);
    expect(londonTimeOfDay(new Date('2026-07-01T12:05:00Z'))).toBe('13:05');
  });
});
