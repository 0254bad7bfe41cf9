import type { EntityManager } from 'typeorm';
import { addDays, londonDate } from '../src/common/dates';
import { EmployerContact } from '../src/employment/employer-contact.entity';
import { EmployerDisclosure } from '../src/employment/disclosure.entity';
import { Employer } from '../src/employment/employer.entity';
import type { CaseloadStatus, ContactPurpose, GoalKind, OpportunityKind } from '../src/employment/employment.types';
import { FollowAlongContact } from '../src/employment/follow-along-contact.entity';
import { OutsideOpportunity } from '../src/employment/opportunity.entity';
import { PlanEntry } from '../src/employment/plan-entry.entity';
import { EmploymentReferral } from '../src/employment/referral.entity';
import { EmploymentSpecialist } from '../src/employment/specialist.entity';
import { BenefitsSituationRecord, type BenefitsSituation } from '../src/patients/benefits-situation.entity';
import { Patient } from '../src/patients/patient.entity';
import { UserWard } from '../src/users/user-ward.entity';
import { User } from '../src/users/user.entity';
import { demoId } from './demo-ids';
import type { DemoSeed } from './seed';

const SAM = demoId('user:specialist');
const NIA = demoId('user:specialist2');
const OT = demoId('user:ot');
const pid = (key: string) => demoId('patient:' + key);

/** A second employment specialist (Cedar and Willow wards), so caseloads differ between specialists. */
export const DEMO_SECOND_SPECIALIST = { username: 'specialist2', displayName: 'Nia Roberts' };
/** A discharged person still supported by the employment specialist (invented). */
export const DEMO_DISCHARGED_PATIENT = { key: 'p15', displayName: 'Avery Collins', hospitalNumber: 'WW-DEMO-0015' };

const EMPLOYERS = [
  { key: 'bakery', name: 'Hillside Bakery', sector: 'Food and drink', contact: 'Dana Price, manager', notes: 'Happy to offer trial shifts; early starts.' },
  { key: 'books', name: 'Canal Street Books', sector: 'Retail', contact: 'Owen Hart, owner', notes: 'Small independent shop; flexible hours.' },
  { key: 'carwash', name: 'Riverside Car Wash', sector: 'Motor trade', contact: 'Site supervisor', notes: 'Took on two people last year.' },
  { key: 'college', name: 'Northgate College', sector: 'Education', contact: 'Adult learning team', notes: 'Entry-level and level 2 courses, rolling starts.' },
  { key: 'skills', name: 'City Skills Centre', sector: 'Training', contact: 'Course office', notes: 'Forklift, food hygiene and construction cards.' },
  { key: 'garden', name: 'Greenway Community Garden', sector: 'Charity', contact: 'Volunteer coordinator', notes: 'Volunteering on weekdays.' },
];
const employerId = (key: string) => demoId('employer:' + key);

interface CaseloadPerson {
  patient: string;
  specialist: string;
  referredDaysAgo: number;
  acceptedDaysAgo: number;
  status: CaseloadStatus;
  profileDaysAgo?: number;
  benefitsDoneDaysAgo?: number;
  benefits?: BenefitsSituation;
  plan: { kind: 'STRENGTH' | 'GOAL' | 'STEP' | 'REVIEW'; text: string; goalKind?: GoalKind; dueInDays?: number; done?: boolean; words?: string }[];
}

