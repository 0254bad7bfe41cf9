import { In } from 'typeorm';
import { Assignment } from '../src/rota/assignment.entity';
import { rotaWorld } from './support/rota-fixtures';
import { bootSecondApp } from './support/second-app';
import { createTestApp, isPostgres, TestApp } from './support/test-app';

/**
 * Race safety: many bookings fired at once must never double-book a patient or overfill a
 * shift. On PostgreSQL half the requests go through a second app instance with its own
 * connection pool, as with several instances behind a load balancer.
 */
describe('rota: concurrent bookings', () => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof bootSecondApp>> | undefined;
  let w: Awaited<ReturnType<typeof rotaWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    if (isPostgres) second = await bootSecondApp();
    w = await rotaWorld(t, { perSupervisor: 50 });
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  const via = (i: number) => (second && i % 2 === 1 ? second.http() : t.http());

  it('fills a 3-place shift with exactly 3 of 25 patients booked at once', async () => {
    const shift = await w.shift({ capacity: 3 });
    const patients = await Promise.all(Array.from({ length: 25 }, () => w.worker()));
    const results = await Promise.all(patients.map((p, i) => via(i).post(`/api/shifts/${shift.id}/assignments`).set(w.ot.auth).send({ patientId: p.id })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(22);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.details.map((d: { code: string }) => d.code)).toContain('CAPACITY');
    const live = await t.uow.read((em) => em.count(Assignment, { where: { shiftId: shift.id, status: In(['BOOKED', 'NEEDS_REVIEW']) } }));
    expect(live).toBe(3);
  });

  it('books one patient on only one of 20 overlapping shifts requested at once', async () => {
    const p = await w.worker();
    const start = new Date(Date.UTC(2027, 1, 3, 9));
    const shifts = await Promise.all(Array.from({ length: 20 }, (_, i) => w.shift({ startAt: new Date(start.getTime() + i * 60_000), capacity: 5 })));
    const results = await Promise.all(shifts.map((s, i) => via(i).post(`/api/shifts/${s.id}/assignments`).set(w.ot.auth).send({ patientId: p.id })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.details.map((d: { code: string }) => d.code)).toContain('OVERLAP');
    expect(await t.uow.read((em) => em.count(Assignment, { where: { patientId: p.id } }))).toBe(1);
  });

  it('never books the same patient twice on one shift when the same request is retried at once', async () => {
    const p = await w.worker();
    const shift = await w.shift({ capacity: 10 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => via(i).post(`/api/shifts/${shift.id}/assignments`).set(w.ot.auth).send({ patientId: p.id })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(await t.uow.read((em) => em.count(Assignment, { where: { shiftId: shift.id } }))).toBe(1);
  });
});
