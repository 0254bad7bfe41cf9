import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import type { LeaveLevel } from '../src/patients/leave';
import { LeaveEvent } from '../src/patients/leave-event.entity';
import type { TestApp } from './support/test-app';

/**
 * Two wards, a specialist on each, an OT on ward A, an enterprise lead, ward staff, a
 * commissioner, an admin, a patient user on ward A, and patients on both wards.
 */
export async function employmentWorld(t: TestApp) {
  const site = await t.make.site();
  const wardA = await t.make.ward({ siteId: site.id });
  const wardB = await t.make.ward({ siteId: site.id });
  const specialistA = await t.make.caller('EMPLOYMENT_SPECIALIST', { wardIds: [wardA.id] });
  const specialistB = await t.make.caller('EMPLOYMENT_SPECIALIST', { wardIds: [wardB.id] });
  const ot = await t.make.caller('OT', { wardIds: [wardA.id] });
  const lead = await t.make.caller('ENTERPRISE_LEAD');
  const wardStaff = await t.make.caller('WARD_STAFF', { wardIds: [wardA.id] });
  const commissioner = await t.make.caller('COMMISSIONER');
  const admin = await t.make.caller('ADMIN');
  const pA = await t.make.patient({ wardId: wardA.id });
  const pB = await t.make.patient({ wardId: wardB.id });
  const patientUser = await t.make.caller('PATIENT', { patientId: pA.id });

  const grantLeave = async (patientId: string, level: LeaveLevel, from = addDays(londonDate(), -60)) => {
    await t.uow.run((em) => em.insert(LeaveEvent, { id: newId(), patientId, kind: 'GRANT', level, effectiveFrom: from, effectiveUntil: null, grantedBy: null, note: null, recordedByUserId: ot.user.id, recordedAt: new Date() }));
  };

  /** Referral accepted onto a specialist's caseload, through the API. */
  const onCaseload = async (patientId: string, specialist = specialistA, acceptedOn = '2026-07-01', extra: Record<string, unknown> = {}) => {
    const ref = await t.http().post('/api/employment/referrals').set(ot.auth).send({ patientId, referredOn: addDays(acceptedOn, -3), source: 'OT' });
    const id = ref.status === 201 ? ref.body.id : (await t.http().post('/api/employment/referrals').set(admin.auth).send({ patientId, referredOn: addDays(acceptedOn, -3), source: 'CLINICIAN' }).expect(201)).body.id;
    await t.http().post(`/api/employment/referrals/${id}/accept`).set(admin.auth).send({ specialistUserId: specialist.user.id, acceptedOn, ...extra }).expect(200);
    return id as string;
  };

  const employer = async (name = `Employer ${newId().slice(0, 6)}`) => (await t.http().post('/api/employers').set(specialistA.auth).send({ name, sector: 'Retail' }).expect(201)).body as { id: string; name: string };

  return { site, wardA, wardB, specialistA, specialistB, ot, lead, wardStaff, commissioner, admin, pA, pB, patientUser, grantLeave, onCaseload, employer };
}
