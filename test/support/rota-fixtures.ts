import { addDays, londonDate } from '../../src/common/dates';
import { newId } from '../../src/database/columns';
import { Enterprise } from '../../src/enterprises/enterprise.entity';
import { EnterpriseLead } from '../../src/enterprises/enterprise-lead.entity';
import { WorkRole } from '../../src/enterprises/work-role.entity';
import type { LeaveLevel } from '../../src/patients/leave';
import { LeaveEvent } from '../../src/patients/leave-event.entity';
import type { Activity } from '../../src/patients/restrictions';
import { Placement } from '../../src/recruitment/placement.entity';
import { Shift } from '../../src/rota/shift.entity';
import type { TestApp } from './test-app';

/** A small world for rota tests: a site, a ward, an OT on it, a supervisor, an enterprise with a role. */
export async function rotaWorld(t: TestApp, opts: { minimumLeave?: LeaveLevel; activities?: Activity[]; rate?: number; perSupervisor?: number } = {}) {
  const site = await t.make.site();
  const ward = await t.make.ward({ siteId: site.id });
  const ot = await t.make.caller('OT', { wardIds: [ward.id] });
  const supervisor = await t.make.user('ENTERPRISE_LEAD');
  const escort = await t.make.user('WARD_STAFF', { wardIds: [ward.id] });
  const now = new Date();
  const enterprise = { id: newId(), siteId: site.id, wardId: null, name: `Café ${newId().slice(0, 8)}`, kind: 'CAFE', businessNeed: 'Refreshments', locationZone: 'GROUNDS', minimumLeave: opts.minimumLeave ?? 'ESCORTED_GROUNDS', referenceName: 'Community Café', openingTimes: null, status: 'ACTIVE', createdAt: now, updatedAt: now } as Enterprise;
  const role = { id: newId(), enterpriseId: enterprise.id, title: 'Barista', duties: 'Coffee', hourlyRatePence: opts.rate ?? 1000, activities: opts.activities ?? ['CASH', 'FOOD_PREPARATION'], prerequisiteSkills: [], positions: 50, patientsPerSupervisor: opts.perSupervisor ?? 10, active: true, createdAt: now, updatedAt: now } as WorkRole;
  await t.uow.run(async (em) => {
    await em.insert(Enterprise, enterprise);
    await em.insert(EnterpriseLead, { enterpriseId: enterprise.id, userId: supervisor.id });
    await em.insert(WorkRole, role);
  });

  /** A patient on the ward with leave and an active placement in the role (unless told otherwise). */
  const worker = async (o: { leave?: LeaveLevel | null; placed?: boolean } = {}) => {
    const p = await t.make.patient({ wardId: ward.id });
    await t.uow.run(async (em) => {
      if (o.leave !== null) await em.insert(LeaveEvent, { id: newId(), patientId: p.id, kind: 'GRANT', level: o.leave ?? 'UNESCORTED_GROUNDS', effectiveFrom: addDays(londonDate(), -30), effectiveUntil: null, grantedBy: null, note: null, recordedByUserId: ot.user.id, recordedAt: new Date() });
      if (o.placed !== false) await em.insert(Placement, { id: newId(), patientId: p.id, workRoleId: role.id, applicationId: null, startOn: addDays(londonDate(), -30), endOn: null, status: 'ACTIVE', activeKey: 'A', endReason: null, endNote: null, createdByUserId: ot.user.id, createdAt: new Date(), updatedAt: new Date() });
    });
    return p;
  };

  let dayOffset = 1;
  /** A published shift starting `daysAhead` days from now at 10:00 UTC, lasting `hours`. */
  const shift = async (o: { daysAhead?: number; hours?: number; capacity?: number; supervised?: boolean; escorts?: string[]; startAt?: Date } = {}) => {
    const startAt = o.startAt ?? new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + (o.daysAhead ?? dayOffset++), 10));
    const s = { id: newId(), workRoleId: role.id, enterpriseId: enterprise.id, startAt, endAt: new Date(startAt.getTime() + (o.hours ?? 3) * 3_600_000), capacity: o.capacity ?? 4, supervisorUserId: o.supervised === false ? null : supervisor.id, escortUserIds: o.escorts ?? [], locationNote: null, status: 'PUBLISHED', cancelReason: null, patternId: null, createdByUserId: ot.user.id, createdAt: now, updatedAt: now, publishedAt: now } as Shift;
    await t.uow.run((em) => em.insert(Shift, s));
    return s;
  };

  return { site, ward, ot, supervisor, escort, enterprise, role, worker, shift };
}
