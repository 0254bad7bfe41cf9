import { capsNote, universalCreditNote } from './earnings-note';

describe('My week: the plain-English note about limits', () => {
  it('says how much is to spare when within both limits', () => {
    expect(capsNote({ minutes: 360, payPence: 6000 }, { weeklyHoursCapMinutes: 959, weeklyEarningsCapPence: 19550 })).toEqual([
      'Your hours are within your limit of 15 hours 59 minutes a week (9 hours 59 minutes to spare).',
      'Your earnings are within your limit of £195.50 a week (£135.50 to spare).',
    ]);
  });

  it('says by how much a limit is passed, and who to talk to', () => {
    const note = capsNote({ minutes: 1020, payPence: 20000 }, { weeklyHoursCapMinutes: 959, weeklyEarningsCapPence: 19550 });
    expect(note[0]).toBe('Your hours are 1 hour 1 minute over your limit of 15 hours 59 minutes a week.');
    expect(note[1]).toBe('Your earnings are £4.50 over your limit of £195.50 a week.');
    expect(note[2]).toMatch(/Talk to your occupational therapist/);
  });

  it('says when no limit applies', () => {
    expect(capsNote({ minutes: 60, payPence: 1000 }, { weeklyHoursCapMinutes: null, weeklyEarningsCapPence: null })).toEqual(['No weekly limit on hours applies to you.', 'No weekly limit on earnings applies to you.']);
  });
});

describe('universalCreditNote', () => {
  it('estimates the monthly reduction from the week’s pay: GBP 150 a week is GBP 650 a month; 55% of (650 - 411) = GBP 131.45', () => {
    expect(universalCreditNote({ payPence: 15000 }, 41100)).toContain('about £650.00 a month), your Universal Credit may go down by about £131.45 a month');
  });
  it('says nothing goes down within the work allowance', () => {
    expect(universalCreditNote({ payPence: 5000 }, 41100)).toContain('may go down by about £0.00 a month');
  });
});
