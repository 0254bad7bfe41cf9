import { checkBooking, decide, type BookingFacts } from './booking-rules';
import { minutesBetween, payPence, weekStartOn } from './time-rules';

function facts(over: Partial<BookingFacts> = {}): BookingFacts {
  return {
    shift: { status: 'PUBLISHED', startAt: new Date('2026-11-24T10:00:00Z'), capacity: 2, supervisorUserId: 'sup', escortUserIds: [], minutes: 180, payPence: 1500 },
    role: { activities: ['CASH', 'FOOD_PREPARATION'], prerequisiteSkills: [], patientsPerSupervisor: 4, title: 'Barista' },
    enterprise: { name: 'Café', minimumLeave: 'ESCORTED_GROUNDS', status: 'ACTIVE' },
    patientActive: true,
    hasActivePlacement: true,
    overlapping: [],
    leave: { level: 'UNESCORTED_GROUNDS', suspended: false, suspensionReason: null, effectiveLevel: 'UNESCORTED_GROUNDS' },
    restrictions: [],
    verifiedSkills: null,
    week: { bookedMinutes: 0, bookedPayPence: 0 },
    caps: { weeklyEarningsCapPence: 19550, weeklyHoursCapMinutes: 959 },
    liveOnShift: 0,
    weekApproved: false,
    ...over,
  };
}
const codes = (f: BookingFacts) => checkBooking(f).map((v) => v.code);

describe('booking rules', () => {
  it('passes a booking that breaks nothing', () => expect(codes(facts())).toEqual([]));

  it.each<[string, Partial<BookingFacts>, string[]]>([
    ['no placement', { hasActivePlacement: false }, ['NO_PLACEMENT']],
    ['overlap', { overlapping: [{ startAt: new Date(), endAt: new Date(), enterpriseName: 'Shop' }] }, ['OVERLAP']],
    ['leave below the zone', { leave: { level: 'NONE', suspended: false, suspensionReason: null, effectiveLevel: 'NONE' } }, ['LEAVE_INSUFFICIENT']],
    ['leave suspended', { leave: { level: 'UNESCORTED_GROUNDS', suspended: true, suspensionReason: 'incident', effectiveLevel: 'NONE' } }, ['LEAVE_INSUFFICIENT']],
    ['escorted leave without an escort', { leave: { level: 'ESCORTED_GROUNDS', suspended: false, suspensionReason: null, effectiveLevel: 'ESCORTED_GROUNDS' } }, ['ESCORT_REQUIRED']],
    ['restriction meets activity', { restrictions: ['NO_CASH_HANDLING', 'NO_TOOLS'] }, ['RESTRICTION']],
    ['skill missing', { verifiedSkills: new Map([['food-hygiene', 1]]), role: { activities: [], prerequisiteSkills: [{ skillCode: 'food-hygiene', level: 'COMPETENT' }], patientsPerSupervisor: 4, title: 'Cook' } }, ['SKILL_MISSING']],
    ['hours cap', { week: { bookedMinutes: 800, bookedPayPence: 0 } }, ['HOURS_CAP']],
    ['earnings cap', { week: { bookedMinutes: 0, bookedPayPence: 18100 } }, ['EARNINGS_CAP']],
    ['capacity', { liveOnShift: 2 }, ['CAPACITY']],
    ['supervision ratio', { liveOnShift: 1, role: { activities: [], prerequisiteSkills: [], patientsPerSupervisor: 1, title: 'x' } }, ['SUPERVISION']],
    ['a week whose timesheet is approved', { weekApproved: true }, ['TIMESHEET_APPROVED']],
    ['no supervisor', { shift: { status: 'PUBLISHED', startAt: new Date(), capacity: 2, supervisorUserId: null, escortUserIds: [], minutes: 60, payPence: 500 } }, ['SUPERVISION']],
  ])('refuses %s', (_name, over, expected) => expect(codes(facts(over))).toEqual(expected));

  it('lists every broken rule at once', () => {
    expect(codes(facts({ hasActivePlacement: false, restrictions: ['NO_FOOD_PREPARATION'], liveOnShift: 2 }))).toEqual(['NO_PLACEMENT', 'RESTRICTION', 'CAPACITY']);
  });

  it('needs no escort for escorted community leave on the grounds (it includes unescorted grounds)', () => {
    expect(codes(facts({ leave: { level: 'ESCORTED_COMMUNITY', suspended: false, suspensionReason: null, effectiveLevel: 'ESCORTED_COMMUNITY' } }))).toEqual([]);
  });

  it('accepts escorted leave when an escort is named', () => {
    const f = facts({ leave: { level: 'ESCORTED_GROUNDS', suspended: false, suspensionReason: null, effectiveLevel: 'ESCORTED_GROUNDS' } });
    f.shift.escortUserIds = ['escort'];
    expect(codes(f)).toEqual([]);
  });

  it('does not check skills while skills are not tracked', () => {
    expect(codes(facts({ role: { activities: [], prerequisiteSkills: [{ skillCode: 'barista', level: 'PROFICIENT' }], patientsPerSupervisor: 4, title: 'x' } }))).toEqual([]);
  });

  it('treats "no cap" as no limit', () => {
    expect(codes(facts({ caps: { weeklyEarningsCapPence: null, weeklyHoursCapMinutes: null }, week: { bookedMinutes: 5000, bookedPayPence: 99999 } }))).toEqual([]);
  });

  it('allows exactly the cap and refuses one minute or penny over', () => {
    expect(codes(facts({ week: { bookedMinutes: 959 - 180, bookedPayPence: 19550 - 1500 } }))).toEqual([]);
    expect(codes(facts({ week: { bookedMinutes: 959 - 179, bookedPayPence: 19550 - 1499 } }))).toEqual(['HOURS_CAP', 'EARNINGS_CAP']);
  });
});

