import type { EntityManager } from 'typeorm';
import { addDays, londonDate } from '../src/common/dates';
import { EnterpriseLead } from '../src/enterprises/enterprise-lead.entity';
import type { EnterpriseKind } from '../src/enterprises/enterprise.types';
import { WorkRole } from '../src/enterprises/work-role.entity';
import { Patient } from '../src/patients/patient.entity';
import { Placement } from '../src/recruitment/placement.entity';
import { londonInstant } from '../src/recruitment/london-time';
import { SkillLog } from '../src/skills/skill-log.entity';
import { Skill } from '../src/skills/skill.entity';
import { levelRank, type LevelDescriptors, type SkillCategory, type SkillLevel } from '../src/skills/skills.types';
import { demoId } from './demo-ids';
import type { DemoSeed } from './seed';

interface FrameworkSkill {
  name: string;
  category: SkillCategory;
  description: string;
  kinds: EnterpriseKind[];
  levels: LevelDescriptors;
}

/**
 * The skills framework: employability skills for any job, and technical skills per kind of
 * enterprise. Each level has a plain-English descriptor (levels 1-4: introduced, developing,
 * competent, proficient), written so that a patient and a member of staff agree what it means.
 */
export const SKILL_FRAMEWORK: Record<string, FrameworkSkill> = {
  timekeeping: {
    name: 'Timekeeping',
    category: 'EMPLOYABILITY',
    description: 'Arriving on time for shifts, keeping to breaks and finishing tasks in the time given.',
    kinds: [],
    levels: {
      INTRODUCED: 'Knows the shift times and arrives with reminders from staff.',
      DEVELOPING: 'Arrives on time for most shifts and lets someone know when running late.',
      COMPETENT: 'Arrives on time for shifts, keeps to breaks and plans the ward day around work without reminders.',
      PROFICIENT: 'Always on time over many weeks, and helps the team keep to time at busy periods.',
    },
  },
  teamwork: {
    name: 'Teamwork',
    category: 'EMPLOYABILITY',
    description: 'Working with colleagues and supervisors towards a shared task.',
    kinds: [],
    levels: {
      INTRODUCED: 'Works alongside others on a shared task when guided.',
      DEVELOPING: 'Shares tasks with colleagues and asks for help when needed.',
      COMPETENT: 'Offers help without being asked, shares the workload fairly and handles small disagreements calmly.',
      PROFICIENT: 'Helps the team organise the work and supports new starters to settle in.',
    },
  },
  communication: {
    name: 'Communication',
    category: 'EMPLOYABILITY',
    description: 'Listening, asking questions and passing on information clearly at work.',
    kinds: [],
    levels: {
      INTRODUCED: 'Answers questions from colleagues and supervisors.',
      DEVELOPING: 'Asks when unsure and passes on simple messages accurately.',
      COMPETENT: 'Explains what has been done and what is needed, clearly and politely, to staff and colleagues.',
      PROFICIENT: 'Adapts how they explain things to the listener and helps sort out misunderstandings.',
    },
  },
  'customer-service': {
    name: 'Customer service',
    category: 'EMPLOYABILITY',
    description: 'Greeting, serving and helping customers politely, and handling requests and complaints.',
    kinds: [],
    levels: {
      INTRODUCED: 'Greets customers with support from a colleague.',
      DEVELOPING: 'Greets and serves customers politely and gets help with anything unusual.',
      COMPETENT: 'Serves customers on their own, answers common questions and deals with simple requests.',
      PROFICIENT: 'Handles complaints and difficult situations calmly and helps others learn to serve customers.',
    },
  },
  'following-instructions': {
    name: 'Following instructions',
    category: 'EMPLOYABILITY',
    description: 'Carrying out spoken and written instructions, routines and checklists.',
    kinds: [],
    levels: {
      INTRODUCED: 'Follows one step at a time with a supervisor nearby.',
      DEVELOPING: 'Follows a short routine and checks back when unsure.',
      COMPETENT: 'Follows the routines and checklists of the role without prompting.',
      PROFICIENT: 'Follows complex instructions accurately and notices when a routine needs changing.',
    },
  },
  'health-and-safety': {
    name: 'Health and safety',
    category: 'EMPLOYABILITY',
    description: 'Working safely: hazards, equipment, spills, manual handling and reporting problems.',
    kinds: [],
    levels: {
      INTRODUCED: 'Knows where the safety rules are and follows them when reminded.',
      DEVELOPING: 'Uses the right protective equipment and reports hazards to staff.',
      COMPETENT: 'Works safely without reminders, deals with spills and reports near misses.',
      PROFICIENT: 'Spots risks before they happen and reminds others of safe ways of working.',
    },
  },
  'food-hygiene': {
    name: 'Food hygiene',
    category: 'TECHNICAL',
    description: 'Handling, storing and preparing food safely (the content of a Level 2 food hygiene course).',
    kinds: ['CAFE', 'CATERING'],
    levels: {
      INTRODUCED: 'Washes hands before handling food and wears the right clothing when reminded.',
      DEVELOPING: 'Keeps raw and ready-to-eat food apart and follows the cleaning schedule with support.',
      COMPETENT: 'Completes food safety checks on their own, labels and stores food correctly and knows the allergen rules.',
      PROFICIENT: 'Keeps the kitchen’s food safety records and shows others the right way to work.',
    },
  },
  barista: {
    name: 'Barista',
    category: 'TECHNICAL',
    description: 'Making espresso-based and other hot drinks, and looking after the coffee machine.',
    kinds: ['CAFE'],
    levels: {
      INTRODUCED: 'Makes tea and filter coffee, and has watched the espresso routine.',
      DEVELOPING: 'Makes the main espresso drinks with help and cleans the machine at the end of the day.',
      COMPETENT: 'Makes the full drinks menu to standard on their own, including steamed milk, during normal service.',
      PROFICIENT: 'Keeps up with the lunch rush, adjusts the grind and trains new baristas.',
    },
  },
  'cash-handling': {
    name: 'Cash handling',
    category: 'TECHNICAL',
    description: 'Taking cash and card payments, giving change and balancing the till.',
    kinds: ['CAFE', 'SHOP'],
    levels: {
      INTRODUCED: 'Takes a payment with a supervisor checking each step.',
      DEVELOPING: 'Takes cash and card payments and gives the right change.',
      COMPETENT: 'Runs the till on their own for a session and counts up the float accurately.',
      PROFICIENT: 'Balances the till at the end of the day, explains any difference and checks others’ counts.',
    },
  },
  'stock-control': {
    name: 'Stock control',
    category: 'TECHNICAL',
    description: 'Receiving deliveries, pricing and rotating stock, and noticing what needs ordering.',
    kinds: ['SHOP', 'CAFE'],
    levels: {
      INTRODUCED: 'Unpacks a delivery with help.',
      DEVELOPING: 'Checks a delivery against the order and puts stock away in the right place.',
      COMPETENT: 'Prices, rotates and counts stock accurately and reports what is running low.',
      PROFICIENT: 'Plans the stock count and suggests what to order from what sells.',
    },
  },
  horticulture: {
    name: 'Horticulture',
    category: 'TECHNICAL',
    description: 'Growing and caring for plants, and keeping beds, lawns and paths tidy.',
    kinds: ['HORTICULTURE'],
    levels: {
      INTRODUCED: 'Weeds, waters and sweeps under close supervision.',
      DEVELOPING: 'Plants out, prunes simple shrubs and uses hand tools safely.',
      COMPETENT: 'Looks after a bed through the season on their own and chooses the right tool for each job.',
      PROFICIENT: 'Plans planting, raises plants from seed and shows others how to care for them.',
    },
  },
  valeting: {
    name: 'Vehicle valeting',
    category: 'TECHNICAL',
    description: 'Washing and drying cars, cleaning interiors and checking finished work with the customer.',
    kinds: ['CAR_VALET'],
    levels: {
      INTRODUCED: 'Washes and dries the outside of a car with a colleague.',
      DEVELOPING: 'Cleans interiors with the vacuum and steamer and follows the bay’s routine.',
      COMPETENT: 'Valets a car inside and out to standard on their own and checks it against the checklist.',
      PROFICIENT: 'Runs a bay, checks others’ work and walks round finished cars with customers.',
    },
  },
  'laundry-processes': {
    name: 'Laundry processes',
    category: 'TECHNICAL',
    description: 'Sorting, washing, drying and folding laundry, following labels and infection control.',
    kinds: ['LAUNDRY'],
    levels: {
      INTRODUCED: 'Sorts laundry into the right loads with help.',
      DEVELOPING: 'Runs the washers and dryers with the right programmes and folds to the ward’s standard.',
      COMPETENT: 'Follows infection control rules for soiled linen and keeps the laundry log on their own.',
      PROFICIENT: 'Organises the day’s loads, deals with problems and shows others the routine.',
    },
  },
  'mail-handling': {
    name: 'Mail handling',
    category: 'TECHNICAL',
    description: 'Sorting and delivering post and parcels, and signing for them.',
    kinds: ['POST_ROOM'],
    levels: {
      INTRODUCED: 'Sorts post into pigeonholes with a colleague checking.',
      DEVELOPING: 'Sorts post accurately by ward and department.',
      COMPETENT: 'Sorts and delivers a round on their own, signing for parcels and keeping the log.',
      PROFICIENT: 'Plans the round, handles redirected and special delivery post and trains others.',
    },
  },
};

