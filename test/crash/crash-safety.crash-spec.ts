import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { londonDate } from '../../src/common/dates';
import { tillsWorld } from '../tills-world';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { dropPostgresRunDatabases, removeSqliteDatabase } from '../support/test-db';

/**
 * Crash safety (issue 15, section 3): the built server (`node dist/src/main.js`, as `npm start`)
 * takes concurrent bookings, ledger postings and till sales and is killed with SIGKILL at a
 * random moment, KILLS times, restarted each time. After each kill, read straight from the
 * database before the restart: every write acknowledged with a 2xx is there, and nothing is
 * half-written (every journal entry balanced with its lines, every sale with its lines and
 * payments, no shift over capacity). After each restart: every enterprise's ledger chain
 * verifies and the trial balance nets to zero. Seeded (CRASH_SEED) so a failure can be replayed.
 */

const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const SEED = Number(process.env.CRASH_SEED ?? 20261205);
const MAIN_JS = join(resolve(__dirname, '..', '..'), 'dist', 'src', 'main.js');

/** mulberry32: a small seeded generator, so the kill moments can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

interface Server {
  child: ChildProcess;
  exited: Promise<void>;
  output: () => string;
}

/**
 * Starts the server and waits until it is healthy. On a shared machine another process can take
 * the free port before the server listens: then the server exits with EADDRINUSE (and /health
 * may even answer from that other process), so "healthy" also needs this server's own
 * "listening" log line and a live process.
 */
async function startServer(env: Record<string, string>): Promise<Server & { baseUrl: string }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      return { ...(await startOnce({ ...env, PORT: String(port) }, baseUrl)), baseUrl };
    } catch (err) {
      if (attempt >= 3 || !/EADDRINUSE/.test((err as Error).message)) throw err;
    }
  }
}

