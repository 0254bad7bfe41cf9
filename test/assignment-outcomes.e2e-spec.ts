import type { EntityManager } from 'typeorm';
import { addDays, londonDate } from '../src/common/dates';
import { runMigrations } from '../src/database/bootstrap';
import { instantParam, newId } from '../src/database/columns';
import { MIGRATIONS } from '../src/database/migrations';
import { AssignmentOutcomes1796450000000 } from '../src/database/migrations/1796450000000-AssignmentOutcomes';
import { AssignmentOutcome } from '../src/outcomes/assignment-outcome.entity';
import { OutcomesRepository } from '../src/outcomes/outcomes.repository';
import type { GroupBy, ReportQuery } from '../src/outcomes/report-query';
import { londonInstant } from '../src/recruitment/london-time';
import { Placement } from '../src/recruitment/placement.entity';
import { Assignment } from '../src/rota/assignment.entity';
import { AttendanceRecord } from '../src/rota/attendance-record.entity';
import type { AttendanceStatus } from '../src/rota/rota.types';
import { minutesBetween, payPence, weekStartOn } from '../src/rota/time-rules';
import { rotaWorld } from './support/rota-fixtures';
import { createTestApp, TestApp } from './support/test-app';

type World = Awaited<ReturnType<typeof rotaWorld>>;

