import { actualInstants, attendanceErrors, currentRecords, durationText, escortNeeded, isTooEarly, parseClock, workedPay, type AttendanceInput } from './attendance-rules';

const shift = { startAt: new Date('2026-11-23T10:00:00Z'), endAt: new Date('2026-11-23T13:00:00Z') };
const later = new Date('2026-11-24T09:00:00Z');
const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00Z`);
const fields = (input: AttendanceInput, now = later) => attendanceErrors(input, shift, now).map((e) => e.field);

describe('attendance rules', () => {
  describe('which records are valid', () => {
    it.each<[string, AttendanceInput, string[]]>([
      ['attended with times', { status: 'ATTENDED', actualStartAt: at('10:00'), actualEndAt: at('13:00') }, []],
      ['attended without times', { status: 'ATTENDED' }, ['actualStartAt', 'actualEndAt']],
      ['attended, finish before start', { status: 'ATTENDED', actualStartAt: at('12:00'), actualEndAt: at('11:00') }, ['actualEndAt']],
      ['attended, start far before the shift', { status: 'ATTENDED', actualStartAt: at('07:59'), actualEndAt: at('13:00') }, ['actualStartAt']],
      ['attended, start two hours early is fine', { status: 'ATTENDED', actualStartAt: at('08:00'), actualEndAt: at('13:00') }, []],
      ['attended, finish far after the shift', { status: 'ATTENDED', actualStartAt: at('10:00'), actualEndAt: at('15:01') }, ['actualEndAt']],
      ['attended with a cancellation reason', { status: 'ATTENDED', actualStartAt: at('10:00'), actualEndAt: at('13:00'), reasonCode: 'WARD_ROUND' }, ['reasonCode']],
      ['late, starting after the plan', { status: 'LATE', actualStartAt: at('10:20'), actualEndAt: at('13:00') }, []],
      ['late, but started on time', { status: 'LATE', actualStartAt: at('10:00'), actualEndAt: at('13:00') }, ['actualStartAt']],
      ['left early, finishing before the plan', { status: 'LEFT_EARLY', actualStartAt: at('10:00'), actualEndAt: at('12:00') }, []],
      ['left early, but finished on time', { status: 'LEFT_EARLY', actualStartAt: at('10:00'), actualEndAt: at('13:00') }, ['actualEndAt']],
      ['absent with a reason', { status: 'ABSENT', reason: 'Unwell' }, []],
      ['absent without a reason', { status: 'ABSENT', reason: '  ' }, ['reason']],
      ['absent with times', { status: 'ABSENT', reason: 'Unwell', actualStartAt: at('10:00') }, ['actualStartAt']],
      ['cancelled with a reason code', { status: 'CANCELLED', reasonCode: 'WARD_INCIDENT' }, []],
      ['cancelled without a reason code', { status: 'CANCELLED', reason: 'Because' }, ['reasonCode']],
      ['cancelled with an unknown code', { status: 'CANCELLED', reasonCode: 'WEATHER' }, ['reasonCode']],
      ['cancelled for another reason, unsaid', { status: 'CANCELLED', reasonCode: 'OTHER' }, ['reason']],
      ['cancelled for another reason, said', { status: 'CANCELLED', reasonCode: 'OTHER', reason: 'Fire alarm' }, []],
    ])('%s', (_name, input, expected) => {
      expect(fields(input)).toEqual(expected);
    });

    it('refuses a finish in the future (pay only for time worked)', () => {
      expect(fields({ status: 'ATTENDED', actualStartAt: at('10:00'), actualEndAt: at('13:00') }, at('12:30'))).toEqual(['actualEndAt']);
    });
  });

  it('is too early only before the shift’s London day', () => {
    // 00:30 on 23 November London is already the shift's day; 23:59 on the 22nd is not
    expect(isTooEarly(shift.startAt, new Date('2026-11-23T00:30:00Z'))).toBe(false);
    expect(isTooEarly(shift.startAt, new Date('2026-11-22T23:59:00Z'))).toBe(true);
    // in summer London is UTC+1: 23:30Z on 1 July is already 2 July in London
    expect(isTooEarly(new Date('2026-07-02T09:00:00Z'), new Date('2026-07-01T23:30:00Z'))).toBe(false);
    expect(isTooEarly(shift.startAt, later)).toBe(false);
  });

  describe('pay', () => {
    it.each<[string, AttendanceInput, number, number, number]>([
      ['three hours at £10', { status: 'ATTENDED', actualStartAt: at('10:00'), actualEndAt: at('13:00') }, 1000, 180, 3000],
      ['one minute at £10.01 rounds half-up (16.68p -> 17p)', { status: 'ATTENDED', actualStartAt: at('10:00'), actualEndAt: at('10:01') }, 1001, 1, 17],
      ['one minute at £10.50 is exactly 17.5p -> 18p', { status: 'LATE', actualStartAt: at('10:00'), actualEndAt: at('10:01') }, 1050, 1, 18],
      ['one minute at £10.20 is exactly 17p', { status: 'ATTENDED', actualStartAt: at('10:00'), actualEndAt: at('10:01') }, 1020, 1, 17],
      ['absent pays nothing', { status: 'ABSENT', reason: 'Unwell' }, 1000, 0, 0],
      ['cancelled pays nothing', { status: 'CANCELLED', reasonCode: 'WARD_ROUND' }, 1000, 0, 0],
    ])('%s', (_name, input, rate, minutes, pence) => {
      expect(workedPay(input, rate)).toEqual({ minutesWorked: minutes, payPence: pence });
    });

    it('pays a shift 01:00-03:00 London on the night the clocks go forward (29 March 2026) for one hour', () => {
      const times = actualInstants('2026-03-29', '01:00', '03:00')!;
      expect(times.actualStartAt.toISOString()).toBe('2026-03-29T01:00:00.000Z');
      expect(times.actualEndAt.toISOString()).toBe('2026-03-29T02:00:00.000Z');
      expect(workedPay({ status: 'ATTENDED', ...times }, 1000)).toEqual({ minutesWorked: 60, payPence: 1000 });
    });

    it('pays a shift 00:30-03:00 London on the night the clocks go back (25 October 2026) for three and a half hours', () => {
      const times = actualInstants('2026-10-25', '00:30', '03:00')!;
      expect(workedPay({ status: 'ATTENDED', ...times }, 1000).minutesWorked).toBe(210);
    });
  });

  it('reads times as typed and puts a finish before the start on the next day', () => {
    expect(parseClock('9:05')).toBe('09:05');
    expect(parseClock('14.30')).toBe('14:30');
    expect(parseClock('24:00')).toBeNull();
    expect(parseClock('noon')).toBeNull();
    const overnight = actualInstants('2026-11-23', '22:00', '02:00')!;
    expect(overnight.actualEndAt.toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect(actualInstants('2026-02-30', '10:00', '11:00')).toBeNull();
  });

  it('finds the current record through the chain of corrections, keeping the earlier ones', () => {
    const t0 = new Date('2026-11-23T14:00:00Z');
    const same = new Date('2026-11-23T15:00:00Z');
    const records = [
      { id: 'c', assignmentId: 'A', supersedesId: 'b', recordedAt: same },
      { id: 'a', assignmentId: 'A', supersedesId: null, recordedAt: t0 },
      { id: 'b', assignmentId: 'A', supersedesId: 'a', recordedAt: same },
      { id: 'x', assignmentId: 'B', supersedesId: null, recordedAt: t0 },
    ];
    const current = currentRecords(records);
    expect(current.get('A')?.id).toBe('c');
    expect(current.get('B')?.id).toBe('x');
    expect(current.size).toBe(2);
  });

  it.each([
    ['ESCORTED_GROUNDS', 'ESCORTED_GROUNDS', true],
    ['ESCORTED_GROUNDS', 'UNESCORTED_GROUNDS', true],
    ['UNESCORTED_GROUNDS', 'ESCORTED_GROUNDS', false],
    ['ESCORTED_COMMUNITY', 'ESCORTED_GROUNDS', false],
    ['ESCORTED_COMMUNITY', 'ESCORTED_COMMUNITY', true],
    ['ESCORTED_GROUNDS', 'NONE', false],
  ] as const)('escort needed with %s leave for an enterprise needing %s: %s', (leave, minimum, expected) => {
    expect(escortNeeded(leave, minimum)).toBe(expected);
  });

  it('writes durations in words', () => {
    expect(durationText(0)).toBe('0 hours');
    expect(durationText(60)).toBe('1 hour');
    expect(durationText(61)).toBe('1 hour 1 minute');
    expect(durationText(390)).toBe('6 hours 30 minutes');
  });
});
