import { caseloadScore, employmentRate, fidelityItems, jobStarts, median, percent, suppressItems, type FidelityInput, type ReferralFact, type StartFact } from './fidelity';

const referral = (o: Partial<ReferralFact> & { patientId: string }): ReferralFact => ({
  status: 'ACCEPTED', referredOn: '2026-01-01', declinedOn: null, declineReason: null, specialistUserId: 's1', acceptedOn: '2026-01-05', outOfWorkWhenAccepted: true, closedOn: null, benefitsPlanningDoneOn: null, ...o,
});
const start = (o: Partial<StartFact> & { id: string; patientId: string }): StartFact => ({ kind: 'JOB', startsOn: '2026-07-10', endsOn: null, competitive: true, fourHoursWorkedOn: '2026-07-11', ...o });
const value = (items: ReturnType<typeof fidelityItems>, key: string) => items.find((i) => i.key === key)!;

describe('caseloadScore (IPS-25 anchors)', () => {
  it.each([
    [0, 5], [20, 5], [20.1, 4], [21, 4], [25, 4], [26, 3], [30, 3], [31, 2], [40, 2], [41, 1], [80, 1],
  ])('%p people per full-time specialist scores %p', (perFte, score) => {
    expect(caseloadScore(perFte)).toBe(score);
  });
});

describe('median and percent', () => {
  it.each([
    [[], null], [[7], 7], [[3, 1, 2], 2], [[10, 2, 4, 30], 7],
  ])('median of %p is %p', (values, m) => expect(median(values as number[])).toBe(m));
  it.each([
    [1, 3, 33.3], [2, 3, 66.7], [0, 4, 0], [1, 0, null],
  ])('%p of %p is %p%%', (part, whole, p) => expect(percent(part, whole)).toBe(p));
});

describe('jobStarts: counted after the first 4 hours of paid work', () => {
  const starts = [
    start({ id: 'a', patientId: 'p1', startsOn: '2026-03-01', fourHoursWorkedOn: '2026-03-02' }),
    start({ id: 'b', patientId: 'p1', startsOn: '2026-07-05' }),
    start({ id: 'c', patientId: 'p2', startsOn: '2026-07-06' }),
    start({ id: 'd', patientId: 'p3', startsOn: '2026-07-07', fourHoursWorkedOn: null }),
    start({ id: 'e', patientId: 'p4', startsOn: '2026-07-08', kind: 'VOLUNTEERING', fourHoursWorkedOn: null }),
    start({ id: 'f', patientId: 'p5', startsOn: '2026-09-29', fourHoursWorkedOn: '2026-10-02' }),
  ];
  it('all starts in the period and first starts (p1 started before, p3 has not worked 4 hours yet, p5 reached 4 hours after the period)', () => {
    const r = jobStarts(starts, '2026-07-01', '2026-09-30');
    expect(r.all.map((s) => s.id)).toEqual(['b', 'c']);
    expect(r.first.map((s) => s.id)).toEqual(['c']);
  });
});

describe('employmentRate', () => {
  it('people in competitive work over people out of work when accepted', () => {
    const referrals = [
      referral({ patientId: 'p1' }),
      referral({ patientId: 'p2' }),
      referral({ patientId: 'p3' }),
      referral({ patientId: 'p4', outOfWorkWhenAccepted: false }),
      referral({ patientId: 'p5', closedOn: '2026-06-01' }),
      referral({ patientId: 'p6', status: 'DECLINED', acceptedOn: null, declinedOn: '2026-07-02', declineReason: 'Wants to wait' }),
    ];
    const starts = [
      start({ id: 'a', patientId: 'p1' }),
      start({ id: 'b', patientId: 'p2', competitive: false }),
      start({ id: 'c', patientId: 'p3', fourHoursWorkedOn: null }),
      start({ id: 'd', patientId: 'p4' }),
    ];
    // base: p1, p2, p3 (p4 was in work, p5 closed before the period, p6 declined); in competitive work: p1 only.
    expect(employmentRate({ from: '2026-07-01', to: '2026-09-30', referrals, starts })).toEqual({ inWork: 1, outOfWorkWhenAccepted: 3, percent: 33.3 });
  });
});

