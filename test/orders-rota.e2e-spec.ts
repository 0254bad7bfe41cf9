import { londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { londonInstant } from '../src/recruitment/london-time';
import { Placement } from '../src/recruitment/placement.entity';
import { Assignment } from '../src/rota/assignment.entity';
import { weekStartOn } from '../src/rota/time-rules';
import { rotaWorld } from './support/rota-fixtures';
import { createTestApp, TestApp } from './support/test-app';

/** Orders appear beside the shifts: on the rota board and on the patient worker's week, as lines and a location only. */
describe('orders on the rota and in My week', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows what to deliver and where, never the customer, the cost centre or the notes', async () => {
    const rw = await rotaWorld(t);
    const admin = await t.make.caller('ADMIN');
    const lead = { Authorization: `Bearer ${await t.make.token(rw.supervisor)}` };
    const product = (await t.http().post(`/api/enterprises/${rw.enterprise.id}/products`).set(lead).send({ kind: 'PRODUCT', name: 'Scone tray', category: 'Catering', pricePence: 900 }).expect(201)).body;
    const cc = (await t.http().post('/api/cost-centres').set(admin.auth).send({ code: 'W-ROWAN', name: 'Rowan Ward Secret Name', wardId: rw.ward.id }).expect(201)).body;
    const wardStaff = await t.make.caller('WARD_STAFF', { wardIds: [rw.ward.id] });
    const neededBy = new Date(Date.now() + 10 * 60_000);
    const day = londonDate(neededBy);
    await t.http()
      .post('/api/orders')
      .set(wardStaff.auth)
      .send({ enterpriseId: rw.enterprise.id, costCentreCode: cc.code, lines: [{ productId: product.id, quantity: 3 }], neededBy: neededBy.toISOString(), location: 'Day room, ground floor', notes: 'Private note about a patient', customerName: 'Ignored for ward staff' })
      .expect(201);

    // A patient worker on a shift of the enterprise that day.
    const worker = await rw.worker();
    const patientUser = await t.make.user('PATIENT', { patientId: worker.id });
    const shift = await rw.shift({ startAt: londonInstant(day, '00:00')!, hours: 23, capacity: 4 });
    const placement = await t.uow.read((em) => em.findOneByOrFail(Placement, { patientId: worker.id }));
    await t.uow.run((em) =>
      em.insert(Assignment, {
        id: newId(),
        shiftId: shift.id,
        patientId: worker.id,
        placementId: placement.id,
        startAt: shift.startAt,
        endAt: shift.endAt,
        weekStartOn: weekStartOn(shift.startAt),
        plannedMinutes: 60,
        plannedPayPence: 1000,
        status: 'BOOKED',
        liveKey: shift.id,
        reviewReasons: [],
        overrideReason: null,
        overriddenCodes: [],
        overriddenByUserId: null,
        createdByUserId: rw.ot.user.id,
        createdAt: new Date(),
        updatedAt: new Date(),
        cancelReason: null,
        cancelledAt: null,
      } as Assignment),
    );

    const patient = await t.make.browser(patientUser);
    const week = await patient.get('/my/week');
    expect(week.status).toBe(200);
    if (weekStartOn(neededBy) === weekStartOn(new Date())) {
      expect(week.text).toContain('3 × Scone tray');
      expect(week.text).toContain('Day room, ground floor');
    }
    for (const secret of ['Rowan Ward Secret Name', 'W-ROWAN', 'Private note', 'Ignored for ward staff']) expect(week.text).not.toContain(secret);

    const ot = await t.make.browser(rw.ot.user);
    const board = await ot.get(`/rota?enterpriseId=${rw.enterprise.id}&week=${day}`);
    expect(board.status).toBe(200);
    expect(board.text).toContain('Orders to deliver this week');
    expect(board.text).toContain('3 × Scone tray');
    expect(board.text).toContain('Day room, ground floor');
    for (const secret of ['Rowan Ward Secret Name', 'Private note']) expect(board.text).not.toContain(secret);
  });
});