export const skillIdOf = (code: string) => demoId('skill:' + code);

export const DEMO_STAFF = {
  ot: demoId('user:ot'),
  lead: demoId('user:lead'),
  ward: demoId('user:ward'),
  specialist: demoId('user:specialist'),
};
/** The demo OT works on Alder and Birch; the employment specialist on every ward; ward staff on Alder. */
const OT_WARDS = [demoId('ward:alder'), demoId('ward:birch')];
const WARD_STAFF_WARDS = [demoId('ward:alder')];

/**
 * Who verifies a demo patient's skills: a verifier who can see the patient (the OT on their
 * wards, the employment specialist elsewhere), never the author of the entry (four eyes).
 */
export function demoVerifier(patientWardId: string, authorId: string): string {
  const preferred = OT_WARDS.includes(patientWardId) ? DEMO_STAFF.ot : DEMO_STAFF.specialist;
  return preferred !== authorId ? preferred : DEMO_STAFF.specialist === authorId ? DEMO_STAFF.ot : DEMO_STAFF.specialist;
}

/** Who observed a demo patient at work: the enterprise's lead, else ward staff on their ward, else the OT or specialist. */
export function demoObserver(patientWardId: string, enterpriseLedByLead: boolean): string {
  if (enterpriseLedByLead) return DEMO_STAFF.lead;
  if (WARD_STAFF_WARDS.includes(patientWardId)) return DEMO_STAFF.ward;
  return OT_WARDS.includes(patientWardId) ? DEMO_STAFF.specialist : DEMO_STAFF.ot;
}

