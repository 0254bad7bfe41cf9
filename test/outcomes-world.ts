import { newId } from '../src/database/columns';
import { Credential } from '../src/credentials/credential.entity';
import { PatientDemographics } from '../src/outcomes/patient-demographics.entity';
import type { Patient } from '../src/patients/patient.entity';
import { Application } from '../src/recruitment/application.entity';
import { londonInstant } from '../src/recruitment/london-time';
import { Placement } from '../src/recruitment/placement.entity';
import { Vacancy } from '../src/recruitment/vacancy.entity';
import { Reference } from '../src/references/reference.entity';
import { Assignment } from '../src/rota/assignment.entity';
import { AttendanceRecord } from '../src/rota/attendance-record.entity';
import type { AttendanceStatus } from '../src/rota/rota.types';
import { Shift } from '../src/rota/shift.entity';
import { weekStartOn } from '../src/rota/time-rules';
import { SkillLog } from '../src/skills/skill-log.entity';
import { Skill } from '../src/skills/skill.entity';
import { cr, dr, entryBody, makeEnterprise } from './ledger-world';
import type { TestApp } from './support/test-app';

/**
 * A small hand-built world for the outcomes report, period 2026-01-01 to 2026-03-31
 * (see test/outcomes-indicators.e2e-spec.ts for the answers worked out from it).
 *   Ward A (MEDIUM): a1..a6; ward B (LOW): b1, b2; one site; one enterprise with one role.
 */