const CASELOAD: CaseloadPerson[] = [
  {
    patient: 'p01', specialist: SAM, referredDaysAgo: 130, acceptedDaysAgo: 120, status: 'JOB_SEARCH', profileDaysAgo: 110, benefitsDoneDaysAgo: 90, benefits: 'UNIVERSAL_CREDIT',
    plan: [
      { kind: 'STRENGTH', text: 'Friendly with customers; punctual; learns quickly' },
      { kind: 'GOAL', goalKind: 'EMPLOYMENT', text: 'A part-time job in a café in town after the next leave review' },
      { kind: 'STEP', text: 'Write a CV with the café work role and the barista skills', dueInDays: -20, done: true },
      { kind: 'STEP', text: 'Visit Hillside Bakery with Sam to meet the manager', dueInDays: -2 },
      { kind: 'STEP', text: 'Ask the clinical team about unescorted community leave', dueInDays: 10 },
      { kind: 'REVIEW', text: 'Review of the first month of job search', words: 'I want to work with people and I like early mornings.' },
    ],
  },
  {
    patient: 'p05', specialist: SAM, referredDaysAgo: 60, acceptedDaysAgo: 55, status: 'ENGAGED', profileDaysAgo: 50,
    plan: [
      { kind: 'GOAL', goalKind: 'EDUCATION', text: 'Horticulture course at Northgate College' },
      { kind: 'STEP', text: 'Get the college prospectus and course dates', dueInDays: -5 },
    ],
  },
  {
    patient: 'p11', specialist: NIA, referredDaysAgo: 80, acceptedDaysAgo: 75, status: 'IN_WORK', profileDaysAgo: 70, benefitsDoneDaysAgo: 50, benefits: 'LEGACY',
    plan: [
      { kind: 'GOAL', goalKind: 'VOLUNTEERING', text: 'Volunteer at the community garden two mornings a week' },
      { kind: 'STEP', text: 'Monthly check-in with the volunteer coordinator', dueInDays: 6 },
    ],
  },
  {
    patient: 'p13', specialist: NIA, referredDaysAgo: 100, acceptedDaysAgo: 92, status: 'IN_WORK', profileDaysAgo: 85, benefitsDoneDaysAgo: 45, benefits: 'NONE',
    plan: [
      { kind: 'STRENGTH', text: 'Organised and good with customers' },
      { kind: 'GOAL', goalKind: 'EMPLOYMENT', text: 'Keep the bookshop job and build up hours' },
      { kind: 'GOAL', goalKind: 'TRAINING', text: 'Forklift licence' },
      { kind: 'STEP', text: 'Follow-along visit at the bookshop', dueInDays: 3 },
    ],
  },
  {
    patient: 'p12', specialist: NIA, referredDaysAgo: 30, acceptedDaysAgo: 24, status: 'ENGAGED',
    plan: [{ kind: 'STEP', text: 'First vocational profile conversation', dueInDays: -1 }],
  },
  {
    patient: 'p15', specialist: SAM, referredDaysAgo: 200, acceptedDaysAgo: 190, status: 'FOLLOW_ALONG', profileDaysAgo: 180, benefitsDoneDaysAgo: 70, benefits: 'UNIVERSAL_CREDIT',
    plan: [
      { kind: 'GOAL', goalKind: 'EMPLOYMENT', text: 'Keep the car wash job after discharge' },
      { kind: 'GOAL', goalKind: 'EDUCATION', text: 'Maths functional skills at Northgate College' },
      { kind: 'STEP', text: 'Phone follow-along with Avery and the supervisor', dueInDays: 7 },
      { kind: 'REVIEW', text: 'Review after discharge', words: 'Work keeps me going. I want to keep seeing Sam for now.' },
    ],
  },
];

const STARTS: { key: string; patient: string; kind: OpportunityKind; employer: string; title: string; startDaysAgo: number; hours: number; payPence: number | null; competitive: boolean; fourHoursDaysAgo?: number; detained: boolean; endDaysAgo?: number }[] = [
  { key: 'p13-books', patient: 'p13', kind: 'JOB', employer: 'books', title: 'Bookshop assistant', startDaysAgo: 35, hours: 12, payPence: 1221, competitive: true, fourHoursDaysAgo: 34, detained: true },
  { key: 'p13-forklift', patient: 'p13', kind: 'TRAINING', employer: 'skills', title: 'Counterbalance forklift course', startDaysAgo: 20, hours: 6, payPence: null, competitive: false, detained: true },
  { key: 'p11-garden', patient: 'p11', kind: 'VOLUNTEERING', employer: 'garden', title: 'Garden volunteer', startDaysAgo: 40, hours: 6, payPence: null, competitive: false, detained: true },
  { key: 'p15-carwash', patient: 'p15', kind: 'JOB', employer: 'carwash', title: 'Car valeter', startDaysAgo: 60, hours: 20, payPence: 1250, competitive: true, fourHoursDaysAgo: 59, detained: false },
  { key: 'p15-college', patient: 'p15', kind: 'EDUCATION', employer: 'college', title: 'Functional skills maths, level 1', startDaysAgo: 25, hours: 3, payPence: null, competitive: false, detained: false },
];

