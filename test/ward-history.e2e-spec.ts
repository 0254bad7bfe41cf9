import type { Browser } from 'playwright-core';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { runMigrations } from '../src/database/bootstrap';
import { newId } from '../src/database/columns';
import { MIGRATIONS } from '../src/database/migrations';
import type { OutcomesReport } from '../src/outcomes/outcomes.types';
import { Patient } from '../src/patients/patient.entity';
import { WardStay } from '../src/patients/ward-stay.entity';
import { londonInstant } from '../src/recruitment/london-time';
import { Placement } from '../src/recruitment/placement.entity';
import { Assignment } from '../src/rota/assignment.entity';
import { AttendanceRecord } from '../src/rota/attendance-record.entity';
import { Shift } from '../src/rota/shift.entity';
import { weekStartOn } from '../src/rota/time-rules';
import { SkillLog } from '../src/skills/skill-log.entity';
import { Skill } from '../src/skills/skill.entity';
import { makeEnterprise } from './ledger-world';
import { axeViolations, launchChromium, signInPage } from './support/axe';
import { revertThrough } from './support/migrations';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO_TEST_PASSWORD } from './support/test-db';

jest.setTimeout(300_000);

const ADMITTED = new Date('2025-06-01T09:00:00Z');

/** Dated ward history (transfers): the API, who sees a transferred patient, reports by ward over a transfer, the page. */
describe('ward history: transfers', () => {
  let t: TestApp;
  let site: Awaited<ReturnType<TestApp['make']['site']>>;
  let wardA: Awaited<ReturnType<TestApp['make']['ward']>>;
  let wardB: Awaited<ReturnType<TestApp['make']['ward']>>;
  let otA: Awaited<ReturnType<TestApp['make']['caller']>>;
  let otB: Awaited<ReturnType<TestApp['make']['caller']>>;
  let admin: Awaited<ReturnType<TestApp['make']['caller']>>;

  beforeAll(async () => {
    t = await createTestApp();
    site = await t.make.site();
    wardA = await t.make.ward({ siteId: site.id, name: `A ${newId().slice(0, 6)}` });
    wardB = await t.make.ward({ siteId: site.id, name: `B ${newId().slice(0, 6)}` });
    otA = await t.make.caller('OT', { wardIds: [wardA.id] });
    otB = await t.make.caller('OT', { wardIds: [wardB.id] });
    admin = await t.make.caller('ADMIN');
  });
  afterAll(() => t.close());

  const patient = async () => (await t.http().post('/api/patients').set(otA.auth).send({ wardId: wardA.id, displayName: 'Lee Transfer', hospitalNumber: `WH-${newId().slice(0, 8)}` }).expect(201)).body as { id: string };

  it('transfers a patient: closes the open ward stay and opens the next in one step, moves the current ward, and audits it', async () => {
    const p = await patient();
    const before = (await t.http().get(`/api/patients/${p.id}/ward-history`).set(otA.auth).expect(200)).body;
    expect(before).toMatchObject({ patientId: p.id, currentWardId: wardA.id, stays: [{ wardId: wardA.id, wardName: wardA.name, toAt: null }] });
    const res = await t.http().post(`/api/patients/${p.id}/transfers`).set(otA.auth).send({ wardId: wardB.id, reason: 'Bed on a step-down ward' }).expect(201);
    expect(res.body).toMatchObject({ wardId: wardB.id, wardName: wardB.name, toAt: null, reason: 'Bed on a step-down ward', recordedByUserId: otA.user.id });
    const history = (await t.http().get(`/api/patients/${p.id}/ward-history`).set(otB.auth).expect(200)).body;
    expect(history.currentWardId).toBe(wardB.id);
    expect(history.stays).toHaveLength(2);
    expect(history.stays[0]).toMatchObject({ wardId: wardA.id, toAt: res.body.fromAt });
    expect(history.stays[1]).toMatchObject({ id: res.body.id, wardId: wardB.id, fromAt: res.body.fromAt, toAt: null });
    // the one open stay is always the patient's current ward
    const rows = await t.uow.read((em) => em.find(WardStay, { where: { patientId: p.id } }));
    expect(rows.filter((r) => r.toAt === null).map((r) => r.wardId)).toEqual([wardB.id]);
    expect((await t.uow.read((em) => em.findOneByOrFail(Patient, { id: p.id }))).wardId).toBe(wardB.id);
    const audit = await t.uow.read((em) => em.find(AuditEvent, { where: { patientId: p.id } }));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['patient.transfer', 'patient.ward-history.read']));
    const transfer = audit.find((a) => a.action === 'patient.transfer')!;
    expect(transfer.userId).toBe(otA.user.id);
    expect(JSON.parse(transfer.detail!)).toMatchObject({ fromWardId: wardA.id, toWardId: wardB.id });
  });

  it('refuses a transfer to the same ward, to no ward, ahead of time or before the current stay began, with a code and never a 500', async () => {
    const p = await patient();
    const post = (body: object) => t.http().post(`/api/patients/${p.id}/transfers`).set(otA.auth).send(body);
    for (const [body, status] of [
      [{ wardId: wardA.id }, 422],
      [{ wardId: newId() }, 422],
      [{ wardId: wardB.id, effectiveAt: new Date(Date.now() + 3_600_000).toISOString() }, 422],
      [{ wardId: wardB.id, effectiveAt: '2020-01-01T00:00:00Z' }, 422],
      [{ wardId: wardB.id, effectiveAt: 'yesterday' }, 422],
      [{ wardId: 'nope' }, 422],
      [{ wardId: wardB.id, surprise: 1 }, 422],
      [{}, 422],
    ] as [object, number][]) {
      const res = await post(body);
      expect([body, res.status]).toEqual([body, status]);
      expect(res.body).toMatchObject({ statusCode: status, code: expect.any(String), message: expect.any(String) });
    }
    const history = (await t.http().get(`/api/patients/${p.id}/ward-history`).set(otA.auth).expect(200)).body;
    expect(history.stays).toHaveLength(1);
  });

  it('only admins and clinical staff of the patient’s ward transfer them; patients, commissioners and other wards’ staff cannot', async () => {
    const p = await patient();
    const commissioner = await t.make.caller('COMMISSIONER');
    const self = await t.make.caller('PATIENT', { patientId: p.id });
    const specialist = await t.make.caller('EMPLOYMENT_SPECIALIST', { wardIds: [wardA.id] });
    await t.http().post(`/api/patients/${p.id}/transfers`).set(commissioner.auth).send({ wardId: wardB.id }).expect(403);
    await t.http().post(`/api/patients/${p.id}/transfers`).set(self.auth).send({ wardId: wardB.id }).expect(403);
    await t.http().post(`/api/patients/${p.id}/transfers`).set(specialist.auth).send({ wardId: wardB.id }).expect(403);
    await t.http().post(`/api/patients/${p.id}/transfers`).set(otB.auth).send({ wardId: wardB.id }).expect(404);
    await t.http().get(`/api/patients/${p.id}/ward-history`).set(commissioner.auth).expect(403);
    expect((await t.http().get(`/api/patients/${p.id}/ward-history`).set(self.auth).expect(200)).body.stays).toHaveLength(1);
    await t.http().post(`/api/patients/${p.id}/transfers`).set(admin.auth).send({ wardId: wardB.id }).expect(201);
  });

  it('staff of the former ward see nothing identifiable of a patient after their transfer; staff of the new ward see them', async () => {
    const p = await patient();
    await t.http().get(`/api/patients/${p.id}`).set(otB.auth).expect(404);
    await t.http().post(`/api/patients/${p.id}/transfers`).set(otA.auth).send({ wardId: wardB.id }).expect(201);
    for (const path of [`/api/patients/${p.id}`, `/api/patients/${p.id}/ward-history`, `/api/patients/${p.id}/leave`]) {
      await t.http().get(path).set(otA.auth).expect(404);
      await t.http().get(path).set(otB.auth).expect(200);
    }
    const listA = (await t.http().get('/api/patients?limit=100').set(otA.auth).expect(200)).body;
    expect(listA.items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    const listB = (await t.http().get('/api/patients?limit=100').set(otB.auth).expect(200)).body;
    expect(listB.items.map((x: { id: string }) => x.id)).toContain(p.id);
    const browserA = await t.make.browser(otA.user);
    expect((await browserA.get(`/patients/${p.id}`)).status).toBe(404);
  });

  it('reports by ward count each record on the ward the patient was on at the time, over a period spanning a transfer', async () => {
    const lead = await t.make.caller('ENTERPRISE_LEAD');
    const { enterprise, role } = await makeEnterprise(t, site.id, lead.user.id);
    const p = await t.make.patient({ wardId: wardA.id, createdAt: ADMITTED, updatedAt: ADMITTED });
    const now = new Date();
    const placement = { id: newId(), patientId: p.id, workRoleId: role.id, applicationId: null, startOn: '2026-01-05', endOn: null, status: 'ACTIVE', activeKey: 'A', endReason: null, endNote: null, createdByUserId: otA.user.id, createdAt: now, updatedAt: now } as Placement;
    const skill = { id: newId(), code: `S${newId().slice(0, 8)}`, name: 'Timekeeping', category: 'EMPLOYABILITY', description: 'On time', enterpriseKinds: [], levelDescriptors: {}, active: true, createdAt: now, updatedAt: now } as unknown as Skill;
    await t.uow.run(async (em) => {
      await em.insert(Placement, placement);
      await em.insert(Skill, skill);
      await em.insert(SkillLog, { id: newId(), patientId: p.id, skillId: skill.id, level: 'COMPETENT', levelRank: 3, evidence: 'Seen', occurredOn: '2026-02-16', shiftId: null, source: 'STAFF', createdByUserId: otA.user.id, createdAt: now, status: 'VERIFIED', reviewedByUserId: otA.user.id, reviewedAt: londonInstant('2026-02-16', '12:00')!, reviewComment: null } as unknown as SkillLog);
    });
    const attend = async (date: string, minutes: number) => {
      const start = londonInstant(date, '10:00')!;
      const end = new Date(start.getTime() + minutes * 60_000);
      const shift = { id: newId(), workRoleId: role.id, enterpriseId: enterprise.id, startAt: start, endAt: end, capacity: 4, supervisorUserId: lead.user.id, escortUserIds: [], locationNote: null, status: 'PUBLISHED', cancelReason: null, patternId: null, createdByUserId: otA.user.id, createdAt: now, updatedAt: now, publishedAt: now } as unknown as Shift;
      const a = { id: newId(), shiftId: shift.id, patientId: p.id, placementId: placement.id, startAt: start, endAt: end, weekStartOn: weekStartOn(start), plannedMinutes: minutes, plannedPayPence: minutes * 10, status: 'BOOKED', liveKey: 'L', reviewReasons: [], overrideReason: null, overriddenCodes: [], overriddenByUserId: null, createdByUserId: otA.user.id, createdAt: now, updatedAt: now, cancelReason: null, cancelledAt: null } as Assignment;
      await t.uow.run(async (em) => {
        await em.insert(Shift, shift);
        await em.insert(Assignment, a);
        await em.insert(AttendanceRecord, { id: newId(), assignmentId: a.id, status: 'ATTENDED', actualStartAt: start, actualEndAt: end, reasonCode: null, reason: null, minutesWorked: minutes, payPence: minutes * 10, hourlyRatePence: 600, supersedesId: null, recordedByUserId: otA.user.id, recordedAt: end });
      });
    };
    // two shifts on ward A in January, then the transfer on 1 February, then three shifts on ward B
    await attend('2026-01-12', 60);
    await attend('2026-01-19', 60);
    await t.http().post(`/api/patients/${p.id}/transfers`).set(otA.auth).send({ wardId: wardB.id, effectiveAt: londonInstant('2026-02-01', '09:00')!.toISOString(), reason: 'Transfer' }).expect(201);
    await attend('2026-02-02', 120);
    await attend('2026-02-09', 120);
    await attend('2026-02-23', 120);
    // before the transfer: only the months on ward A; spanning it: each shift on its own ward
    const report = async (from: string, to: string) => (await t.http().get(`/api/reports/outcomes?from=${from}&to=${to}&groupBy=ward`).set(admin.auth).expect(200)).body as OutcomesReport;
    const on = (r: OutcomesReport, wardId: string) => r.groups.find((g) => g.key === wardId);
    const spanning = await report('2026-01-01', '2026-03-31');
    expect(on(spanning, wardA.id)!.work).toMatchObject({ shiftsAttended: 2, workers: 1, hoursWorked: 2 });
    expect(on(spanning, wardB.id)!.work).toMatchObject({ shiftsAttended: 3, workers: 1, hoursWorked: 6 });
    expect(on(spanning, wardA.id)!.engagement).toMatchObject({ newPlacements: 1 }); // started 5 January, on ward A
    expect(on(spanning, wardB.id)!.engagement).toMatchObject({ newPlacements: 0 });
    expect(on(spanning, wardB.id)!.skills.skillEntriesVerified).toBe(1); // verified 16 February, on ward B
    // in work, counted on the ward they were on when the period ended
    expect(on(spanning, wardB.id)!.engagement).toMatchObject({ patientsInWork: 1 });
    expect(on(spanning, wardA.id)!.engagement).toMatchObject({ patientsInWork: 0 });
    expect(spanning.total.work).toMatchObject({ shiftsAttended: 5, workers: 1, hoursWorked: 8 });
    const january = await report('2026-01-01', '2026-01-31');
    expect(on(january, wardA.id)!.work).toMatchObject({ shiftsAttended: 2 });
    expect(on(january, wardA.id)!.engagement).toMatchObject({ patientsInWork: 1 });
    expect(on(january, wardB.id)?.work.shiftsAttended ?? 0).toBe(0);
    // grouped by security level and site the same records are counted once each
    const bySite = (await t.http().get('/api/reports/outcomes?from=2026-01-01&to=2026-03-31&groupBy=site').set(admin.auth).expect(200)).body as OutcomesReport;
    expect(bySite.groups.find((g) => g.key === site.id)!.work.shiftsAttended).toBe(5);
  });

  it('the patient page shows the ward history, and its transfer form records the move with its time and reason', async () => {
    const p = await t.make.patient({ wardId: wardA.id, createdAt: ADMITTED, updatedAt: ADMITTED });
    const browser = await t.make.browser(otA.user);
    const page = await browser.get(`/patients/${p.id}`);
    expect(page.text).toContain('Ward history');
    expect(page.text).toContain('Transfer to another ward');
    await browser.get(`/patients/${p.id}/move`);
    const bad = await browser.post(`/patients/${p.id}/move`, { wardId: wardB.id, movedAt: 'last week' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter the time of the move like 2026-11-23 14:30');
    await browser.get(`/patients/${p.id}/move`);
    const movedAt = new Date(Date.now() - 60_000);
    const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(movedAt);
    const ok = await browser.post(`/patients/${p.id}/move`, { wardId: wardB.id, movedAt: wall, reason: 'Moved for a quieter ward' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/patients?moved=1'); // the OT of ward A no longer sees the patient
    const history = (await t.http().get(`/api/patients/${p.id}/ward-history`).set(otB.auth).expect(200)).body;
    expect(history.stays[1]).toMatchObject({ wardId: wardB.id, reason: 'Moved for a quieter ward' });
    expect(Math.abs(new Date(history.stays[1].fromAt).getTime() - movedAt.getTime())).toBeLessThan(60_000);
    const shown = await (await t.make.browser(otB.user)).get(`/patients/${p.id}`);
    expect(shown.text).toContain(wardA.name);
    expect(shown.text).toContain('Moved for a quieter ward');
  });

  it('migration: backfills one open ward stay per existing patient, on their current ward from when their record was made', async () => {
    const p1 = await t.make.patient({ wardId: wardA.id, createdAt: ADMITTED, updatedAt: ADMITTED });
    await revertThrough(t.ds, 'WardHistory1796440796566');
    const tables = t.uow.kind === 'postgres' ? await t.ds.query("SELECT table_name AS name FROM information_schema.tables WHERE table_name = 'patient_ward_stays'") : await t.ds.query("SELECT name FROM sqlite_master WHERE name = 'patient_ward_stays'");
    expect(tables).toHaveLength(0);
    const p2 = { id: newId(), wardId: wardB.id, displayName: 'Before history', hospitalNumber: `MIG-${newId().slice(0, 8)}`, status: 'ACTIVE' as const, createdAt: new Date('2024-03-01T10:00:00Z'), updatedAt: new Date() };
    await t.uow.run((em) => em.insert(Patient, p2));
    const index = MIGRATIONS.findIndex((m) => m.name === 'WardHistory1796440796566');
    expect(await runMigrations(t.ds)).toEqual(MIGRATIONS.slice(index).map((m) => new m().name));
    const stays = await t.uow.read((em) => em.find(WardStay, { where: [{ patientId: p1.id }, { patientId: p2.id }] }));
    expect(stays.map((s) => ({ patientId: s.patientId, wardId: s.wardId, fromAt: s.fromAt.toISOString(), toAt: s.toAt })).sort((a, b) => a.fromAt.localeCompare(b.fromAt))).toEqual([
      { patientId: p2.id, wardId: wardB.id, fromAt: '2024-03-01T10:00:00.000Z', toAt: null },
      { patientId: p1.id, wardId: wardA.id, fromAt: ADMITTED.toISOString(), toAt: null },
    ]);
    const patients = Number((await t.ds.query('SELECT COUNT(*) AS n FROM patients'))[0].n);
    const open = Number((await t.ds.query('SELECT COUNT(*) AS n FROM patient_ward_stays WHERE "toAt" IS NULL'))[0].n);
    expect(open).toBe(patients);
    // and a transfer works on a backfilled stay
    await t.http().post(`/api/patients/${p2.id}/transfers`).set(admin.auth).send({ wardId: wardA.id, effectiveAt: '2025-01-01T12:00:00Z' }).expect(201);
    expect((await t.http().get(`/api/patients/${p2.id}/ward-history`).set(admin.auth).expect(200)).body.stays.map((s: { wardId: string; toAt: string | null }) => [s.wardId, s.toAt])).toEqual([
      [wardB.id, '2025-01-01T12:00:00.000Z'],
      [wardA.id, null],
    ]);
  });
});

/** The demo data's transfers, and the patient page with its ward history and transfer form passing axe-core. */
describe('ward history: demo data and accessibility', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp({}, { data: 'demo' });
    base = t.base;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });
  const demoToken = async (username: string) => (await t.http().post('/api/auth/token').send({ username, password: DEMO_TEST_PASSWORD }).expect(201)).body.accessToken as string;

  it('the demo data has a transfer from Cedar to Birch, and every demo patient has one open stay on their current ward', async () => {
    const ot = { Authorization: `Bearer ${await demoToken('ot')}` };
    const riley = (await t.http().get('/api/patients?q=Riley').set(ot).expect(200)).body.items[0];
    const history = (await t.http().get(`/api/patients/${riley.id}/ward-history`).set(ot).expect(200)).body;
    expect(history.stays.map((s: { wardName: string }) => s.wardName)).toEqual(['Cedar Ward', 'Birch Ward']);
    const mismatched = await t.ds.query('SELECT p.id FROM patients p LEFT JOIN patient_ward_stays s ON s."patientId" = p.id AND s."toAt" IS NULL WHERE s.id IS NULL OR s."wardId" <> p."wardId"');
    expect(mismatched).toEqual([]);
  });

  it('the patient page with its ward history and the transfer form (with an error) pass axe-core', async () => {
    const ot = { Authorization: `Bearer ${await demoToken('ot')}` };
    const riley = (await t.http().get('/api/patients?q=Riley').set(ot).expect(200)).body.items[0];
    const page = await signInPage(browser, base, 'ot', DEMO_TEST_PASSWORD);
    const found: string[] = [];
    for (const path of [`/patients/${riley.id}`, `/patients/${riley.id}/move`]) {
      const res = await page.goto(base + path);
      expect([path, res?.status()]).toEqual([path, 200]);
      found.push(...(await axeViolations(page, base)));
    }
    await page.fill('#movedAt', 'soon');
    await page.click('button:has-text("Transfer patient")');
    expect(await page.textContent('body')).toContain('Enter the time of the move');
    found.push(...(await axeViolations(page, base)));
    expect(found).toEqual([]);
  });
});