/** Each assignment's stored final attendance outcome (assignment_outcomes) and the report built on it. */
describe('assignment outcomes: the stored final attendance outcome', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const outcome = (assignmentId: string) => t.uow.read((em) => em.findOneBy(AssignmentOutcome, { assignmentId }));

  /** An assignment of the patient on a new shift starting at `startAt` (inserted directly: the past is not bookable). */
  const booked = async (w: World, patientId: string, startAt: Date, o: { overriddenCodes?: string[] } = {}) => {
    const s = await w.shift({ startAt });
    const placement = await t.uow.read((em) => em.findOneByOrFail(Placement, { patientId }));
    const minutes = minutesBetween(s.startAt, s.endAt);
    const a = { id: newId(), shiftId: s.id, patientId, placementId: placement.id, startAt: s.startAt, endAt: s.endAt, weekStartOn: weekStartOn(s.startAt), plannedMinutes: minutes, plannedPayPence: payPence(minutes, 1000), status: 'BOOKED', liveKey: 'L', reviewReasons: [], overrideReason: o.overriddenCodes?.length ? 'Benefits counselling' : null, overriddenCodes: o.overriddenCodes ?? [], overriddenByUserId: o.overriddenCodes?.length ? w.ot.user.id : null, createdByUserId: w.ot.user.id, createdAt: new Date(), updatedAt: new Date(), cancelReason: null, cancelledAt: null } as Assignment;
    await t.uow.run((em) => em.insert(Assignment, a));
    return a;
  };

  /** An attendance record inserted directly (as seeds and imports do), recorded at `recordedAt`. */
  const insertRecord = (em: EntityManager, a: Assignment, status: AttendanceStatus, recordedAt: Date, o: { minutes?: number; reasonCode?: string | null; id?: string; supersedesId?: string | null; userId: string }) => {
    const minutes = o.minutes ?? 0;
    const record = { id: o.id ?? newId(), assignmentId: a.id, status, actualStartAt: minutes ? a.startAt : null, actualEndAt: minutes ? new Date(a.startAt.getTime() + minutes * 60_000) : null, reasonCode: o.reasonCode ?? null, reason: null, minutesWorked: minutes, payPence: payPence(minutes, 1000), hourlyRatePence: 1000, supersedesId: o.supersedesId ?? null, recordedByUserId: o.userId, recordedAt };
    return em.insert(AttendanceRecord, record).then(() => record);
  };

  it('follows every record and correction through the API, a cancellation included, and agrees with the history', async () => {
    const w = await rotaWorld(t, { rate: 1000 });
    const lead = { Authorization: `Bearer ${await t.make.token(w.supervisor.username)}` };
    const p = await w.worker();
    const start = londonInstant(addDays(londonDate(), -3), '10:00')!;
    const a = await booked(w, p.id, start);
    expect(await outcome(a.id)).toBeNull();

    const first = await t.http().post(`/api/assignments/${a.id}/attendance`).set(lead).send({ status: 'ATTENDED', actualStartAt: a.startAt.toISOString(), actualEndAt: a.endAt.toISOString() }).expect(201);
    expect(await outcome(a.id)).toMatchObject({ recordId: first.body.id, status: 'ATTENDED', minutesWorked: 180, payPence: 3000, patientId: p.id, enterpriseId: w.enterprise.id, startOn: addDays(londonDate(), -3), weekStartOn: a.weekStartOn });

    // a correction supersedes it: late, two hours
    const late = await t.http().post(`/api/assignments/${a.id}/attendance`).set(lead).send({ status: 'LATE', actualStartAt: new Date(a.startAt.getTime() + 3_600_000).toISOString(), actualEndAt: a.endAt.toISOString() }).expect(201);
    expect(late.body.supersedesId).toBe(first.body.id);
    expect(await outcome(a.id)).toMatchObject({ recordId: late.body.id, status: 'LATE', minutesWorked: 120, payPence: 2000 });

    // and a cancellation supersedes that
    const cancelled = await t.http().post(`/api/assignments/${a.id}/attendance`).set(lead).send({ status: 'CANCELLED', reasonCode: 'WARD_INCIDENT', reason: 'Ward closed for the afternoon' }).expect(201);
    const stored = await outcome(a.id);
    expect(stored).toMatchObject({ recordId: cancelled.body.id, status: 'CANCELLED', reasonCode: 'WARD_INCIDENT', minutesWorked: 0, payPence: 0 });
    const history = await t.http().get(`/api/assignments/${a.id}/attendance`).set(lead).expect(200);
    expect(history.body.current.id).toBe(stored!.recordId);
    // the history is kept: three records, the stored outcome is the current one
    expect(await t.uow.read((em) => em.countBy(AttendanceRecord, { assignmentId: a.id }))).toBe(3);
  });

  it('keeps the latest record by recordedAt, then id, whatever order records are inserted in, and follows a moved assignment', async () => {
    const w = await rotaWorld(t, { rate: 1000 });
    const p = await w.worker();
    const a = await booked(w, p.id, londonInstant(addDays(londonDate(), -10), '10:00')!);
    const at = (minutes: number) => new Date(a.endAt.getTime() + minutes * 60_000);
    const userId = w.ot.user.id;
    const latest = await t.uow.run((em) => insertRecord(em, a, 'ABSENT', at(30), { reasonCode: null, userId }));
    // an older record inserted afterwards (a late import) does not replace it
    await t.uow.run((em) => insertRecord(em, a, 'ATTENDED', at(10), { minutes: 180, userId }));
    expect(await outcome(a.id)).toMatchObject({ recordId: latest.id, status: 'ABSENT', payPence: 0 });
    // at the same instant the greater id wins, as the report always ordered them
    const ids = [newId(), newId()].sort();
    await t.uow.run((em) => insertRecord(em, a, 'ATTENDED', at(30), { minutes: 60, id: ids[1], userId }));
    await t.uow.run((em) => insertRecord(em, a, 'LATE', at(30), { minutes: 30, id: ids[0], userId }));
    const moved = await outcome(a.id);
    expect(moved).toMatchObject({ recordId: [latest.id, ids[1]].sort()[1] });

    // the assignment moves to another day: the copy follows (start, London date, week)
    const to = londonInstant(addDays(londonDate(), -40), '09:30')!;
    await t.ds.query(`UPDATE assignments SET "startAt" = ${t.uow.kind === 'postgres' ? '$1' : '?'}, "weekStartOn" = ${t.uow.kind === 'postgres' ? '$2' : '?'} WHERE id = '${a.id}'`, [instantParam(to), weekStartOn(to)]);
    expect(await outcome(a.id)).toMatchObject({ startAt: to, startOn: addDays(londonDate(), -40), weekStartOn: weekStartOn(to) });
  });

  it('the migration fills the outcomes of existing records from the attendance history', async () => {
    const w = await rotaWorld(t, { rate: 1000 });
    const p = await w.worker();
    const userId = w.ot.user.id;
    // back to the schema before the migration (it is the last one, or later ones go too)
    const index = MIGRATIONS.indexOf(AssignmentOutcomes1796450000000);
    for (let i = MIGRATIONS.length - 1; i >= index; i--) await t.ds.undoLastMigration({ transaction: 'each' });
    const tables = t.uow.kind === 'postgres' ? await t.ds.query("SELECT table_name AS name FROM information_schema.tables WHERE table_name = 'assignment_outcomes'") : await t.ds.query("SELECT name FROM sqlite_master WHERE name = 'assignment_outcomes'");
    expect(tables).toEqual([]);

    const a1 = await booked(w, p.id, londonInstant(addDays(londonDate(), -5), '10:00')!);
    const a2 = await booked(w, p.id, londonInstant(addDays(londonDate(), -6), '10:00')!);
    const a3 = await booked(w, p.id, londonInstant(addDays(londonDate(), -7), '10:00')!);
    const at = (a: Assignment, minutes: number) => new Date(a.endAt.getTime() + minutes * 60_000);
    const expected = await t.uow.run(async (em) => {
      // a1: attended, corrected to left early; a2: absent, then cancelled; a3: attended only
      const r1 = await insertRecord(em, a1, 'ATTENDED', at(a1, 5), { minutes: 180, userId });
      const r1b = await insertRecord(em, a1, 'LEFT_EARLY', at(a1, 50), { minutes: 90, supersedesId: r1.id, userId });
      const r2 = await insertRecord(em, a2, 'ABSENT', at(a2, 5), { userId });
      const r2b = await insertRecord(em, a2, 'CANCELLED', at(a2, 60), { reasonCode: 'WARD_ROUND', supersedesId: r2.id, userId });
      const r3 = await insertRecord(em, a3, 'ATTENDED', at(a3, 5), { minutes: 180, userId });
      return [
        { assignmentId: a1.id, recordId: r1b.id, status: 'LEFT_EARLY', minutesWorked: 90, payPence: 1500, reasonCode: null },
        { assignmentId: a2.id, recordId: r2b.id, status: 'CANCELLED', minutesWorked: 0, payPence: 0, reasonCode: 'WARD_ROUND' },
        { assignmentId: a3.id, recordId: r3.id, status: 'ATTENDED', minutesWorked: 180, payPence: 3000, reasonCode: null },
      ];
    });

    expect(await runMigrations(t.ds)).toEqual(MIGRATIONS.slice(index).map((m) => new m().name));
    const rows = await t.uow.read((em) => em.find(AssignmentOutcome, { where: [{ assignmentId: a1.id }, { assignmentId: a2.id }, { assignmentId: a3.id }] }));
    const byId = new Map(rows.map((r) => [r.assignmentId, r]));
    for (const e of expected) expect(byId.get(e.assignmentId)).toMatchObject({ ...e, patientId: p.id, enterpriseId: w.enterprise.id });
    expect(byId.get(a1.id)).toMatchObject({ startOn: addDays(londonDate(), -5), weekStartOn: a1.weekStartOn });
    // and from then on the triggers keep it: a new correction of a3
    await t.uow.run((em) => insertRecord(em, a3, 'ABSENT', at(a3, 90), { userId }));
    expect(await outcome(a3.id)).toMatchObject({ status: 'ABSENT', payPence: 0 });
  });

  it('the report from the stored outcomes equals a recomputation from the attendance history on a generated world', async () => {
    const w = await rotaWorld(t, { rate: 1000 });
    const userId = w.ot.user.id;
    const patients = [];
    for (let i = 0; i < 7; i++) patients.push(await w.worker());
    // a deterministic pseudo-random world: ~120 shifts over five months (both clock changes of
    // 2026 fall in it), each with 1-3 attendance records (corrections), some cancelled, some
    // with an overridden cap, and some booked shifts with no record at all
    let seed = 13;
    const rand = (n: number) => {
      seed = (seed * 48_271) % 2_147_483_647; // Park-Miller: exact in a double
      return Math.floor((seed / 2_147_483_647) * n);
    };
    const statuses: AttendanceStatus[] = ['ATTENDED', 'ATTENDED', 'LATE', 'LEFT_EARLY', 'ABSENT', 'CANCELLED'];
    const reasons = ['WARD_INCIDENT', 'LEAVE_SUSPENDED', 'WARD_ROUND', 'ENTERPRISE_CLOSED', null];
    const first = '2026-02-20';
    for (let i = 0; i < 120; i++) {
      const day = addDays(first, rand(260));
      const patient = patients[rand(patients.length)];
      const codes = rand(6) === 0 ? [['HOURS_CAP'], ['EARNINGS_CAP'], ['HOURS_CAP', 'EARNINGS_CAP']][rand(3)] : [];
      // a time near midnight sometimes, so the London date and month differ from the UTC ones
      const a = await booked(w, patient.id, londonInstant(day, ['00:30', '10:00', '23:30'][rand(3)])!, { overriddenCodes: codes });
      const records = rand(8);
      if (records === 0) continue;
      await t.uow.run(async (em) => {
        let previous: string | null = null;
        for (let r = 0; r < 1 + (records % 3); r++) {
          const status = statuses[rand(statuses.length)];
          const minutes = status === 'ABSENT' || status === 'CANCELLED' ? 0 : 30 + rand(150);
          // corrections mostly later; now and then one at the same instant
          const recordedAt = new Date(a.endAt.getTime() + (r + 1) * 60_000 * (rand(5) === 0 ? 1 : 7));
          const rec = await insertRecord(em, a, status, recordedAt, { minutes, reasonCode: status === 'CANCELLED' ? reasons[rand(reasons.length)] : null, supersedesId: previous, userId });
          previous = rec.id;
        }
      });
    }
    // someone whose only shift in the period was cancelled (not among the people), and someone only absent (a person, not a worker)
    const cancelledOnly = await w.worker();
    const absentOnly = await w.worker();
    patients.push(cancelledOnly, absentOnly);
    for (const [p, status] of [[cancelledOnly, 'CANCELLED'], [absentOnly, 'ABSENT']] as const) {
      const a = await booked(w, p.id, londonInstant('2026-06-10', '10:00')!);
      await t.uow.run((em) => insertRecord(em, a, status, new Date(a.endAt.getTime() + 60_000), { reasonCode: status === 'CANCELLED' ? 'WARD_INCIDENT' : null, userId }));
    }
    const repo = new OutcomesRepository();
    const periods: [string, string][] = [
      ['2026-03-01', '2026-10-31'],
      ['2026-03-29', '2026-04-05'],
      ['2025-01-01', '2025-12-31'],
    ];
    for (const [from, to] of periods) {
      for (const groupBy of ['enterprise', 'ward'] as GroupBy[]) {
        const q: ReportQuery = { from, to, groupBy };
        const rows = await t.uow.read((em) => repo.load(em, q));
        const expected = await recompute(t, q, new Set(patients.map((p) => p.id)), groupBy === 'enterprise' ? w.enterprise.id : w.ward.id);
        const mine = <T extends { k: string | null }>(list: T[]) => list.filter((r) => r.k === (groupBy === 'enterprise' ? w.enterprise.id : w.ward.id));
        expect({ work: mine(rows.work), cancellations: sortBy(mine(rows.cancellations)), workerPay: sortBy(mine(rows.workerPay)), overrides: mine(rows.overrides) }).toEqual({ work: expected.work, cancellations: sortBy(expected.cancellations), workerPay: sortBy(expected.workerPay), overrides: expected.overrides });
        // the world is the only one with work in these periods only if no other test wrote any:
        // compare the period's totals and months against the same recomputation over every patient
        const all = await recompute(t, q, null, null);
        expect({ workTotal: rows.workTotal, workerPayTotal: sortBy(rows.workerPayTotal), overridesTotal: rows.overridesTotal, monthlyWork: sortBy(rows.monthlyWork.map((m) => ({ ...m, k: m.month }))), equityWorkers: sortBy(rows.equityWorkers.map((e) => ({ k: null, ...e }))) }).toEqual({
          workTotal: all.work,
          workerPayTotal: sortBy(all.workerPay),
          overridesTotal: all.overrides,
          monthlyWork: sortBy(all.monthly),
          equityWorkers: sortBy(all.equity),
        });
        if (from === '2026-03-01' && groupBy === 'enterprise') expect(expected.work[0]?.attended ?? 0).toBeGreaterThan(20);
      }
    }
  });
});

