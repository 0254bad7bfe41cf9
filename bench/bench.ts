/*
 * npm run bench [-- --smoke] [-- --large 1000000 --small 1000 --enterprises 60 --patients 2000]
 *
 * Builds generated data sets (SQLite by default; DATABASE_URL=postgres://... for PostgreSQL,
 * whose public schema it empties) and prints figures measured in the same run, as ratios:
 *   - booking time with many past assignments / with few (target <= 1.3)
 *   - rota-week API time / the raw SQL query returning the same rows (target <= 2)
 *   - authenticated GET /api/me / a bare NestJS route in the same process (target <= 1.5)
 *   - with 50 connections (autocannon): authenticated rota-week req/s / the bare route's
 *     (target >= 0.5), the median of the ratios of --load-rounds rounds (default 3) that each
 *     load the three in turn, and the server's memory under that load
 *   - the ledger figures of ledger-bench.ts (--ledger-only skips the rota and outcomes ones)
 *   - the outcomes report API/SQL of outcomes-bench.ts (target <= 2; --outcomes-only runs just that)
 *   (--rota-only stops after the rota figures)
 *   - the till figures of tills-bench.ts: a sale with 1M / 1k past sale lines (target <= 1.2),
 *     closing a session of 500 sales (target < 1 s on SQLite); --tills-only runs just those
 */
import 'reflect-metadata';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as argon2 from 'argon2';
import type { World } from './generate';
import { bootBenchApp, median, PASSWORD, timed } from './bench-support';
import { ledgerBench } from './ledger-bench';
import { bootBareApp, load, type Load, mb } from './throughput';
import { outcomesBench } from './outcomes-bench';
import { tillsBench } from './tills-bench';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const smoke = process.argv.includes('--smoke');
const SIZES = {
  enterprises: arg('enterprises', smoke ? 3 : 60),
  patients: arg('patients', smoke ? 60 : 2000),
  small: arg('small', smoke ? 200 : 1000),
  large: arg('large', smoke ? 2000 : 1_000_000),
  trials: arg('trials', smoke ? 10 : 40),
};
const LOAD_SECONDS = arg('load-seconds', smoke ? 2 : 10);
const LOAD_CONNECTIONS = arg('connections', 50);
/** Load runs bare, rota week, /api/me in turn, this many times: on a shared machine a ratio is taken within one round. */
const LOAD_ROUNDS = arg('load-rounds', 3);

interface Figures {
  bookingMs: number;
  rotaApiMs: number;
  rotaSqlMs: number;
  floorMs: number;
  bareMs: number;
  rows: number;
  throughput?: { rota: Load; me: Load; bare: Load; idleRssBytes: number; rotaRatios: number[]; meRatios: number[] };
}

