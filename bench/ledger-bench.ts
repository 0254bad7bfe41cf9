/*
 * The ledger section of `npm run bench` (called from bench.ts). On a generated data set with
 * `large` journal lines (1,000,000 by default) and another with `small` (1,000), it measures in
 * one run:
 *   - the yearly income statement through the API / the same SQL aggregate run raw (target <= 1.5)
 *   - posting a journal entry through the API with large / with small lines (target <= 1.3)
 * Lines are spread over a few enterprises and two years; the measured enterprise holds the most.
 * Entries are generated with real content hashes and a valid hash chain, so posting continues it.
 * Both data sets run side by side and postings alternate between them, so the load of a busy
 * machine falls on both alike and the ratio reflects the data size.
 */
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as argon2 from 'argon2';
import type { DataSource, EntityManager } from 'typeorm';
import { bootBenchApp, median, PASSWORD, timed } from './bench-support';
import { progress } from './generate';

export interface LedgerBenchSizes {
  large: number;
  small: number;
  trials: number;
  enterprises: number;
}

async function bulkInsert(em: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const pg = em.connection.options.type === 'postgres';
  let n = 0;
  const values = rows.map((r) => `(${r.map(() => (pg ? `$${++n}` : '?')).join(',')})`).join(',');
  await em.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${values}`, rows.flat());
}

/** Journal lines for a year's trading: takings, stock purchases, wages; two lines per entry. */
const KINDS = [
  { source: 'SALE', description: 'Daily takings', debit: '1100', credit: '4000', lo: 2000, hi: 15000 },
  { source: 'SALE', description: 'Daily takings', debit: '1000', credit: '4000', lo: 1000, hi: 8000 },
  { source: 'PURCHASE', description: 'Weekly stock order', debit: '5000', credit: '1100', lo: 1000, hi: 9000 },
  { source: 'PAYROLL', description: 'Wages', debit: '5100', credit: '2100', lo: 5000, hi: 20000 },
  { source: 'PAYROLL', description: 'Wages paid', debit: '2100', credit: '1100', lo: 5000, hi: 20000 },
] as const;

async function generateLedger(ds: DataSource, lines: number, enterprises: number, adminHash: string): Promise<{ enterpriseIds: string[]; adminUsername: string; adminId: string }> {
  const { newId } = await import('../src/database/columns');
  const { addDays, londonDate } = await import('../src/common/dates');
  const { Site } = await import('../src/wards/site.entity');
  const { Enterprise } = await import('../src/enterprises/enterprise.entity');
  const { User } = await import('../src/users/user.entity');
  const { LedgerRepository } = await import('../src/ledger/ledger.repository');
  const { chainHashOf, contentHashOf, GENESIS_HASH } = await import('../src/ledger/ledger-rules');
  const now = new Date();
  const today = londonDate(now);
  const pg = ds.options.type === 'postgres';
  const instant = pg ? now.toISOString() : now.toISOString().replace('T', ' ').replace('Z', '');
  const siteId = newId();
  const adminId = newId();
  const adminUsername = `bench-admin-${adminId.slice(0, 6)}`;
  const enterpriseIds = Array.from({ length: enterprises }, () => newId());
  const repo = new LedgerRepository();
  const accounts = new Map<string, Map<string, string>>();
  await ds.transaction(async (tx) => {
    await tx.insert(Site, { id: siteId, name: `Ledger bench site ${siteId.slice(0, 6)}`, defaultWeeklyEarningsCapPence: null, defaultWeeklyHoursCapMinutes: null, createdAt: now });
    await tx.insert(User, { id: adminId, username: adminUsername, displayName: adminUsername, role: 'ADMIN', passwordHash: adminHash, active: true, patientId: null, failedSignIns: 0, lockedUntil: null, mustChangePassword: false, passwordChangedAt: now, lastSignInAt: null, createdAt: now, updatedAt: now } as never);
    for (const id of enterpriseIds) {
      await tx.insert(Enterprise, { id, siteId, wardId: null, name: `Ledger bench ${id.slice(0, 8)}`, kind: 'CAFE', businessNeed: 'Benchmark', locationZone: 'GROUNDS', minimumLeave: 'ESCORTED_GROUNDS', referenceName: 'Bench', openingTimes: null, status: 'ACTIVE', createdAt: now, updatedAt: now } as never);
      accounts.set(id, new Map((await repo.ensureAccounts(tx, id)).map((a) => [a.code, a.id])));
    }
  });

  // Half the lines in the first enterprise (the one measured), the rest shared by the others.
  const pairs = Math.floor(lines / 2);
  const first = enterprises === 1 ? pairs : Math.ceil(pairs / 2);
  const shares = enterpriseIds.map((_, i) => 2 * (i === 0 ? first : Math.floor((pairs - first) / (enterprises - 1)) + (i <= (pairs - first) % (enterprises - 1) ? 1 : 0)));
  let made = 0;
  let seed = 12345;
  const rnd = (lo: number, hi: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return lo + (seed % (hi - lo + 1));
  };
  for (const [e, enterpriseId] of enterpriseIds.entries()) {
    const entryCount = shares[e] / 2;
    if (!entryCount) continue;
    let previousHash = GENESIS_HASH;
    const codes = accounts.get(enterpriseId)!;
    for (let start = 0; start < entryCount; start += 2000) {
      const entryRows: unknown[][] = [];
      const lineRows: unknown[][] = [];
      for (let i = start; i < Math.min(entryCount, start + 2000); i++) {
        const k = KINDS[i % KINDS.length];
        // Oldest first, spread evenly over the last two years.
        const occurredOn = addDays(today, -Math.floor(((entryCount - 1 - i) * 730) / entryCount));
        const amount = rnd(k.lo, k.hi);
        const content = { occurredOn, description: k.description, source: k.source, reversesEntryId: null, lines: [{ accountCode: k.debit, debitPence: amount, creditPence: 0 }, { accountCode: k.credit, debitPence: 0, creditPence: amount }] };
        const entryId = newId();
        const contentHash = contentHashOf(content);
        const ls = [
          { id: newId(), lineNo: 1, accountId: codes.get(k.debit)!, debitPence: amount, creditPence: 0 },
          { id: newId(), lineNo: 2, accountId: codes.get(k.credit)!, debitPence: 0, creditPence: amount },
        ];
        const key = `bench-${i}`;
        const hash = chainHashOf(previousHash, { enterpriseId, sequence: i + 1, occurredOn, originalOn: null, idempotencyKey: key, contentHash, createdByUserId: adminId, lines: ls });
        entryRows.push([entryId, enterpriseId, i + 1, occurredOn, null, k.description, k.source, key, contentHash, previousHash, hash, null, adminId, instant]);
        for (const l of ls) lineRows.push([l.id, entryId, enterpriseId, l.accountId, l.lineNo, occurredOn, l.debitPence, l.creditPence]);
        previousHash = hash;
      }
      await ds.transaction(async (tx) => {
        for (let i = 0; i < entryRows.length; i += 1000) await bulkInsert(tx, 'journal_entries', ['id', 'enterpriseId', 'sequence', 'occurredOn', 'originalOn', 'description', 'source', 'idempotencyKey', 'contentHash', 'previousHash', 'hash', 'reversesEntryId', 'createdByUserId', 'createdAt'], entryRows.slice(i, i + 1000));
        for (let i = 0; i < lineRows.length; i += 1000) await bulkInsert(tx, 'journal_lines', ['id', 'entryId', 'enterpriseId', 'accountId', 'lineNo', 'occurredOn', 'debitPence', 'creditPence'], lineRows.slice(i, i + 1000));
      });
      made += lineRows.length;
      progress('journal lines', made, lines);
    }
  }
  // VACUUM on PostgreSQL too, so autovacuum does not wake up on the fresh rows while we measure.
  await ds.query(pg ? 'VACUUM ANALYZE' : 'ANALYZE');
  return { enterpriseIds, adminUsername, adminId };
}

interface Running {
  base: string;
  auth: Record<string, string>;
  ds: DataSource;
  enterpriseId: string;
  pg: boolean;
  close: () => Promise<void>;
}

const SMALL_SCHEMA = 'ledger_bench_small';

/**
 * Boots an app on a fresh database holding `lines` journal lines. SQLite: a new file. PostgreSQL:
 * the large set in the public schema of DATABASE_URL (emptied), the small one in a schema of its
 * own (search_path in the connection options), so both can run side by side.
 */
async function boot(lines: number, sizes: LedgerBenchSizes, where: 'public' | 'small', pgUrl: string | undefined): Promise<Running> {
  const { app, ds, dir, pg } = await bootBenchApp('ww-ledger-bench-', {
    databaseUrl: (d) => (!pgUrl ? `sqlite:${join(d, 'bench.sqlite')}` : where === 'public' ? pgUrl : `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${SMALL_SCHEMA}`)}`),
    emptyPublicSchema: where === 'public',
  });
  process.stderr.write(`\nBuilding ${lines.toLocaleString('en-GB')} journal lines (${pg ? 'PostgreSQL' : 'SQLite'})\n`);
  const world = await generateLedger(ds, lines, sizes.enterprises, await argon2.hash(PASSWORD, { type: argon2.argon2id }));
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const tokenRes = await fetch(`${base}/api/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: world.adminUsername, password: PASSWORD }) });
  const { accessToken } = (await tokenRes.json()) as { accessToken: string };
  return {
    base,
    auth: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    ds,
    enterpriseId: world.enterpriseIds[0],
    pg,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The yearly income statement through the API and as the same raw SQL aggregate, interleaved. */
async function statementFigures(r: Running, trials: number): Promise<{ apiMs: number; sqlMs: number; floorMs: number; yearLines: number }> {
  const { londonDate, addDays } = await import('../src/common/dates');
  const to = londonDate();
  const from = addDays(to, -364);
  const p = (n: number) => (r.pg ? `$${n}` : '?');
  const sql = `SELECT a.code, a.name, a.type, s.d, s.c FROM ledger_accounts a JOIN (
      SELECT l."accountId" AS id, SUM(l."debitPence") AS d, SUM(l."creditPence") AS c FROM journal_lines l
      WHERE l."enterpriseId" = ${p(1)} AND l."occurredOn" >= ${p(2)} AND l."occurredOn" <= ${p(3)} GROUP BY l."accountId") s ON s.id = a.id
    WHERE a.type IN ('INCOME', 'EXPENSE') ORDER BY a.code`;
  const yearLines = Number((await r.ds.query(`SELECT COUNT(*) AS n FROM journal_lines WHERE "enterpriseId" = ${p(1)} AND "occurredOn" >= ${p(2)} AND "occurredOn" <= ${p(3)}`, [r.enterpriseId, from, to]))[0].n);
  const floor: number[] = [];
  const api: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < trials + 3; i++) {
    const [f] = await timed(() => fetch(`${r.base}/api/me`, { headers: r.auth }).then((x) => x.json()));
    const [a, body] = await timed(() => fetch(`${r.base}/api/enterprises/${r.enterpriseId}/income-statement?from=${from}&to=${to}`, { headers: r.auth }).then((x) => x.json() as Promise<{ incomePence: number }>));
    const [s, rows] = await timed(() => r.ds.query(sql, [r.enterpriseId, from, to]) as Promise<{ type: string; d: unknown; c: unknown }[]>);
    const income = rows.filter((x) => x.type === 'INCOME').reduce((t, x) => t + Number(x.c) - Number(x.d), 0);
    if (income !== body.incomePence) throw new Error(`API income ${body.incomePence}, SQL income ${income}`);
    if (i >= 3) {
      floor.push(f);
      api.push(a);
      raw.push(s);
    }
  }
  return { apiMs: median(api), sqlMs: median(raw), floorMs: median(floor), yearLines };
}

/** Posting through the API, alternating between the two data sets so both see the same machine load. */
async function postingFigures(small: Running, large: Running, trials: number): Promise<{ smallMs: number; largeMs: number }> {
  const { londonDate } = await import('../src/common/dates');
  const times = { small: [] as number[], large: [] as number[] };
  for (let i = 0; i < trials + 3; i++) {
    for (const [name, r] of (i % 2 ? [['large', large], ['small', small]] : [['small', small], ['large', large]]) as ['small' | 'large', Running][]) {
      const body = { idempotencyKey: `bench-post-${i}`, occurredOn: londonDate(), description: 'Bench takings', lines: [{ accountCode: '1000', debitPence: 100 + i }, { accountCode: '4000', creditPence: 100 + i }] };
      const [ms, res] = await timed(() => fetch(`${r.base}/api/enterprises/${r.enterpriseId}/journal-entries`, { method: 'POST', headers: r.auth, body: JSON.stringify(body) }));
      if (res.status !== 201) throw new Error(`posting answered ${res.status}: ${await res.text()}`);
      if (i >= 3) times[name].push(ms);
    }
  }
  return { smallMs: median(times.small), largeMs: median(times.large) };
}

/** Builds both data sets, measures, and prints the ledger figures. */
export async function ledgerBench(sizes: LedgerBenchSizes): Promise<void> {
  const pgUrl = /^postgres/.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL : undefined;
  const large = await boot(sizes.large, sizes, 'public', pgUrl);
  if (pgUrl) {
    await large.ds.query(`DROP SCHEMA IF EXISTS ${SMALL_SCHEMA} CASCADE`);
    await large.ds.query(`CREATE SCHEMA ${SMALL_SCHEMA}`);
  }
  const small = await boot(sizes.small, sizes, 'small', pgUrl);
  const statement = await statementFigures(large, sizes.trials);
  const posting = await postingFigures(small, large, sizes.trials);
  await small.close();
  if (pgUrl) await large.ds.query(`DROP SCHEMA IF EXISTS ${SMALL_SCHEMA} CASCADE`);
  await large.close();
  if (pgUrl) process.env.DATABASE_URL = pgUrl;

  const line = (name: string, v: string) => process.stdout.write(`${name.padEnd(58)} ${v}\n`);
  process.stdout.write('\nLedger figures (medians over one run; compare ratios, not milliseconds):\n');
  line(`yearly income statement API (${statement.yearLines.toLocaleString('en-GB')} lines in the year)`, `${statement.apiMs.toFixed(2)} ms`);
  line('same aggregate, raw SQL', `${statement.sqlMs.toFixed(2)} ms`);
  line('income statement ratio API/SQL (target <= 1.5)', `${(statement.apiMs / statement.sqlMs).toFixed(2)}`);
  line('floor: GET /api/me, any authenticated request', `${statement.floorMs.toFixed(2)} ms`);
  line(`posting with ${sizes.small.toLocaleString('en-GB')} journal lines`, `${posting.smallMs.toFixed(2)} ms`);
  line(`posting with ${sizes.large.toLocaleString('en-GB')} journal lines`, `${posting.largeMs.toFixed(2)} ms`);
  line('posting ratio large/small (target <= 1.3)', `${(posting.largeMs / posting.smallMs).toFixed(2)}`);
}
