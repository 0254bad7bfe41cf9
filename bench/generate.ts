import { DataSource, EntityManager } from 'typeorm';
import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { Enterprise } from '../src/enterprises/enterprise.entity';
import { EnterpriseLead } from '../src/enterprises/enterprise-lead.entity';
import { WorkRole } from '../src/enterprises/work-role.entity';
import { Patient } from '../src/patients/patient.entity';
import { Site } from '../src/wards/site.entity';
import { Ward } from '../src/wards/ward.entity';
import { UserWard } from '../src/users/user-ward.entity';
import { User } from '../src/users/user.entity';
import { minutesBetween, payPence } from '../src/rota/time-rules';

export interface BenchSize {
  enterprises: number;
  patients: number;
  pastAssignments: number;
}

export interface World {
  otUserId: string;
  otUsername: string;
  supervisorId: string;
  enterpriseIds: string[];
  roleIds: string[];
  /** patientId -> roleId of the patient's active placement */
  placements: Map<string, string>;
  password: string;
}

const ROLES_PER_ENTERPRISE = 3;
const CAPACITY = 4;

/** A text progress bar on stderr. */
export function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / Math.max(1, total)) * width);
  process.stderr.write(`\r${label.padEnd(24)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')}${done >= total ? '\n' : ''}`);
}

function sqlTime(ds: DataSource, d: Date): string {
  return ds.options.type === 'postgres' ? d.toISOString() : d.toISOString().replace('T', ' ').replace('Z', '');
}

