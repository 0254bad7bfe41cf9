import { addDays, londonDate } from '../src/common/dates';
import { ServiceBooking } from '../src/bookings/service-booking.entity';
import { nextWeekday, ordersWorld } from './orders-world';
import { bootSecondApp } from './support/second-app';
import { createTestApp, isPostgres, TestApp } from './support/test-app';

const hhmmUtc = (iso: string) => iso.slice(11, 16);

/** Service bookings: availability from opening hours, buffers, closures, notice and the London clock; slot capacity under concurrency. */
describe('service bookings', () => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof bootSecondApp>> | undefined;
  let w: Awaited<ReturnType<typeof ordersWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    if (isPostgres) second = await bootSecondApp();
    w = await ordersWorld(t);
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  const availability = async (from: string, to = from, serviceId = w.service.id) =>
    (await t.http().get(`/api/enterprises/${w.valet.id}/availability?serviceId=${serviceId}&from=${from}&to=${to}`).set(w.wardA.auth).expect(200)).body.slots as { startAt: string; endAt: string; free: number }[];
  const book = (startAt: string, by = w.wardA, body: Record<string, unknown> = {}) => t.http().post('/api/service-bookings').set(by.auth).send({ serviceId: w.service.id, startAt, details: 'AB12 CDE', ...body });

  it('offers slots within opening hours, a buffer apart, the last ending by closing time', async () => {
    const monday = nextWeekday(1);
    const slots = await availability(monday);
    expect(slots).toHaveLength(2); // 09:00-10:00, 10:15-11:15; 11:30 would end after 12:00
    expect(slots.every((s) => s.free === 2)).toBe(true);
    expect(Date.parse(slots[1].startAt) - Date.parse(slots[0].endAt)).toBe(15 * 60_000);
    expect(await availability(nextWeekday(5))).toEqual([]); // closed on Fridays
  });

  it('books a slot (201), refuses a time off the slot grid (422 SLOT_UNAVAILABLE), and counts places', async () => {
    const day = nextWeekday(2);
    const [first] = await availability(day);
    const r = await book(first.startAt).expect(201);
    expect(r.body).toMatchObject({ status: 'BOOKED', startAt: first.startAt, endAt: first.endAt, details: 'AB12 CDE', payment: 'ON_COLLECTION', flag: null });
    expect((await availability(day))[0].free).toBe(1);
    const off = new Date(Date.parse(first.startAt) + 5 * 60_000).toISOString();
    expect((await book(off).expect(422)).body.code).toBe('SLOT_UNAVAILABLE');
    expect((await book(`${nextWeekday(6)}T10:00:00.000Z`).expect(422)).body.code).toBe('SLOT_UNAVAILABLE');
  });

  it('30 concurrent bookings for a 2-place slot: exactly 2 succeed, 28 get 409 SLOT_FULL', async () => {
    const day = nextWeekday(3);
    const [slot] = await availability(day);
    const callers = [w.wardA, w.wardA2, w.wardB];
    const via = (i: number) => (second && i % 2 === 1 ? second.http() : t.http());
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => via(i).post('/api/service-bookings').set(callers[i % 3].auth).send({ serviceId: w.service.id, startAt: slot.startAt, details: `CAR ${i}` })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(28);
    for (const r of refused) expect(r.body.code).toBe('SLOT_FULL');
    const live = await t.uow.read((em) => em.count(ServiceBooking, { where: { serviceId: w.service.id, startAt: new Date(slot.startAt), status: 'BOOKED' } }));
    expect(live).toBe(2);
    expect((await availability(day))[0].free).toBe(0);
    // Cancelling frees the place.
    const booked = results.find((r) => r.status === 201)!.body;
    const owner = callers.find((c) => c.user.id === booked.customerUserId)!;
    await t.http().post(`/api/service-bookings/${booked.id}/cancel`).set(owner.auth).send({ reason: 'Car at the garage' }).expect(200);
    expect((await availability(day))[0].free).toBe(1);
    await book(slot.startAt, w.wardB).expect(201);
  });

  it('no slots on a closure day; a booking made before the closure is flagged, not deleted, and the customer sees why', async () => {
    const day = nextWeekday(4);
    const [slot] = await availability(day);
    const b = (await book(slot.startAt, w.wardB).expect(201)).body;
    await t.http().post('/api/closure-days').set(w.lead.auth).send({ enterpriseId: w.valet.id, date: day, reason: 'Pressure washer repair' }).expect(201);
    expect(await availability(day)).toEqual([]);
    const mine = (await t.http().get('/api/service-bookings?mine=true').set(w.wardB.auth).expect(200)).body;
    const flagged = mine.find((x: { id: string }) => x.id === b.id);
    expect(flagged).toMatchObject({ status: 'BOOKED', flag: { code: 'ENTERPRISE_CLOSED', message: expect.stringContaining('Pressure washer repair') } });
    // Another customer's bookings are not in mine; the enterprise sees them all.
    const others = (await t.http().get('/api/service-bookings?mine=true').set(w.wardA.auth).expect(200)).body;
    expect(others.map((x: { id: string }) => x.id)).not.toContain(b.id);
    expect(others.every((x: { customerUserId: string }) => x.customerUserId === w.wardA.user.id)).toBe(true);
    const led = (await t.http().get(`/api/service-bookings?enterpriseId=${w.valet.id}`).set(w.lead.auth).expect(200)).body;
    expect(led.map((x: { id: string }) => x.id)).toContain(b.id);
    await t.http().post(`/api/service-bookings/${b.id}/cancel`).set(w.wardA.auth).send({ reason: 'Not mine' }).expect(404);
  });

  it('respects the minimum notice and the cancellation cut-off', async () => {
    const quick = (await t.http().post(`/api/enterprises/${w.valet.id}/products`).set(w.lead.auth).send({ kind: 'SERVICE', name: 'Mini valet', category: 'Valeting', pricePence: 800, durationMinutes: 30, slotCapacity: 1, minimumNoticeMinutes: 3 * 24 * 60 }).expect(201)).body;
    const from = londonDate();
    const slots = await availability(from, addDays(from, 13), quick.id);
    const earliest = Date.now() + 3 * 86_400_000;
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => Date.parse(s.startAt) >= earliest)).toBe(true);
  });

  it('keeps London wall-clock opening times across the clock change', async () => {
    // Clocks go forward on Sunday 28 March 2027: 09:00 is 09:00 UTC on the Friday before and 08:00 UTC on the Monday after.
    const hourly = (await t.http().post(`/api/enterprises/${w.valet.id}/products`).set(w.lead.auth).send({ kind: 'SERVICE', name: 'Tyre check', category: 'Valeting', pricePence: 300, durationMinutes: 60, slotCapacity: 1 }).expect(201)).body;
    await t.http()
      .put(`/api/enterprises/${w.valet.id}/opening-hours`)
      .set(w.lead.auth)
      .send({ periods: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '10:00' })) })
      .expect(200);
    const slots = await availability('2027-03-26', '2027-03-29', hourly.id);
    expect(slots.map((s) => [s.startAt.slice(0, 10), hhmmUtc(s.startAt), hhmmUtc(s.endAt)])).toEqual([
      ['2027-03-26', '09:00', '10:00'],
      ['2027-03-29', '08:00', '09:00'],
    ]);
  });

  it('refuses a customer’s cancellation inside the cut-off (409) but lets the enterprise cancel', async () => {
    const soon = (await t.http().post(`/api/enterprises/${w.valet.id}/products`).set(w.lead.auth).send({ kind: 'SERVICE', name: 'Quick wash', category: 'Valeting', pricePence: 500, durationMinutes: 30, slotCapacity: 1, cancellationCutoffMinutes: 60 * 24 * 60 }).expect(201)).body;
    const day = nextWeekday(1);
    const [slot] = await availability(day, day, soon.id);
    const b = (await t.http().post('/api/service-bookings').set(w.wardA.auth).send({ serviceId: soon.id, startAt: slot.startAt }).expect(201)).body;
    expect((await t.http().post(`/api/service-bookings/${b.id}/cancel`).set(w.wardA.auth).send({ reason: 'Change of plan' }).expect(409)).body.code).toBe('CANCELLATION_CUTOFF_PASSED');
    expect((await t.http().post(`/api/service-bookings/${b.id}/cancel`).set(w.lead.auth).send({ reason: 'Bay closed' }).expect(200)).body.status).toBe('CANCELLED');
    expect((await t.http().post(`/api/service-bookings/${b.id}/cancel`).set(w.lead.auth).send({ reason: 'Again' }).expect(409)).body.code).toBe('BOOKING_NOT_ACTIVE');
  });

  it('recharge bookings need a cost centre the customer may use', async () => {
    const day = nextWeekday(2, 14);
    const [slot] = await availability(day);
    expect((await book(slot.startAt, w.wardA, { payment: 'RECHARGE', costCentreCode: w.ccB.code }).expect(403)).body.code).toBe('COST_CENTRE_NOT_ALLOWED');
    const ok = (await book(slot.startAt, w.wardA, { payment: 'RECHARGE', costCentreCode: w.ccA.code }).expect(201)).body;
    expect(ok).toMatchObject({ payment: 'RECHARGE', costCentreCode: w.ccA.code, pricePence: 1500, journalEntryId: null });
    // Done: the enterprise marks it, the recharge posts once and joins the cost centre's statement.
    expect((await t.http().post(`/api/service-bookings/${ok.id}/complete`).set(w.wardA.auth).send({}).expect(403)).body.code).toBe('FORBIDDEN');
    const done = (await t.http().post(`/api/service-bookings/${ok.id}/complete`).set(w.lead.auth).send({}).expect(200)).body;
    expect(done).toMatchObject({ status: 'COMPLETED', journalEntryId: expect.any(String) });
    expect((await t.http().post(`/api/service-bookings/${ok.id}/complete`).set(w.lead.auth).send({}).expect(409)).body.code).toBe('BOOKING_NOT_ACTIVE');
    const entry = (await t.http().get(`/api/journal-entries/${done.journalEntryId}`).set(w.lead.auth).expect(200)).body;
    expect(entry.lines.map((l: { accountCode: string; debitPence: number; creditPence: number }) => [l.accountCode, l.debitPence, l.creditPence])).toEqual([
      ['1300', 1500, 0],
      ['4100', 0, 1500],
    ]);
    const s = (await t.http().get(`/api/cost-centres/${w.ccA.code}/statement?month=${londonDate().slice(0, 7)}`).set(w.admin.auth).expect(200)).body;
    expect(s.orders).toEqual([expect.objectContaining({ kind: 'BOOKING', orderId: ok.id, reference: expect.stringMatching(/^SB-/), totalPence: 1500, lines: [expect.objectContaining({ productName: 'Full valet', quantity: 1 })] })]);
    expect(s).toMatchObject({ totalPence: 1500, ledgerTotalPence: 1500, balanced: true });
    // A booking paid at the till is marked done without a recharge.
    const till = (await book(slot.startAt, w.wardB).expect(201)).body;
    expect((await t.http().post(`/api/service-bookings/${till.id}/complete`).set(w.lead.auth).send({}).expect(200)).body).toMatchObject({ status: 'COMPLETED', journalEntryId: null });
  });
});
