import { randomUUID } from 'node:crypto';
import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { EnterpriseLead } from '../src/enterprises/enterprise-lead.entity';
import { WorkRole } from '../src/enterprises/work-role.entity';
import type { RestrictionCode } from '../src/patients/restrictions';
import { WorkRestriction } from '../src/patients/work-restriction.entity';
import { Placement } from '../src/recruitment/placement.entity';
import { Assignment } from '../src/rota/assignment.entity';
import { weekStartOn } from '../src/rota/time-rules';
import { rotaWorld } from './support/rota-fixtures';
import type { TestApp } from './support/test-app';

/**
 * A café led by `lead` with a cash-handling role (Barista) and a role without cash (Kitchen
 * porter), products (tea untracked, sandwich and crisps tracked), a ward cost centre, and
 * helpers for patient workers booked on a shift running now.
 */
export async function tillsWorld(t: TestApp) {
  const w = await rotaWorld(t, { activities: ['CASH', 'PUBLIC_CONTACT'] });
  const admin = await t.make.caller('ADMIN');
  const lead = await t.make.caller('ENTERPRISE_LEAD');
  const otherLead = await t.make.caller('ENTERPRISE_LEAD');
  const now = new Date();
  const porter = { ...w.role, id: newId(), title: 'Kitchen porter', activities: ['FOOD_PREPARATION'] } as WorkRole;
  await t.uow.run(async (em) => {
    await em.insert(EnterpriseLead, { enterpriseId: w.enterprise.id, userId: lead.user.id });
    await em.insert(WorkRole, porter);
  });
  const http = t.http;
  const product = async (body: Record<string, unknown>) => (await http().post(`/api/enterprises/${w.enterprise.id}/products`).set(lead.auth).send(body).expect(201)).body;
  const tea = await product({ name: 'Tea', category: 'Drinks', pricePence: 120, trackStock: false });
  const sandwich = await product({ name: 'Cheese sandwich', category: 'Food', pricePence: 350, trackStock: true, reorderLevel: 5 });
  const crisps = await product({ name: 'Crisps', category: 'Snacks', pricePence: 80, trackStock: true });
  await http().post(`/api/enterprises/${w.enterprise.id}/stock-receipts`).set(lead.auth).send({ lines: [{ productId: sandwich.id, quantity: 20, unitCostPence: 150 }, { productId: crisps.id, quantity: 50, unitCostPence: 30 }] }).expect(201);
  const cc = (await http().post('/api/cost-centres').set(admin.auth).send({ code: `W-${Date.now().toString(36).toUpperCase()}`, name: 'Ward recharge', wardId: w.ward.id }).expect(201)).body;

  /** A patient worker with a user account, booked on a shift of the café in `role` running now (unless onShift is false). */
  const patientWorker = async (o: { role?: 'cash' | 'porter'; onShift?: boolean; restriction?: RestrictionCode } = {}) => {
    const p = await w.worker();
    const roleId = o.role === 'porter' ? porter.id : w.role.id;
    const caller = await t.make.caller('PATIENT', { patientId: p.id });
    await t.uow.run(async (em) => {
      let placement = await em.findOneByOrFail(Placement, { patientId: p.id });
      if (roleId !== placement.workRoleId) {
        placement = { ...placement, id: newId(), workRoleId: roleId, activeKey: newId() } as Placement;
        await em.insert(Placement, placement);
      }
      if (o.restriction) {
        await em.insert(WorkRestriction, { id: newId(), patientId: p.id, restriction: o.restriction, effectiveFrom: addDays(londonDate(), -3), effectiveUntil: null, reason: 'Clinical team decision', setByUserId: w.ot.user.id, createdAt: new Date(), liftedOn: null, liftedByUserId: null });
      }
    });
    const startAt = o.onShift === false ? new Date(Date.now() + 26 * 3_600_000) : new Date(Date.now() - 3_600_000);
    const s = await w.shift({ startAt, hours: 3 });
    if (roleId !== w.role.id) await t.uow.run((em) => em.update('shifts', { id: s.id }, { workRoleId: roleId }));
    await t.uow.run(async (em) => {
      const placement = await em.findOneByOrFail(Placement, { patientId: p.id, workRoleId: roleId });
      await em.insert(Assignment, { id: newId(), shiftId: s.id, patientId: p.id, placementId: placement.id, startAt: s.startAt, endAt: s.endAt, weekStartOn: weekStartOn(s.startAt), plannedMinutes: 180, plannedPayPence: 3000, status: 'BOOKED', liveKey: 'L', reviewReasons: [], overrideReason: null, overriddenCodes: [], overriddenByUserId: null, createdByUserId: w.ot.user.id, createdAt: now, updatedAt: now, cancelReason: null, cancelledAt: null });
    });
    return { patient: p, ...caller };
  };

  const open = async (body: Record<string, unknown> = { openingFloatPence: 5000 }) => (await http().post(`/api/enterprises/${w.enterprise.id}/till-sessions`).set(lead.auth).send(body).expect(201)).body;
  const sale = (sessionId: string, body: Record<string, unknown>, by = lead) => http().post(`/api/till-sessions/${sessionId}/sales`).set(by.auth).send({ clientId: randomUUID(), ...body });
  const stockOf = async (productId: string) => ((await http().get(`/api/enterprises/${w.enterprise.id}/stock`).set(lead.auth).expect(200)).body as { productId: string; stockOnHand: number }[]).find((s) => s.productId === productId)!.stockOnHand;

  return { ...w, admin, lead, otherLead, porter, tea, sandwich, crisps, cc, product, patientWorker, open, sale, stockOf };
}
