/**
 * IPS fidelity items and the employment rate, computed from the records of a period. Plain
 * functions over plain facts (the service loads them, bounded by the period), so each item
 * can be checked by hand against a small world.
 *
 * Sources: IPS Employment Center, IPS Supported Employment Fidelity Scale (IPS-25): caseload
 * size, job development (employer contacts), follow-along supports, benefits planning,
 * competitive jobs; Centre for Mental Health, IPS Grow outcome definitions (a job start
 * counts after the first 4 hours of paid work; employment rate = people in competitive work
 * over people out of work when accepted, benchmark 40%).
 */

export interface ReferralFact {
  patientId: string;
  status: 'PENDING' | 'ACCEPTED' | 'DECLINED';
  referredOn: string;
  declinedOn: string | null;
  declineReason: string | null;
  specialistUserId: string | null;
  acceptedOn: string | null;
  outOfWorkWhenAccepted: boolean;
  closedOn: string | null;
  benefitsPlanningDoneOn: string | null;
}

export interface EmployerContactFact {
  patientId: string | null;
  specialistUserId: string;
  contactedOn: string;
  faceToFace: boolean;
}

export interface StartFact {
  id: string;
  patientId: string;
  kind: 'JOB' | 'EDUCATION' | 'TRAINING' | 'VOLUNTEERING';
  startsOn: string;
  endsOn: string | null;
  competitive: boolean;
  fourHoursWorkedOn: string | null;
}

export interface FollowAlongFact {
  opportunityId: string;
  contactedOn: string;
}

export interface SpecialistFact {
  userId: string;
  fteHundredths: number;
}

export interface FidelityInput {
  from: string;
  to: string;
  referrals: ReferralFact[];
  contacts: EmployerContactFact[];
  /** Every start of the people concerned, whenever it was (first starts look back). */
  starts: StartFact[];
  followAlong: FollowAlongFact[];
  specialists: SpecialistFact[];
}

export interface FidelityItem {
  key: string;
  value: number | null;
  /** The IPS fidelity scale item score, 1-5, where the scale gives anchors. */
  score?: number;
  /** People (or starts) the figure rests on; a count item is its own base. Used for suppression. */
  base: number;
  /** A count of people or starts (suppressed as a count), rather than a rate or a median. */
  isCount?: boolean;
}

export const FIDELITY_KEYS = [
  'caseloadSize',
  'specialistFte',
  'caseloadPerFullTimeSpecialist',
  'medianDaysToFirstFaceToFaceEmployerContact',
  'firstFaceToFaceEmployerContactWithin30DaysPercent',
  'employerContactsPerSpecialistPerWeek',
  'faceToFaceEmployerContactsPerSpecialistPerWeek',
  'followAlongInFirstMonthPercent',
  'benefitsPlanningBeforeStartPercent',
  'competitiveJobStartsPercent',
  'declinedReferrals',
  'declinedReferralsWithReasonPercent',
  'employmentRatePercent',
  'jobStartsFirst',
  'jobStartsAll',
  'educationStarts',
  'trainingStarts',
  'volunteeringStarts',
] as const;

/** IPS-25 item 1, caseload size: <= 20 people per full-time specialist scores 5; 21-25: 4; 26-30: 3; 31-40: 2; 41 or more: 1. */
export function caseloadScore(perFullTime: number): number {
  if (perFullTime <= 20) return 5;
  if (perFullTime <= 25) return 4;
  if (perFullTime <= 30) return 3;
  if (perFullTime <= 40) return 2;
  return 1;
}

export function daysBetween(fromOn: string, toOn: string): number {
  return Math.round((Date.parse(toOn + 'T00:00:00Z') - Date.parse(fromOn + 'T00:00:00Z')) / 86_400_000);
}