async function startOnce(env: Record<string, string>, baseUrl: string): Promise<Server> {
  const child = spawn(process.execPath, [MAIN_JS], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let listening = false;
  const keep = (d: Buffer) => {
    out = (out + d.toString('utf8')).slice(-8000);
    listening ||= /listening on/.test(out);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let gone = false;
  const exited = new Promise<void>((r) => child.on('exit', () => ((gone = true), r())));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`the server exited before it was healthy:\n${out}`);
    try {
      if (listening && (await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(1000) })).status === 200 && !gone) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server was not healthy within 60 s:\n${out}`);
    }
    await sleep(50);
  }
  return { child, exited, output: () => out };
}

type Kind = 'entry' | 'sale' | 'booking';
interface Sent {
  kind: Kind;
  /** The id answered with a 2xx; undefined when no answer came (the kill) or a 4xx. */
  id?: string;
  status?: number;
  key: string;
}

describe(`crash safety: SIGKILL under load, ${KILLS} times (${isPostgres ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let env: Record<string, string>;
  let dbUrl: string;
  let w: Awaited<ReturnType<typeof tillsWorld>>;
  let sessionId: string;
  let pairs: { shiftId: string; patientId: string }[];
  let closed = false;
  let current: Server | undefined;

  beforeAll(async () => {
    if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run "npm run build" first (npm run test:crash does)`);
    t = await createTestApp();
    w = await tillsWorld(t);
    sessionId = (await w.open()).id;
    const random = seeded(SEED);
    const patients: { id: string }[] = [];
    for (let i = 0; i < 16; i++) patients.push(await w.worker());
    const shifts: { id: string }[] = [];
    for (let d = 1; d <= 30; d++) shifts.push(await w.shift({ daysAhead: d, capacity: 4 }));
    pairs = shifts.flatMap((s) => patients.map((p) => ({ shiftId: s.id, patientId: p.id })));
    for (let i = pairs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
    }
    dbUrl = process.env.DATABASE_URL!;
    env = {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      DATA_DIR: process.env.DATA_DIR!,
      DATABASE_URL: dbUrl,
      DEMO_DATA: 'false',
      SESSION_SECRET: process.env.SESSION_SECRET!,
      LOG_LEVEL: 'info', // the "listening" line tells this server's start from another process on the port
      SIGN_IN_RATE_LIMIT: '100000',
      PUBLIC_RATE_LIMIT: '100000',
    };
    // the in-process app lets go of the database; the server processes take over from here
    await t.app.close();
    closed = true;
  });

  afterAll(async () => {
    if (current && current.child.exitCode === null && current.child.signalCode === null) {
      current.child.kill('SIGKILL');
      await current.exited;
    }
    if (!closed) await t?.app.close();
    if (isPostgres) await dropPostgresRunDatabases();
    else if (dbUrl) removeSqliteDatabase(dbUrl.slice('sqlite:'.length));
  });

  /** Reads straight from the database (the server is dead): what a crash left behind. */
  async function inspect(): Promise<{ entries: Set<string>; sales: Set<string>; assignments: Set<string>; problems: string[] }> {
    const ds = new DataSource(isPostgres ? { type: 'postgres', url: dbUrl, extra: { max: 1 } } : { type: 'sqlite', database: dbUrl.slice('sqlite:'.length) });
    await ds.initialize();
    try {
      const problems: string[] = [];
      const entries: { id: string; lines: string; debit: string; credit: string }[] = await ds.query(
        `SELECT e.id, COUNT(l.id) AS lines, COALESCE(SUM(l."debitPence"), 0) AS debit, COALESCE(SUM(l."creditPence"), 0) AS credit
           FROM journal_entries e LEFT JOIN journal_lines l ON l."entryId" = e.id GROUP BY e.id`,
      );
      for (const e of entries) if (Number(e.lines) < 2 || Number(e.debit) !== Number(e.credit)) problems.push(`journal entry half-written: ${JSON.stringify(e)}`);
      const sales: { id: string; total: string; change: string; lines: string; paid: string }[] = await ds.query(
        `SELECT s.id, s."totalPence" AS total, s."changePence" AS change,
                (SELECT COUNT(*) FROM till_sale_lines l WHERE l."saleId" = s.id) AS lines,
                (SELECT COALESCE(SUM(p."amountPence"), 0) FROM till_payments p WHERE p."saleId" = s.id) AS paid
           FROM till_sales s`,
      );
      for (const s of sales) if (Number(s.lines) < 1 || Number(s.paid) - Number(s.change) !== Number(s.total)) problems.push(`sale half-written: ${JSON.stringify(s)}`);
      const live: { shiftId: string; n: string; capacity: string }[] = await ds.query(
        `SELECT a."shiftId", COUNT(*) AS n, MAX(s.capacity) AS capacity FROM assignments a JOIN shifts s ON s.id = a."shiftId" WHERE a.status = 'BOOKED' GROUP BY a."shiftId"`,
      );
      for (const l of live) if (Number(l.n) > Number(l.capacity)) problems.push(`shift over capacity: ${JSON.stringify(l)}`);
      const assignments: { id: string }[] = await ds.query('SELECT id FROM assignments');
      return { entries: new Set(entries.map((e) => e.id)), sales: new Set(sales.map((s) => s.id)), assignments: new Set(assignments.map((a) => a.id)), problems };
    } finally {
      await ds.destroy();
    }
  }

  it('loses no acknowledged booking, journal entry or till sale and half-writes nothing across 20 SIGKILLs, and the ledger verifies after each restart', async () => {
    const random = seeded(SEED + 1);
    const lead = w.lead.auth.Authorization;
    const ot = w.ot.auth.Authorization;
    const sent: Sent[] = [];
    let nextPair = 0;
    const figures = { kills: 0, acknowledged: { entry: 0, sale: 0, booking: 0 }, refused: 0, unanswered: 0, unansweredButCommitted: 0 };

    const call = async (kind: Kind, baseUrl: string, path: string, auth: string, body: object, key: string): Promise<void> => {
      const record: Sent = { kind, key };
      sent.push(record);
      try {
        const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
        record.status = res.status;
        const json = (await res.json()) as { id?: string };
        if (res.status >= 200 && res.status < 300) record.id = json.id;
      } catch {
        record.status = undefined; // no answer: the server died with the request in flight
        record.id = undefined;
      }
    };

    for (let trial = 1; trial <= KILLS; trial++) {
      const server = await startServer(env);
      const baseUrl = server.baseUrl;
      current = server;
      const get = async (path: string) => {
        try {
          return await (await fetch(`${baseUrl}${path}`, { headers: { Authorization: lead } })).json();
        } catch (err) {
          throw new Error(`trial ${trial}: GET ${path} failed (${(err as Error).message}; server exit ${server.child.exitCode ?? server.child.signalCode ?? 'none'}):\n${server.output()}`);
        }
      };

      // After the restart: every enterprise's chain verifies and the trial balance nets to zero.
      const verify = await get(`/api/enterprises/${w.enterprise.id}/ledger/verify`);
      expect([trial, verify]).toEqual([trial, expect.objectContaining({ valid: true })]);
      const tb = (await get(`/api/enterprises/${w.enterprise.id}/trial-balance?on=${londonDate()}`)) as { totalDebitPence: number; totalCreditPence: number };
      expect([trial, tb.totalDebitPence - tb.totalCreditPence]).toEqual([trial, 0]);

      let running = true;
      const loops: Promise<void>[] = [];
      for (let c = 0; c < 3; c++) {
        loops.push(
          (async () => {
            while (running) {
              const key = `crash-${trial}-${randomUUID()}`;
              const pence = 100 + Math.floor(random() * 900);
              await call('entry', baseUrl, `/api/enterprises/${w.enterprise.id}/journal-entries`, lead, { idempotencyKey: key, occurredOn: londonDate(), description: 'Crash test takings', lines: [{ accountCode: '1000', debitPence: pence }, { accountCode: '4000', creditPence: pence }] }, key);
            }
          })(),
          (async () => {
            while (running) {
              const key = randomUUID();
              const crisps = random() < 0.3;
              const body = crisps
                ? { lines: [{ productId: w.crisps.id, quantity: 1 }], payments: [{ method: 'CARD', amountPence: 80 }] }
                : { lines: [{ productId: w.tea.id, quantity: 1 }], payments: [{ method: 'CARD', amountPence: 120 }] };
              await call('sale', baseUrl, `/api/till-sessions/${sessionId}/sales`, lead, { clientId: key, ...body }, key);
            }
          })(),
          (async () => {
            while (running && nextPair < pairs.length) {
              const pair = pairs[nextPair++];
              await call('booking', baseUrl, `/api/shifts/${pair.shiftId}/assignments`, ot, { patientId: pair.patientId }, `${pair.shiftId}/${pair.patientId}`);
            }
          })(),
        );
      }

      // SIGKILL at a random moment of the load: nothing is flushed, nothing is closed.
      await sleep(200 + Math.floor(random() * 800));
      running = false; // no new request after this; those in flight meet the kill
      server.child.kill('SIGKILL');
      await server.exited;
      await Promise.all(loops);
      figures.kills++;

      const found = await inspect();
      expect([trial, found.problems]).toEqual([trial, []]);
      const lost = sent.filter((s) => s.id !== undefined && !(s.kind === 'entry' ? found.entries : s.kind === 'sale' ? found.sales : found.assignments).has(s.id!));
      expect([trial, lost]).toEqual([trial, []]);
    }

    for (const s of sent) {
      if (s.id !== undefined) figures.acknowledged[s.kind]++;
      else if (s.status === undefined) figures.unanswered++;
      else figures.refused++;
    }
    // Unanswered requests that committed anyway are allowed (the answer was lost, not the write);
    // retries are safe by idempotency key and clientId. Counted for the record.
    const ds = new DataSource(isPostgres ? { type: 'postgres', url: dbUrl, extra: { max: 1 } } : { type: 'sqlite', database: dbUrl.slice('sqlite:'.length) });
    await ds.initialize();
    try {
      const keys = new Set(((await ds.query('SELECT "idempotencyKey" AS k FROM journal_entries')) as { k: string }[]).map((r) => r.k));
      const clients = new Set(((await ds.query('SELECT "clientId" AS k FROM till_sales')) as { k: string }[]).map((r) => r.k));
      figures.unansweredButCommitted = sent.filter((s) => s.status === undefined && (s.kind === 'entry' ? keys.has(s.key) : s.kind === 'sale' ? clients.has(s.key) : false)).length;
    } finally {
      await ds.destroy();
    }
    console.log(`crash safety (${isPostgres ? 'PostgreSQL' : 'SQLite'}, seed ${SEED}): ${JSON.stringify(figures)}`);
    expect(figures.kills).toBe(KILLS);
    // the load really ran: writes of every kind were acknowledged, and kills cut requests off
    expect(figures.acknowledged.entry).toBeGreaterThan(0);
    expect(figures.acknowledged.sale).toBeGreaterThan(0);
    expect(figures.acknowledged.booking).toBeGreaterThan(0);
    expect(figures.acknowledged.entry + figures.acknowledged.sale + figures.acknowledged.booking).toBeGreaterThanOrEqual(KILLS);
    expect(figures.unanswered).toBeGreaterThan(0);
  });
});