describe('override', () => {
  const caps = [{ code: 'HOURS_CAP' as const, message: '' }, { code: 'EARNINGS_CAP' as const, message: '' }];
  it('lets an OT override the caps with a reason, never silently', () => {
    expect(decide(caps, { reason: 'Benefits counselling: no benefits', byOt: true })).toEqual({ allowed: true, overridden: ['HOURS_CAP', 'EARNINGS_CAP'] });
    expect(decide(caps, { reason: '  ', byOt: true }).allowed).toBe(false);
    expect(decide(caps, { reason: 'x', byOt: false }).allowed).toBe(false);
  });
  it('never overrides any other rule', () => {
    expect(decide([...caps, { code: 'CAPACITY', message: '' }], { reason: 'please', byOt: true }).allowed).toBe(false);
    expect(decide([{ code: 'TIMESHEET_APPROVED', message: '' }], { reason: 'please', byOt: true }).allowed).toBe(false);
  });
});

describe('time and pay', () => {
  it('weeks run Monday to Sunday in London', () => {
    expect(weekStartOn(new Date('2026-11-23T00:30:00Z'))).toBe('2026-11-23'); // Monday
    expect(weekStartOn(new Date('2026-11-29T23:30:00Z'))).toBe('2026-11-23'); // Sunday night, GMT
    expect(weekStartOn(new Date('2026-06-28T23:30:00Z'))).toBe('2026-06-29'); // 00:30 BST Monday
  });
  it('pays real minutes across the clock change', () => {
    // 01:00-03:00 London on 29 March 2026, the night the clocks go forward: one real hour
    const start = new Date('2026-03-29T01:00:00Z'); // 01:00 GMT
    const end = new Date('2026-03-29T02:00:00Z'); // 03:00 BST
    expect(minutesBetween(start, end)).toBe(60);
    expect(payPence(minutesBetween(start, end), 1144)).toBe(1144);
  });
  it.each([
    [60, 1144, 1144],
    [1, 1000, 17], // 16.67 -> 17
    [3, 10, 1], // 0.5 -> 1 (half up)
    [1, 30, 1], // 0.5 -> 1
    [1, 29, 0], // 0.483 -> 0
    [90, 455, 683], // 682.5 -> 683
  ])('pays %i minutes at %ip/h as %ip (half-up)', (m, rate, pay) => expect(payPence(m, rate)).toBe(pay));
});
