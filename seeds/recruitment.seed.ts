import type { EntityManager } from 'typeorm';
import { addDays, londonDate } from '../src/common/dates';
import { WorkRole } from '../src/enterprises/work-role.entity';
import { PatientsRepository } from '../src/patients/patients.repository';
import { restrictionConflicts } from '../src/patients/restrictions';
import { Application } from '../src/recruitment/application.entity';
import { Interview } from '../src/recruitment/interview.entity';
import { londonInstant } from '../src/recruitment/london-time';
import { Offer } from '../src/recruitment/offer.entity';
import { Placement } from '../src/recruitment/placement.entity';
import type { ApplicationStatus, EndReason, InterviewOutcome, OfferStatus } from '../src/recruitment/recruitment.types';
import { Vacancy } from '../src/recruitment/vacancy.entity';
import { demoId } from './demo-ids';
import { DEMO_ROLES } from './enterprises.seed';
import type { DemoSeed } from './seed';

const ADMIN = demoId('user:admin');
const LEAD = demoId('user:lead');
const OT = demoId('user:ot');
const SPECIALIST = demoId('user:specialist');
/** The demo patients with accounts apply for themselves. */
const PATIENT_USERS: Record<string, string> = { p01: demoId('user:patient'), p09: demoId('user:patient2') };

/** Vacancies; days are relative to the day the demo data is loaded. `lead` runs the café, shop and valet. */
const VACANCIES: Record<string, { role: string; opens: number; closes: number; positions: number; closed?: boolean; by: string; description: string }> = {
  'barista-spring': { role: 'cafe.barista', opens: -75, closes: -55, positions: 1, closed: true, by: LEAD, description: 'A barista to join the café team, three mornings a week.' },
  'shop-assistant': { role: 'shop.assistant', opens: -60, closes: -40, positions: 1, by: LEAD, description: 'A shop assistant for the Monday, Wednesday and Friday sessions.' },
  barista: { role: 'cafe.barista', opens: -7, closes: 14, positions: 2, by: LEAD, description: 'Two baristas for weekday mornings. Training in coffee making is given on the job.' },
  kitchen: { role: 'cafe.kitchen', opens: -3, closes: 11, positions: 1, by: LEAD, description: 'A kitchen assistant to help prepare lunches.' },
  'senior-valeter': { role: 'valet.senior', opens: -5, closes: 9, positions: 1, by: LEAD, description: 'An experienced valeter to run a bay and show new starters the routine.' },
  'linen-runner': { role: 'laundry.runner', opens: -10, closes: 4, positions: 1, by: ADMIN, description: 'Collect and return linen on Alder Ward, two afternoons a week.' },
  'post-sorter': { role: 'post.sorter', opens: -2, closes: 12, positions: 1, by: ADMIN, description: 'Sort incoming post for the afternoon round.' },
  'produce-packer': { role: 'garden.produce', opens: 5, closes: 20, positions: 2, by: ADMIN, description: 'Pick and pack salad for the café when the growing season starts.' },
};

interface DemoInterview {
  day: number;
  time: string;
  panel: string;
  outcome: InterviewOutcome;
  feedback?: string;
}

interface DemoApplication {
  patient: string;
  vacancy: string;
  day: number;
  status: ApplicationStatus;
  statement?: string;
  by?: string;
  interview?: DemoInterview;
  offer?: { day: number; startOn: number; terms: string; status: OfferStatus; answeredDay?: number };
  note?: string;
}

