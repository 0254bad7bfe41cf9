import { In, Like } from 'typeorm';
import { newId } from '../src/database/columns';
import { PREPARED } from '../src/database/pg-prepared';
import { Assignment } from '../src/rota/assignment.entity';
import { Site } from '../src/wards/site.entity';
import { rotaWorld } from './support/rota-fixtures';
import { createTestApp, isPostgres, TestApp } from './support/test-app';

jest.setTimeout(60_000);

/**
 * Reads beside writes: on SQLite reads run on read-only connections of their own (WAL mode),
 * so they neither wait behind a unit of work nor see one before it commits. A test that would
 * wait behind the writer never resolves, and fails on Jest's timeout.
 */
const tick = () => new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3)));

class Rollback extends Error {}

function site(name: string): Site {
  return { id: newId(), name, defaultWeeklyEarningsCapPence: null, defaultWeeklyHoursCapMinutes: null, createdAt: new Date() } as Site;
}

function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('reads beside writes', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof rotaWorld>>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await rotaWorld(t, { perSupervisor: 50 });
  });
  afterAll(() => t.close());

  it('answers a read while a unit of work is open, without its uncommitted rows', async () => {
    const held = gate();
    const inserted = gate();
    const writing = t.uow.run(async (em) => {
      await em.insert(Site, site('held-open'));
      inserted.open();
      await held.opened;
    });
    await inserted.opened;
    // resolves only if the read does not queue behind the open unit of work
    const during = await t.uow.read((em) => em.count(Site, { where: { name: 'held-open' } }));
    held.open();
    await writing;
    const after = await t.uow.read((em) => em.count(Site, { where: { name: 'held-open' } }));
    expect(during).toBe(0);
    expect(after).toBe(1);
  });

  it('loses no acknowledged write and shows no read a rolled-back row when reads and writes run at once', async () => {
    const committed: string[] = [];
    const rolledBack: string[] = [];
    const seen: string[][] = [];
    const writes = Array.from({ length: 40 }, async (_, i) => {
      const name = i % 4 === 0 ? `mix-rb-${i}` : `mix-ok-${i}`;
      try {
        await t.uow.run(async (em) => {
          await em.insert(Site, site(name));
          await tick();
          await em.save(Site, site(`${name}-b`));
          await tick();
          if (name.startsWith('mix-rb-')) throw new Rollback(name);
        });
        committed.push(name, `${name}-b`);
      } catch (err) {
        if (!(err instanceof Rollback)) throw err;
        rolledBack.push(name, `${name}-b`);
      }
    });
    const reads = Array.from({ length: 40 }, async () => {
      await tick();
      const rows = await t.uow.read((em) => em.find(Site, { where: { name: Like('mix-%') } }));
      seen.push(rows.map((s) => s.name));
    });
    await Promise.all([...writes, ...reads]);

    expect(committed).toHaveLength(60);
    expect(rolledBack).toHaveLength(20);
    const stored = (await t.uow.read((em) => em.find(Site, { where: { name: Like('mix-%') } }))).map((s) => s.name).sort();
    expect(stored).toEqual([...committed].sort());
    expect(seen).toHaveLength(40);
    // no phantom: every row any read saw was committed, and a unit of work's two rows are seen together
    for (const names of seen) {
      for (const name of names) expect(committed).toContain(name);
      for (const name of names.filter((n) => !n.endsWith('-b'))) expect(names).toContain(`${name}-b`);
    }
  });

  it('books while a long read is open, the read keeps one snapshot, and every acknowledged booking is stored', async () => {
    const shifts = await Promise.all(Array.from({ length: 4 }, (_, i) => w.shift({ startAt: new Date(Date.UTC(2027, 2, 1 + i, 9)), capacity: 3 })));
    const patients = await Promise.all(Array.from({ length: 16 }, () => w.worker()));
    const shiftIds = shifts.map((s) => s.id);
    const countLive = (em: import('typeorm').EntityManager) => em.count(Assignment, { where: { shiftId: In(shiftIds), status: In(['BOOKED', 'NEEDS_REVIEW']) } });

    const held = gate();
    const started = gate();
    let atStart = -1;
    let atEnd = -1;
    const longRead = t.uow.read(async (em) => {
      atStart = await countLive(em);
      started.open();
      await held.opened;
      atEnd = await countLive(em);
    });
    await started.opened;
    // bookings and other reads through the API while the long read holds its connection
    const results = await Promise.all(patients.map((p, i) => t.http().post(`/api/shifts/${shiftIds[i % 4]}/assignments`).set(w.ot.auth).send({ patientId: p.id })));
    const rota = await t.http().get(`/api/shifts/${shiftIds[0]}`).set(w.ot.auth);
    held.open();
    await longRead;

    const booked = results.filter((r) => r.status === 201).length;
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(booked).toBe(12); // four shifts of three places
    expect(rota.status).toBe(200);
    expect(atStart).toBe(0);
    // a read is one snapshot: a read transaction on SQLite, REPEATABLE READ READ ONLY on PostgreSQL
    expect(atEnd).toBe(0);
    expect(await t.uow.read(countLive)).toBe(12);
  });

  it('reuses a prepared read: the same SQL sees each commit, binds its new parameters, and still reports a bad statement', async () => {
    const sql = `SELECT name AS "name" FROM sites WHERE name LIKE ${isPostgres ? '$1' : '?'} ORDER BY name`;
    const names = () => t.uow.read((em) => em.query(sql, ['prepared-%'])).then((rows: { name: string }[]) => rows.map((r) => r.name));
    expect(await names()).toEqual([]);
    for (const n of ['prepared-a', 'prepared-b']) {
      await t.uow.run((em) => em.insert(Site, site(n)));
      // every reader, not just the one that happens to be free
      const seen = await Promise.all(Array.from({ length: 8 }, names));
      expect(new Set(seen.map((s) => s.join()))).toEqual(new Set([n === 'prepared-a' ? 'prepared-a' : 'prepared-a,prepared-b']));
    }
    const other = await t.uow.read((em) => em.query(sql, ['prepared-b'])).then((rows: { name: string }[]) => rows.map((r) => r.name));
    expect(other).toEqual(['prepared-b']);
    for (let i = 0; i < 2; i++) await expect(t.uow.read((em) => em.query('SELECT no_such_column FROM sites'))).rejects.toThrow(/no_such_column/);
  });

  it('runs a read marked PREPARED as a named prepared statement on PostgreSQL (a comment on SQLite), with each call its own parameters', async () => {
    await t.uow.run((em) => em.insert(Site, [site('marked-a'), site('marked-b')]));
    const sql = `${PREPARED}SELECT name AS "name" FROM sites WHERE name = ${isPostgres ? '$1' : '?'}`;
    const qr = t.ds.createQueryRunner();
    try {
      expect(await qr.query(sql, ['marked-a'])).toEqual([{ name: 'marked-a' }]);
      expect(await qr.query(sql, ['marked-b'])).toEqual([{ name: 'marked-b' }]);
      if (isPostgres) {
        const prepared: { statement: string }[] = await qr.query('SELECT statement FROM pg_prepared_statements');
        expect(prepared.filter((p) => p.statement === sql)).toHaveLength(1);
        // unmarked SQL is not prepared
        await qr.query('SELECT name FROM sites WHERE name = $1', ['marked-a']);
        expect((await qr.query('SELECT statement FROM pg_prepared_statements')).some((p: { statement: string }) => p.statement.startsWith('SELECT name FROM sites'))).toBe(false);
      }
    } finally {
      await qr.release();
    }
  });
});