const FOLLOW_ALONG: { start: string; daysAgo: number; mode: 'FACE_TO_FACE' | 'PHONE'; withWhom: 'PERSON' | 'EMPLOYER' | 'BOTH'; by: string }[] = [
  { start: 'p13-books', daysAgo: 28, mode: 'FACE_TO_FACE', withWhom: 'BOTH', by: NIA },
  { start: 'p13-books', daysAgo: 7, mode: 'PHONE', withWhom: 'PERSON', by: NIA },
  { start: 'p11-garden', daysAgo: 30, mode: 'FACE_TO_FACE', withWhom: 'PERSON', by: NIA },
  { start: 'p15-carwash', daysAgo: 50, mode: 'FACE_TO_FACE', withWhom: 'BOTH', by: SAM },
  { start: 'p15-carwash', daysAgo: 14, mode: 'PHONE', withWhom: 'EMPLOYER', by: SAM },
];

const CONTACTS: { employer: string; patient?: string; by: string; daysAgo: number; faceToFace: boolean; purpose: ContactPurpose }[] = [
  { employer: 'bakery', patient: 'p01', by: SAM, daysAgo: 100, faceToFace: true, purpose: 'JOB_DEVELOPMENT' },
  { employer: 'bakery', by: SAM, daysAgo: 21, faceToFace: true, purpose: 'JOB_DEVELOPMENT' },
  { employer: 'carwash', patient: 'p15', by: SAM, daysAgo: 175, faceToFace: true, purpose: 'JOB_DEVELOPMENT' },
  { employer: 'carwash', patient: 'p15', by: SAM, daysAgo: 50, faceToFace: true, purpose: 'PLACEMENT_SUPPORT' },
  { employer: 'college', patient: 'p05', by: SAM, daysAgo: 30, faceToFace: false, purpose: 'JOB_DEVELOPMENT' },
  { employer: 'books', patient: 'p13', by: NIA, daysAgo: 80, faceToFace: true, purpose: 'JOB_DEVELOPMENT' },
  { employer: 'books', patient: 'p13', by: NIA, daysAgo: 28, faceToFace: true, purpose: 'PLACEMENT_SUPPORT' },
  { employer: 'garden', patient: 'p11', by: NIA, daysAgo: 60, faceToFace: true, purpose: 'JOB_DEVELOPMENT' },
  { employer: 'skills', by: NIA, daysAgo: 14, faceToFace: true, purpose: 'JOB_DEVELOPMENT' },
  { employer: 'books', by: NIA, daysAgo: 7, faceToFace: true, purpose: 'FOLLOW_UP' },
  { employer: 'carwash', by: SAM, daysAgo: 5, faceToFace: true, purpose: 'FOLLOW_UP' },
  { employer: 'bakery', by: SAM, daysAgo: 3, faceToFace: false, purpose: 'JOB_DEVELOPMENT' },
];

/**
 * Employment support beyond the hospital: two specialists with different caseloads (one of
 * them a discharged person still supported), a pending and a declined referral, plans with
 * overdue steps, employers, employer contacts, starts of every kind with follow-along, and
 * benefits situations (Universal Credit, legacy, none). All people and places are invented.
 */
