import { In, type EntityManager } from 'typeorm';
import { addDays, londonDate } from '../src/common/dates';
import { Enterprise } from '../src/enterprises/enterprise.entity';
import type { EnterpriseKind } from '../src/enterprises/enterprise.types';
import { WorkRole } from '../src/enterprises/work-role.entity';
import { Patient } from '../src/patients/patient.entity';
import { londonInstant } from '../src/recruitment/london-time';
import { Assignment } from '../src/rota/assignment.entity';
import { AttendanceRecord } from '../src/rota/attendance-record.entity';
import { Shift } from '../src/rota/shift.entity';
import { SkillLog } from '../src/skills/skill-log.entity';
import { levelRank, type SkillLevel, type SkillLogSource, type SkillLogStatus } from '../src/skills/skills.types';
import { demoId } from './demo-ids';
import type { DemoSeed } from './seed';
import { DEMO_STAFF, demoVerifier, skillIdOf } from './skills.seed';

/** The skills each kind of enterprise gives a chance to show, in the order staff tend to observe them. */
const KIND_SKILLS: Partial<Record<EnterpriseKind, string[]>> = {
  CAFE: ['customer-service', 'teamwork', 'food-hygiene', 'timekeeping'],
  SHOP: ['cash-handling', 'stock-control', 'customer-service'],
  HORTICULTURE: ['horticulture', 'health-and-safety', 'teamwork'],
  CAR_VALET: ['valeting', 'health-and-safety', 'communication'],
  LAUNDRY: ['laundry-processes', 'following-instructions', 'timekeeping'],
  POST_ROOM: ['mail-handling', 'timekeeping', 'communication'],
};

/** What a supervisor writes after a shift, per skill. */
const OBSERVED: Record<string, string> = {
  'customer-service': 'Greeted every customer and dealt politely with a queue at the counter; asked for help with a refund, as they should.',
  teamwork: 'Shared the jobs with a colleague without being asked and covered the counter during their break.',
  'food-hygiene': 'Did the fridge temperature checks and labelled everything made today without prompting.',
  timekeeping: 'Arrived five minutes early, ready to start, and kept to the break times.',
  'cash-handling': 'Took cash and card payments all session; the till balanced to the penny.',
  'stock-control': 'Checked the delivery against the order, found a missing box and reported it.',
  horticulture: 'Planted out a tray of seedlings at the right spacing and watered them in.',
  'health-and-safety': 'Wore gloves and eye protection throughout and put out a wet-floor sign after a spill.',
  valeting: 'Cleaned a car inside and out to the checklist and walked round it with the customer.',
  communication: 'Told the supervisor clearly what was finished and what still needed doing.',
  'laundry-processes': 'Chose the right programmes for each load and handled the soiled linen bag correctly.',
  'following-instructions': 'Followed the laundry’s routine card step by step, without prompting.',
  'mail-handling': 'Sorted the morning post accurately into the ward and department pigeonholes.',
};

interface Scripted {
  code: string;
  level: SkillLevel;
  source: SkillLogSource;
  /** days before today, for entries not on a shift */
  daysAgo: number;
  author: 'self' | keyof typeof DEMO_STAFF;
  status: SkillLogStatus;
  verifier?: keyof typeof DEMO_STAFF;
  evidence: string;
  comment?: string;
}

/**
 * The two demo patients who sign in (p01 "patient", p09 "patient2"): a history of
 * self-assessments and observations with several verified skills, at least one at competent or
 * above (a credential needs it), one pending and, for p01, one not verified with a comment.
 */
