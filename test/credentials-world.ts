import { createLocalJWKSet, jwtVerify, type JWTVerifyResult } from 'jose';
import { newId } from '../src/database/columns';
import { EnterpriseLead } from '../src/enterprises/enterprise-lead.entity';
import { Enterprise } from '../src/enterprises/enterprise.entity';
import { WorkRole } from '../src/enterprises/work-role.entity';
import { Placement } from '../src/recruitment/placement.entity';
import { Shift } from '../src/rota/shift.entity';
import { SkillLog } from '../src/skills/skill-log.entity';
import { Skill } from '../src/skills/skill.entity';
import { levelRank, type SkillLevel, type SkillLogStatus } from '../src/skills/skills.types';
import type { TestApp } from './support/test-app';

let seq = 0;
const n = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

/**
 * A site with two wards, a patient on each (both with accounts), staff scoped to one ward or the
 * other, an enterprise with a reference name, a shift, a lead, and a skill of the framework.
 * Skill log entries are written straight into the database (the skills API is built elsewhere).
 */
export async function credentialsWorld(t: TestApp) {
  const site = await t.make.site({ name: `Thornfield Secure Unit ${n()}` });
  const ward = await t.make.ward({ siteId: site.id, name: `Alder ${n()}` });
  const otherWard = await t.make.ward({ siteId: site.id, name: `Cedar ${n()}` });
  const patient = await t.make.patient({ wardId: ward.id, displayName: 'Jamie Reed' });
  const otherPatient = await t.make.patient({ wardId: otherWard.id, displayName: 'Casey Morgan' });
  const patientCaller = await t.make.caller('PATIENT', { patientId: patient.id });
  const otherPatientCaller = await t.make.caller('PATIENT', { patientId: otherPatient.id });
  const ot = await t.make.caller('OT', { wardIds: [ward.id] });
  const otElsewhere = await t.make.caller('OT', { wardIds: [otherWard.id] });
  const specialist = await t.make.caller('EMPLOYMENT_SPECIALIST', { wardIds: [ward.id] });
  const wardStaff = await t.make.caller('WARD_STAFF', { wardIds: [ward.id] });
  const admin = await t.make.caller('ADMIN');
  const commissioner = await t.make.caller('COMMISSIONER');

  const now = new Date();
  const enterprise = {
    id: newId(),
    siteId: site.id,
    wardId: null,
    name: `Thornfield Hospital Café ${n()}`,
    kind: 'CAFE',
    businessNeed: 'Drinks for staff and visitors',
    locationZone: 'GROUNDS',
    minimumLeave: 'ESCORTED_GROUNDS',
    referenceName: `Riverside Café ${n()}`,
    openingTimes: null,
    status: 'ACTIVE',
    createdAt: now,
    updatedAt: now,
  } as Enterprise;
  const role = {
    id: newId(),
    enterpriseId: enterprise.id,
    title: 'Barista',
    duties: 'Make drinks',
    hourlyRatePence: 1221,
    activities: [],
    prerequisiteSkills: [],
    positions: 3,
    patientsPerSupervisor: 3,
    active: true,
    createdAt: now,
    updatedAt: now,
  } as WorkRole;
  const shift = {
    id: newId(),
    workRoleId: role.id,
    enterpriseId: enterprise.id,
    startAt: new Date('2026-11-18T09:00:00Z'),
    endAt: new Date('2026-11-18T12:00:00Z'),
    capacity: 2,
    supervisorUserId: null,
    escortUserIds: [],
    locationNote: null,
    status: 'PUBLISHED',
    cancelReason: null,
    patternId: null,
    createdByUserId: ot.user.id,
    createdAt: now,
    updatedAt: now,
    publishedAt: now,
  } as Shift;
  const skill = {
    id: newId(),
    code: `barista-${n()}`,
    name: 'Barista',
    category: 'TECHNICAL',
    description: 'Makes espresso drinks to a consistent standard.',
    enterpriseKinds: ['CAFE'],
    levelDescriptors: { INTRODUCED: 'Has watched drinks being made', DEVELOPING: 'Makes drinks with help', COMPETENT: 'Makes the whole menu unaided at a steady pace', PROFICIENT: 'Trains others and handles the rush' },
    active: true,
    createdAt: now,
    updatedAt: now,
  } as Skill;
  await t.uow.run(async (em) => {
    await em.insert(Enterprise, enterprise);
    await em.insert(WorkRole, role);
    await em.insert(Shift, shift);
    await em.insert(Skill, skill);
    await em.insert(Placement, {
      id: newId(),
      patientId: patient.id,
      workRoleId: role.id,
      applicationId: null,
      startOn: '2026-10-01',
      endOn: null,
      status: 'ACTIVE',
      activeKey: 'A',
      endReason: null,
      endNote: null,
      createdByUserId: ot.user.id,
      createdAt: now,
      updatedAt: now,
    } as Placement);
  });
  const lead = await t.make.caller('ENTERPRISE_LEAD');
  const otherLead = await t.make.caller('ENTERPRISE_LEAD');
  await t.uow.run((em) => em.insert(EnterpriseLead, { enterpriseId: enterprise.id, userId: lead.user.id }));

  /** A skill log entry, straight into the database. */
  async function log(opts: { patientId?: string; level?: SkillLevel; status?: SkillLogStatus; evidence?: string; shiftId?: string | null } = {}): Promise<SkillLog> {
    const status = opts.status ?? 'VERIFIED';
    const level = opts.level ?? 'COMPETENT';
    const l = {
      id: newId(),
      patientId: opts.patientId ?? patient.id,
      skillId: skill.id,
      level,
      levelRank: levelRank(level),
      evidence: opts.evidence ?? 'Made 40 flat whites in the morning rush, all to standard.',
      occurredOn: '2026-11-18',
      shiftId: opts.shiftId === undefined ? shift.id : opts.shiftId,
      source: 'STAFF',
      createdByUserId: ot.user.id,
      createdAt: new Date(),
      status,
      reviewedByUserId: status === 'PENDING' ? null : ot.user.id,
      reviewedAt: status === 'PENDING' ? null : new Date(),
      reviewComment: status === 'REJECTED' ? 'Not seen yet' : null,
    } as SkillLog;
    await t.uow.run((em) => em.insert(SkillLog, l));
    return l;
  }

  return { site, ward, otherWard, patient, otherPatient, patientCaller, otherPatientCaller, ot, otElsewhere, specialist, wardStaff, admin, commissioner, lead, otherLead, enterprise, role, shift, skill, log };
}

/** Verifies a VC-JWT with jose against the JWK set published at /.well-known/jwks.json. */
export async function verifyWithPublishedKeys(t: TestApp, jwt: string): Promise<JWTVerifyResult> {
  const jwks = (await t.http().get('/.well-known/jwks.json').expect(200)).body;
  return jwtVerify(jwt, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
}

/** The JWT with one character of the given part (0 header, 1 payload, 2 signature) changed, in its middle. */
export function tamper(jwt: string, part: 0 | 1 | 2): string {
  const parts = jwt.split('.');
  const s = parts[part];
  const i = Math.floor(s.length / 2);
  const swapped = s[i] === 'A' ? 'B' : 'A';
  parts[part] = s.slice(0, i) + swapped + s.slice(i + 1);
  return parts.join('.');
}