describe('fidelityItems', () => {
  const world: FidelityInput = {
    from: '2026-07-01',
    to: '2026-07-28', // 4 weeks
    specialists: [{ userId: 's1', fteHundredths: 100 }, { userId: 's2', fteHundredths: 50 }],
    referrals: [
      referral({ patientId: 'p1', acceptedOn: '2026-07-01', benefitsPlanningDoneOn: '2026-07-05' }),
      referral({ patientId: 'p2', acceptedOn: '2026-07-02' }),
      referral({ patientId: 'p3', acceptedOn: '2026-07-03' }),
      referral({ patientId: 'p4', acceptedOn: '2026-06-01', closedOn: '2026-07-20' }),
      referral({ patientId: 'p5', status: 'DECLINED', acceptedOn: null, specialistUserId: null, declinedOn: '2026-07-04', declineReason: 'Prefers to focus on treatment now' }),
    ],
    contacts: [
      { patientId: 'p1', specialistUserId: 's1', contactedOn: '2026-07-11', faceToFace: true }, // 10 days
      { patientId: 'p1', specialistUserId: 's1', contactedOn: '2026-07-05', faceToFace: false },
      { patientId: 'p2', specialistUserId: 's1', contactedOn: '2026-07-26', faceToFace: true }, // 24 days
      { patientId: null, specialistUserId: 's2', contactedOn: '2026-07-15', faceToFace: true },
      { patientId: null, specialistUserId: 's2', contactedOn: '2026-08-15', faceToFace: true }, // after the period
    ],
    starts: [
      start({ id: 'j1', patientId: 'p1', startsOn: '2026-07-10', competitive: true }),
      start({ id: 'j2', patientId: 'p2', startsOn: '2026-07-20', competitive: false, fourHoursWorkedOn: '2026-07-21' }),
      start({ id: 'v1', patientId: 'p3', startsOn: '2026-07-15', kind: 'VOLUNTEERING', competitive: false, fourHoursWorkedOn: null }),
    ],
    followAlong: [
      { opportunityId: 'j1', contactedOn: '2026-07-30' }, // within a month of 10 July
      { opportunityId: 'j2', contactedOn: '2026-09-01' }, // too late
    ],
  };
  const items = fidelityItems(world);

  it('caseload per full-time specialist: 3 people (p4 closed) over 1.5 FTE = 2, scoring 5', () => {
    expect(value(items, 'caseloadSize').value).toBe(3);
    expect(value(items, 'specialistFte').value).toBe(1.5);
    expect(value(items, 'caseloadPerFullTimeSpecialist')).toMatchObject({ value: 2, score: 5 });
  });
  it('days to first face-to-face employer contact: 10 and 24 days, median 17; 2 of the 3 accepted within 30 days', () => {
    expect(value(items, 'medianDaysToFirstFaceToFaceEmployerContact').value).toBe(17);
    expect(value(items, 'firstFaceToFaceEmployerContactWithin30DaysPercent').value).toBe(66.7);
  });
  it('employer contacts per specialist per week: 4 contacts / 2 specialists / 4 weeks = 0.5; face-to-face 3 -> 0.4', () => {
    expect(value(items, 'employerContactsPerSpecialistPerWeek').value).toBe(0.5);
    expect(value(items, 'faceToFaceEmployerContactsPerSpecialistPerWeek').value).toBe(0.4);
  });
  it('follow-along in the first month: 1 of 3 starts; benefits planning before the start: 1 of 3', () => {
    expect(value(items, 'followAlongInFirstMonthPercent').value).toBe(33.3);
    expect(value(items, 'benefitsPlanningBeforeStartPercent').value).toBe(33.3);
  });
  it('competitive job starts: 1 of 2; declines: 1, all with reasons', () => {
    expect(value(items, 'competitiveJobStartsPercent').value).toBe(50);
    expect(value(items, 'declinedReferrals').value).toBe(1);
    expect(value(items, 'declinedReferralsWithReasonPercent').value).toBe(100);
  });
  it('employment rate: p1 in competitive work of p1-p4 out of work when accepted = 25%; starts by kind', () => {
    expect(value(items, 'employmentRatePercent').value).toBe(25);
    expect(value(items, 'jobStartsAll').value).toBe(2);
    expect(value(items, 'jobStartsFirst').value).toBe(2);
    expect(value(items, 'volunteeringStarts').value).toBe(1);
    expect(value(items, 'educationStarts').value).toBe(0);
  });
  it('suppressed for commissioners: small counts show "<5", rates on fewer than 5 people are left out', () => {
    const s = suppressItems(items);
    expect(s.find((i) => i.key === 'caseloadSize')!.value).toBe('<5');
    expect(s.find((i) => i.key === 'educationStarts')!.value).toBe(0);
    expect(s.find((i) => i.key === 'employmentRatePercent')!.value).toBeNull();
    expect(s.find((i) => i.key === 'caseloadPerFullTimeSpecialist')).toEqual({ key: 'caseloadPerFullTimeSpecialist', value: null });
    expect(s.find((i) => i.key === 'employerContactsPerSpecialistPerWeek')!.value).toBe(0.5);
  });
});
