import { customerMayCancel, slotsBetween, withFreePlaces } from './slot-rules';

const valet = { durationMinutes: 60, bufferMinutes: 15, minimumNoticeMinutes: 0 };
const monToThu = [1, 2, 3, 4].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '12:00' }));
const longAgo = new Date('2020-01-01T00:00:00Z');
const iso = (slots: { startAt: Date; endAt: Date }[]) => slots.map((s) => `${s.startAt.toISOString().slice(0, 16)}/${s.endAt.toISOString().slice(11, 16)}`);

describe('service slots', () => {
  it.each([
    // Monday 2026-11-23 (GMT): 09:00, 10:15 fit; 11:30 would end 12:30, after closing.
    ['back to back with the buffer, the last ending by closing time', '2026-11-23', '2026-11-23', valet, monToThu, [], longAgo, ['2026-11-23T09:00/10:00', '2026-11-23T10:15/11:15']],
    ['no buffer: three slots', '2026-11-23', '2026-11-23', { ...valet, bufferMinutes: 0 }, monToThu, [], longAgo, ['2026-11-23T09:00/10:00', '2026-11-23T10:00/11:00', '2026-11-23T11:00/12:00']],
    ['none on a day it is closed (Friday)', '2026-11-27', '2026-11-27', valet, monToThu, [], longAgo, []],
    ['none on a closure day', '2026-11-23', '2026-11-23', valet, monToThu, ['2026-11-23'], longAgo, []],
    ['summer time: 09:00 London is 08:00 UTC', '2026-06-01', '2026-06-01', valet, monToThu, [], longAgo, ['2026-06-01T08:00/09:00', '2026-06-01T09:15/10:15']],
    ['minimum notice hides slots too soon', '2026-11-23', '2026-11-23', { ...valet, minimumNoticeMinutes: 120 }, monToThu, [], new Date('2026-11-23T07:30:00Z'), ['2026-11-23T10:15/11:15']],
    ['two opening periods in a day', '2026-11-23', '2026-11-23', valet, [{ weekday: 1, opensAt: '13:00', closesAt: '14:00' }, { weekday: 1, opensAt: '09:00', closesAt: '10:00' }], [], longAgo, ['2026-11-23T09:00/10:00', '2026-11-23T13:00/14:00']],
  ])('%s', (_name, from, to, service, hours, closed, now, expected) => {
    expect(iso(slotsBetween(from, to, service, hours, new Set(closed as string[]), now))).toEqual(expected);
  });

  it('keeps London wall-clock times across the spring and autumn clock changes', () => {
    const sundays = [7].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '10:00' }));
    const mondays = [1].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '10:00' }));
    // Clocks go forward on Sunday 2027-03-28 and back on Sunday 2026-10-25.
    expect(iso(slotsBetween('2027-03-27', '2027-03-29', valet, [...sundays, ...mondays], new Set(), longAgo))).toEqual(['2027-03-28T08:00/09:00', '2027-03-29T08:00/09:00']);
    expect(iso(slotsBetween('2026-10-24', '2026-10-26', valet, [...sundays, ...mondays], new Set(), longAgo))).toEqual(['2026-10-25T09:00/10:00', '2026-10-26T09:00/10:00']);
    // A slot through the skipped hour (01:00-02:00 on 2027-03-28) is one real hour shorter.
    const night = slotsBetween('2027-03-28', '2027-03-28', { ...valet, durationMinutes: 120 }, [{ weekday: 7, opensAt: '00:00', closesAt: '02:00' }], new Set(), longAgo);
    expect(iso(night)).toEqual(['2027-03-28T00:00/01:00']);
  });

  it('counts free places from live bookings', () => {
    const slots = slotsBetween('2026-11-23', '2026-11-23', valet, monToThu, new Set(), longAgo);
    const free = withFreePlaces(slots, 2, [slots[0].startAt, slots[0].startAt, slots[1].startAt]);
    expect(free.map((s) => s.free)).toEqual([0, 1]);
  });
});

describe('customer cancellation cut-off', () => {
  const start = new Date('2026-11-23T09:00:00Z');
  it.each([
    ['well before the cut-off', 120, '2026-11-23T06:00:00Z', true],
    ['exactly at the cut-off', 120, '2026-11-23T07:00:00Z', true],
    ['a minute after the cut-off', 120, '2026-11-23T07:01:00Z', false],
    ['no cut-off: up to the start', 0, '2026-11-23T09:00:00Z', true],
    ['no cut-off: not after the start', 0, '2026-11-23T09:00:01Z', false],
  ])('%s', (_name, cutoff, now, expected) => {
    expect(customerMayCancel(start, cutoff as number, new Date(now as string))).toBe(expected);
  });
});
