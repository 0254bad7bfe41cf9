import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { Placement } from '../src/recruitment/placement.entity';
import { Assignment } from '../src/rota/assignment.entity';
import { weekStartOn } from '../src/rota/time-rules';
import { rotaWorld } from './support/rota-fixtures';
import type { TestApp } from './support/test-app';

export const DESCRIPTORS = {
  INTRODUCED: 'Has been shown how and tried it with help.',
  DEVELOPING: 'Does it with some prompting.',
  COMPETENT: 'Does it on their own, to the standard, most of the time.',
  PROFICIENT: 'Does it reliably and could show someone else.',
};

/**
 * A world for skills tests: two wards with an OT each, ward staff and an employment specialist
 * on ward A, an enterprise (from rotaWorld, on ward A) whose lead sees its placed patients, a
 * patient user on each ward, an admin, a commissioner and two skills.
 */
export async function skillsWorld(t: TestApp) {
  const rw = await rotaWorld(t);
  const wardB = await t.make.ward({ siteId: rw.site.id });
  const admin = await t.make.caller('ADMIN');
  const otA = rw.ot;
  const otA2 = await t.make.caller('OT', { wardIds: [rw.ward.id] });
  const otB = await t.make.caller('OT', { wardIds: [wardB.id] });
  const wardStaffA = await t.make.caller('WARD_STAFF', { wardIds: [rw.ward.id] });
  const specialistA = await t.make.caller('EMPLOYMENT_SPECIALIST', { wardIds: [rw.ward.id] });
  const lead = { user: rw.supervisor, auth: { Authorization: `Bearer ${await t.make.token(rw.supervisor)}` } };
  const otherLead = await t.make.caller('ENTERPRISE_LEAD');
  const commissioner = await t.make.caller('COMMISSIONER');

  const patientA = await rw.worker();
  const patientAUser = await t.make.caller('PATIENT', { patientId: patientA.id });
  const patientB = await t.make.patient({ wardId: wardB.id });
  const patientBUser = await t.make.caller('PATIENT', { patientId: patientB.id });
  /** On ward A, not placed in the lead's enterprise: the lead cannot see them. */
  const unplacedA = await t.make.patient({ wardId: rw.ward.id });

  const suffix = newId().slice(0, 8);
  const mkSkill = async (code: string, name: string, category = 'TECHNICAL') =>
    (await t.http().post('/api/skills').set(admin.auth).send({ code: `${code}-${suffix}`, name, category, description: `${name}, as practised at work`, enterpriseKinds: category === 'TECHNICAL' ? ['CAFE'] : [], levelDescriptors: DESCRIPTORS }).expect(201)).body as { id: string; code: string };
  const barista = await mkSkill('barista', 'Barista');
  const teamwork = await mkSkill('teamwork', 'Teamwork', 'EMPLOYABILITY');

  /** A shift in the past (attended or not) that the patient was booked on, inserted directly. */
  const pastShiftOf = async (patientId: string, daysAgo: number) => {
    const startAt = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - daysAgo, 10));
    const s = await rw.shift({ startAt });
    const placement = await t.uow.read((em) => em.findOneByOrFail(Placement, { patientId, workRoleId: rw.role.id }));
    await t.uow.run((em) =>
      em.insert(Assignment, { id: newId(), shiftId: s.id, patientId, placementId: placement.id, startAt: s.startAt, endAt: s.endAt, weekStartOn: weekStartOn(s.startAt), plannedMinutes: 180, plannedPayPence: 3000, status: 'BOOKED', liveKey: 'L', reviewReasons: [], overrideReason: null, overriddenCodes: [], overriddenByUserId: null, createdByUserId: otA.user.id, createdAt: new Date(), updatedAt: new Date(), cancelReason: null, cancelledAt: null }),
    );
    return s;
  };

  const entry = (patientId: string | undefined, extra: Record<string, unknown> = {}) => ({ ...(patientId ? { patientId } : {}), skillId: barista.id, level: 'DEVELOPING', evidence: 'Made six lattes to standard', occurredOn: addDays(londonDate(), -1), ...extra });

  return { ...rw, wardB, admin, otA, otA2, otB, wardStaffA, specialistA, lead, otherLead, commissioner, patientA, patientAUser, patientB, patientBUser, unplacedA, barista, teamwork, pastShiftOf, entry };
}