export async function outcomesWorld(t: TestApp) {
  const site = await t.make.site();
  const wardA = await t.make.ward({ siteId: site.id, securityLevel: 'MEDIUM', name: `A ${newId().slice(0, 6)}` });
  const wardB = await t.make.ward({ siteId: site.id, securityLevel: 'LOW', name: `B ${newId().slice(0, 6)}` });
  const admin = await t.make.caller('ADMIN');
  const commissioner = await t.make.caller('COMMISSIONER');
  const lead = await t.make.caller('ENTERPRISE_LEAD');
  const ot = await t.make.caller('OT', { wardIds: [wardA.id] });
  const { enterprise, role } = await makeEnterprise(t, site.id, lead.user.id);
  const p: Record<string, Patient> = {};
  for (const k of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']) p[k] = await t.make.patient({ wardId: wardA.id });
  for (const k of ['b1', 'b2']) p[k] = await t.make.patient({ wardId: wardB.id });
  const now = new Date();
  const placements: Record<string, Placement> = {};
  const place = (k: string, startOn: string, end?: { on: string; reason: Placement['endReason'] }) => {
    const id = newId();
    placements[k] = { id, patientId: p[k].id, workRoleId: role.id, applicationId: null, startOn, endOn: end?.on ?? null, status: end ? 'ENDED' : 'ACTIVE', activeKey: end ? id : 'A', endReason: end?.reason ?? null, endNote: null, createdByUserId: ot.user.id, createdAt: now, updatedAt: now } as Placement;
    return placements[k];
  };
  const vacancy = { id: newId(), workRoleId: role.id, description: null, opensOn: '2025-12-01', closesOn: '2026-03-01', positions: 3, status: 'OPEN', createdByUserId: ot.user.id, createdAt: now, updatedAt: now } as Vacancy;
  const skill = { id: newId(), code: `S${newId().slice(0, 8)}`, name: 'Timekeeping', category: 'EMPLOYABILITY', description: 'On time', enterpriseKinds: [], levelDescriptors: {}, active: true, createdAt: now, updatedAt: now } as unknown as Skill;

  let shiftDay = 0;
  /** A shift of the role on a date (10:00 London, `minutes` long) with one assignment and its attendance records. */
  const work = async (k: string, date: string, records: { status: AttendanceStatus; minutes?: number; reasonCode?: string }[], o: { override?: boolean } = {}) => {
    const start = londonInstant(date, '10:00')!;
    const end = new Date(start.getTime() + 180 * 60_000);
    const shift = { id: newId(), workRoleId: role.id, enterpriseId: enterprise.id, startAt: start, endAt: end, capacity: 4, supervisorUserId: lead.user.id, escortUserIds: [], locationNote: null, status: 'PUBLISHED', cancelReason: null, patternId: `t${shiftDay++}`, createdByUserId: ot.user.id, createdAt: now, updatedAt: now, publishedAt: now } as unknown as Shift;
    shift.patternId = null;
    const a = { id: newId(), shiftId: shift.id, patientId: p[k].id, placementId: placements[k].id, startAt: start, endAt: end, weekStartOn: weekStartOn(start), plannedMinutes: 180, plannedPayPence: 3000, status: 'BOOKED', liveKey: 'L', reviewReasons: [], overrideReason: o.override ? 'Benefits counselling: agreed one-off' : null, overriddenCodes: o.override ? ['HOURS_CAP'] : [], overriddenByUserId: o.override ? ot.user.id : null, createdByUserId: ot.user.id, createdAt: now, updatedAt: now, cancelReason: null, cancelledAt: null } as Assignment;
    await t.uow.run(async (em) => {
      await em.insert(Shift, shift);
      await em.insert(Assignment, a);
      let previous: string | null = null;
      for (const [i, r] of records.entries()) {
        const id = newId();
        const minutes = r.minutes ?? 0;
        await em.insert(AttendanceRecord, { id, assignmentId: a.id, status: r.status, actualStartAt: minutes ? start : null, actualEndAt: minutes ? new Date(start.getTime() + minutes * 60_000) : null, reasonCode: r.reasonCode ?? null, reason: null, minutesWorked: minutes, payPence: Math.round((minutes * 1000) / 60), hourlyRatePence: 1000, supersedesId: previous, recordedByUserId: ot.user.id, recordedAt: new Date(end.getTime() + (i + 1) * 60_000) });
        previous = id;
      }
    });
  };

  await t.uow.run(async (em) => {
    await em.insert(Placement, [
      place('a1', '2025-10-15'),
      place('a2', '2026-01-10', { on: '2026-03-01', reason: 'PROGRESSED_EMPLOYMENT' }),
      place('a3', '2026-02-01'),
      place('b1', '2025-06-01', { on: '2026-02-15', reason: 'DISCHARGED' }),
    ]);
    await em.insert(Vacancy, vacancy);
    const apply = (k: string, on: string) => ({ id: newId(), vacancyId: vacancy.id, patientId: p[k].id, statement: null, status: 'ACCEPTED', restrictionConflicts: [], submittedByUserId: ot.user.id, submittedAt: londonInstant(on, '11:00')!, outcomeNote: null, updatedAt: now }) as unknown as Application;
    await em.insert(Application, [apply('a2', '2026-01-01'), apply('a3', '2026-01-11')]);
    await em.insert(Skill, skill);
    const log = (k: string, reviewedOn: string) => ({ id: newId(), patientId: p[k].id, skillId: skill.id, level: 'COMPETENT', levelRank: 3, evidence: 'Seen', occurredOn: reviewedOn, shiftId: null, source: 'STAFF', createdByUserId: ot.user.id, createdAt: now, status: 'VERIFIED', reviewedByUserId: ot.user.id, reviewedAt: londonInstant(reviewedOn, '12:00')!, reviewComment: null }) as unknown as SkillLog;
    const logs = [log('a1', '2026-01-20'), log('a1', '2026-02-20'), log('b1', '2026-04-02')];
    await em.insert(SkillLog, logs);
    await em.insert(Credential, { id: newId(), patientId: p.a1.id, skillLogId: logs[0].id, status: 'ACTIVE', activeKey: 'A', keyId: 'k1', jwt: 'x.y.z', credential: {}, issuedAt: londonInstant('2026-01-25', '12:00')!, validUntil: null, issuedByUserId: ot.user.id, revokedByUserId: null, revokedAt: null, revokedReason: null } as never);
    await em.insert(Reference, { id: newId(), patientId: p.a2.id, placementId: placements.a2.id, status: 'APPROVED', verificationCode: newId().slice(0, 20), facts: {}, statement: 'Reliable', refereeName: 'Sam', refereeJobTitle: 'Lead', showHospitalName: false, draftedByUserId: ot.user.id, approvedByUserId: lead.user.id, approvedAt: londonInstant('2026-03-10', '12:00')!, withdrawnByUserId: null, withdrawnAt: null, withdrawnReason: null, createdAt: now, updatedAt: now } as unknown as Reference);
    const demo = (k: string, birthYear: number, statedGender: PatientDemographics['statedGender'], ethnicCategory: PatientDemographics['ethnicCategory']) => ({ patientId: p[k].id, birthYear, statedGender, ethnicCategory, updatedByUserId: ot.user.id, updatedAt: now });
    await em.insert(PatientDemographics, [demo('a1', 1990, '1', 'A'), demo('a2', 1985, '2', 'M')]);
  });

  // a1: attended and late in the week of 12 January (one booking over the hours cap by an OT's override), absent the week after.
  await work('a1', '2026-01-12', [{ status: 'ATTENDED', minutes: 180 }]);
  await work('a1', '2026-01-13', [{ status: 'LATE', minutes: 160 }], { override: true });
  await work('a1', '2026-01-20', [{ status: 'ABSENT' }]);
  // a3: attended once; the next shift lost to a ward incident.
  await work('a3', '2026-02-02', [{ status: 'ATTENDED', minutes: 120 }]);
  await work('a3', '2026-02-03', [{ status: 'CANCELLED', reasonCode: 'WARD_INCIDENT' }]);
  // b1: first recorded absent, then corrected to attended (the correction counts).
  await work('b1', '2026-02-04', [{ status: 'ABSENT' }, { status: 'ATTENDED', minutes: 60 }]);
  // Outside the period: not counted.
  await work('a1', '2026-04-06', [{ status: 'ATTENDED', minutes: 180 }]);

  // Money: £500 takings and £200 stock in February.
  await t.http().post(`/api/enterprises/${enterprise.id}/journal-entries`).set(lead.auth).send(entryBody('2026-02-10', [dr('1100', 50000), cr('4000', 50000)])).expect(201);
  await t.http().post(`/api/enterprises/${enterprise.id}/journal-entries`).set(lead.auth).send(entryBody('2026-02-11', [dr('5000', 20000), cr('1100', 20000)])).expect(201);

  return { site, wardA, wardB, admin, commissioner, lead, ot, enterprise, role, p, placements };
}