const SCRIPTED: Record<string, Scripted[]> = {
  p01: [
    { code: 'timekeeping', level: 'DEVELOPING', source: 'SELF', daysAgo: 30, author: 'self', status: 'VERIFIED', verifier: 'ot', evidence: 'I have been on time for all my café shifts this fortnight.', comment: 'Agreed: on time for every shift so far. Well done.' },
    { code: 'barista', level: 'DEVELOPING', source: 'STAFF', daysAgo: 28, author: 'lead', status: 'VERIFIED', verifier: 'ot', evidence: 'Made lattes and cappuccinos with help on the espresso machine and cleaned it down at close.' },
    { code: 'cash-handling', level: 'COMPETENT', source: 'SELF', daysAgo: 20, author: 'self', status: 'REJECTED', verifier: 'lead', evidence: 'I can use the till.', comment: 'Not yet at competent: you have taken payments with a colleague beside you, not on your own for a whole session. Let’s plan a till session together next week.' },
    { code: 'barista', level: 'COMPETENT', source: 'STAFF', daysAgo: 12, author: 'lead', status: 'VERIFIED', verifier: 'ot', evidence: 'Made the full drinks menu to standard on their own for the whole morning service, including steamed milk.' },
    { code: 'customer-service', level: 'COMPETENT', source: 'STAFF', daysAgo: 9, author: 'lead', status: 'VERIFIED', verifier: 'ot', evidence: 'Served customers on their own at the counter, answered questions about the menu and sorted out a wrong order calmly.' },
    { code: 'timekeeping', level: 'COMPETENT', source: 'SELF', daysAgo: 3, author: 'self', status: 'VERIFIED', verifier: 'ot', evidence: 'I plan my morning on the ward around my shift and I have not been late once.', comment: 'Confirmed with the café lead and the ward.' },
    { code: 'teamwork', level: 'COMPETENT', source: 'SELF', daysAgo: 1, author: 'self', status: 'PENDING', evidence: 'I covered the counter when my colleague was on a break and helped the new barista find things.' },
  ],
  p09: [
    { code: 'health-and-safety', level: 'DEVELOPING', source: 'STAFF', daysAgo: 35, author: 'lead', status: 'VERIFIED', verifier: 'specialist', evidence: 'Wore gloves and goggles with the chemicals and reported a cracked hose.' },
    { code: 'valeting', level: 'DEVELOPING', source: 'STAFF', daysAgo: 30, author: 'lead', status: 'VERIFIED', verifier: 'specialist', evidence: 'Cleaned interiors with the vacuum and steamer, following the bay’s routine.' },
    { code: 'customer-service', level: 'DEVELOPING', source: 'SELF', daysAgo: 18, author: 'self', status: 'VERIFIED', verifier: 'lead', evidence: 'I greet customers when they drop their cars off and tell them when it will be ready.', comment: 'Yes, customers have said how friendly you are.' },
    { code: 'valeting', level: 'COMPETENT', source: 'STAFF', daysAgo: 10, author: 'lead', status: 'VERIFIED', verifier: 'specialist', evidence: 'Valeted three cars inside and out to standard on their own and checked each against the checklist.' },
    { code: 'health-and-safety', level: 'COMPETENT', source: 'STAFF', daysAgo: 6, author: 'lead', status: 'VERIFIED', verifier: 'specialist', evidence: 'Worked safely all session without reminders and reported a near miss with the pressure washer.' },
    { code: 'teamwork', level: 'DEVELOPING', source: 'SELF', daysAgo: 2, author: 'self', status: 'PENDING', evidence: 'I showed a new valeter how we do the wheels.' },
  ],
};

const PATIENT_USERS: Record<string, string> = { p01: demoId('user:patient'), p09: demoId('user:patient2') };

const at = (date: string, time: string) => londonInstant(date, time)!;

/**
 * A realistic history of skill logs over the demo period, after the rota: supervisors'
 * observations on attended shifts (most verified by a second member of staff, some still
 * pending so the verification queue has work), and the demo patients' own self-assessments.
 */
