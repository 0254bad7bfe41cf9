import type { EntityManager } from 'typeorm';
import { addDays, londonDate } from '../src/common/dates';
import { BenefitsLimit } from '../src/patients/benefits-limit.entity';
import type { LeaveLevel } from '../src/patients/leave';
import { LeaveEvent } from '../src/patients/leave-event.entity';
import type { RestrictionCode } from '../src/patients/restrictions';
import { VocationalProfile, type VocationalStage } from '../src/patients/vocational-profile.entity';
import { WorkRestriction } from '../src/patients/work-restriction.entity';
import { demoId } from './demo-ids';
import type { DemoSeed } from './seed';

const OT = demoId('user:ot');
const WARD = demoId('user:ward');
const SPECIALIST = demoId('user:specialist');

/** Current leave per demo patient (granted some weeks ago, after an earlier, lower grant). */
const LEAVE: Record<string, { earlier?: LeaveLevel; now: LeaveLevel }> = {
  p01: { earlier: 'ESCORTED_GROUNDS', now: 'UNESCORTED_GROUNDS' },
  p02: { now: 'ESCORTED_GROUNDS' },
  p03: { earlier: 'ESCORTED_GROUNDS', now: 'UNESCORTED_GROUNDS' },
  p04: { now: 'NONE' },
  p05: { earlier: 'UNESCORTED_GROUNDS', now: 'ESCORTED_COMMUNITY' },
  p06: { now: 'ESCORTED_GROUNDS' },
  p07: { earlier: 'ESCORTED_GROUNDS', now: 'UNESCORTED_GROUNDS' },
  p08: { now: 'UNESCORTED_GROUNDS' },
  p09: { earlier: 'ESCORTED_GROUNDS', now: 'UNESCORTED_GROUNDS' },
  p10: { now: 'ESCORTED_GROUNDS' },
  p11: { earlier: 'UNESCORTED_GROUNDS', now: 'UNESCORTED_COMMUNITY' },
  p12: { now: 'ESCORTED_COMMUNITY' },
  p13: { earlier: 'ESCORTED_COMMUNITY', now: 'UNESCORTED_COMMUNITY' },
  p14: { now: 'UNESCORTED_GROUNDS' },
};

const RESTRICTIONS: { patient: string; restriction: RestrictionCode; reason: string; daysAgo: number; liftedDaysAgo?: number }[] = [
  { patient: 'p03', restriction: 'NO_SHARPS', reason: 'Care plan review: no access to knives or blades for now.', daysAgo: 40 },
  { patient: 'p04', restriction: 'NO_PUBLIC_CONTACT', reason: 'Agreed at ward round while settling on the ward.', daysAgo: 20 },
  { patient: 'p06', restriction: 'NO_CASH_HANDLING', reason: 'Agreed with the clinical team.', daysAgo: 90 },
  { patient: 'p07', restriction: 'NO_LONE_WORKING', reason: 'Needs staff nearby during tasks.', daysAgo: 60 },
  { patient: 'p10', restriction: 'NO_TOOLS', reason: 'Risk assessment pending.', daysAgo: 15 },
  { patient: 'p02', restriction: 'NO_FOOD_PREPARATION', reason: 'Food hygiene training first.', daysAgo: 120, liftedDaysAgo: 30 },
];

const PROFILES: Record<string, { prefs: string; goals: string; strengths: string; stage: VocationalStage }> = {
  p01: { prefs: 'Working with people; coffee and food.', goals: 'Barista qualification, then a café job in the community.', strengths: 'Friendly, punctual, learns quickly.', stage: 'IN_WORK_ROLE' },
  p02: { prefs: 'Retail and stock work.', goals: 'Level 2 food hygiene.', strengths: 'Careful and organised.', stage: 'IN_WORK_ROLE' },
  p05: { prefs: 'Outdoors, plants.', goals: 'Horticulture course at the local college.', strengths: 'Patient, physically fit.', stage: 'IN_WORK_ROLE' },
  p09: { prefs: 'Cars and practical work.', goals: 'Valeting job after discharge.', strengths: 'Practical, good with tools.', stage: 'IN_WORK_ROLE' },
  p11: { prefs: 'Office and admin.', goals: 'Volunteer at a charity shop.', strengths: 'Reliable, good with numbers.', stage: 'JOB_SEARCH_OUTSIDE' },
  p04: { prefs: 'Not sure yet.', goals: 'Try a few roles on the ward.', strengths: 'Keen to learn.', stage: 'ENGAGEMENT' },
};