function addDaysOn(date: string, days: number): string {
  return new Date(Date.parse(date + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A share as a percentage to one decimal place; null without a base. */
export function percent(part: number, whole: number): number | null {
  return whole ? Math.round((part / whole) * 1000) / 10 : null;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const within = (d: string, from: string, to: string) => d >= from && d <= to;

/** On the caseload on a date: accepted by then and not closed by then. */
export function onCaseloadOn(r: ReferralFact, date: string): boolean {
  return r.status === 'ACCEPTED' && !!r.acceptedOn && r.acceptedOn <= date && (r.closedOn === null || r.closedOn > date);
}

/** A job start counts once the first 4 hours of paid work are done (by the end of the period). */
export function isCountedJobStart(s: StartFact, to: string): boolean {
  return s.kind === 'JOB' && s.fourHoursWorkedOn !== null && s.fourHoursWorkedOn <= to;
}

/** Counted job starts in the period, all of them and each person's first ever. */
export function jobStarts(starts: StartFact[], from: string, to: string): { all: StartFact[]; first: StartFact[] } {
  const counted = starts.filter((s) => isCountedJobStart(s, to)).sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.id < b.id ? -1 : 1));
  const firstOf = new Map<string, StartFact>();
  for (const s of counted) if (!firstOf.has(s.patientId)) firstOf.set(s.patientId, s);
  const all = counted.filter((s) => within(s.startsOn, from, to));
  return { all, first: all.filter((s) => firstOf.get(s.patientId) === s) };
}

/**
 * Employment rate: of the people out of work when accepted and on the caseload at some time
 * in the period, the share in competitive work in the period (a counted competitive job
 * started after acceptance, not ended before the period).
 */
export function employmentRate(input: Pick<FidelityInput, 'from' | 'to' | 'referrals' | 'starts'>): { inWork: number; outOfWorkWhenAccepted: number; percent: number | null } {
  const { from, to } = input;
  const base = new Map<string, string>();
  for (const r of input.referrals) {
    if (r.status !== 'ACCEPTED' || !r.acceptedOn || !r.outOfWorkWhenAccepted) continue;
    if (r.acceptedOn > to || (r.closedOn !== null && r.closedOn < from)) continue;
    const prev = base.get(r.patientId);
    if (!prev || r.acceptedOn < prev) base.set(r.patientId, r.acceptedOn);
  }
  let inWork = 0;
  for (const [patientId, acceptedOn] of base) {
    const working = input.starts.some(
      (s) => s.patientId === patientId && s.competitive && isCountedJobStart(s, to) && s.startsOn >= acceptedOn && s.startsOn <= to && (s.endsOn === null || s.endsOn >= from),
    );
    if (working) inWork++;
  }
  return { inWork, outOfWorkWhenAccepted: base.size, percent: percent(inWork, base.size) };
}

/** Every fidelity item for the period [from, to] (dates inclusive). */
export function fidelityItems(input: FidelityInput): FidelityItem[] {
  const { from, to } = input;
  const items: FidelityItem[] = [];

  const caseload = new Set(input.referrals.filter((r) => onCaseloadOn(r, to)).map((r) => r.patientId));
  const fte = input.specialists.reduce((s, x) => s + Math.max(0, x.fteHundredths), 0) / 100;
  const perFte = fte > 0 ? oneDecimal(caseload.size / fte) : null;
  items.push({ key: 'caseloadSize', value: caseload.size, base: caseload.size, isCount: true });
  items.push({ key: 'specialistFte', value: Math.round(fte * 100) / 100, base: caseload.size });
  items.push({ key: 'caseloadPerFullTimeSpecialist', value: perFte, ...(perFte !== null ? { score: caseloadScore(perFte) } : {}), base: caseload.size });

  const accepted = input.referrals.filter((r) => r.status === 'ACCEPTED' && r.acceptedOn && within(r.acceptedOn, from, to));
  const days: number[] = [];
  for (const r of accepted) {
    const first = input.contacts
      .filter((c) => c.patientId === r.patientId && c.faceToFace && c.contactedOn >= r.acceptedOn!)
      .map((c) => c.contactedOn)
      .sort()[0];
    if (first) days.push(daysBetween(r.acceptedOn!, first));
  }
  items.push({ key: 'medianDaysToFirstFaceToFaceEmployerContact', value: median(days), base: days.length });
  items.push({ key: 'firstFaceToFaceEmployerContactWithin30DaysPercent', value: percent(days.filter((d) => d <= 30).length, accepted.length), base: accepted.length });

  const weeks = (daysBetween(from, to) + 1) / 7;
  const headcount = input.specialists.filter((s) => s.fteHundredths > 0).length;
  const contacts = input.contacts.filter((c) => within(c.contactedOn, from, to));
  const perWeek = (n: number) => (headcount ? oneDecimal(n / headcount / weeks) : null);
  items.push({ key: 'employerContactsPerSpecialistPerWeek', value: perWeek(contacts.length), base: headcount });
  items.push({ key: 'faceToFaceEmployerContactsPerSpecialistPerWeek', value: perWeek(contacts.filter((c) => c.faceToFace).length), base: headcount });

  const startsInPeriod = input.starts.filter((s) => within(s.startsOn, from, to));
  const followed = startsInPeriod.filter((s) => input.followAlong.some((f) => f.opportunityId === s.id && f.contactedOn >= s.startsOn && f.contactedOn <= addDaysOn(s.startsOn, 30)));
  items.push({ key: 'followAlongInFirstMonthPercent', value: percent(followed.length, startsInPeriod.length), base: startsInPeriod.length });
  const planned = startsInPeriod.filter((s) => input.referrals.some((r) => r.patientId === s.patientId && r.benefitsPlanningDoneOn !== null && r.benefitsPlanningDoneOn <= s.startsOn));
  items.push({ key: 'benefitsPlanningBeforeStartPercent', value: percent(planned.length, startsInPeriod.length), base: startsInPeriod.length });

  const jobs = jobStarts(input.starts, from, to);
  items.push({ key: 'competitiveJobStartsPercent', value: percent(jobs.all.filter((s) => s.competitive).length, jobs.all.length), base: jobs.all.length });

  const declined = input.referrals.filter((r) => r.status === 'DECLINED' && r.declinedOn && within(r.declinedOn, from, to));
  items.push({ key: 'declinedReferrals', value: declined.length, base: declined.length, isCount: true });
  items.push({ key: 'declinedReferralsWithReasonPercent', value: percent(declined.filter((r) => !!r.declineReason?.trim()).length, declined.length), base: declined.length });

  const rate = employmentRate(input);
  items.push({ key: 'employmentRatePercent', value: rate.percent, base: rate.outOfWorkWhenAccepted });
  items.push({ key: 'jobStartsFirst', value: jobs.first.length, base: jobs.first.length, isCount: true });
  items.push({ key: 'jobStartsAll', value: jobs.all.length, base: jobs.all.length, isCount: true });
  for (const [key, kind] of [['educationStarts', 'EDUCATION'], ['trainingStarts', 'TRAINING'], ['volunteeringStarts', 'VOLUNTEERING']] as const) {
    const n = startsInPeriod.filter((s) => s.kind === kind).length;
    items.push({ key, value: n, base: n, isCount: true });
  }
  return items;
}

export type ReportedValue = number | null | '<5';

/**
 * What leaves the service (commissioners): counts of 1 to 4 show as "<5", and rates or medians
 * resting on fewer than 5 people are left out (null), as in the outcomes reports.
 */
export function suppressItems(items: FidelityItem[]): { key: string; value: ReportedValue; score?: number }[] {
  return items.map((i) => {
    if (i.isCount) return { key: i.key, value: i.value !== null && i.value > 0 && i.value < 5 ? '<5' : i.value };
    if (i.base < 5 && i.key !== 'specialistFte' && !i.key.endsWith('PerSpecialistPerWeek')) return { key: i.key, value: null };
    return { key: i.key, value: i.value, ...(i.score !== undefined ? { score: i.score } : {}) };
  });
}

export const FIDELITY_LABELS: Record<string, string> = {
  caseloadSize: 'People on the caseload at the end of the period',
  specialistFte: 'Employment specialists (full-time equivalent)',
  caseloadPerFullTimeSpecialist: 'Caseload per full-time specialist',
  medianDaysToFirstFaceToFaceEmployerContact: 'Days from acceptance to first face-to-face employer contact (median)',
  firstFaceToFaceEmployerContactWithin30DaysPercent: 'First face-to-face employer contact within 30 days of acceptance (%)',
  employerContactsPerSpecialistPerWeek: 'Employer contacts per specialist per week (target 6)',
  faceToFaceEmployerContactsPerSpecialistPerWeek: 'Face-to-face employer contacts per specialist per week',
  followAlongInFirstMonthPercent: 'Starts with follow-along support in the first month (%)',
  benefitsPlanningBeforeStartPercent: 'Starts with benefits planning done before the start (%)',
  competitiveJobStartsPercent: 'Job starts that are competitive (%)',
  declinedReferrals: 'Referrals declined',
  declinedReferralsWithReasonPercent: 'Declines with a recorded reason (%)',
  employmentRatePercent: 'Employment rate: in competitive work / out of work when accepted (%, benchmark 40)',
  jobStartsFirst: 'First job starts (after 4 hours of paid work)',
  jobStartsAll: 'All job starts (after 4 hours of paid work)',
  educationStarts: 'Education starts',
  trainingStarts: 'Training starts',
  volunteeringStarts: 'Volunteering starts',
};
