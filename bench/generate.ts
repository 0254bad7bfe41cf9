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
import { minutesBetween, payPence, weekStartOn } from '../src/rota/time-rules';

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
  const byRole = new Map<string, string[]>();
  for (const [p, r] of placements) byRole.set(r, [...(byRole.get(r) ?? []), p]);
  const perWeek = roleIds.length * 5 * CAPACITY;
  const weeks = Math.max(1, Math.ceil(size.pastAssignments / perWeek));
  let made = 0;
  const placementIdOf = new Map<string, string>(
    (await em.query(`SELECT id, "patientId" FROM placements WHERE "createdByUserId" = ${ds.options.type === 'postgres' ? '$1' : '?'}`, [otUserId])).map((r: { id: string; patientId: string }) => [r.patientId, r.id]),
  );
  for (let w = 1; w <= weeks && made < size.pastAssignments; w++) {
    const shiftRows: unknown[][] = [];
    const assignmentRows: unknown[][] = [];
    for (const [ri, roleId] of roleIds.entries()) {
      const workers = byRole.get(roleId) ?? [];
      for (let d = 0; d < 5 && made < size.pastAssignments; d++) {
        const start = new Date(now.getTime() - w * 7 * 86_400_000 + d * 86_400_000);
        start.setUTCHours(9 + (ri % 3), 0, 0, 0);
        const end = new Date(start.getTime() + 3 * 3_600_000);
        const shiftId = newId();
        shiftRows.push([shiftId, roleId, enterpriseIds[Math.floor(ri / ROLES_PER_ENTERPRISE)], sqlTime(ds, start), sqlTime(ds, end), CAPACITY, supervisorId, '[]', null, 'PUBLISHED', null, null, otUserId, sqlTime(ds, now), sqlTime(ds, now), sqlTime(ds, now)]);
        for (let k = 0; k < CAPACITY && made < size.pastAssignments; k++) {
          const patientId = workers[(w * 5 + d + k) % Math.max(1, workers.length)];
          if (!patientId) continue;
          const minutes = minutesBetween(start, end);
          assignmentRows.push([newId(), shiftId, patientId, placementIdOf.get(patientId), sqlTime(ds, start), sqlTime(ds, end), weekStartOn(start), minutes, payPence(minutes, 500), 'BOOKED', 'L', '[]', null, '[]', null, otUserId, sqlTime(ds, now), sqlTime(ds, now), null, null]);
          made++;
        }
      }
    }
    await ds.transaction(async (tx) => {
      for (let i = 0; i < shiftRows.length; i += 500) await bulkInsert(tx, 'shifts', ['id', 'workRoleId', 'enterpriseId', 'startAt', 'endAt', 'capacity', 'supervisorUserId', 'escortUserIds', 'locationNote', 'status', 'cancelReason', 'patternId', 'createdByUserId', 'createdAt', 'updatedAt', 'publishedAt'], shiftRows.slice(i, i + 500));
      for (let i = 0; i < assignmentRows.length; i += 500) await bulkInsert(tx, 'assignments', ['id', 'shiftId', 'patientId', 'placementId', 'startAt', 'endAt', 'weekStartOn', 'plannedMinutes', 'plannedPayPence', 'status', 'liveKey', 'reviewReasons', 'overrideReason', 'overriddenCodes', 'overriddenByUserId', 'createdByUserId', 'createdAt', 'updatedAt', 'cancelReason', 'cancelledAt'], assignmentRows.slice(i, i + 500));
    });
    progress('past assignments', made, size.pastAssignments);
  }
  if (ds.options.type === 'postgres') await em.query('ANALYZE');
  else await em.query('ANALYZE');
  return { otUserId, otUsername, supervisorId, enterpriseIds, roleIds, placements, password };
}