export const patientsSeed: DemoSeed = {
  name: '2026-11-patients',
  async run(em: EntityManager, { now }) {
    const today = londonDate(now);
    const ev = (patient: string, kind: LeaveEvent['kind'], level: LeaveLevel | null, daysAgo: number, note: string | null, by = OT, grantedBy: string | null = null) =>
      em.insert(LeaveEvent, { id: demoId(`leave:${patient}:${kind}:${daysAgo}`), patientId: demoId('patient:' + patient), kind, level, effectiveFrom: addDays(today, -daysAgo), effectiveUntil: null, grantedBy, note, recordedByUserId: by, recordedAt: new Date(now.getTime() - daysAgo * 86_400_000) });
    for (const [key, l] of Object.entries(LEAVE)) {
      if (l.earlier) await ev(key, 'GRANT', l.earlier, 180, 'Initial leave after admission review', OT, 'Dr A. Example (RC)');
      await ev(key, 'GRANT', l.now, l.earlier ? 45 : 120, 'Agreed at ward round', OT, 'Dr A. Example (RC)');
    }
    // A suspension after an incident, later reinstated (p03), and one still in force (p10).
    await ev('p03', 'SUSPEND', null, 21, 'Incident on the ward; leave suspended pending review.', WARD);
    await ev('p03', 'REINSTATE', null, 14, 'Reviewed at ward round; leave reinstated.', OT);
    await ev('p10', 'SUSPEND', null, 3, 'Leave suspended after an incident, pending MDT review.', WARD);

    for (const r of RESTRICTIONS) {
      await em.insert(WorkRestriction, {
        id: demoId(`restriction:${r.patient}:${r.restriction}`),
        patientId: demoId('patient:' + r.patient),
        restriction: r.restriction,
        effectiveFrom: addDays(today, -r.daysAgo),
        effectiveUntil: null,
        reason: r.reason,
        setByUserId: OT,
        createdAt: new Date(now.getTime() - r.daysAgo * 86_400_000),
        liftedOn: r.liftedDaysAgo !== undefined ? addDays(today, -r.liftedDaysAgo) : null,
        liftedByUserId: r.liftedDaysAgo !== undefined ? OT : null,
        liftReason: r.liftedDaysAgo !== undefined ? 'Completed food hygiene training.' : null,
      });
    }

    await em.insert(BenefitsLimit, { id: demoId('benefits:p05'), patientId: demoId('patient:p05'), mode: 'CUSTOM', weeklyEarningsCapPence: 10000, weeklyHoursCapMinutes: 12 * 60, effectiveFrom: addDays(today, -60), note: 'Benefits counselling: keep under £100 a week for now.', recordedByUserId: SPECIALIST, recordedAt: now });
    await em.insert(BenefitsLimit, { id: demoId('benefits:p11'), patientId: demoId('patient:p11'), mode: 'NO_CAP', weeklyEarningsCapPence: null, weeklyHoursCapMinutes: null, effectiveFrom: addDays(today, -90), note: 'Receives no benefits.', recordedByUserId: SPECIALIST, recordedAt: now });

    for (const [key, p] of Object.entries(PROFILES)) {
      await em.insert(VocationalProfile, { patientId: demoId('patient:' + key), workPreferences: p.prefs, goals: p.goals, strengths: p.strengths, stage: p.stage, nextReviewOn: addDays(today, 28), updatedByUserId: SPECIALIST, updatedAt: now });
    }
  },
};