/** How a demo patient first showed a role's prerequisite skill, before the placement began. */
const PREREQUISITE_EVIDENCE: Record<string, string> = {
  'food-hygiene': 'Completed the Level 2 food hygiene course on the ward and passed the assessment; then prepared food on two trial sessions in the café kitchen, following every check.',
  'cash-handling': 'Ran the till on trial sessions in the shop: took cash and card payments, gave the right change and counted the float correctly twice.',
  horticulture: 'Came to two taster sessions in the walled garden: weeded, watered and used a hand trowel safely under supervision.',
  valeting: 'Washed and dried cars with a senior valeter on two taster sessions and followed the bay’s safety routine.',
  'customer-service': 'Served customers at the café counter on trial sessions: greeted them politely and asked for help with an unusual request.',
};

const at = (date: string, time: string) => londonInstant(date, time)!;

/**
 * The framework, and for every demo patient with an active placement, verified entries at the
 * level each of their roles' prerequisite skills asks, dated a week before the placement
 * began: so the demo rota (which checks SKILL_MISSING) can book everybody.
 */
export const skillsSeed: DemoSeed = {
  name: '2026-12-skills',
  async run(em: EntityManager, { now }) {
    const createdAt = new Date(now.getTime() - 400 * 86_400_000);
    for (const [code, s] of Object.entries(SKILL_FRAMEWORK)) {
      await em.insert(Skill, { id: skillIdOf(code), code, name: s.name, category: s.category, description: s.description, enterpriseKinds: s.kinds, levelDescriptors: s.levels, active: true, createdAt, updatedAt: createdAt });
    }

    await verifyPrerequisites(em, await em.find(Placement, { where: { status: 'ACTIVE' }, order: { startOn: 'ASC', id: 'ASC' } }), now);
  },
};

