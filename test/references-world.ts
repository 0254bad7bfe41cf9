import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { WorkRole } from '../src/enterprises/work-role.entity';
import { Placement } from '../src/recruitment/placement.entity';
import { Assignment } from '../src/rota/assignment.entity';
import { AttendanceRecord } from '../src/rota/attendance-record.entity';
import type { AttendanceStatus } from '../src/rota/rota.types';
import { Shift } from '../src/rota/shift.entity';
import { weekStartOn } from '../src/rota/time-rules';
import { SkillLog } from '../src/skills/skill-log.entity';
import { Skill } from '../src/skills/skill.entity';
import type { SkillLevel } from '../src/skills/skills.types';
import { rotaWorld } from './support/rota-fixtures';
import type { TestApp } from './support/test-app';

const MIN = 60_000;
const LEVELS: SkillLevel[] = ['INTRODUCED', 'DEVELOPING', 'COMPETENT', 'PROFICIENT'];

/**
 * A hand-built world for references: a café (reference name "Community Café") on a site whose
 * name must stay hidden unless the patient chooses, a barista placement started 30 days ago,
 * past shifts with every kind of attendance (and a correction), work in another placement and
 * by another patient that must not count, and skill log entries in and out of the placement.
 */
export async function referencesWorld(t: TestApp) {
  const w = await rotaWorld(t);
  const lead = { user: w.supervisor, auth: { Authorization: `Bearer ${await t.make.token(w.supervisor)}` } };
  const ot2 = await t.make.caller('OT', { wardIds: [w.ward.id] });
  const specialist = await t.make.caller('EMPLOYMENT_SPECIALIST', { wardIds: [w.ward.id] });
  const otherWardOt = await t.make.caller('OT', { wardIds: [(await t.make.ward({ siteId: w.site.id })).id] });
  const otherLead = await t.make.caller('ENTERPRISE_LEAD');
  const wardStaff = await t.make.caller('WARD_STAFF', { wardIds: [w.ward.id] });
  const admin = await t.make.caller('ADMIN');
  const commissioner = await t.make.caller('COMMISSIONER');

  const patient = await w.worker();
  const patientUser = await t.make.caller('PATIENT', { patientId: patient.id });
  const other = await w.worker();
  const otherUser = await t.make.caller('PATIENT', { patientId: other.id });

  const placementOf = (patientId: string) => t.uow.read((em) => em.findOneByOrFail(Placement, { patientId, workRoleId: w.role.id }));
  const placement = await placementOf(patient.id);
  const otherPlacement = await placementOf(other.id);

  // A second role in the same café, where the patient also works: its shifts must not count.
  const now = new Date();
  const role2 = { ...w.role, id: newId(), title: 'Kitchen porter' } as WorkRole;
  const placement2 = { ...placement, id: newId(), workRoleId: role2.id } as Placement;
  await t.uow.run(async (em) => {
    await em.insert(WorkRole, role2);
    await em.insert(Placement, placement2);
  });

  let day = 2;
  /** A 3-hour shift at 10:00 UTC `day` days ago, booked for the patient through the placement, with attendance records in order. */
  const worked = async (p: { patientId: string; placementId: string; roleId?: string }, records: { status: AttendanceStatus; startLate?: number; endEarly?: number }[]) => {
    const d = new Date();
    const startAt = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day++, 10));
    const endAt = new Date(startAt.getTime() + 180 * MIN);
    const shift = { id: newId(), workRoleId: p.roleId ?? w.role.id, enterpriseId: w.enterprise.id, startAt, endAt, capacity: 4, supervisorUserId: w.supervisor.id, escortUserIds: [], locationNote: null, status: 'PUBLISHED', cancelReason: null, patternId: null, createdByUserId: w.ot.user.id, createdAt: now, updatedAt: now, publishedAt: now } as Shift;
    const a = { id: newId(), shiftId: shift.id, patientId: p.patientId, placementId: p.placementId, startAt, endAt, weekStartOn: weekStartOn(startAt), plannedMinutes: 180, plannedPayPence: 3000, status: 'BOOKED', liveKey: 'L', reviewReasons: [], overrideReason: null, overriddenCodes: [], overriddenByUserId: null, createdByUserId: w.ot.user.id, createdAt: now, updatedAt: now, cancelReason: null, cancelledAt: null } as Assignment;
    await t.uow.run(async (em) => {
      await em.insert(Shift, shift);
      await em.insert(Assignment, a);
      let previous: string | null = null;
      for (const [i, r] of records.entries()) {
        const workedStatus = ['ATTENDED', 'LATE', 'LEFT_EARLY'].includes(r.status);
        const s = new Date(startAt.getTime() + (r.startLate ?? 0) * MIN);
        const e = new Date(endAt.getTime() - (r.endEarly ?? 0) * MIN);
        const minutes = workedStatus ? Math.round((e.getTime() - s.getTime()) / MIN) : 0;
        const id = newId();
        await em.insert(AttendanceRecord, {
          id,
          assignmentId: a.id,
          status: r.status,
          actualStartAt: workedStatus ? s : null,
          actualEndAt: workedStatus ? e : null,
          reasonCode: r.status === 'CANCELLED' ? 'WARD_INCIDENT' : null,
          reason: r.status === 'ABSENT' ? 'Unwell' : null,
          minutesWorked: minutes,
          payPence: Math.floor((2 * minutes * 1000 + 60) / 120),
          hourlyRatePence: 1000,
          supersedesId: previous,
          recordedByUserId: w.supervisor.id,
          recordedAt: new Date(endAt.getTime() + (i + 1) * MIN),
        });
        previous = id;
      }
    });
    return a;
  };

  const mine = { patientId: patient.id, placementId: placement.id };
  await worked(mine, [{ status: 'ATTENDED' }]); // 180 min, on time
  await worked(mine, [{ status: 'LATE', startLate: 20 }]); // 160 min, late
  await worked(mine, [{ status: 'LEFT_EARLY', endEarly: 30 }]); // 150 min, on time
  await worked(mine, [{ status: 'ABSENT' }]); // recorded, not attended
  await worked(mine, [{ status: 'CANCELLED' }]); // left out
  await worked(mine, [{ status: 'ABSENT' }, { status: 'ATTENDED', endEarly: 60 }]); // corrected: 120 min, on time
  await worked(mine, [{ status: 'ATTENDED' }, { status: 'CANCELLED' }]); // corrected to cancelled: left out
  await worked(mine, []); // no attendance yet
  await worked({ patientId: patient.id, placementId: placement2.id, roleId: role2.id }, [{ status: 'ATTENDED' }]); // another placement
  await worked({ patientId: other.id, placementId: otherPlacement.id }, [{ status: 'ATTENDED' }, { status: 'LATE', startLate: 5 }]); // another patient

  const skill = async (code: string, name: string) => {
    const s = { id: newId(), code: `${code}-${newId().slice(0, 6)}`, name, category: 'TECHNICAL', description: name, enterpriseKinds: ['CAFE'], levelDescriptors: { INTRODUCED: 'a', DEVELOPING: 'b', COMPETENT: 'c', PROFICIENT: 'd' }, active: true, createdAt: now, updatedAt: now } as Skill;
    await t.uow.run((em) => em.insert(Skill, s));
    return s;
  };
  const log = (patientId: string, s: Skill, rank: number, daysAgo: number, status: 'PENDING' | 'VERIFIED' | 'REJECTED') =>
    t.uow.run((em) =>
      em.insert(SkillLog, {
        id: newId(),
        patientId,
        skillId: s.id,
        level: LEVELS[rank - 1],
        levelRank: rank,
        evidence: 'Seen at work',
        occurredOn: addDays(londonDate(), -daysAgo),
        shiftId: null,
        source: 'STAFF',
        createdByUserId: w.ot.user.id,
        createdAt: now,
        status,
        reviewedByUserId: status === 'PENDING' ? null : w.ot.user.id,
        reviewedAt: status === 'PENDING' ? null : now,
        reviewComment: null,
      } as SkillLog),
    );
  const hygiene = await skill('food-hygiene', 'Food hygiene');
  const teamwork = await skill('teamwork', 'Teamwork');
  const barista = await skill('barista', 'Barista skills');
  await log(patient.id, hygiene, 2, 20, 'VERIFIED');
  await log(patient.id, hygiene, 3, 10, 'VERIFIED');
  await log(patient.id, hygiene, 4, 5, 'PENDING');
  await log(patient.id, teamwork, 1, 15, 'VERIFIED');
  await log(patient.id, teamwork, 4, 14, 'REJECTED');
  await log(patient.id, barista, 4, 40, 'VERIFIED'); // before the placement started
  await log(other.id, barista, 3, 10, 'VERIFIED'); // someone else's

  /** What the records of `placement` say, worked out by hand from the shifts above. */
  const expectedFacts = {
    roleTitle: 'Barista',
    enterpriseReferenceName: 'Community Café',
    hospitalName: w.site.name,
    startOn: placement.startOn,
    endOn: null,
    minutesWorked: 180 + 160 + 150 + 120,
    shiftsRecorded: 5,
    shiftsAttended: 4,
    attendanceRatePercent: 80,
    punctualityRatePercent: 75,
    verifiedSkills: [
      { code: hygiene.code, name: 'Food hygiene', level: 'COMPETENT' },
      { code: teamwork.code, name: 'Teamwork', level: 'INTRODUCED' },
    ],
  };

  return { ...w, worked, role2, lead, ot2, specialist, otherWardOt, otherLead, wardStaff, admin, commissioner, patient, patientUser, other, otherUser, placement, otherPlacement, placement2, expectedFacts };
}

export const STATEMENT = 'Jo was reliable and cheerful on every shift, learnt to make every drink on the menu, and helped train two new starters.';
