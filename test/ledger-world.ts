import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { Enterprise } from '../src/enterprises/enterprise.entity';
import { EnterpriseLead } from '../src/enterprises/enterprise-lead.entity';
import { WorkRole } from '../src/enterprises/work-role.entity';
import type { Patient } from '../src/patients/patient.entity';
import { Placement } from '../src/recruitment/placement.entity';
import { TimesheetLine } from '../src/rota/timesheet-line.entity';
import { Timesheet } from '../src/rota/timesheet.entity';
import type { User } from '../src/users/user.entity';
import type { TestApp } from './support/test-app';

export type Caller = { user: User; auth: { Authorization: string } };

/** An enterprise (with a work role) led by the given user. */
export async function makeEnterprise(t: TestApp, siteId: string, leadUserId: string, name = `Café ${newId().slice(0, 8)}`) {
  const now = new Date();
  const enterprise = { id: newId(), siteId, wardId: null, name, kind: 'CAFE', businessNeed: 'Refreshments', locationZone: 'GROUNDS', minimumLeave: 'ESCORTED_GROUNDS', referenceName: 'Community Café', openingTimes: null, status: 'ACTIVE', createdAt: now, updatedAt: now } as Enterprise;
  const role = { id: newId(), enterpriseId: enterprise.id, title: 'Barista', duties: 'Coffee', hourlyRatePence: 1000, activities: [], prerequisiteSkills: [], positions: 5, patientsPerSupervisor: 5, active: true, createdAt: now, updatedAt: now } as WorkRole;
  await t.uow.run(async (em) => {
    await em.insert(Enterprise, enterprise);
    await em.insert(EnterpriseLead, { enterpriseId: enterprise.id, userId: leadUserId });
    await em.insert(WorkRole, role);
  });
  return { enterprise, role };
}

/** Two enterprises with their own leads, an admin and a commissioner. */
export async function ledgerWorld(t: TestApp) {
  const site = await t.make.site();
  const ward = await t.make.ward({ siteId: site.id });
  const lead = await t.make.caller('ENTERPRISE_LEAD');
  const otherLead = await t.make.caller('ENTERPRISE_LEAD');
  const admin = await t.make.caller('ADMIN');
  const commissioner = await t.make.caller('COMMISSIONER');
  const ot = await t.make.caller('OT', { wardIds: [ward.id] });
  const { enterprise, role } = await makeEnterprise(t, site.id, lead.user.id);
  const { enterprise: other } = await makeEnterprise(t, site.id, otherLead.user.id);

  /** An approved timesheet for the enterprise: one line per [minutes, pay] for fresh patients. */
  const timesheet = async (weekStartOn: string, lines: [number, number][], enterpriseId = enterprise.id) => {
    const patients: Patient[] = [];
    for (let i = 0; i < lines.length; i++) patients.push(await t.make.patient({ wardId: ward.id }));
    const sheet = { id: newId(), enterpriseId, weekStartOn, status: 'APPROVED', totalMinutes: lines.reduce((s, l) => s + l[0], 0), totalPayPence: lines.reduce((s, l) => s + l[1], 0), approvedByUserId: lead.user.id, approvedAt: new Date() } as Timesheet;
    await t.uow.run(async (em) => {
      await em.insert(Timesheet, sheet);
      for (const [i, [minutes, pay]] of lines.entries()) {
        await em.insert(TimesheetLine, { id: newId(), timesheetId: sheet.id, assignmentId: newId(), patientId: patients[i].id, attendanceRecordId: newId(), attendanceStatus: 'ATTENDED', minutesWorked: minutes, hourlyRatePence: 1000, payPence: pay });
      }
    });
    return { sheet, patients };
  };

  /** A placement in the enterprise's role, for tracing reinvestment to opportunities. */
  const placement = async () => {
    const p = await t.make.patient({ wardId: ward.id });
    const row = { id: newId(), patientId: p.id, workRoleId: role.id, applicationId: null, startOn: addDays(londonDate(), -10), endOn: null, status: 'ACTIVE', activeKey: 'A', endReason: null, endNote: null, createdByUserId: ot.user.id, createdAt: new Date(), updatedAt: new Date() } as Placement;
    await t.uow.run((em) => em.insert(Placement, row));
    return row;
  };

  return { site, ward, lead, otherLead, admin, commissioner, ot, enterprise, other, role, timesheet, placement };
}

let keySeq = 0;
export const key = (prefix = 'k') => `${prefix}-${Date.now().toString(36)}-${(keySeq++).toString(36)}`;

export const dr = (accountCode: string, debitPence: number) => ({ accountCode, debitPence });
export const cr = (accountCode: string, creditPence: number) => ({ accountCode, creditPence });

/** A manual entry body. */
export function entryBody(occurredOn: string, lines: object[], o: { idempotencyKey?: string; description?: string; postToNextOpenPeriod?: boolean } = {}) {
  return { idempotencyKey: o.idempotencyKey ?? key(), occurredOn, description: o.description ?? 'Test entry', lines, ...(o.postToNextOpenPeriod !== undefined ? { postToNextOpenPeriod: o.postToNextOpenPeriod } : {}) };
}
