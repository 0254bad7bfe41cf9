import { AuditEvent } from '../src/audit/audit-event.entity';
import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { Application } from '../src/recruitment/application.entity';
import { Vacancy } from '../src/recruitment/vacancy.entity';
import { SkillLog } from '../src/skills/skill-log.entity';
import { referencesWorld } from './references-world';
import { axeViolations, launchChromium, signInPage } from './support/axe';
import { pdfText, binary } from './support/pdf-text';
import { createTestApp, TestApp } from './support/test-app';
import { tillsWorld } from './tills-world';

/** Information governance: subject access exports, the audit log as CSV, the privacy notice. */
jest.setTimeout(300_000);

describe('information governance', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof referencesWorld>>;
  let purchase: { id: string };
  let othersPurchase: { id: string };
  let cashSale: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    w = await referencesWorld(t);
    // records in every area for both patients, so the export can be checked for leaks
    for (const [p, placement] of [
      [w.patient, w.placement],
      [w.other, w.otherPlacement],
    ] as const) {
      await t.http().post(`/api/patients/${p.id}/restrictions`).set(w.ot.auth).send({ restriction: 'NO_SHARPS', effectiveFrom: londonDate(), reason: 'Care plan review' }).expect(201);
      await t.http().put(`/api/patients/${p.id}/benefits-limits`).set(w.ot.auth).send({ mode: 'NO_CAP', effectiveFrom: londonDate() }).expect(200);
      await t.http().put(`/api/patients/${p.id}/vocational-profile`).set(w.ot.auth).send({ goals: `Goals of ${p.displayName}` }).expect(200);
      await t.http().put(`/api/patients/${p.id}/demographics`).set(w.ot.auth).send({ birthYear: 1990 }).expect(200);
      await w.worked({ patientId: p.id, placementId: placement.id }, [{ status: 'ATTENDED' }]);
      const vacancy = { id: newId(), workRoleId: w.role.id, description: null, opensOn: addDays(londonDate(), -10), closesOn: addDays(londonDate(), 10), positions: 1, status: 'OPEN', createdByUserId: w.ot.user.id, createdAt: new Date(), updatedAt: new Date() } as Vacancy;
      await t.uow.run(async (em) => {
        await em.insert(Vacancy, vacancy);
        await em.insert(Application, { id: newId(), vacancyId: vacancy.id, patientId: p.id, statement: `Statement of ${p.displayName}`, status: 'SUBMITTED', restrictionConflicts: [], submittedByUserId: w.ot.user.id, submittedAt: new Date(), outcomeNote: null, updatedAt: new Date() } as Application);
      });
      await t.http().post('/api/references').set(w.ot.auth).send({ placementId: placement.id, statement: `${p.displayName} was reliable on every shift and learnt fast.`, refereeName: 'Olivia Thompson', refereeJobTitle: 'Café supervisor' }).expect(201);
      const competent = await t.uow.read((em) => em.findOneByOrFail(SkillLog, { patientId: p.id, status: 'VERIFIED', levelRank: 3 }));
      await t.http().post('/api/credentials').set(w.ot.auth).send({ skillLogId: competent.id }).expect(201);
      await t.http().get(`/api/patients/${p.id}`).set(w.ot.auth).expect(200);
    }
    // till purchases: each patient buys from their own account; a cash sale is nobody's
    const till = await tillsWorld(t);
    const flapjack = await till.product({ name: 'Flapjack', category: 'Food', pricePence: 150, trackStock: false });
    const session = await till.open();
    purchase = (await till.sale(session.id, { customerType: 'PATIENT', lines: [{ productId: till.tea.id, quantity: 2 }], payments: [{ method: 'PATIENT_ACCOUNT', amountPence: 240, patientId: w.patient.id }] }).expect(201)).body;
    othersPurchase = (await till.sale(session.id, { customerType: 'PATIENT', lines: [{ productId: flapjack.id, quantity: 1 }], payments: [{ method: 'PATIENT_ACCOUNT', amountPence: 150, patientId: w.other.id }] }).expect(201)).body;
    cashSale = (await till.sale(session.id, { lines: [{ productId: till.crisps.id, quantity: 3 }], payments: [{ method: 'CASH', amountPence: 240 }] }).expect(201)).body;
  });
  afterAll(() => t.close());

  describe('subject access export', () => {
    it('exports everything held about the patient as JSON, to an admin or the patient themself, and audits the export', async () => {
      const res = await t.http().get(`/api/patients/${w.patient.id}/export`).set(w.admin.auth).expect(200);
      const x = res.body;
      expect(x.patient).toMatchObject({ id: w.patient.id, displayName: w.patient.displayName, hospitalNumber: w.patient.hospitalNumber });
      expect(x.ward).toEqual({ id: w.ward.id, name: w.ward.name });
      expect(x.account).toMatchObject({ username: w.patientUser.user.username, role: 'PATIENT' });
      expect(x.account).not.toHaveProperty('passwordHash');
      for (const section of ['leave', 'restrictions', 'benefitsLimits', 'applications', 'placements', 'assignments', 'attendance', 'skillLogs', 'references', 'credentials', 'auditEvents']) {
        expect({ section, count: x[section].length > 0 }).toEqual({ section, count: true });
      }
      expect(x.vocationalProfile).toMatchObject({ goals: `Goals of ${w.patient.displayName}` });
      expect(x.demographics).toMatchObject({ birthYear: 1990 });
      expect(x.pay.totalPaidPence).toBeGreaterThan(0);
      expect(x.restrictions[0]).toMatchObject({ restriction: 'NO_SHARPS', reason: 'Care plan review' });
      // who viewed them: the OT's read is there, with the OT's name
      expect(x.auditEvents).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'patient.read', userId: w.ot.user.id, username: w.ot.user.username })]));

      const mine = await t.http().get(`/api/patients/${w.patient.id}/export`).set(w.patientUser.auth).expect(200);
      expect(mine.body.patient.id).toBe(w.patient.id);
      const exports = await t.uow.read((em) => em.findBy(AuditEvent, { action: 'patient.export', patientId: w.patient.id }));
      expect(exports.map((e) => e.userId).sort()).toEqual([w.admin.user.id, w.patientUser.user.id].sort());
    });

    it('contains nothing of another patient', async () => {
      const x = JSON.stringify((await t.http().get(`/api/patients/${w.patient.id}/export`).set(w.admin.auth).expect(200)).body);
      const theirs = JSON.stringify((await t.http().get(`/api/patients/${w.other.id}/export`).set(w.admin.auth).expect(200)).body);
      expect(x).not.toContain(w.other.id);
      expect(x).not.toContain(w.other.displayName);
      expect(x).not.toContain(w.other.hospitalNumber);
      // no id of any of the other patient's records appears in this patient's export
      const ids = new Set(theirs.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g));
      const shared = [w.ward.id, w.site.id, w.role.id, w.enterprise.id, w.ot.user.id, w.admin.user.id, w.supervisor.id, w.role2.id];
      const leaked = [...ids].filter((id) => !shared.includes(id) && x.includes(id));
      const harmless = await t.uow.read(async (em) => {
        // shared things both exports may name: shifts' roles, skills, staff who acted, enterprises, request ids
        const rows: { id: string }[] = await em.query('SELECT id FROM users UNION SELECT id FROM skills UNION SELECT id FROM work_roles UNION SELECT id FROM enterprises UNION SELECT id FROM vacancies');
        return new Set(rows.map((r) => r.id));
      });
      expect(leaked.filter((id) => !harmless.has(id))).toEqual([]);
    });

    it('includes employment support beyond the hospital (referral, plan, starts outside, employer contacts, follow-along, disclosures, benefits situation), and nothing of another patient’s', async () => {
      const specialist = await t.make.caller('EMPLOYMENT_SPECIALIST', { wardIds: [w.ward.id] });
      const employer = (await t.http().post('/api/employers').set(specialist.auth).send({ name: 'Riverside Books', sector: 'Retail' }).expect(201)).body;
      const today = londonDate();
      const marks: Record<string, string> = {};
      for (const p of [w.patient, w.other]) {
        const tag = p.id.slice(0, 8);
        const ref = await t.http().post('/api/employment/referrals').set(w.ot.auth).send({ patientId: p.id, referredOn: addDays(today, -20), source: 'OT' }).expect(201);
        await t.http().post(`/api/employment/referrals/${ref.body.id}/accept`).set(specialist.auth).send({ specialistUserId: specialist.user.id, acceptedOn: addDays(today, -19) }).expect(200);
        await t.http().post(`/api/patients/${p.id}/employment-plan`).set(specialist.auth).send({ kind: 'STEP', text: `Plan step ${tag}`, dueOn: addDays(today, 5) }).expect(201);
        await t.http().post(`/api/patients/${p.id}/leave`).set(w.ot.auth).send({ level: 'UNESCORTED_COMMUNITY', effectiveFrom: addDays(today, -15) }).expect(201);
        const start = (await t.http().post(`/api/patients/${p.id}/opportunities`).set(specialist.auth).send({ kind: 'JOB', employerId: employer.id, title: `Bookseller ${tag}`, startsOn: addDays(today, -10), hoursPerWeek: 8, hourlyPayPence: 1221, competitive: true }).expect(201)).body;
        await t.http().post('/api/employer-contacts').set(specialist.auth).send({ employerId: employer.id, patientId: p.id, contactedOn: addDays(today, -12), faceToFace: true, purpose: 'JOB_DEVELOPMENT' }).expect(201);
        await t.http().post(`/api/patients/${p.id}/follow-along`).set(specialist.auth).send({ opportunityId: start.id, contactedOn: addDays(today, -3), mode: 'PHONE', withWhom: 'PERSON' }).expect(201);
        await t.http().post(`/api/patients/${p.id}/disclosures`).set(specialist.auth).send({ employerId: employer.id, choice: 'HEALTH_CONDITION', decidedOn: addDays(today, -11) }).expect(201);
        await t.http().put(`/api/patients/${p.id}/benefits-situation`).set(w.ot.auth).send({ situation: 'UNIVERSAL_CREDIT', effectiveFrom: addDays(today, -1) }).expect(200);
        marks[p.id] = tag;
      }
      const x = (await t.http().get(`/api/patients/${w.patient.id}/export`).set(w.patientUser.auth).expect(200)).body;
      for (const section of ['employmentReferrals', 'employmentPlan', 'outsideOpportunities', 'employerContacts', 'followAlongContacts', 'employerDisclosures', 'benefitsSituations']) {
        expect({ section, rows: x[section].length }).toEqual({ section, rows: 1 });
        for (const row of x[section]) expect(row.patientId).toBe(w.patient.id);
      }
      expect(x.employmentPlan[0].text).toBe(`Plan step ${marks[w.patient.id]}`);
      expect(x.outsideOpportunities[0]).toMatchObject({ kind: 'JOB', title: `Bookseller ${marks[w.patient.id]}` });
      expect(x.benefitsSituations[0]).toMatchObject({ situation: 'UNIVERSAL_CREDIT' });
      const text = JSON.stringify(x);
      expect(text).not.toContain(`Plan step ${marks[w.other.id]}`);
      expect(text).not.toContain(`Bookseller ${marks[w.other.id]}`);
      expect(text).not.toContain(w.other.id);
    });

    it('includes the patient’s till purchases from their own account, in the JSON and the PDF, and none of another patient’s', async () => {
      const x = (await t.http().get(`/api/patients/${w.patient.id}/export`).set(w.patientUser.auth).expect(200)).body;
      expect(x.tillPurchases).toEqual([expect.objectContaining({ saleId: purchase.id, kind: 'SALE', amountPence: 240, items: [{ productName: 'Tea', quantity: 2, unitPricePence: 120 }] })]);
      const json = JSON.stringify(x);
      for (const theirs of [othersPurchase.id, cashSale.id, 'Flapjack', 'Crisps']) expect(json).not.toContain(theirs);
      const theirs = (await t.http().get(`/api/patients/${w.other.id}/export`).set(w.admin.auth).expect(200)).body;
      expect(theirs.tillPurchases.map((r: { saleId: string }) => r.saleId)).toEqual([othersPurchase.id]);
      const pdf = (await t.http().get(`/api/patients/${w.patient.id}/export.pdf`).set(w.patientUser.auth).buffer(true).parse(binary).expect(200)).body as Buffer;
      const text = pdfText(pdf);
      expect(text).toContain('Purchases from your own account at the café and shop');
      expect(text).toContain('2 × Tea');
      expect(text).toContain(purchase.id);
      expect(text).not.toContain('Flapjack');
      expect(text).not.toContain(othersPurchase.id);
    });

    it('answers 404 to a patient asking for another patient, 403 to staff, and 404 for an unknown patient', async () => {
      await t.http().get(`/api/patients/${w.other.id}/export`).set(w.patientUser.auth).expect(404);
      await t.http().get(`/api/patients/${w.other.id}/export.pdf`).set(w.patientUser.auth).expect(404);
      await t.http().get(`/api/patients/${w.patient.id}/export`).set(w.ot.auth).expect(403);
      await t.http().get(`/api/patients/${w.patient.id}/export`).set(w.commissioner.auth).expect(403);
      await t.http().get(`/api/patients/${newId()}/export`).set(w.admin.auth).expect(404);
      expect(await t.uow.read((em) => em.countBy(AuditEvent, { action: 'patient.export', patientId: w.other.id, userId: w.patientUser.user.id }))).toBe(0);
    });

    it('exports the same as a readable PDF, audited', async () => {
      const res = await t.http().get(`/api/patients/${w.patient.id}/export.pdf`).set(w.patientUser.auth).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['cache-control']).toBe('no-store');
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(5000);
      const audited = await t.uow.read((em) => em.findBy(AuditEvent, { action: 'patient.export', patientId: w.patient.id, userId: w.patientUser.user.id }));
      expect(audited.map((e) => JSON.parse(e.detail ?? '{}').format)).toContain('pdf');
    });
  });

  describe('audit log search as CSV', () => {
    it('exports the audit log as CSV filtered by patient, user, action and dates, for admins only, and audits the export', async () => {
      const res = await t.http().get(`/api/audit-events.csv?patientId=${w.patient.id}&action=patient.read&userId=${w.ot.user.id}`).set(w.admin.auth).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = res.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe('Occurred at (UTC),User id,Username,Action,Entity type,Entity id,Patient id,Request id,IP,Detail');
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines.slice(1)) {
        expect(line).toContain(`,${w.ot.user.id},`);
        expect(line).toContain(',patient.read,');
        expect(line).toContain(`,${w.patient.id},`);
      }
      const tomorrow = addDays(londonDate(), 2);
      expect((await t.http().get(`/api/audit-events.csv?patientId=${w.patient.id}&from=${tomorrow}`).set(w.admin.auth).expect(200)).text.trimEnd().split('\r\n')).toHaveLength(1);
      await t.http().get('/api/audit-events.csv?patientId=nope').set(w.admin.auth).expect(422);
      await t.http().get('/api/audit-events.csv').set(w.ot.auth).expect(403);
      expect(await t.uow.read((em) => em.countBy(AuditEvent, { action: 'audit.export', userId: w.admin.user.id }))).toBeGreaterThanOrEqual(2);
    });
  });

  describe('retention', () => {
    it('reports records past their retention period per record type, deleting nothing, and says which the ledger or a hazard control needs', async () => {
      const longAgo = new Date(Date.UTC(new Date().getUTCFullYear() - 21, 0, 15, 12));
      await t.uow.run((em) => em.insert(AuditEvent, { id: newId(), occurredAt: longAgo, userId: null, username: null, action: 'patient.read', entityType: 'patient', entityId: w.patient.id, patientId: w.patient.id, requestId: null, ip: null, detail: null }));
      const before = await t.uow.read((em) => em.count(AuditEvent));
      const res = await t.http().get('/api/retention-report').set(w.admin.auth).expect(200);
      const byType = Object.fromEntries(res.body.map((r: { type: string }) => [r.type, r]));
      expect(byType.auditEvents).toMatchObject({ retentionYears: 20, pastRetention: 1, oldestOn: longAgo.toISOString().slice(0, 10), keptBecause: expect.stringContaining('HAZ-006') });
      expect(byType.journalEntries).toMatchObject({ retentionYears: 6, keptBecause: expect.stringContaining('HAZ-009') });
      expect(byType.patients).toMatchObject({ retentionYears: 20, pastRetention: 0, keptBecause: null });
      expect(Object.keys(byType).sort()).toEqual(['attendanceRecords', 'auditEvents', 'credentials', 'journalEntries', 'leaveEvents', 'patients', 'references', 'skillLogs']);
      // nothing was deleted (one more row: the report's own audit entry)
      expect(await t.uow.read((em) => em.count(AuditEvent))).toBe(before + 1);
      await t.http().get('/api/retention-report').set(w.ot.auth).expect(403);
    });
  });

  describe('privacy notice', () => {
    it('shows the plain-English privacy notice at /privacy, linked from the patient’s pages, passing axe-core (and My week with its private calendar address)', async () => {
      const page = await t.http().get('/privacy').expect(200);
      expect(page.text).toContain('How we use your information');
      expect(page.text).toContain('How long we keep it');
      expect(page.text).toContain('Getting a copy of your information');
      const base = t.base;
      const chromium = await launchChromium();
      try {
        const page = await signInPage(chromium, base, w.patientUser.user.username);
        await page.goto(base + '/my/week');
        expect(await page.locator('a[href="/privacy"]').count()).toBeGreaterThan(0);
        // My week with the private calendar address form, and with the address shown
        expect(await axeViolations(page, base)).toEqual([]);
        await Promise.all([page.waitForNavigation(), page.click('form[action="/my/calendar-feed"] button')]);
        expect(await page.locator('#calendar-feed code').textContent()).toContain('/api/calendar-feeds/');
        expect(await axeViolations(page, base)).toEqual([]);
        expect((await page.goto(base + '/privacy'))?.status()).toBe(200);
        expect(await axeViolations(page, base)).toEqual([]);
        const anonymous = await (await chromium.newContext()).newPage();
        expect((await anonymous.goto(base + '/privacy'))?.status()).toBe(200);
        expect(await axeViolations(anonymous, base)).toEqual([]);
      } finally {
        await chromium.close();
      }
    });
  });
});