/** Multi-row INSERT with the driver's placeholders; far faster than entity saves for bulk data. */
async function bulkInsert(em: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const pg = em.connection.options.type === 'postgres';
  let n = 0;
  const values = rows.map((r) => `(${r.map(() => (pg ? `$${++n}` : '?')).join(',')})`).join(',');
  await em.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${values}`, rows.flat());
}

/**
 * Builds the benchmark's data set: enterprises with roles, patients with leave and a
 * placement, and enough weeks of past shifts and assignments to reach the requested size.
 */
export async function generate(ds: DataSource, size: BenchSize, passwordHash: string, password: string): Promise<World> {
  const now = new Date();
  const today = londonDate(now);
  const em = ds.manager;
  const siteId = newId();
  const wardIds = Array.from({ length: 20 }, () => newId());
  const otUserId = newId();
  const supervisorId = newId();
  const otUsername = `bench-ot-${otUserId.slice(0, 6)}`;
  await ds.transaction(async (tx) => {
    await tx.insert(Site, { id: siteId, name: `Bench site ${siteId.slice(0, 6)}`, defaultWeeklyEarningsCapPence: null, defaultWeeklyHoursCapMinutes: null, createdAt: now });
    for (const [i, id] of wardIds.entries()) await tx.insert(Ward, { id, siteId, name: `Bench ward ${i}`, securityLevel: 'MEDIUM', active: true, createdAt: now });
    const user = (id: string, username: string, role: string) => ({ id, username, displayName: username, role, passwordHash, active: true, patientId: null, failedSignIns: 0, lockedUntil: null, mustChangePassword: false, passwordChangedAt: now, lastSignInAt: null, createdAt: now, updatedAt: now }) as User;
    await tx.insert(User, user(otUserId, otUsername, 'OT'));
    await tx.insert(User, user(supervisorId, `bench-sup-${supervisorId.slice(0, 6)}`, 'ENTERPRISE_LEAD'));
    for (const wardId of wardIds) await tx.insert(UserWard, { userId: otUserId, wardId });
  });

  const enterpriseIds: string[] = [];
  const roleIds: string[] = [];
  await ds.transaction(async (tx) => {
    for (let e = 0; e < size.enterprises; e++) {
      const id = newId();
      enterpriseIds.push(id);
      await tx.insert(Enterprise, { id, siteId, wardId: null, name: `Bench enterprise ${id.slice(0, 8)}`, kind: 'CAFE', businessNeed: 'Benchmark', locationZone: 'GROUNDS', minimumLeave: 'ESCORTED_GROUNDS', referenceName: 'Bench', openingTimes: null, status: 'ACTIVE', createdAt: now, updatedAt: now });
      await tx.insert(EnterpriseLead, { enterpriseId: id, userId: supervisorId });
      for (let r = 0; r < ROLES_PER_ENTERPRISE; r++) {
        const rid = newId();
        roleIds.push(rid);
        await tx.insert(WorkRole, { id: rid, enterpriseId: id, title: `Role ${r}`, duties: 'Benchmark', hourlyRatePence: 500 + r * 100, activities: [], prerequisiteSkills: [], positions: 1000, patientsPerSupervisor: 100, active: true, createdAt: now, updatedAt: now });
      }
    }
  });

  const placements = new Map<string, string>();
  const patientIds: string[] = [];
  for (let i = 0; i < size.patients; i += 500) {
    const batch = Array.from({ length: Math.min(500, size.patients - i) }, (_, k) => ({ id: newId(), n: i + k }));
    await ds.transaction(async (tx) => {
      await tx.insert(Patient, batch.map((b) => ({ id: b.id, wardId: wardIds[b.n % wardIds.length], displayName: `Bench patient ${b.n}`, hospitalNumber: `BENCH-${b.id.slice(0, 12)}`, status: 'ACTIVE', createdAt: now, updatedAt: now }) as Patient));
      await bulkInsert(tx, 'leave_events', ['id', 'patientId', 'kind', 'level', 'effectiveFrom', 'effectiveUntil', 'grantedBy', 'note', 'recordedByUserId', 'recordedAt'], batch.map((b) => [newId(), b.id, 'GRANT', 'UNESCORTED_COMMUNITY', addDays(today, -4000), null, null, null, otUserId, sqlTime(ds, now)]));
      const rows = batch.map((b) => {
        const roleId = roleIds[b.n % roleIds.length];
        placements.set(b.id, roleId);
        return [newId(), b.id, roleId, null, addDays(today, -4000), null, 'ACTIVE', 'A', null, null, otUserId, sqlTime(ds, now), sqlTime(ds, now)];
      });
      await bulkInsert(tx, 'placements', ['id', 'patientId', 'workRoleId', 'applicationId', 'startOn', 'endOn', 'status', 'activeKey', 'endReason', 'endNote', 'createdByUserId', 'createdAt', 'updatedAt'], rows);
    });
    patientIds.push(...batch.map((b) => b.id));
    progress('patients', Math.min(i + 500, size.patients), size.patients);
  }

  // Past shifts: every role, every weekday, going back week by week; CAPACITY patients each.
  // Built in the database with INSERT ... SELECT over a recursive series of weeks (about a
  // minute for 1M assignments instead of half an hour of multi-row inserts from here): shift w
  // weeks back on weekday d of role ri starts at (9 + ri % 3):00 UTC, lasts 3 hours, and its
  // CAPACITY places go to the role's workers (w * 5 + d + k) modulo their number, in the order
  // (week, role, day, place) until the requested number is reached.
  const byRole = new Map<string, string[]>();
  for (const [p, r] of placements) byRole.set(r, [...(byRole.get(r) ?? []), p]);
  const perWeek = roleIds.length * 5 * CAPACITY;
  const weeks = Math.max(1, Math.ceil(size.pastAssignments / perWeek));
  const pg = ds.options.type === 'postgres';
  const placementIdOf = new Map<string, string>(
    (await em.query(`SELECT id, "patientId" FROM placements WHERE "createdByUserId" = ${pg ? '$1' : '?'}`, [otUserId])).map((r: { id: string; patientId: string }) => [r.patientId, r.id]),
  );
  const minutes = minutesBetween(new Date(0), new Date(3 * 3_600_000));
  const pay = payPence(minutes, 500);
  const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  // A random version-4 UUID, as newId() makes, in SQL.
  const uuid = pg
    ? 'gen_random_uuid()::text'
    : `(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))`;
  const startAt = pg
    ? `(CAST(${'$1'} AS timestamptz) - make_interval(days => wk.w * 7 - dd.d) + make_interval(hours => 9 + r.ri % 3))`
    : `strftime('%Y-%m-%d %H:%M:%f', ?, '-' || (wk.w * 7 - dd.d) || ' days', '+' || (9 + r.ri % 3) || ' hours')`;
  const endAt = pg ? 's."startAt" + interval \'3 hours\'' : `strftime('%Y-%m-%d %H:%M:%f', s."startAt", '+3 hours')`;
  // Monday of the London week: these shifts start between 09:00 and 11:00 UTC, on the same London date.
  const week = pg ? `CAST(date_trunc('week', s."startAt" AT TIME ZONE 'Europe/London') AS date)` : `date(s."startAt", '-6 days', 'weekday 1')`;
  const series = (name: string, col: string, values: number[]) => `(${values.map((v) => `SELECT ${v} AS ${col}`).join(' UNION ALL ')}) ${name}`;
  await ds.transaction(async (tx) => {
    const P = (i: number) => (pg ? `$${i}` : '?');
    await tx.query('CREATE TEMPORARY TABLE bench_role (ri integer NOT NULL, "roleId" varchar(36) NOT NULL, "enterpriseId" varchar(36) NOT NULL, workers integer NOT NULL)');
    await tx.query('CREATE TEMPORARY TABLE bench_worker ("roleId" varchar(36) NOT NULL, idx integer NOT NULL, "patientId" varchar(36) NOT NULL, "placementId" varchar(36) NOT NULL, PRIMARY KEY ("roleId", idx))');
    await tx.query(`CREATE TEMPORARY TABLE bench_shift (id varchar(36) NOT NULL, ri integer NOT NULL, w integer NOT NULL, d integer NOT NULL, "startAt" ${pg ? 'timestamptz' : 'datetime'} NOT NULL)`);
    const roleRows = roleIds.map((roleId, ri) => [ri, roleId, enterpriseIds[Math.floor(ri / ROLES_PER_ENTERPRISE)], (byRole.get(roleId) ?? []).length]);
    for (let i = 0; i < roleRows.length; i += 500) await bulkInsert(tx, 'bench_role', ['ri', 'roleId', 'enterpriseId', 'workers'], roleRows.slice(i, i + 500));
    const workerRows = roleIds.flatMap((roleId) => (byRole.get(roleId) ?? []).map((patientId, idx) => [roleId, idx, patientId, placementIdOf.get(patientId)]));
    for (let i = 0; i < workerRows.length; i += 500) await bulkInsert(tx, 'bench_worker', ['roleId', 'idx', 'patientId', 'placementId'], workerRows.slice(i, i + 500));
    // Shift number ((w - 1) * roles + ri) * 5 + d exists while its first place is within the size.
    const shiftOrdinal = `(((wk.w - 1) * ${roleIds.length} + r.ri) * 5 + dd.d)`;
    await tx.query(
      `INSERT INTO bench_shift (id, ri, w, d, "startAt")
       WITH RECURSIVE wk(w) AS (SELECT 1 UNION ALL SELECT w + 1 FROM wk WHERE w < ${P(2)})
       SELECT ${uuid}, r.ri, wk.w, dd.d, ${startAt} FROM wk CROSS JOIN bench_role r CROSS JOIN ${series('dd', 'd', [0, 1, 2, 3, 4])}
       WHERE ${shiftOrdinal} * ${CAPACITY} < ${P(3)}`,
      // SQLite binds in the order of the text (the weeks come first), PostgreSQL by number.
      pg ? [midnight.toISOString(), weeks, size.pastAssignments] : [weeks, sqlTime(ds, midnight), size.pastAssignments],
    );
    const stamp = sqlTime(ds, now);
    await tx.query(
      `INSERT INTO shifts (id, "workRoleId", "enterpriseId", "startAt", "endAt", capacity, "supervisorUserId", "escortUserIds", "locationNote", status, "cancelReason", "patternId", "createdByUserId", "createdAt", "updatedAt", "publishedAt")
       SELECT s.id, r."roleId", r."enterpriseId", s."startAt", ${endAt}, ${CAPACITY}, ${P(1)}, '[]', NULL, 'PUBLISHED', NULL, NULL, ${P(2)}, ${P(3)}, ${P(3)}, ${P(3)}
       FROM bench_shift s JOIN bench_role r ON r.ri = s.ri`,
      pg ? [supervisorId, otUserId, stamp] : [supervisorId, otUserId, stamp, stamp, stamp],
    );
    const assignmentOrdinal = `(((s.w - 1) * ${roleIds.length} + s.ri) * 5 + s.d) * ${CAPACITY} + kk.k`;
    await tx.query(
      `INSERT INTO assignments (id, "shiftId", "patientId", "placementId", "startAt", "endAt", "weekStartOn", "plannedMinutes", "plannedPayPence", status, "liveKey", "reviewReasons", "overrideReason", "overriddenCodes", "overriddenByUserId", "createdByUserId", "createdAt", "updatedAt", "cancelReason", "cancelledAt")
       SELECT ${uuid}, s.id, wr."patientId", wr."placementId", s."startAt", ${endAt}, ${week}, ${minutes}, ${pay}, 'BOOKED', 'L', '[]', NULL, '[]', NULL, ${P(1)}, ${P(2)}, ${P(2)}, NULL, NULL
       FROM bench_shift s CROSS JOIN ${series('kk', 'k', Array.from({ length: CAPACITY }, (_, k) => k))}
         JOIN bench_role r ON r.ri = s.ri JOIN bench_worker wr ON wr."roleId" = r."roleId" AND wr.idx = (s.w * 5 + s.d + kk.k) % r.workers
       WHERE ${assignmentOrdinal} < ${P(3)}`,
      pg ? [otUserId, stamp, size.pastAssignments] : [otUserId, stamp, stamp, size.pastAssignments],
    );
    for (const t of ['bench_shift', 'bench_worker', 'bench_role']) await tx.query(`DROP TABLE ${t}`);
  });
  const [{ n: made }] = await em.query(`SELECT COUNT(*) AS n FROM assignments WHERE "createdByUserId" = ${pg ? '$1' : '?'}`, [otUserId]);
  progress('past assignments', Number(made), size.pastAssignments);
  if (ds.options.type === 'postgres') await em.query('ANALYZE');
  else await em.query('ANALYZE');
  return { otUserId, otUsername, supervisorId, enterpriseIds, roleIds, placements, password };
}
