/*
 * The till section of `npm run bench` (called from bench.ts; --tills-only runs just it), on SQLite
 * (or the PostgreSQL of DATABASE_URL for the large set only). It measures in one run:
 *   - a sale through the API with `large` past sale lines (1,000,000) / with `small` (1,000)
 *     (target <= 1.2); both data sets run side by side and sales alternate between them;
 *   - closing a session of 500 sales through the API (target: under 1 s on SQLite).
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as argon2 from 'argon2';
import type { DataSource, EntityManager } from 'typeorm';
import { bootBenchApp, median, PASSWORD, timed } from './bench-support';

export interface TillsBenchSizes {
  large: number;
  small: number;
  trials: number;
}

async function bulkInsert(em: DataSource | EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const pg = (em as DataSource).options?.type === 'postgres' || (em as EntityManager).connection?.options.type === 'postgres';
  let n = 0;
  const values = rows.map((r) => `(${r.map(() => (pg ? `$${++n}` : '?')).join(',')})`).join(',');
  await em.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${values}`, rows.flat());
}

interface Running {
  base: string;
  auth: Record<string, string>;
  enterpriseId: string;
  productIds: string[];
  close: () => Promise<void>;
}

async function boot(lines: number): Promise<Running> {
  const { app, ds, dir, pg } = await bootBenchApp('ww-tills-bench-', { databaseUrl: (d) => `sqlite:${join(d, 'bench.sqlite')}` });
  process.stderr.write(`\nBuilding ${lines.toLocaleString('en-GB')} past sale lines (${pg ? 'PostgreSQL' : 'SQLite'})\n`);
  const { newId } = await import('../src/database/columns');
  const now = new Date();
  const instant = (d: Date) => (pg ? d.toISOString() : d.toISOString().replace('T', ' ').replace('Z', ''));
  const siteId = newId();
  const adminId = newId();
  const adminUsername = `bench-admin-${adminId.slice(0, 6)}`;
  const enterpriseId = newId();
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id });
  const { Site } = await import('../src/wards/site.entity');
  const { Enterprise } = await import('../src/enterprises/enterprise.entity');
  const { User } = await import('../src/users/user.entity');
  const { Product } = await import('../src/catalogue/product.entity');
  const { ProductPrice } = await import('../src/catalogue/product-price.entity');
  const productIds = Array.from({ length: 12 }, () => newId());
  const sessionId = newId();
  await ds.transaction(async (tx) => {
    await tx.insert(Site, { id: siteId, name: `Till bench ${siteId.slice(0, 6)}`, defaultWeeklyEarningsCapPence: null, defaultWeeklyHoursCapMinutes: null, createdAt: now });
    await tx.insert(User, { id: adminId, username: adminUsername, displayName: adminUsername, role: 'ADMIN', passwordHash: hash, active: true, patientId: null, failedSignIns: 0, lockedUntil: null, mustChangePassword: false, passwordChangedAt: now, lastSignInAt: null, createdAt: now, updatedAt: now } as never);
    await tx.insert(Enterprise, { id: enterpriseId, siteId, wardId: null, name: 'Till bench café', kind: 'CAFE', businessNeed: 'Benchmark', locationZone: 'GROUNDS', minimumLeave: 'ESCORTED_GROUNDS', referenceName: 'Bench', openingTimes: null, status: 'ACTIVE', createdAt: now, updatedAt: now } as never);
    for (const [i, id] of productIds.entries()) {
      await tx.insert(Product, { id, enterpriseId, kind: 'PRODUCT', name: `Item ${i}`, category: i % 2 ? 'Food' : 'Drinks', pricePence: 100 + i * 10, unit: null, active: true, durationMinutes: null, slotCapacity: null, bufferMinutes: null, minimumNoticeMinutes: null, cancellationCutoffMinutes: null, detailsLabel: null, incomeAccountCode: '4000', trackStock: i % 2 === 1, allowNegativeStock: false, stockOnHand: 100_000_000, averageCostPence: 40, reorderLevel: null, createdByUserId: adminId, createdAt: now, updatedAt: now } as never);
      await tx.insert(ProductPrice, { id: newId(), productId: id, pricePence: 100 + i * 10, effectiveOn: '2020-01-01', createdByUserId: adminId, createdAt: now });
    }
    await bulkInsert(tx, 'till_sessions', ['id', 'enterpriseId', 'till', 'openKey', 'status', 'openingFloatPence', 'expectedCashPence', 'countedCashPence', 'journalEntryId', 'openedByUserId', 'openedAt', 'closedByUserId', 'closedAt'], [[sessionId, enterpriseId, 'History', sessionId, 'CLOSED', 0, 0, 0, null, adminId, instant(now), adminId, instant(now)]]);
  });
  const sales = Math.floor(lines / 2);
  for (let start = 0; start < sales; start += 1500) {
    const saleRows: unknown[][] = [];
    const lineRows: unknown[][] = [];
    const payRows: unknown[][] = [];
    for (let i = start; i < Math.min(sales, start + 1500); i++) {
      const id = newId();
      const at = instant(new Date(now.getTime() - (sales - i) * 60_000));
      saleRows.push([id, newId(), sessionId, enterpriseId, 'SALE', 'VISITOR', 300, 0, null, null, adminId, at]);
      lineRows.push([newId(), id, 1, productIds[i % 12], 'Item', 'Food', 1, 150, 40, '4000'], [newId(), id, 2, productIds[(i + 5) % 12], 'Item', 'Food', 1, 150, 0, '4000']);
      payRows.push([newId(), id, 'CASH', 300, null, null]);
    }
    await ds.transaction(async (tx) => {
      await bulkInsert(tx, 'till_sales', ['id', 'clientId', 'sessionId', 'enterpriseId', 'kind', 'customerType', 'totalPence', 'changePence', 'refundOfSaleId', 'reason', 'operatorUserId', 'createdAt'], saleRows);
      for (let j = 0; j < lineRows.length; j += 1500) await bulkInsert(tx, 'till_sale_lines', ['id', 'saleId', 'lineNo', 'productId', 'productName', 'category', 'quantity', 'unitPricePence', 'unitCostPence', 'incomeAccountCode'], lineRows.slice(j, j + 1500));
      await bulkInsert(tx, 'till_payments', ['id', 'saleId', 'method', 'amountPence', 'patientId', 'costCentreId'], payRows);
    });
    if (start % 150_000 === 0) process.stderr.write(`  ${(start * 2).toLocaleString('en-GB')} lines\n`);
  }
  if (!pg) await ds.query('ANALYZE');
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const tokenRes = await fetch(`${base}/api/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: adminUsername, password: PASSWORD }) });
  const { accessToken } = (await tokenRes.json()) as { accessToken: string };
  return {
    base,
    auth: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    enterpriseId,
    productIds,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openSession(r: Running, till: string): Promise<string> {
  const res = await fetch(`${r.base}/api/enterprises/${r.enterpriseId}/till-sessions`, { method: 'POST', headers: r.auth, body: JSON.stringify({ openingFloatPence: 5000, till }) });
  if (res.status !== 201) throw new Error(`open answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

async function sale(r: Running, sessionId: string, i: number): Promise<number> {
  const body = { clientId: randomUUID(), lines: [{ productId: r.productIds[i % 12], quantity: 1 }, { productId: r.productIds[(i + 5) % 12], quantity: 2 }], payments: [{ method: 'CASH', amountPence: 2000 }] };
  const [ms, res] = await timed(() => fetch(`${r.base}/api/till-sessions/${sessionId}/sales`, { method: 'POST', headers: r.auth, body: JSON.stringify(body) }));
  if (res.status !== 201) throw new Error(`sale answered ${res.status}: ${await res.text()}`);
  return ms;
}

export async function tillsBench(sizes: TillsBenchSizes): Promise<void> {
  const large = await boot(sizes.large);
  const small = await boot(sizes.small);
  const largeSession = await openSession(large, 'Bench');
  const smallSession = await openSession(small, 'Bench');
  const l: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < sizes.trials + 5; i++) {
    const a = await sale(large, largeSession, i);
    const b = await sale(small, smallSession, i);
    if (i >= 5) {
      l.push(a);
      s.push(b);
    }
  }
  // Closing a session of 500 sales (on the small data set, so only the session's size counts).
  const closing = await openSession(small, 'Five hundred');
  for (let i = 0; i < 500; i++) await sale(small, closing, i);
  const [closeMs, res] = await timed(() => fetch(`${small.base}/api/till-sessions/${closing}/close`, { method: 'POST', headers: small.auth, body: JSON.stringify({ countedCashPence: 0 }) }));
  if (res.status !== 200) throw new Error(`close answered ${res.status}: ${await res.text()}`);
  await large.close();
  await small.close();
  const line = (name: string, v: string) => process.stdout.write(`${name.padEnd(58)} ${v}\n`);
  process.stdout.write('\nTill figures (medians over one run):\n');
  line(`sale with ${sizes.small.toLocaleString('en-GB')} past sale lines`, `${median(s).toFixed(2)} ms`);
  line(`sale with ${sizes.large.toLocaleString('en-GB')} past sale lines`, `${median(l).toFixed(2)} ms`);
  line('sale ratio large/small (target <= 1.2)', `${(median(l) / median(s)).toFixed(2)}`);
  line('closing a session of 500 sales (target < 1 s on SQLite)', `${closeMs.toFixed(0)} ms`);
}