export const employmentSeed: DemoSeed = {
  name: '2026-12-employment-support',
  needsPasswords: [DEMO_SECOND_SPECIALIST.username],
  async run(em: EntityManager, { passwordHashes, now }) {
    const today = londonDate(now);
    const on = (daysAgo: number) => addDays(today, -daysAgo);
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000);

    await em.insert(User, {
      id: NIA, username: DEMO_SECOND_SPECIALIST.username, displayName: DEMO_SECOND_SPECIALIST.displayName, role: 'EMPLOYMENT_SPECIALIST', passwordHash: passwordHashes[0], active: true, patientId: null,
      failedSignIns: 0, lockedUntil: null, mustChangePassword: false, passwordChangedAt: now, lastSignInAt: null, createdAt: now, updatedAt: now,
    });
    for (const w of ['cedar', 'willow']) await em.insert(UserWard, { userId: NIA, wardId: demoId('ward:' + w) });
    await em.insert(EmploymentSpecialist, [
      { userId: SAM, fteHundredths: 100, updatedAt: now },
      { userId: NIA, fteHundredths: 60, updatedAt: now },
    ]);

    const p15 = DEMO_DISCHARGED_PATIENT;
    await em.insert(Patient, { id: pid(p15.key), wardId: demoId('ward:willow'), displayName: p15.displayName, hospitalNumber: p15.hospitalNumber, status: 'DISCHARGED', createdAt: at(400), updatedAt: at(90) });

    for (const e of EMPLOYERS) await em.insert(Employer, { id: employerId(e.key), name: e.name, sector: e.sector, contact: e.contact, notes: e.notes, createdByUserId: SAM, createdAt: at(200) });

    for (const c of CASELOAD) {
      await em.insert(EmploymentReferral, {
        id: demoId('employment-referral:' + c.patient), patientId: pid(c.patient), referredOn: on(c.referredDaysAgo), source: c.patient === 'p13' ? 'SELF' : 'OT', referredByUserId: OT, status: 'ACCEPTED',
        declineReason: null, declinedOn: null, specialistUserId: c.specialist, acceptedOn: on(c.acceptedDaysAgo), outOfWorkWhenAccepted: true, caseloadStatus: c.status,
        profileStartedOn: c.profileDaysAgo !== undefined ? on(c.profileDaysAgo) : null, benefitsPlanningOfferedOn: c.benefitsDoneDaysAgo !== undefined ? on(c.benefitsDoneDaysAgo + 7) : null,
        benefitsPlanningDoneOn: c.benefitsDoneDaysAgo !== undefined ? on(c.benefitsDoneDaysAgo) : null, openKey: 'O', closedOn: null, closedReason: null, createdAt: at(c.referredDaysAgo), updatedAt: now,
      });
      for (const [i, e] of c.plan.entries()) {
        await em.insert(PlanEntry, {
          id: demoId(`employment-plan:${c.patient}:${i}`), patientId: pid(c.patient), kind: e.kind, goalKind: e.goalKind ?? null, text: e.text,
          dueOn: e.dueInDays !== undefined ? addDays(today, e.dueInDays) : null, doneOn: e.done && e.dueInDays !== undefined ? addDays(today, e.dueInDays) : null,
          patientWords: e.words ?? null, authorUserId: c.specialist, createdAt: at(c.acceptedDaysAgo - i - 1),
        });
      }
      if (c.benefits) {
        await em.insert(BenefitsSituationRecord, {
          id: demoId('benefits-situation:' + c.patient), patientId: pid(c.patient), situation: c.benefits, effectiveFrom: on(c.benefitsDoneDaysAgo ?? c.acceptedDaysAgo),
          workAllowanceMonthlyPence: c.benefits === 'UNIVERSAL_CREDIT' ? 41100 : null, note: c.benefits === 'NONE' ? 'Transferred from prison: receives no benefits' : null, recordedByUserId: c.specialist, recordedAt: at(c.benefitsDoneDaysAgo ?? c.acceptedDaysAgo),
        });
      }
    }
    // the demo patient comments on their plan
    await em.insert(PlanEntry, { id: demoId('employment-plan:p01:comment'), patientId: pid('p01'), kind: 'COMMENT', goalKind: null, text: 'I would prefer mornings so I can go to groups in the afternoon.', dueOn: null, doneOn: null, patientWords: null, authorUserId: demoId('user:patient'), createdAt: at(10) });
    // a pending referral (Casey Morgan, the second demo patient) and a decline with its reason
    await em.insert(EmploymentReferral, [
      { id: demoId('employment-referral:p09'), patientId: pid('p09'), referredOn: on(2), source: 'SELF', referredByUserId: demoId('user:patient2'), status: 'PENDING', declineReason: null, declinedOn: null, specialistUserId: null, acceptedOn: null, outOfWorkWhenAccepted: true, caseloadStatus: null, profileStartedOn: null, benefitsPlanningOfferedOn: null, benefitsPlanningDoneOn: null, openKey: 'O', closedOn: null, closedReason: null, createdAt: at(2), updatedAt: at(2) },
      { id: demoId('employment-referral:p04'), patientId: pid('p04'), referredOn: on(40), source: 'CLINICIAN', referredByUserId: OT, status: 'DECLINED', declineReason: 'Taylor wants to settle on the ward first; to revisit at the next care plan review.', declinedOn: on(35), specialistUserId: null, acceptedOn: null, outOfWorkWhenAccepted: true, caseloadStatus: null, profileStartedOn: null, benefitsPlanningOfferedOn: null, benefitsPlanningDoneOn: null, openKey: null, closedOn: null, closedReason: null, createdAt: at(40), updatedAt: at(35) },
    ]);

    for (const s of STARTS) {
      await em.insert(OutsideOpportunity, {
        id: demoId('outside-opportunity:' + s.key), patientId: pid(s.patient), kind: s.kind, employerId: employerId(s.employer), title: s.title, startsOn: on(s.startDaysAgo),
        endsOn: s.endDaysAgo !== undefined ? on(s.endDaysAgo) : null, endReason: null, minutesPerWeek: s.hours * 60, hourlyPayPence: s.payPence, competitive: s.competitive,
        fourHoursWorkedOn: s.fourHoursDaysAgo !== undefined ? on(s.fourHoursDaysAgo) : null, detainedAtStart: s.detained, createdByUserId: s.patient === 'p15' ? SAM : NIA, createdAt: at(s.startDaysAgo), updatedAt: at(s.startDaysAgo),
      });
    }
    for (const [i, f] of FOLLOW_ALONG.entries()) {
      const start = STARTS.find((s) => s.key === f.start)!;
      await em.insert(FollowAlongContact, { id: demoId(`follow-along:${i}`), patientId: pid(start.patient), opportunityId: demoId('outside-opportunity:' + f.start), contactedOn: on(f.daysAgo), mode: f.mode, withWhom: f.withWhom, note: null, byUserId: f.by, createdAt: at(f.daysAgo) });
    }
    for (const [i, c] of CONTACTS.entries()) {
      await em.insert(EmployerContact, { id: demoId(`employer-contact:${i}`), employerId: employerId(c.employer), patientId: c.patient ? pid(c.patient) : null, specialistUserId: c.by, contactedOn: on(c.daysAgo), faceToFace: c.faceToFace, purpose: c.purpose, note: null, createdAt: at(c.daysAgo) });
    }
    await em.insert(EmployerDisclosure, [
      { id: demoId('disclosure:p13:books'), patientId: pid('p13'), employerId: employerId('books'), choice: 'HEALTH_CONDITION', decidedOn: on(82), note: 'Chose to mention a health condition, not the hospital.', recordedByUserId: NIA, recordedAt: at(82) },
      { id: demoId('disclosure:p15:carwash'), patientId: pid('p15'), employerId: employerId('carwash'), choice: 'NOTHING', decidedOn: on(176), note: null, recordedByUserId: SAM, recordedAt: at(176) },
    ]);
  },
};