const sortBy = <T>(list: T[]): T[] => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/**
 * The attendance indicators recomputed in plain code from the append-only history: every
 * attendance record and assignment read whole, the current record found by recordedAt then id,
 * London dates by Intl. `only`: the patients of the world (grouped under `key`), or null for all.
 */
async function recompute(t: TestApp, q: ReportQuery, only: Set<string> | null, key: string | null) {
  // one after another: on PostgreSQL a read is one connection, which runs one query at a time
  const [assignments, records, demographics] = await t.uow.read(async (em) => [
    await em.find(Assignment),
    await em.find(AttendanceRecord),
    (await em.query('SELECT "patientId", "birthYear", "statedGender", "ethnicCategory" FROM patient_demographics')) as Record<string, unknown>[],
  ] as const);
  const current = new Map<string, AttendanceRecord>();
  for (const r of records) {
    const c = current.get(r.assignmentId);
    const later = !c || r.recordedAt.getTime() > c.recordedAt.getTime() || (r.recordedAt.getTime() === c.recordedAt.getTime() && r.id > c.id);
    if (later) current.set(r.assignmentId, r);
  }
  const fromAt = londonInstant(q.from, '00:00')!.getTime();
  const toAt = londonInstant(addDays(q.to, 1), '00:00')!.getTime();
  const inPeriod = assignments.filter((a) => a.startAt.getTime() >= fromAt && a.startAt.getTime() < toAt && (!only || only.has(a.patientId)));
  const attendedSet = new Set(['ATTENDED', 'LATE', 'LEFT_EARLY']);
  const worked = inPeriod.filter((a) => current.has(a.id)).map((a) => ({ a, r: current.get(a.id)! }));
  const k = only ? key : null;
  const attended = worked.filter((x) => attendedSet.has(x.r.status));
  const sum = (xs: { r: AttendanceRecord }[], f: (r: AttendanceRecord) => number) => xs.reduce((s, x) => s + f(x.r), 0);
  const work = only && !worked.length ? [] : [{ k, attended: attended.length, late: worked.filter((x) => x.r.status === 'LATE').length, absent: worked.filter((x) => x.r.status === 'ABSENT').length, cancelled: worked.filter((x) => x.r.status === 'CANCELLED').length, minutes: sum(worked, (r) => r.minutesWorked), payPence: sum(worked, (r) => r.payPence), workers: new Set(attended.map((x) => x.a.patientId)).size, people: new Set(worked.filter((x) => x.r.status !== 'CANCELLED').map((x) => x.a.patientId)).size }];
  const reasons = new Map<string, number>();
  for (const x of worked.filter((y) => y.r.status === 'CANCELLED')) reasons.set(x.r.reasonCode ?? 'OTHER', (reasons.get(x.r.reasonCode ?? 'OTHER') ?? 0) + 1);
  const byPatient = new Map<string, { pay: number; weeks: Set<string> }>();
  for (const x of attended) {
    const p = byPatient.get(x.a.patientId) ?? { pay: 0, weeks: new Set<string>() };
    p.pay += x.r.payPence;
    p.weeks.add(x.a.weekStartOn);
    byPatient.set(x.a.patientId, p);
  }
  const demo = new Map<string, { birthYear: number | null; gender: string | null; ethnic: string | null }>(
    demographics.map((d: Record<string, unknown>) => [String(d.patientId), { birthYear: d.birthYear === null ? null : Number(d.birthYear), gender: (d.statedGender as string | null) ?? null, ethnic: (d.ethnicCategory as string | null) ?? null }]),
  );
  const month = (at: Date) => londonDate(at).slice(0, 7);
  const months = new Map<string, { people: Set<string>; attended: number; minutes: number; payPence: number }>();
  for (const x of attended) {
    const m = months.get(month(x.a.startAt)) ?? { people: new Set<string>(), attended: 0, minutes: 0, payPence: 0 };
    m.people.add(x.a.patientId);
    m.attended += 1;
    m.minutes += x.r.minutesWorked;
    m.payPence += x.r.payPence;
    months.set(month(x.a.startAt), m);
  }
  const overridden = inPeriod.filter((a) => a.status !== 'CANCELLED' && a.overriddenCodes.length);
  const weekOf = (a: Assignment) => `${a.patientId}|${a.weekStartOn}`;
  const overrideRow = { k, weeks: new Set(overridden.map(weekOf)).size, hoursWeeks: new Set(overridden.filter((a) => a.overriddenCodes.includes('HOURS_CAP')).map(weekOf)).size, earningsWeeks: new Set(overridden.filter((a) => a.overriddenCodes.includes('EARNINGS_CAP')).map(weekOf)).size, people: new Set(overridden.map((a) => a.patientId)).size };
  return {
    work: work.length || only ? work : [{ k: null, attended: 0, late: 0, absent: 0, cancelled: 0, minutes: 0, payPence: 0, workers: 0, people: 0 }],
    cancellations: [...reasons].map(([reason, n]) => ({ k, reason, n })),
    workerPay: [...byPatient.values()].map((p) => ({ k, payPence: p.pay, weeks: p.weeks.size })),
    overrides: only && !overridden.length ? [] : [overrideRow],
    monthly: [...months].map(([m, v]) => ({ k: m, month: m, people: v.people.size, attended: v.attended, minutes: v.minutes, payPence: v.payPence })),
    equity: [...byPatient].map(([pid, p]) => ({ k: null, ...(demo.get(pid) ?? { birthYear: null, gender: null, ethnic: null }), payPence: p.pay, weeks: p.weeks.size })),
  };
}