/** Applications at every stage. The restriction conflicts are worked out from the patients seed. */
const APPLICATIONS: DemoApplication[] = [
  {
    patient: 'p01',
    vacancy: 'barista-spring',
    day: -70,
    status: 'ACCEPTED',
    statement: 'I love coffee and I want to work with people again.',
    interview: { day: -62, time: '10:30', panel: 'Leon Edwards (café lead), Olivia Thompson (OT)', outcome: 'SUCCESSFUL', feedback: 'You were warm with customers in the role play and asked good questions. Next step: learn the espresso machine routine.' },
    offer: { day: -58, startOn: -42, terms: 'Monday, Wednesday and Friday, 10am to 1pm.', status: 'ACCEPTED', answeredDay: -57 },
  },
  {
    patient: 'p13',
    vacancy: 'barista-spring',
    day: -66,
    status: 'UNSUCCESSFUL',
    statement: 'I would like to try the café.',
    interview: { day: -61, time: '14:00', panel: 'Leon Edwards (café lead)', outcome: 'UNSUCCESSFUL', feedback: 'Thank you for coming. The front of house role may suit you better for now; we would be glad to see you apply for it.' },
  },
  {
    patient: 'p01',
    vacancy: 'shop-assistant',
    day: -55,
    status: 'DECLINED',
    statement: 'I would like more hours.',
    offer: { day: -45, startOn: -38, terms: 'Monday and Friday, 10am to 2pm.', status: 'DECLINED', answeredDay: -44 },
  },
  {
    patient: 'p02',
    vacancy: 'shop-assistant',
    day: -52,
    status: 'ACCEPTED',
    statement: 'I am organised and I like retail.',
    interview: { day: -47, time: '11:00', panel: 'Leon Edwards (shop lead), Sam Patel (employment specialist)', outcome: 'SUCCESSFUL', feedback: 'Careful and accurate with the till exercise. Well done.' },
    offer: { day: -44, startOn: -35, terms: 'Monday and Wednesday, 10am to 2pm.', status: 'ACCEPTED', answeredDay: -43 },
  },
  { patient: 'p02', vacancy: 'barista', day: -5, status: 'SUBMITTED', statement: 'My food hygiene training is done, so I would like to try the café.', by: OT },
  {
    patient: 'p06',
    vacancy: 'barista',
    day: -4,
    status: 'INTERVIEW',
    statement: 'I have worked in a coffee shop before.',
    by: SPECIALIST,
    interview: { day: 3, time: '10:00', panel: 'Leon Edwards (café lead), Olivia Thompson (OT)', outcome: 'PENDING' },
  },
  {
    patient: 'p14',
    vacancy: 'barista',
    day: -6,
    status: 'OFFERED',
    statement: 'I would like to build my customer service skills.',
    by: SPECIALIST,
    interview: { day: -2, time: '11:30', panel: 'Leon Edwards (café lead)', outcome: 'SUCCESSFUL', feedback: 'Confident and friendly. You will pick up the drinks menu quickly.' },
    offer: { day: -1, startOn: 7, terms: 'Tuesday and Thursday, 10am to 1pm.', status: 'MADE' },
  },
  { patient: 'p08', vacancy: 'barista', day: -6, status: 'WITHDRAWN', statement: 'Interested in the café.', by: OT, note: 'Decided to focus on the car valet and the senior valeter vacancy.' },
  { patient: 'p03', vacancy: 'kitchen', day: -2, status: 'SUBMITTED', statement: 'I enjoy cooking.', by: OT },
  {
    patient: 'p09',
    vacancy: 'senior-valeter',
    day: -4,
    status: 'INTERVIEW',
    statement: 'I have been valeting for seven weeks and I would like to help new starters.',
    interview: { day: -1, time: '14:30', panel: 'Leon Edwards (valet lead), Sam Patel (employment specialist)', outcome: 'SUCCESSFUL', feedback: 'Your checks on finished cars were thorough. We will talk to you about an offer this week.' },
  },
  { patient: 'p08', vacancy: 'senior-valeter', day: -3, status: 'SUBMITTED', statement: 'I would like to take on more.', by: OT },
  {
    patient: 'p01',
    vacancy: 'linen-runner',
    day: -8,
    status: 'OFFERED',
    statement: 'I am on Alder Ward and could do the afternoon runs.',
    interview: { day: -4, time: '15:00', panel: 'Olivia Thompson (OT), Wendy Ward (ward staff)', outcome: 'SUCCESSFUL', feedback: 'Reliable and knows the ward well. Remember to check the linen list before each run.' },
    offer: { day: -2, startOn: 3, terms: 'Tuesday and Thursday, 2pm to 3pm.', status: 'MADE' },
  },
  { patient: 'p10', vacancy: 'post-sorter', day: -1, status: 'SUBMITTED', statement: 'I would like something to do in the afternoons.', by: OT },
];

/** Placements: most demo patients hold one; p01 holds two; two ended with progression. */
const PLACEMENTS: { patient: string; role: string; start: number; fromApplication?: string; end?: { day: number; reason: EndReason; note: string }; by: string }[] = [
  { patient: 'p01', role: 'cafe.barista', start: -42, fromApplication: 'barista-spring', by: LEAD },
  { patient: 'p01', role: 'shop.stock', start: -28, by: OT },
  { patient: 'p02', role: 'shop.assistant', start: -35, fromApplication: 'shop-assistant', by: LEAD },
  { patient: 'p03', role: 'laundry.assistant', start: -90, by: OT },
  { patient: 'p04', role: 'laundry.assistant', start: -20, by: OT },
  { patient: 'p05', role: 'garden.gardener', start: -100, by: SPECIALIST },
  { patient: 'p06', role: 'garden.grounds', start: -60, by: OT },
  { patient: 'p07', role: 'cafe.kitchen', start: -45, by: OT },
  { patient: 'p08', role: 'valet.valeter', start: -70, by: LEAD },
  { patient: 'p09', role: 'valet.valeter', start: -50, by: LEAD },
  { patient: 'p11', role: 'post.sorter', start: -21, by: SPECIALIST },
  { patient: 'p13', role: 'cafe.front-of-house', start: -30, by: LEAD },
  { patient: 'p14', role: 'post.runner', start: -40, by: SPECIALIST },
  {
    patient: 'p11',
    role: 'shop.assistant',
    start: -200,
    by: LEAD,
    end: { day: -30, reason: 'PROGRESSED_VOLUNTEERING', note: 'Now volunteering two days a week at a charity shop in town.' },
  },
  {
    patient: 'p12',
    role: 'cafe.front-of-house',
    start: -180,
    by: LEAD,
    end: { day: -14, reason: 'PROGRESSED_EMPLOYMENT', note: 'Started a part-time job at a café near the hospital, on community leave.' },
  },
];

