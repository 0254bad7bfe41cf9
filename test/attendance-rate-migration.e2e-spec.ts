import { addDays, londonDate } from '../src/common/dates';
import { runMigrations } from '../src/database/bootstrap';
import { newId } from '../src/database/columns';
import { MIGRATIONS } from '../src/database/migrations';
import { AttendanceRate1796427801131 } from '../src/database/migrations/1796427801131-AttendanceRate';
import { londonInstant } from '../src/recruitment/london-time';
import { Placement } from '../src/recruitment/placement.entity';
import { Assignment } from '../src/rota/assignment.entity';
import { weekOf } from '../src/rota/attendance/attendance-rules';
import { minutesBetween, payPence, weekStartOn } from '../src/rota/time-rules';
import { rotaWorld } from './support/rota-fixtures';
import { createTestApp, TestApp } from './support/test-app';

/** The migration that gives attendance records their hourly rate, run over existing records. */
describe('migration: attendance records keep their hourly rate', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('backfills existing records from their approved timesheet line, otherwise from the role, and keeps the table append-only', async () => {
    const w = await rotaWorld(t, { rate: 1000 });
    const lead = { Authorization: `Bearer ${await t.make.token(w.supervisor.username)}` };
    const lastMonday = addDays(weekOf(londonDate()), -7);
    const p = await w.worker();
    const placement = await t.uow.read((em) => em.findOneByOrFail(Placement, { patientId: p.id }));
    const book = async (startAt: Date) => {
      const s = await w.shift({ startAt });
      const minutes = minutesBetween(s.startAt, s.endAt);
      const a = { id: newId(), shiftId: s.id, patientId: p.id, placementId: placement.id, startAt: s.startAt, endAt: s.endAt, weekStartOn: weekStartOn(s.startAt), plannedMinutes: minutes, plannedPayPence: payPence(minutes, 1000), status: 'BOOKED', liveKey: 'L', reviewReasons: [], overrideReason: null, overriddenCodes: [], overriddenByUserId: null, createdByUserId: w.ot.user.id, createdAt: new Date(), updatedAt: new Date(), cancelReason: null, cancelledAt: null } as Assignment;
      await t.uow.run((em) => em.insert(Assignment, a));
      return a;
    };
    const inApprovedWeek = await book(londonInstant(addDays(lastMonday, 1), '10:00')!);
    const open = await book(londonInstant(addDays(lastMonday, -6), '10:00')!);
    const attended = (a: Assignment) => ({ status: 'ATTENDED', actualStartAt: a.startAt.toISOString(), actualEndAt: a.endAt.toISOString() });
    const approvedRecord = (await t.http().post(`/api/assignments/${inApprovedWeek.id}/attendance`).set(lead).send(attended(inApprovedWeek)).expect(201)).body.id;
    const openRecord = (await t.http().post(`/api/assignments/${open.id}/attendance`).set(lead).send(attended(open)).expect(201)).body.id;
    await t.http().post(`/api/enterprises/${w.enterprise.id}/timesheets/${lastMonday}/approve`).set(lead).expect(201);

    // back to the schema before the migration (and any after it), where records had no rate
    const index = MIGRATIONS.indexOf(AttendanceRate1796427801131);
    for (let i = MIGRATIONS.length - 1; i >= index; i--) await t.ds.undoLastMigration({ transaction: 'each' });
    const columns = async () => (t.uow.kind === 'postgres' ? (await t.ds.query("SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'attendance_records'")) : await t.ds.query('PRAGMA table_info("attendance_records")')).map((c: { name: string }) => c.name);
    expect(await columns()).not.toContain('hourlyRatePence');
    // the role's rate changed since the week was approved at 1000
    await t.ds.query(`UPDATE work_roles SET "hourlyRatePence" = 1200 WHERE id = '${w.role.id}'`);

    expect(await runMigrations(t.ds)).toEqual(MIGRATIONS.slice(index).map((m) => new m().name));
    const rates = Object.fromEntries((await t.ds.query('SELECT id, "hourlyRatePence" FROM attendance_records')).map((r: { id: string; hourlyRatePence: unknown }) => [r.id, Number(r.hourlyRatePence)]));
    expect(rates[approvedRecord]).toBe(1000);
    expect(rates[openRecord]).toBe(1200);
    await expect(t.ds.query(`UPDATE attendance_records SET "hourlyRatePence" = 1 WHERE id = '${openRecord}'`)).rejects.toThrow(/APPEND_ONLY/);
    await expect(t.ds.query(`DELETE FROM attendance_records WHERE id = '${openRecord}'`)).rejects.toThrow(/APPEND_ONLY/);
    const history = await t.http().get(`/api/assignments/${inApprovedWeek.id}/attendance`).set(lead).expect(200);
    expect(history.body.current).toMatchObject({ id: approvedRecord, payPence: 3000, hourlyRatePence: 1000 });
  });
});