/**
 * Verified entries at the level each placement's role asks for its prerequisite skills, dated a
 * week before the placement began (or today), observed by the enterprise's lead or ward staff
 * and verified by someone else who can see the patient. For any demo data that books patients
 * into roles with prerequisites (SKILL_MISSING), e.g. historic placements. Skips levels already
 * given to the patient by this function.
 */
export async function verifyPrerequisites(em: EntityManager, placements: Placement[], now: Date): Promise<void> {
  const led = new Set((await em.find(EnterpriseLead, { where: { userId: DEMO_STAFF.lead } })).map((l) => l.enterpriseId));
  const done = new Map<string, number>();
  const today = londonDate(now);
  for (const placement of placements) {
    const role = await em.findOneByOrFail(WorkRole, { id: placement.workRoleId });
    const patient = await em.findOneByOrFail(Patient, { id: placement.patientId });
    for (const p of role.prerequisiteSkills) {
      const key = `${patient.id}:${p.skillCode}`;
      const rank = levelRank(p.level);
      if ((done.get(key) ?? 0) >= rank || !SKILL_FRAMEWORK[p.skillCode]) continue;
      const id = demoId(`skill-log:${patient.id}:${p.skillCode}:prerequisite:${p.level}`);
      if (await em.findOne(SkillLog, { where: { id } })) continue;
      done.set(key, rank);
      const occurredOn = addDays(placement.startOn, -7) < today ? addDays(placement.startOn, -7) : today;
      const author = demoObserver(patient.wardId, led.has(role.enterpriseId));
      await em.insert(SkillLog, prerequisiteEntry(id, patient, p.skillCode, p.level, occurredOn, author, now));
    }
  }
}

function prerequisiteEntry(id: string, patient: Patient, code: string, level: SkillLevel, occurredOn: string, author: string, now: Date): SkillLog {
  const created = at(occurredOn, '15:30');
  const reviewed = new Date(Math.min(at(addDays(occurredOn, 1), '11:00').getTime(), now.getTime()));
  return Object.assign(new SkillLog(), {
    id,
    patientId: patient.id,
    skillId: skillIdOf(code),
    level,
    levelRank: levelRank(level),
    evidence: PREREQUISITE_EVIDENCE[code] ?? 'Showed this skill on trial sessions before starting the role.',
    occurredOn,
    shiftId: null,
    source: 'STAFF',
    createdByUserId: author,
    createdAt: created,
    status: 'VERIFIED',
    reviewedByUserId: demoVerifier(patient.wardId, author),
    reviewedAt: reviewed,
    reviewComment: 'Checked with the patient and the trainer; ready for the role.',
  });
}