/** Vacancies open and closed, applications at every stage, placements (see the tables above). */
export const recruitmentSeed: DemoSeed = {
  name: '2026-11-recruitment',
  async run(em: EntityManager, { now }) {
    const today = londonDate(now);
    const on = (days: number) => addDays(today, days);
    const at = (days: number, time = '09:00') => londonInstant(on(days), time)!;
    const patientId = (key: string) => demoId('patient:' + key);
    const restrictions = new PatientsRepository();

    for (const [key, v] of Object.entries(VACANCIES)) {
      await em.insert(Vacancy, {
        id: demoId('vacancy:' + key),
        workRoleId: DEMO_ROLES[v.role],
        description: v.description,
        opensOn: on(v.opens),
        closesOn: on(v.closes),
        positions: v.positions,
        status: v.closed ? 'CLOSED' : 'OPEN',
        createdByUserId: v.by,
        createdAt: at(v.opens - 2),
        updatedAt: at(v.closed ? v.closes : v.opens - 2),
      });
    }

    for (const a of APPLICATIONS) {
      const id = demoId(`application:${a.patient}:${a.vacancy}`);
      const role = await em.findOneByOrFail(WorkRole, { id: DEMO_ROLES[VACANCIES[a.vacancy].role] });
      const inForce = await restrictions.findRestrictionCodesInForce(em, patientId(a.patient), on(a.day));
      await em.insert(Application, {
        id,
        vacancyId: demoId('vacancy:' + a.vacancy),
        patientId: patientId(a.patient),
        statement: a.statement ?? null,
        status: a.status,
        restrictionConflicts: restrictionConflicts(inForce, role.activities),
        submittedByUserId: a.by ?? PATIENT_USERS[a.patient] ?? OT,
        submittedAt: at(a.day, '11:15'),
        outcomeNote: a.note ?? null,
        updatedAt: at(Math.min(0, a.offer?.answeredDay ?? a.offer?.day ?? a.interview?.day ?? a.day), '16:00'),
      });
      if (a.interview) {
        const i = a.interview;
        await em.insert(Interview, {
          id: demoId(`interview:${a.patient}:${a.vacancy}`),
          applicationId: id,
          scheduledAt: at(i.day, i.time),
          panel: i.panel,
          outcome: i.outcome,
          feedback: i.feedback ?? null,
          createdByUserId: VACANCIES[a.vacancy].by,
          createdAt: at(a.day + 1),
          updatedAt: at(Math.min(0, i.day), '16:00'),
        });
      }
      if (a.offer) {
        await em.insert(Offer, {
          id: demoId(`offer:${a.patient}:${a.vacancy}`),
          applicationId: id,
          startOn: on(a.offer.startOn),
          terms: a.offer.terms,
          status: a.offer.status,
          madeByUserId: VACANCIES[a.vacancy].by,
          madeAt: at(a.offer.day, '12:00'),
          respondedAt: a.offer.answeredDay !== undefined ? at(a.offer.answeredDay, '15:00') : null,
        });
      }
    }

    for (const p of PLACEMENTS) {
      const id = demoId(`placement:${p.patient}:${p.role}:${p.start}`);
      await em.insert(Placement, {
        id,
        patientId: patientId(p.patient),
        workRoleId: DEMO_ROLES[p.role],
        applicationId: p.fromApplication ? demoId(`application:${p.patient}:${p.fromApplication}`) : null,
        startOn: on(p.start),
        endOn: p.end ? on(p.end.day) : null,
        status: p.end ? 'ENDED' : 'ACTIVE',
        activeKey: p.end ? id : 'A',
        endReason: p.end?.reason ?? null,
        endNote: p.end?.note ?? null,
        createdByUserId: p.by,
        createdAt: at(p.start - 1),
        updatedAt: at(p.end ? p.end.day : p.start - 1),
      });
    }
  },
};