export const skillRecordsSeed: DemoSeed = {
  name: '2026-12-skill-records',
  async run(em: EntityManager, { now }) {
    const today = londonDate(now);
    const entries: SkillLog[] = [];
    const add = (e: Omit<SkillLog, 'levelRank' | 'patient' | 'skill'>) => entries.push(Object.assign(new SkillLog(), e, { levelRank: levelRank(e.level) }));
    const decided = (status: SkillLogStatus, verifier: string | null, occurredOn: string, comment: string | null) => ({
      status,
      reviewedByUserId: status === 'PENDING' ? null : verifier,
      reviewedAt: status === 'PENDING' ? null : new Date(Math.min(at(addDays(occurredOn, 1), '10:30').getTime(), now.getTime() - 60_000)),
      reviewComment: status === 'PENDING' ? null : comment,
    });

    // 1. Observations on shifts the patients attended: the shift's supervisor writes, another member of staff verifies.
    const attended = await em
      .createQueryBuilder(AttendanceRecord, 'r')
      .innerJoin(Assignment, 'a', 'a.id = r.assignmentId')
      .select(['a.id AS "assignmentId"'])
      .where('r.status IN (:...ok)', { ok: ['ATTENDED', 'LATE'] })
      .getRawMany<{ assignmentId: string }>();
    const assignments = attended.length ? await em.find(Assignment, { where: { id: In(attended.map((r) => r.assignmentId)) }, order: { startAt: 'ASC', id: 'ASC' } }) : [];
    const byPatient = new Map<string, Assignment[]>();
    for (const a of assignments) byPatient.set(a.patientId, [...(byPatient.get(a.patientId) ?? []), a]);
    const patients = new Map((await em.find(Patient)).map((p) => [p.id, p]));
    let n = 0;
    for (const [patientId, list] of [...byPatient].sort(([a], [b]) => a.localeCompare(b))) {
      const patient = patients.get(patientId)!;
      const picks = list.length > 1 ? [list[0], list[list.length - 1]] : list;
      for (const [i, a] of picks.entries()) {
        const shift = await em.findOneByOrFail(Shift, { id: a.shiftId });
        const role = await em.findOneByOrFail(WorkRole, { id: shift.workRoleId });
        const enterprise = await em.findOneByOrFail(Enterprise, { id: shift.enterpriseId });
        const skills = KIND_SKILLS[enterprise.kind] ?? ['timekeeping', 'teamwork'];
        const code = skills[(n + i) % skills.length];
        const occurredOn = londonDate(shift.startAt);
        const author = shift.supervisorUserId ?? DEMO_STAFF.ot;
        const createdAt = new Date(Math.min(shift.endAt.getTime() + 20 * 60_000, now.getTime() - 120_000));
        // The latest observation of every other patient, and any from the last day, still wait for a second person
        // (those the demo OT wrote are verified by the employment specialist, so the OT's queue is work the OT can do).
        const pending = author !== DEMO_STAFF.ot && ((i === picks.length - 1 && n % 2 === 0) || addDays(occurredOn, 1) >= today);
        add({
          id: demoId(`skill-log:${patientId}:shift:${shift.id}`),
          patientId,
          skillId: skillIdOf(code),
          level: i === 0 ? 'INTRODUCED' : 'DEVELOPING',
          evidence: `${role.title} shift: ${OBSERVED[code] ?? 'Showed this skill throughout the shift.'}`,
          occurredOn,
          shiftId: shift.id,
          source: 'STAFF',
          createdByUserId: author,
          createdAt,
          ...decided(pending ? 'PENDING' : 'VERIFIED', demoVerifier(patient.wardId, author), occurredOn, null),
        });
      }
      n++;
    }

    // 2. The demo patients who sign in: their own history (self-assessments and observations).
    for (const [key, script] of Object.entries(SCRIPTED)) {
      const patient = patients.get(demoId('patient:' + key));
      if (!patient) continue;
      for (const [i, s] of script.entries()) {
        const occurredOn = addDays(today, -s.daysAgo);
        const author = s.author === 'self' ? PATIENT_USERS[key] : DEMO_STAFF[s.author];
        add({
          id: demoId(`skill-log:${key}:scripted:${i}`),
          patientId: patient.id,
          skillId: skillIdOf(s.code),
          level: s.level,
          evidence: s.evidence,
          occurredOn,
          shiftId: null,
          source: s.source,
          createdByUserId: author,
          createdAt: new Date(Math.min(at(occurredOn, '16:00').getTime(), now.getTime() - 120_000)),
          ...decided(s.status, s.verifier ? DEMO_STAFF[s.verifier] : null, occurredOn, s.comment ?? null),
        });
      }
    }

    for (let i = 0; i < entries.length; i += 100) await em.insert(SkillLog, entries.slice(i, i + 100));
  },
};
