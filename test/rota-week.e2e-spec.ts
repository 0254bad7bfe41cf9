import { In } from 'typeorm';
import type { AuthUser } from '../src/common/request-context';
import { newId } from '../src/database/columns';
import { Enterprise } from '../src/enterprises/enterprise.entity';
import { WorkRole } from '../src/enterprises/work-role.entity';
import { Assignment } from '../src/rota/assignment.entity';
import { Shift } from '../src/rota/shift.entity';
import { ShiftsService } from '../src/rota/shifts.service';
import { rotaWorld } from './support/rota-fixtures';
import { createTestApp, isPostgres, TestApp } from './support/test-app';

/** Every character JSON escapes (PostgreSQL text cannot hold NUL), quotes, slashes and characters beyond ASCII. */
const CONTROLS = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('');
const AWKWARD = `${isPostgres ? '' : '\u0000'}${CONTROLS}%s %d %% "\\/'<>&\u007f é€ 😀 \u2028\u2029 \ufffd`;

/**
 * The rota week's JSON is written by the database (RotaRepository.findRotaPageJson); it must be
 * byte for byte what JSON.stringify gives for the page built from the entities.
 */
describe('rota week: GET /api/shifts', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof rotaWorld>>;
  let weekStart: Date;
  let weekEnd: Date;

  beforeAll(async () => {
    t = await createTestApp();
    w = await rotaWorld(t);
    weekStart = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 5));
    weekEnd = new Date(weekStart.getTime() + 7 * 86_400_000);
    const awkward = { id: newId(), enterpriseId: w.enterprise.id, title: `Role ${AWKWARD}`, duties: 'Anything', hourlyRatePence: 1000, activities: [], prerequisiteSkills: [], positions: 5, patientsPerSupervisor: 10, active: true, createdAt: new Date(), updatedAt: new Date() } as WorkRole;
    await t.uow.run(async (em) => {
      await em.insert(WorkRole, awkward);
      await em.update(Enterprise, { id: w.enterprise.id }, { name: `Café ${newId().slice(0, 8)} ${AWKWARD}` });
    });
    const at = (day: number, hour: number, ms = 0) => new Date(weekStart.getTime() + day * 86_400_000 + hour * 3_600_000 + ms);
    const plain = await w.shift({ startAt: at(0, 9), capacity: 2 });
    const full = await w.shift({ startAt: at(0, 9), capacity: 3, escorts: [w.escort.id, w.supervisor.id] }); // same start: ordered by id
    await w.shift({ startAt: at(1, 13, 123), hours: 2.5, supervised: false });
    const noted = await w.shift({ startAt: at(2, 10, 7) });
    const cancelled = await w.shift({ startAt: at(3, 8) });
    const draft = await w.shift({ startAt: at(4, 23, 999) });
    const otherRole = await w.shift({ startAt: at(5, 0) });
    for (const shift of [plain, full, full, full]) {
      const p = await w.worker();
      await t.http().post(`/api/shifts/${shift.id}/assignments`).set(w.ot.auth).send({ patientId: p.id }).expect(201);
    }
    await t.uow.run(async (em) => {
      await em.update(Shift, { id: full.id }, { capacity: 2 }); // more live bookings than places: no free places, never fewer than none
      await em.update(Shift, { id: noted.id }, { locationNote: `Meet at ${AWKWARD}`, patternId: newId() });
      await em.update(Shift, { id: cancelled.id }, { status: 'CANCELLED', cancelReason: `Closed: ${AWKWARD}` });
      await em.update(Shift, { id: draft.id }, { status: 'DRAFT' });
      await em.update(Shift, { id: otherRole.id }, { workRoleId: awkward.id });
    });
  });
  afterAll(() => t.close());

  /** The page as ShiftsService built it from rows before the database wrote the JSON. */
  async function expectedPage(o: { publishedOnly: boolean; limit: number; offset: number; from?: Date; to?: Date }) {
    return t.uow.read(async (em) => {
      const shifts = (await em.find(Shift, { where: { enterpriseId: w.enterprise.id } }))
        .filter((s) => s.startAt >= (o.from ?? weekStart) && s.startAt < (o.to ?? weekEnd) && (!o.publishedOnly || s.status === 'PUBLISHED'))
        .sort((a, b) => a.startAt.getTime() - b.startAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const page = shifts.slice(o.offset, o.offset + o.limit);
      const roles = new Map((await em.findBy(WorkRole, { id: In([...new Set(page.map((s) => s.workRoleId))]) })).map((r) => [r.id, r.title]));
      const enterprise = await em.findOneByOrFail(Enterprise, { id: w.enterprise.id });
      const live = await em.findBy(Assignment, { shiftId: In(page.map((s) => s.id)), status: In(['BOOKED', 'NEEDS_REVIEW']) });
      const items = page.map((s) => {
        const booked = live.filter((a) => a.shiftId === s.id).length;
        return {
          id: s.id,
          workRoleId: s.workRoleId,
          roleTitle: roles.get(s.workRoleId),
          enterpriseId: s.enterpriseId,
          enterpriseName: enterprise.name,
          startAt: s.startAt.toISOString(),
          endAt: s.endAt.toISOString(),
          capacity: s.capacity,
          supervisorUserId: s.supervisorUserId,
          escortUserIds: s.escortUserIds,
          locationNote: s.locationNote,
          status: s.status,
          cancelReason: s.cancelReason,
          patternId: s.patternId,
          booked,
          freePlaces: Math.max(0, s.capacity - booked),
        };
      });
      return { items, total: shifts.length, limit: o.limit, offset: o.offset };
    });
  }

  const week = (query = '', from = weekStart, to = weekEnd) => `/api/shifts?enterpriseId=${w.enterprise.id}&from=${from.toISOString()}&to=${to.toISOString()}${query}`;

  it('answers a planner the week, drafts and cancelled shifts included, byte for byte as JSON.stringify of the page', async () => {
    const res = await t.http().get(week()).set(w.ot.auth).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const expected = await expectedPage({ publishedOnly: false, limit: 50, offset: 0 });
    expect(expected.items).toHaveLength(7);
    expect(expected.items.map((i) => i.freePlaces).sort()).toEqual([0, 1, 4, 4, 4, 4, 4]);
    expect(res.text).toBe(JSON.stringify(expected));
    expect(res.body.items[2].roleTitle).toBe('Barista');
    expect(res.body.items[6].roleTitle).toBe(`Role ${AWKWARD}`);
  });

  it('answers a patient the published shifts only', async () => {
    const patient = await t.make.caller('PATIENT');
    const res = await t.http().get(week()).set(patient.auth).expect(200);
    const expected = await expectedPage({ publishedOnly: true, limit: 50, offset: 0 });
    expect(expected.items.map((i) => i.status)).not.toContain('DRAFT');
    expect(res.text).toBe(JSON.stringify(expected));
  });

  it('pages with limit and offset, counting every shift in range', async () => {
    for (const [limit, offset] of [[2, 0], [2, 2], [3, 6], [5, 9]]) {
      const res = await t.http().get(week(`&limit=${limit}&offset=${offset}`)).set(w.ot.auth).expect(200);
      expect(res.text).toBe(JSON.stringify(await expectedPage({ publishedOnly: false, limit, offset })));
      expect(res.body.total).toBe(7);
    }
  });

  it('answers an empty range with no items', async () => {
    const from = new Date(weekEnd.getTime() + 86_400_000);
    const res = await t.http().get(week('', from, new Date(from.getTime() + 86_400_000))).set(w.ot.auth).expect(200);
    expect(res.text).toBe('{"items":[],"total":0,"limit":50,"offset":0}');
  });

  it('gives the pages the same page, parsed', async () => {
    const ot: AuthUser = { id: w.ot.user.id, username: w.ot.user.username, displayName: w.ot.user.displayName, role: 'OT', wardIds: [w.ward.id], patientId: null, mustChangePassword: false, via: 'token' };
    const page = await t.app.get(ShiftsService).list(ot, { enterpriseId: w.enterprise.id, from: weekStart.toISOString(), to: weekEnd.toISOString(), limit: 50, offset: 0 });
    expect(page).toEqual(await expectedPage({ publishedOnly: false, limit: 50, offset: 0 }));
  });
});
