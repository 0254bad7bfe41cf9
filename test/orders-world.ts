import { addDays, londonDate } from '../src/common/dates';
import { isoWeekday } from '../src/rota/time-rules';
import { makeEnterprise, type Caller } from './ledger-world';
import type { TestApp } from './support/test-app';

/** The next London date after `after` days that falls on an ISO weekday. */
export function nextWeekday(weekday: number, after = 7): string {
  let d = addDays(londonDate(), after);
  while (isoWeekday(d) !== weekday) d = addDays(d, 1);
  return d;
}

/**
 * Two wards with their cost centres and ward staff, a department, a laundry (with products)
 * and a car valet (with a 60-minute, 2-place service and opening hours) led by `lead`.
 */
export async function ordersWorld(t: TestApp) {
  const site = await t.make.site();
  const alder = await t.make.ward({ siteId: site.id, name: 'Alder' });
  const birch = await t.make.ward({ siteId: site.id, name: 'Birch' });
  const admin = await t.make.caller('ADMIN');
  const lead = await t.make.caller('ENTERPRISE_LEAD');
  const otherLead = await t.make.caller('ENTERPRISE_LEAD');
  const wardA = await t.make.caller('WARD_STAFF', { wardIds: [alder.id] });
  const wardA2 = await t.make.caller('WARD_STAFF', { wardIds: [alder.id] });
  const wardB = await t.make.caller('WARD_STAFF', { wardIds: [birch.id] });
  const patient = await t.make.caller('PATIENT', { patientId: (await t.make.patient({ wardId: alder.id })).id });
  const { enterprise: laundry } = await makeEnterprise(t, site.id, lead.user.id, `Laundry ${Date.now()}`);
  const { enterprise: valet } = await makeEnterprise(t, site.id, lead.user.id, `Valet ${Date.now()}`);
  const { enterprise: other } = await makeEnterprise(t, site.id, otherLead.user.id, `Shop ${Date.now()}`);
  const http = t.http;

  const product = async (enterpriseId: string, body: Record<string, unknown>, by: Caller = lead) =>
    (await http().post(`/api/enterprises/${enterpriseId}/products`).set(by.auth).send({ kind: 'PRODUCT', category: 'Laundry', ...body }).expect(201)).body;
  const bag = await product(laundry.id, { name: 'Personal laundry bag', pricePence: 350, unit: 'bag' });
  const linen = await product(laundry.id, { name: 'Bed linen set', pricePence: 275, unit: 'set' });
  const otherProduct = await product(other.id, { name: 'Biscuits', pricePence: 120, category: 'Shop' }, otherLead);
  const service = await product(valet.id, { kind: 'SERVICE', name: 'Full valet', category: 'Valeting', pricePence: 1500, durationMinutes: 60, slotCapacity: 2, bufferMinutes: 15, minimumNoticeMinutes: 0, cancellationCutoffMinutes: 120, detailsLabel: 'Vehicle registration' });
  await http()
    .put(`/api/enterprises/${valet.id}/opening-hours`)
    .set(lead.auth)
    .send({ periods: [1, 2, 3, 4].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '12:00' })) })
    .expect(200);

  const costCentre = async (code: string, name: string, wardId?: string) => (await http().post('/api/cost-centres').set(admin.auth).send({ code, name, ...(wardId ? { wardId } : {}) }).expect(201)).body;
  const ccA = await costCentre(`A-${Date.now().toString(36).toUpperCase()}`, 'Alder Ward', alder.id);
  const ccB = await costCentre(`B-${Date.now().toString(36).toUpperCase()}`, 'Birch Ward', birch.id);
  const dept = await costCentre(`D-${Date.now().toString(36).toUpperCase()}`, 'Pharmacy');

  const neededBy = (days = 3, hour = 10) => new Date(Date.now() + days * 86_400_000 + hour * 60_000).toISOString();
  /** An order from Alder ward's staff: 4 bags and 2 linen sets (1,950p). */
  const order = async (by: Caller = wardA, body: Record<string, unknown> = {}) =>
    (
      await http()
        .post('/api/orders')
        .set(by.auth)
        .send({ enterpriseId: laundry.id, costCentreCode: ccA.code, lines: [{ productId: bag.id, quantity: 4 }, { productId: linen.id, quantity: 2 }], neededBy: neededBy(), location: 'Alder Ward linen cupboard', ...body })
        .expect(201)
    ).body;

  return { site, alder, birch, admin, lead, otherLead, wardA, wardA2, wardB, patient, laundry, valet, other, bag, linen, otherProduct, service, ccA, ccB, dept, neededBy, order };
}