async function measure(pastAssignments: number, withLoad: boolean): Promise<Figures> {
  const { app, ds, dir, pg } = await bootBenchApp('ww-bench-');
  const { generate } = await import('./generate');
  const { newId } = await import('../src/database/columns');
  const { Shift } = await import('../src/rota/shift.entity');

  process.stderr.write(`\nBuilding ${pastAssignments.toLocaleString('en-GB')} past assignments (${pg ? 'PostgreSQL' : 'SQLite'})\n`);
  const world: World = await generate(ds, { enterprises: SIZES.enterprises, patients: SIZES.patients, pastAssignments }, await argon2.hash(PASSWORD, { type: argon2.argon2id }), PASSWORD);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const tokenRes = await fetch(`${base}/api/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: world.otUsername, password: PASSWORD }) });
  const { accessToken } = (await tokenRes.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };

  // Booking: a fresh future shift for a patient with history, booked through the API.
  const patients = [...world.placements.entries()];
  const bookings: number[] = [];
  for (let i = 0; i < SIZES.trials + 3; i++) {
    const [patientId, roleId] = patients[(i * 7919) % patients.length];
    const start = new Date(Date.now() + (i + 1) * 86_400_000);
    start.setUTCHours(14, 0, 0, 0);
    const shiftId = newId();
    const enterpriseId = world.enterpriseIds[Math.floor(world.roleIds.indexOf(roleId) / 3)];
    await ds.getRepository(Shift).insert({ id: shiftId, workRoleId: roleId, enterpriseId, startAt: start, endAt: new Date(start.getTime() + 3_600_000), capacity: 4, supervisorUserId: world.supervisorId, escortUserIds: [], locationNote: null, status: 'PUBLISHED', cancelReason: null, patternId: null, createdByUserId: world.otUserId, createdAt: new Date(), updatedAt: new Date(), publishedAt: new Date() });
    const [ms, res] = await timed(() => fetch(`${base}/api/shifts/${shiftId}/assignments`, { method: 'POST', headers: auth, body: JSON.stringify({ patientId }) }));
    if (res.status !== 201) throw new Error(`booking answered ${res.status}: ${await res.text()}`);
    if (i >= 3) bookings.push(ms); // the first few warm up caches and JIT
  }

  // Rota week: one enterprise's shifts over a past week full of history, API vs raw SQL.
  const enterpriseId = world.enterpriseIds[0];
  const to = new Date(Date.now() - 7 * 86_400_000);
  const from = new Date(to.getTime() - 7 * 86_400_000);
  const url = `${base}/api/shifts?enterpriseId=${enterpriseId}&from=${from.toISOString()}&to=${to.toISOString()}&limit=200`;
  const p = (n: number) => (pg ? `$${n}` : '?');
  const fmt = (d: Date) => (pg ? d.toISOString() : d.toISOString().replace('T', ' ').replace('Z', ''));
  const sql = `SELECT s.id, s."workRoleId", r.title, s."enterpriseId", e.name, s."startAt", s."endAt", s.capacity, s."supervisorUserId", s."escortUserIds", s."locationNote", s.status, s."cancelReason", s."patternId",
      (SELECT COUNT(*) FROM assignments a WHERE a."shiftId" = s.id AND a.status IN ('BOOKED', 'NEEDS_REVIEW')) AS booked
    FROM shifts s JOIN work_roles r ON r.id = s."workRoleId" JOIN enterprises e ON e.id = s."enterpriseId"
    WHERE s."enterpriseId" = ${p(1)} AND s."startAt" >= ${p(2)} AND s."startAt" < ${p(3)} ORDER BY s."startAt", s.id LIMIT 200`;
  // The fixed cost of any authenticated API call (HTTP, auth guard, JSON), for reading the ratio.
  const floorTimes: number[] = [];
  for (let i = 0; i < SIZES.trials + 3; i++) {
    const [f] = await timed(() => fetch(`${base}/api/me`, { headers: auth }).then((r) => r.json()));
    if (i >= 3) floorTimes.push(f);
  }
  const apiTimes: number[] = [];
  const sqlTimes: number[] = [];
  let rows = 0;
  for (let i = 0; i < SIZES.trials + 3; i++) {
    const [a, res] = await timed(() => fetch(url, { headers: auth }).then((r) => r.json() as Promise<{ items: unknown[] }>));
    const [s, raw] = await timed(() => ds.query(sql, [enterpriseId, fmt(from), fmt(to)]));
    if (res.items.length !== raw.length) throw new Error(`API returned ${res.items.length} rows, SQL ${raw.length}`);
    rows = raw.length;
    if (i >= 3) {
      apiTimes.push(a);
      sqlTimes.push(s);
    }
  }

  // A bare NestJS route in this same process: what /api/me costs beyond it is the fixed cost of
  // authentication. Timed interleaved with /api/me so both see the same machine.
  const bare = await bootBareApp();
  const bareTimes: number[] = [];
  const meTimes: number[] = [];
  for (let i = 0; i < SIZES.trials + 3; i++) {
    const [b] = await timed(() => fetch(bare.url).then((r) => r.json()));
    const [m] = await timed(() => fetch(`${base}/api/me`, { headers: auth }).then((r) => r.json()));
    if (i >= 3) {
      bareTimes.push(b);
      meTimes.push(m);
    }
  }
  let throughput: Figures['throughput'];
  if (withLoad) {
    const idleRssBytes = process.memoryUsage().rss;
    const runs: { bare: Load; rota: Load; me: Load }[] = [];
    for (let round = 0; round < LOAD_ROUNDS; round++) {
      const bareLoad = await load(bare.url, {}, LOAD_CONNECTIONS, LOAD_SECONDS);
      const rotaLoad = await load(url, { authorization: auth.authorization }, LOAD_CONNECTIONS, LOAD_SECONDS);
      const meLoad = await load(`${base}/api/me`, { authorization: auth.authorization }, LOAD_CONNECTIONS, LOAD_SECONDS);
      for (const l of [bareLoad, rotaLoad, meLoad]) if (l.non2xx || l.errors) throw new Error(`load run answered ${l.non2xx} non-2xx and ${l.errors} errors`);
      runs.push({ bare: bareLoad, rota: rotaLoad, me: meLoad });
    }
    const medianLoad = (pick: (r: (typeof runs)[number]) => Load): Load => {
      const ls = runs.map(pick);
      return { requestsPerSecond: median(ls.map((l) => l.requestsPerSecond)), non2xx: 0, errors: 0, maxRssBytes: Math.max(...ls.map((l) => l.maxRssBytes)) };
    };
    throughput = {
      rota: medianLoad((r) => r.rota),
      me: medianLoad((r) => r.me),
      bare: medianLoad((r) => r.bare),
      idleRssBytes,
      rotaRatios: runs.map((r) => r.rota.requestsPerSecond / r.bare.requestsPerSecond),
      meRatios: runs.map((r) => r.me.requestsPerSecond / r.bare.requestsPerSecond),
    };
  }
  await bare.close();
  await app.close();
  if (!pg) rmSync(dir, { recursive: true, force: true });
  return { bookingMs: median(bookings), rotaApiMs: median(apiTimes), rotaSqlMs: median(sqlTimes), floorMs: median(meTimes.length ? meTimes : floorTimes), bareMs: median(bareTimes), rows, throughput };
}

async function main(): Promise<void> {
  process.stderr.write(`WardWorks benchmark${smoke ? ' (smoke size)' : ''}: ${JSON.stringify(SIZES)}\n`);
  const tillSizes = { large: arg('tills-large', smoke ? 2000 : 1_000_000), small: arg('tills-small', smoke ? 200 : 1000), trials: SIZES.trials };
  // The till figures run on a SQLite file of their own, which a process whose entities were
  // loaded for PostgreSQL cannot open (Nest exited silently with 1 here).
  const tills = async () => {
    if (process.env.DATABASE_URL?.startsWith('postgres')) process.stdout.write('\nTill figures: SQLite only; run without DATABASE_URL\n');
    else await tillsBench(tillSizes);
  };
  if (process.argv.includes('--tills-only')) return tills();
  if (process.argv.includes('--outcomes-only')) return outcomesBench({ large: arg('outcomes-large', SIZES.large), enterprises: SIZES.enterprises, patients: SIZES.patients, trials: SIZES.trials });
  if (!process.argv.includes('--ledger-only')) await rotaFigures();
  if (process.argv.includes('--rota-only')) return;
  await ledgerBench({ large: arg('ledger-large', smoke ? 2000 : 1_000_000), small: arg('ledger-small', smoke ? 200 : 1000), trials: SIZES.trials, enterprises: smoke ? 2 : 4 });
  if (!process.argv.includes('--ledger-only')) await outcomesBench({ large: arg('outcomes-large', SIZES.large), enterprises: SIZES.enterprises, patients: SIZES.patients, trials: SIZES.trials });
  if (!process.argv.includes('--ledger-only')) await tills();
}

async function rotaFigures(): Promise<void> {
  const small = await measure(SIZES.small, false);
  const large = await measure(SIZES.large, true);
  const bookingRatio = large.bookingMs / small.bookingMs;
  const rotaRatio = large.rotaApiMs / large.rotaSqlMs;
  const line = (name: string, v: string) => process.stdout.write(`${name.padEnd(58)} ${v}\n`);
  process.stdout.write('\nFigures (medians over one run; compare ratios, not milliseconds):\n');
  line(`booking with ${SIZES.small.toLocaleString('en-GB')} past assignments`, `${small.bookingMs.toFixed(2)} ms`);
  line(`booking with ${SIZES.large.toLocaleString('en-GB')} past assignments`, `${large.bookingMs.toFixed(2)} ms`);
  line('booking ratio large/small (target <= 1.3)', `${bookingRatio.toFixed(2)}`);
  line(`rota-week API (${large.rows} shifts)`, `${large.rotaApiMs.toFixed(2)} ms`);
  line('rota-week raw SQL, same rows', `${large.rotaSqlMs.toFixed(2)} ms`);
  line('rota-week ratio API/SQL (target <= 2)', `${rotaRatio.toFixed(2)}`);
  line('floor: GET /api/me, any authenticated request', `${large.floorMs.toFixed(2)} ms`);
  line('rota-week (API - floor)/SQL', `${((large.rotaApiMs - large.floorMs) / large.rotaSqlMs).toFixed(2)}`);
  line('bare NestJS route, same process', `${large.bareMs.toFixed(2)} ms`);
  line('authenticated /api/me / bare route (target <= 1.5)', `${(large.floorMs / large.bareMs).toFixed(2)}`);
  const t = large.throughput;
  if (t) {
    const db = process.env.DATABASE_URL?.startsWith('postgres') ? 'PostgreSQL' : 'SQLite';
    const range = (xs: number[]) => `(rounds: ${xs.map((x) => x.toFixed(2)).join(', ')})`;
    line(`throughput, ${LOAD_CONNECTIONS} connections, ${LOAD_SECONDS} s each, median of ${LOAD_ROUNDS} rounds (${db}):`, '');
    line('  bare NestJS route', `${t.bare.requestsPerSecond.toFixed(0)} req/s`);
    line('  authenticated GET /api/me', `${t.me.requestsPerSecond.toFixed(0)} req/s`);
    line(`  authenticated rota week (${large.rows} shifts)`, `${t.rota.requestsPerSecond.toFixed(0)} req/s`);
    line('throughput ratio rota-week / bare route (target >= 0.5)', `${median(t.rotaRatios).toFixed(2)} ${range(t.rotaRatios)}`);
    line('throughput ratio /api/me / bare route', `${median(t.meRatios).toFixed(2)} ${range(t.meRatios)}`);
    line('server memory (RSS) idle / most under load', `${mb(t.idleRssBytes)} / ${mb(Math.max(t.rota.maxRssBytes, t.me.maxRssBytes))}`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
