/*
 * The outcomes section of `npm run bench` (called from bench.ts). On the benchmark's data set
 * (generate.ts, `large` past assignments, each given an attendance record here) it measures in
 * one run the yearly outcomes report by site through the API against the SQL it needs run raw
 * (the repository's aggregate queries, without the service, suppression, JSON or HTTP):
 *   - outcomes report API/SQL (target <= 2), and its time (target < 3 s at 1M on SQLite)
 *   - the worst latency of another user's GET /api/me while the report runs / its idle median
 *     (target <= 5), and as a control the same with no report running for as long
 */
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import * as argon2 from 'argon2';
import { bootBenchApp, median, PASSWORD, timed } from './bench-support';

export interface OutcomesBenchSizes {
  large: number;
  enterprises: number;
  patients: number;
  trials: number;
}

export async function outcomesBench(sizes: OutcomesBenchSizes): Promise<void> {
  const { app, ds, dir, pg } = await bootBenchApp('ww-bench-outcomes-');
  const { generate } = await import('./generate');
  const { newId } = await import('../src/database/columns');
  const { User } = await import('../src/users/user.entity');
  const { OutcomesRepository } = await import('../src/outcomes/outcomes.repository');
  const { parseReportQuery } = await import('../src/outcomes/report-query');

  process.stderr.write(`\nOutcomes: building ${sizes.large.toLocaleString('en-GB')} past assignments with attendance (${pg ? 'PostgreSQL' : 'SQLite'})\n`);
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id });
  const world = await generate(ds, { enterprises: sizes.enterprises, patients: sizes.patients, pastAssignments: sizes.large }, hash, PASSWORD);
  // Attendance for every past assignment: mostly attended, every 11th absent, every 23rd cancelled.
  // The database's trigger stores each one's final outcome (assignment_outcomes) in the same statement.
  const mod = (n: number) => (pg ? `abs(hashtext(a.id)) % ${n}` : `a.rowid % ${n}`);
  await ds.query(
    `INSERT INTO attendance_records (id, "assignmentId", status, "actualStartAt", "actualEndAt", "reasonCode", reason, "minutesWorked", "payPence", "hourlyRatePence", "supersedesId", "recordedByUserId", "recordedAt")
     SELECT x.id, x.id, x.st, x."startAt", x."endAt", CASE WHEN x.st = 'CANCELLED' THEN 'WARD_ROUND' END, NULL,
       CASE WHEN x.st = 'ATTENDED' THEN x."plannedMinutes" ELSE 0 END, CASE WHEN x.st = 'ATTENDED' THEN x."plannedPayPence" ELSE 0 END, x."hourlyRatePence", NULL, ${pg ? '$1' : '?'}, x."endAt"
     FROM (SELECT a.id, a."startAt", a."endAt", a."plannedMinutes", a."plannedPayPence", r."hourlyRatePence", CASE WHEN ${mod(23)} = 0 THEN 'CANCELLED' WHEN ${mod(11)} = 0 THEN 'ABSENT' ELSE 'ATTENDED' END AS st
       FROM assignments a INNER JOIN shifts s ON s.id = a."shiftId" INNER JOIN work_roles r ON r.id = s."workRoleId") x`,
    [world.otUserId],
  );
  await ds.query('ANALYZE');
  const adminId = newId();
  const now = new Date();
  await ds.getRepository(User).insert({ id: adminId, username: `bench-admin-${adminId.slice(0, 6)}`, displayName: 'Bench admin', role: 'ADMIN', passwordHash: hash, active: true, patientId: null, failedSignIns: 0, lockedUntil: null, mustChangePassword: false, passwordChangedAt: now, lastSignInAt: null, createdAt: now, updatedAt: now } as never);

  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const tokenRes = await fetch(`${base}/api/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `bench-admin-${adminId.slice(0, 6)}`, password: PASSWORD }) });
  const { accessToken } = (await tokenRes.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}` };

  const q = parseReportQuery({ groupBy: 'site' });
  const url = `${base}/api/reports/outcomes?from=${q.from}&to=${q.to}&groupBy=site`;
  const repo = new OutcomesRepository();
  const trials = Math.max(3, Math.round(sizes.trials / 4));
  const apiTimes: number[] = [];
  const sqlTimes: number[] = [];
  let attended = 0;
  for (let i = 0; i < trials + 1; i++) {
    const [a, res] = await timed(() => fetch(url, { headers: auth }).then((r) => r.json() as Promise<{ total: { work: { shiftsAttended: number } } }>));
    const [s, rows] = await timed(() => repo.load(ds.manager, q));
    const raw = rows.workTotal[0]?.attended ?? 0;
    if (res.total.work.shiftsAttended !== raw) throw new Error(`API counted ${res.total.work.shiftsAttended} shifts attended, SQL ${raw}`);
    attended = raw;
    if (i >= 1) {
      apiTimes.push(a);
      sqlTimes.push(s);
    }
  }

  // Other users while a long report runs: /api/me by the OT, sent one after another for as long
  // as the admin's report takes; its worst latency against its idle median.
  const otRes = await fetch(`${base}/api/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: world.otUsername, password: PASSWORD }) });
  const otAuth = { authorization: `Bearer ${((await otRes.json()) as { accessToken: string }).accessToken}` };
  const me = () => fetch(`${base}/api/me`, { headers: otAuth }).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`/api/me answered ${r.status}`))));
  const idle: number[] = [];
  for (let i = 0; i < sizes.trials + 3; i++) {
    const [ms] = await timed(me);
    if (i >= 3) idle.push(ms);
  }
  // What held the main thread while the samples ran: the longest garbage-collection pause and the
  // longest event-loop delay in each loop (the worst sample against these tells where it waited).
  let gcMax = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMax = Math.max(gcMax, e.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  let worstDuring = 0;
  let during = 0;
  const reportTimes: number[] = [];
  for (let i = 0; i < 2; i++) {
    let done = false;
    const t0 = process.hrtime.bigint();
    const report = fetch(url, { headers: auth })
      .then((r) => r.json())
      .finally(() => {
        done = true;
        reportTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
      });
    while (!done) {
      const [ms] = await timed(me);
      worstDuring = Math.max(worstDuring, ms);
      during += 1;
    }
    await report;
  }
  await new Promise((resolve) => setImmediate(resolve)); // the observer's last entries
  const held = { gc: gcMax, loop: loopDelay.max / 1e6 };
  gcMax = 0;
  loopDelay.reset();
  // The same loop for as long, with no report running: the worst a shared machine gives anyway
  // (scheduling, GC), to read the ratio above against.
  let worstQuiet = 0;
  let quiet = 0;
  const quietUntil = process.hrtime.bigint() + BigInt(Math.round(reportTimes.reduce((a, b) => a + b, 0) * 1e6));
  while (process.hrtime.bigint() < quietUntil) {
    const [ms] = await timed(me);
    worstQuiet = Math.max(worstQuiet, ms);
    quiet += 1;
  }
  await new Promise((resolve) => setImmediate(resolve));
  const heldQuiet = { gc: gcMax, loop: loopDelay.max / 1e6 };
  gc.disconnect();
  loopDelay.disable();
  await app.close();
  if (!pg) rmSync(dir, { recursive: true, force: true });
  const line = (name: string, v: string) => process.stdout.write(`${name.padEnd(58)} ${v}\n`);
  const api = median(apiTimes);
  const sql = median(sqlTimes);
  line(`outcomes report API, a year by site (${attended.toLocaleString('en-GB')} shifts attended)`, `${api.toFixed(2)} ms`);
  line('outcomes report raw SQL, same queries', `${sql.toFixed(2)} ms`);
  line('outcomes report API/SQL (target <= 2)', `${(api / sql).toFixed(2)}`);
  line(`outcomes report time at ${sizes.large.toLocaleString('en-GB')} assignments${pg ? '' : ' (target < 3 s at 1M on SQLite)'}`, `${(api / 1000).toFixed(2)} s`);
  const idleMs = median(idle);
  line('GET /api/me by another user, idle', `${idleMs.toFixed(2)} ms`);
  line(`  worst of ${during} sent during two reports`, `${worstDuring.toFixed(2)} ms`);
  line('worst latency during a report / idle (target <= 5)', `${(worstDuring / idleMs).toFixed(2)}`);
  line('  longest GC pause / event-loop delay meanwhile', `${held.gc.toFixed(2)} / ${held.loop.toFixed(2)} ms`);
  line(`  control: worst of ${quiet} sent as long with no report / idle`, `${(worstQuiet / idleMs).toFixed(2)} (${worstQuiet.toFixed(2)} ms)`);
  line('  control: longest GC pause / event-loop delay', `${heldQuiet.gc.toFixed(2)} / ${heldQuiet.loop.toFixed(2)} ms`);
}
