import { AuditEvent } from '../src/audit/audit-event.entity';
import { RateLimit } from '../src/auth/rate-limit.entity';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config';
import { Reference } from '../src/references/reference.entity';
import { Ward } from '../src/wards/ward.entity';
import { referencesWorld, STATEMENT } from './references-world';
import { SkillLog } from '../src/skills/skill-log.entity';
import { binary, pdfText } from './support/pdf-text';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const PUBLIC_URL = 'https://wardworks.example.org';

describe('references', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof referencesWorld>>;
  const api = () => t.http();
  const draftBody = () => ({ placementId: w.placement.id, statement: STATEMENT, refereeName: 'Olivia Thompson', refereeJobTitle: 'Café supervisor' });

  beforeAll(async () => {
    t = await createTestApp({ WARDWORKS_PUBLIC_URL: PUBLIC_URL });
    w = await referencesWorld(t);
  });
  afterAll(() => t.close());

  const draft = async () => (await api().post('/api/references').set(w.ot.auth).send(draftBody()).expect(201)).body;
  const approved = async () => {
    const r = await draft();
    await api().post(`/api/references/${r.id}/approve`).set(w.ot2.auth).expect(200);
    return r;
  };
  const withdraw = (id: string) => api().post(`/api/references/${id}/withdraw`).set(w.ot.auth).send({ reason: 'Replaced by a newer reference' }).expect(200);

  describe('drafting from the records', () => {
    it('fills the facts from the records: role, reference name, dates, minutes, shifts, rates and the highest verified level per skill within the placement', async () => {
      const r = await draft();
      expect(r).toMatchObject({ patientId: w.patient.id, placementId: w.placement.id, status: 'DRAFT', statement: STATEMENT, showHospitalName: false, draftedByUserId: w.ot.user.id });
      expect(r.facts).toEqual(w.expectedFacts);
      expect(r.verificationCode).toMatch(/^[2-9A-HJ-NP-Z]{12}$/);
      await withdrawDraftAway(r.id);
    });

    it('refuses a second reference for a placement that already has a live one (409 REFERENCE_EXISTS), and changes nothing', async () => {
      const r = await draft();
      const res = await api().post('/api/references').set(w.lead.auth).send(draftBody()).expect(409);
      expect(res.body.code).toBe('REFERENCE_EXISTS');
      expect(await t.uow.read((em) => em.count(Reference, { where: { placementId: w.placement.id, status: 'DRAFT' } }))).toBe(1);
      await withdrawDraftAway(r.id);
    });

    it('under concurrent drafts for one placement, exactly one is made and the others are refused with 409', async () => {
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => api().post('/api/references').set(i % 2 ? w.ot2.auth : w.ot.auth).send(draftBody())));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'REFERENCE_EXISTS')).toBe(true);
      const made = results.find((r) => r.status === 201)!.body;
      expect(await t.uow.read((em) => em.count(Reference, { where: { placementId: w.placement.id, status: 'DRAFT' } }))).toBe(1);
      await api().post(`/api/references/${made.id}/approve`).set(made.draftedByUserId === w.ot.user.id ? w.ot2.auth : w.ot.auth).expect(200);
      await withdraw(made.id);
    });

    it('validates the statement, referee and placement (422 with fields)', async () => {
      const res = await api().post('/api/references').set(w.ot.auth).send({ placementId: w.placement.id, statement: 'short', refereeName: '', refereeJobTitle: 'x'.repeat(121) }).expect(422);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['refereeJobTitle', 'refereeName', 'statement']);
      await api().post('/api/references').set(w.ot.auth).send({ ...draftBody(), placementId: 'nope' }).expect(422);
      await api().post('/api/references').set(w.ot.auth).send({ ...draftBody(), extra: 1 }).expect(422);
    });
  });

  /** Drafts cannot be deleted (trigger) or withdrawn; approving and withdrawing frees the placement for the next test. */
  async function withdrawDraftAway(id: string) {
    await api().post(`/api/references/${id}/approve`).set(w.ot2.auth).expect(200);
    await withdraw(id);
  }

  describe('approval (four eyes) and editing', () => {
    it('the OT who wrote it cannot approve it (409 SELF_APPROVAL); another OT can', async () => {
      const r = await draft();
      const res = await api().post(`/api/references/${r.id}/approve`).set(w.ot.auth).expect(409);
      expect(res.body.code).toBe('SELF_APPROVAL');
      expect((await api().get(`/api/references/${r.id}`).set(w.ot.auth).expect(200)).body.status).toBe('DRAFT');
      const ok = await api().post(`/api/references/${r.id}/approve`).set(w.ot2.auth).expect(200);
      expect(ok.body).toMatchObject({ status: 'APPROVED', approvedByUserId: w.ot2.user.id, approvedAt: expect.any(String) });
      await withdraw(r.id);
    });

    it('an employment specialist may draft but not approve (403); a lead of the enterprise may approve', async () => {
      const r = (await api().post('/api/references').set(w.specialist.auth).send(draftBody()).expect(201)).body;
      await api().post(`/api/references/${r.id}/approve`).set(w.specialist.auth).expect(403);
      await api().post(`/api/references/${r.id}/approve`).set(w.lead.auth).expect(200);
      await withdraw(r.id);
    });

    it('whoever changes the words of a draft becomes its drafter, so they cannot approve their own words', async () => {
      const r = await draft();
      const edited = (await api().patch(`/api/references/${r.id}`).set(w.ot2.auth).send({ statement: STATEMENT + ' Recommended.' }).expect(200)).body;
      expect(edited).toMatchObject({ statement: STATEMENT + ' Recommended.', draftedByUserId: w.ot2.user.id });
      expect((await api().post(`/api/references/${r.id}/approve`).set(w.ot2.auth).expect(409)).body.code).toBe('SELF_APPROVAL');
      await api().post(`/api/references/${r.id}/approve`).set(w.ot.auth).expect(200);
      await withdraw(r.id);
    });

    it('refreshes the facts of a draft from the records on request; approval freezes them and refuses further changes', async () => {
      const second = { patientId: w.patient.id, placementId: w.placement2.id, roleId: w.role2.id };
      const r = (await api().post('/api/references').set(w.ot.auth).send({ ...draftBody(), placementId: w.placement2.id }).expect(201)).body;
      expect(r.facts).toMatchObject({ roleTitle: 'Kitchen porter', minutesWorked: 180, shiftsRecorded: 1, shiftsAttended: 1, punctualityRatePercent: 100 });
      await w.worked(second, [{ status: 'LATE', startLate: 10 }]);
      expect((await api().get(`/api/references/${r.id}`).set(w.ot.auth).expect(200)).body.facts.minutesWorked).toBe(180);
      const refreshed = (await api().patch(`/api/references/${r.id}`).set(w.ot.auth).send({ refreshFacts: true }).expect(200)).body;
      expect(refreshed.facts).toMatchObject({ minutesWorked: 350, shiftsRecorded: 2, shiftsAttended: 2, attendanceRatePercent: 100, punctualityRatePercent: 50 });
      expect(refreshed.draftedByUserId).toBe(w.ot.user.id); // facts are not words
      await api().post(`/api/references/${r.id}/approve`).set(w.ot2.auth).expect(200);
      await w.worked(second, [{ status: 'ABSENT' }]);
      const res = await api().patch(`/api/references/${r.id}`).set(w.ot.auth).send({ refreshFacts: true }).expect(409);
      expect(res.body.code).toBe('REFERENCE_STATUS');
      await api().patch(`/api/references/${r.id}`).set(w.ot.auth).send({ statement: STATEMENT + ' More.' }).expect(409);
      const after = (await api().get(`/api/references/${r.id}`).set(w.ot.auth).expect(200)).body;
      expect(after.statement).toBe(STATEMENT);
      expect(after.facts).toEqual(refreshed.facts);
      await withdraw(r.id);
    });

    it('PATCH with nothing to change is 422; approving twice is 409', async () => {
      const r = await draft();
      await api().patch(`/api/references/${r.id}`).set(w.ot.auth).send({}).expect(422);
      await api().post(`/api/references/${r.id}/approve`).set(w.ot2.auth).expect(200);
      expect((await api().post(`/api/references/${r.id}/approve`).set(w.lead.auth).expect(409)).body.code).toBe('REFERENCE_STATUS');
      await withdraw(r.id);
    });
  });

  describe('scope', () => {
    let approvedId: string;
    let draftId: string;
    let otherId: string;
    beforeAll(async () => {
      approvedId = (await approved()).id;
      otherId = (await api().post('/api/references').set(w.ot.auth).send({ ...draftBody(), placementId: w.otherPlacement.id }).expect(201)).body.id;
      await api().post(`/api/references/${otherId}/approve`).set(w.ot2.auth).expect(200);
      draftId = (await api().post('/api/references').set(w.ot.auth).send({ ...draftBody(), placementId: w.placement2.id }).expect(201)).body.id;
    });

    it('a patient sees only their own approved references, never another patient’s (404) nor a draft (404)', async () => {
      const list = (await api().get('/api/references').set(w.patientUser.auth).expect(200)).body;
      expect(list.items.map((r: { id: string }) => r.id)).toEqual([approvedId]);
      expect((await api().get(`/api/references?patientId=${w.patient.id}`).set(w.patientUser.auth).expect(200)).body.items).toHaveLength(1);
      await api().get(`/api/references?patientId=${w.other.id}`).set(w.patientUser.auth).expect(404);
      await api().get(`/api/references/${otherId}`).set(w.patientUser.auth).expect(404);
      await api().get(`/api/references/${otherId}/pdf`).set(w.patientUser.auth).expect(404);
      await api().get(`/api/references/${draftId}`).set(w.patientUser.auth).expect(404);
      await api().get(`/api/references/${approvedId}`).set(w.patientUser.auth).expect(200);
      expect((await api().get('/api/references').set(w.otherUser.auth).expect(200)).body.items.map((r: { id: string }) => r.id)).toEqual([otherId]);
    });

    it('staff on another ward, and a lead of another enterprise, get 404 and empty lists', async () => {
      for (const c of [w.otherWardOt, w.otherLead]) {
        await api().get(`/api/references/${approvedId}`).set(c.auth).expect(404);
        await api().get(`/api/references/${approvedId}/pdf`).set(c.auth).expect(404);
        expect((await api().get('/api/references').set(c.auth).expect(200)).body.total).toBe(0);
      }
      await api().post('/api/references').set(w.otherWardOt.auth).send({ ...draftBody(), placementId: w.placement2.id }).expect(404);
      await api().post(`/api/references/${draftId}/approve`).set(w.otherWardOt.auth).expect(404);
      await api().post(`/api/references/${approvedId}/withdraw`).set(w.otherLead.auth).send({ reason: 'Not mine to withdraw' }).expect(404);
      await api().get(`/api/references?patientId=${w.patient.id}`).set(w.otherWardOt.auth).expect(404);
    });

    it('staff in scope see drafts and approved references; an admin sees all', async () => {
      const ids = (await api().get(`/api/references?patientId=${w.patient.id}&status=DRAFT`).set(w.specialist.auth).expect(200)).body.items.map((r: { id: string }) => r.id);
      expect(ids).toEqual([draftId]);
      expect((await api().get(`/api/references/${draftId}`).set(w.lead.auth).expect(200)).body.status).toBe('DRAFT');
      expect((await api().get('/api/references').set(w.admin.auth).expect(200)).body.total).toBeGreaterThanOrEqual(3);
    });

    it('a commissioner gets 403 on every reference route; ward staff too; a patient cannot write', async () => {
      for (const c of [w.commissioner, w.wardStaff]) {
        await api().get('/api/references').set(c.auth).expect(403);
        await api().get(`/api/references/${approvedId}`).set(c.auth).expect(403);
        await api().get(`/api/references/${approvedId}/pdf`).set(c.auth).expect(403);
        await api().post('/api/references').set(c.auth).send(draftBody()).expect(403);
      }
      await api().post('/api/references').set(w.patientUser.auth).send(draftBody()).expect(403);
      await api().post(`/api/references/${approvedId}/withdraw`).set(w.patientUser.auth).send({ reason: 'I do not like it' }).expect(403);
    });

    it('only the patient chooses to show the hospital, only on their own approved reference', async () => {
      await api().post(`/api/references/${approvedId}/disclosure`).set(w.ot.auth).send({ showHospitalName: true }).expect(403);
      await api().post(`/api/references/${approvedId}/disclosure`).set(w.otherUser.auth).send({ showHospitalName: true }).expect(404);
      await api().post(`/api/references/${draftId}/disclosure`).set(w.patientUser.auth).send({ showHospitalName: true }).expect(404);
      await api().post(`/api/references/${approvedId}/disclosure`).set(w.patientUser.auth).send({ showHospitalName: 'yes' }).expect(422);
      expect((await api().get(`/api/references/${approvedId}`).set(w.ot.auth).expect(200)).body.showHospitalName).toBe(false);
    });

    it('audits every read of a reference with the patient it is about', async () => {
      await api().get(`/api/references/${approvedId}`).set(w.specialist.auth).expect(200);
      const events = await t.uow.read((em) => em.find(AuditEvent, { where: { action: 'reference.read', entityId: approvedId, userId: w.specialist.user.id } }));
      expect(events.length).toBeGreaterThanOrEqual(1);
      expect(events[0].patientId).toBe(w.patient.id);
    });

    afterAll(async () => {
      await withdraw(approvedId);
      await withdraw(otherId);
      await withdrawDraftAway(draftId);
    });
  });

  describe('the PDF', () => {
    let r: { id: string; verificationCode: string };
    beforeAll(async () => (r = await approved()));
    afterAll(() => withdraw(r.id));

    const download = async (auth: Record<string, string>) => {
      const res = await api().get(`/api/references/${r.id}/pdf`).set(auth).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="reference-[A-Z0-9]{12}\.pdf"$/);
      return res.body as Buffer;
    };

    it('is an A4 PDF of real text holding the heading, facts, skills, statement, referee, code and verification address', async () => {
      const pdf = await download(w.patientUser.auth);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
      expect(pdf.toString('latin1')).toContain('/FlateDecode'); // the production path compresses; the text is found by inflating
      expect(pdf.toString('latin1')).toContain('/BaseFont /Helvetica');
      const text = pdfText(pdf);
      expect(text).toContain('Employment reference');
      expect(text).toContain(STATEMENT);
      expect(text).toContain('Community Café');
      expect(text).toContain('Barista');
      expect(text).toContain('10 hours 10 minutes');
      expect(text).toContain('80%');
      expect(text).toContain('75%');
      expect(text).toContain('Food hygiene');
      expect(text).toContain('Competent (level 3 of 4)');
      expect(text).toContain('Olivia Thompson');
      const code = r.verificationCode;
      expect(text).toContain(`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`);
      // the one public address (WARDWORKS_PUBLIC_URL), never the request's Host header
      expect(text).toContain(`Go to ${t.app.get<AppConfig>(APP_CONFIG).publicUrl}/verify/${code}`);
    });

    it('prints the verification address from WARDWORKS_PUBLIC_URL, never from the request’s Host header', async () => {
      const res = await api().get(`/api/references/${r.id}/pdf`).set(w.patientUser.auth).set('Host', 'attacker.example').set('X-Forwarded-Host', 'attacker.example').buffer(true).parse(binary).expect(200);
      const text = pdfText(res.body as Buffer);
      expect(text).not.toContain('attacker.example');
      expect(text).toContain(`${t.app.get<AppConfig>(APP_CONFIG).publicUrl}/verify/${r.verificationCode}`);
    });

    it('prints the verify address and issues credentials from the same one WARDWORKS_PUBLIC_URL', async () => {
      expect(t.app.get<AppConfig>(APP_CONFIG).publicUrl).toBe(PUBLIC_URL);
      expect(pdfText(await download(w.patientUser.auth))).toContain(`${PUBLIC_URL}/verify/${r.verificationCode}`);
      const log = await t.uow.read((em) => em.findOneByOrFail(SkillLog, { patientId: w.patient.id, levelRank: 3, status: 'VERIFIED' }));
      const issued = (await api().post('/api/credentials').set(w.ot.auth).send({ skillLogId: log.id }).expect(201)).body;
      expect(issued.credential.issuer.id.startsWith(`${PUBLIC_URL}/`)).toBe(true);
      expect(issued.credential.credentialStatus.id).toBe(`${PUBLIC_URL}/api/credentials/${issued.id}/status`);
    });

    it('names the hospital only when the patient chose it', async () => {
      expect(pdfText(await download(w.patientUser.auth))).not.toContain(w.site.name);
      await api().post(`/api/references/${r.id}/disclosure`).set(w.patientUser.auth).send({ showHospitalName: true }).expect(200);
      expect(pdfText(await download(w.patientUser.auth))).toContain(w.site.name);
      await api().post(`/api/references/${r.id}/disclosure`).set(w.patientUser.auth).send({ showHospitalName: false }).expect(200);
      expect(pdfText(await download(w.patientUser.auth))).not.toContain(w.site.name);
    });

    it('for an employer, follows what the person chose to disclose to that employer', async () => {
      const employer = (await api().post('/api/employers').set(w.specialist.auth).send({ name: 'Hillside Bakery' }).expect(201)).body;
      const other = (await api().post('/api/employers').set(w.specialist.auth).send({ name: 'Canal Street Books' }).expect(201)).body;
      const forEmployer = async (employerId: string) =>
        pdfText((await api().get(`/api/references/${r.id}/pdf?employerId=${employerId}`).set(w.patientUser.auth).buffer(true).parse(binary).expect(200)).body as Buffer);
      // no choice recorded for that employer: the general choice (not named) applies
      expect(await forEmployer(employer.id)).not.toContain(w.site.name);
      await api().post(`/api/patients/${w.patient.id}/disclosures`).set(w.specialist.auth).send({ employerId: employer.id, choice: 'HEALTH_AND_HOSPITAL', decidedOn: '2026-07-01' }).expect(201);
      await api().post(`/api/patients/${w.patient.id}/disclosures`).set(w.specialist.auth).send({ employerId: other.id, choice: 'HEALTH_CONDITION', decidedOn: '2026-07-01' }).expect(201);
      expect(await forEmployer(employer.id)).toContain(w.site.name);
      await api().post(`/api/references/${r.id}/disclosure`).set(w.patientUser.auth).send({ showHospitalName: true }).expect(200);
      expect(await forEmployer(other.id)).not.toContain(w.site.name);
      await api().post(`/api/references/${r.id}/disclosure`).set(w.patientUser.auth).send({ showHospitalName: false }).expect(200);
      await api().get(`/api/references/${r.id}/pdf?employerId=nope`).set(w.patientUser.auth).expect((res) => expect([400, 422]).toContain(res.status));
    });

    it('staff in scope may download it too; a draft cannot be downloaded (409); downloads are audited', async () => {
      await download(w.lead.auth);
      const d = (await api().post('/api/references').set(w.ot.auth).send({ ...draftBody(), placementId: w.placement2.id }).expect(201)).body;
      expect((await api().get(`/api/references/${d.id}/pdf`).set(w.ot.auth).expect(409)).body.code).toBe('REFERENCE_NOT_APPROVED');
      await withdrawDraftAway(d.id);
      const events = await t.uow.read((em) => em.find(AuditEvent, { where: { action: 'reference.download', entityId: r.id } }));
      expect(events.map((e) => e.userId)).toEqual(expect.arrayContaining([w.patientUser.user.id, w.lead.user.id]));
    });
  });

  describe('GET /verify/:code', () => {
    let r: { id: string; verificationCode: string };
    beforeAll(async () => {
      await t.uow.run((em) => em.clear(RateLimit));
      r = await approved();
    });

    it('shows an approved reference’s content and nothing more: no hospital, hospital number, ward or ids', async () => {
      const res = await api().get(`/verify/${r.verificationCode}`).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('This reference is genuine');
      for (const s of ['Barista', 'Community Café', '10 hours 10 minutes', '80%', '75%', 'Food hygiene', 'Olivia Thompson', 'Café supervisor']) expect(res.text).toContain(s);
      expect(res.text).toContain('Jo was reliable and cheerful');
      const ward = await t.uow.read((em) => em.findOneByOrFail(Ward, { id: w.ward.id }));
      for (const secret of [w.site.name, w.patient.hospitalNumber, w.patient.displayName, ward.name, w.patient.id, w.placement.id, r.id]) expect(res.text).not.toContain(secret);
    });

    it('answers JSON with Accept: application/json, and at /api/verify/:code; codes are read without case or hyphens', async () => {
      const viaPage = await api().get(`/verify/${r.verificationCode}`).set('Accept', 'application/json').expect(200);
      expect(viaPage.body).toMatchObject({ status: 'APPROVED', roleTitle: 'Barista', enterpriseName: 'Community Café', hospitalName: null, minutesWorked: 610, attendanceRatePercent: 80, punctualityRatePercent: 75, statement: STATEMENT });
      expect(JSON.stringify(viaPage.body)).not.toMatch(/patientId|placementId|hospitalNumber|"id"/);
      const code = r.verificationCode.toLowerCase();
      const viaApi = await api().get(`/api/verify/${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`).expect(200);
      expect(viaApi.body).toEqual(viaPage.body);
    });

    it('shows the hospital only after the patient chose it', async () => {
      await api().post(`/api/references/${r.id}/disclosure`).set(w.patientUser.auth).send({ showHospitalName: true }).expect(200);
      expect((await api().get(`/verify/${r.verificationCode}`).expect(200)).text).toContain(w.site.name);
      await api().post(`/api/references/${r.id}/disclosure`).set(w.patientUser.auth).send({ showHospitalName: false }).expect(200);
      expect((await api().get(`/verify/${r.verificationCode}`).expect(200)).text).not.toContain(w.site.name);
    });

    it('answers 404 for an unknown code, a malformed one and a draft’s code (HTML and JSON)', async () => {
      const page = await api().get('/verify/ABCDEFGHJKLM').expect(404);
      expect(page.text).toContain('Reference not found');
      expect((await api().get('/verify/ABCDEFGHJKLM').set('Accept', 'application/json').expect(404)).body.code).toBe('NOT_FOUND');
      await api().get('/api/verify/not-a-code').expect(404);
      const d = (await api().post('/api/references').set(w.ot.auth).send({ ...draftBody(), placementId: w.placement2.id }).expect(201)).body;
      await api().get(`/api/verify/${d.verificationCode}`).expect(404);
      await withdrawDraftAway(d.id);
    });

    it('a withdrawn reference shows as withdrawn, without its content; the patient no longer sees it', async () => {
      await withdraw(r.id);
      const res = await api().get(`/verify/${r.verificationCode}`).expect(200);
      expect(res.text).toContain('This reference has been withdrawn');
      expect(res.text).not.toContain('Jo was reliable');
      expect(res.text).not.toContain('Olivia Thompson');
      expect((await api().get(`/api/verify/${r.verificationCode}`).expect(200)).body).toMatchObject({ status: 'WITHDRAWN', statement: '', roleTitle: '', verifiedSkills: [] });
      await api().get(`/api/references/${r.id}`).set(w.patientUser.auth).expect(404);
      expect((await api().get(`/api/references/${r.id}`).set(w.ot.auth).expect(200)).body).toMatchObject({ status: 'WITHDRAWN', withdrawnReason: 'Replaced by a newer reference' });
    });

    it('a withdrawal needs a reason (422) and an approved reference (409)', async () => {
      await api().post(`/api/references/${r.id}/withdraw`).set(w.ot.auth).send({ reason: '' }).expect(422);
      expect((await api().post(`/api/references/${r.id}/withdraw`).set(w.ot.auth).send({ reason: 'Again, please' }).expect(409)).body.code).toBe('REFERENCE_STATUS');
    });

    it('is rate-limited: the 21st check in a minute from one address is refused with 429', async () => {
      await t.uow.run((em) => em.clear(RateLimit));
      for (let i = 0; i < 20; i++) await api().get('/api/verify/ABCDEFGHJKLM').expect(404);
      const res = await api().get('/api/verify/ABCDEFGHJKLM').expect(429);
      expect(res.body.code).toBe('RATE_LIMITED');
      await api().get(`/api/verify/${r.verificationCode}`).expect(429);
      await t.uow.run((em) => em.clear(RateLimit));
    });
  });

  describe('pages', () => {
    it('staff draft from a placement, see the error summary for a bad form, and another OT approves; the patient chooses and downloads', async () => {
      const ot = await t.make.browser(w.ot.user);
      const form = await ot.get(`/references/new?placementId=${w.placement.id}`);
      expect(form.status).toBe(200);
      expect(form.text).toContain('Write a reference');
      const bad = await ot.post('/references/new', { placementId: w.placement.id, statement: 'short', refereeName: 'Olivia Thompson', refereeJobTitle: 'OT' });
      expect(bad.status).toBe(422);
      expect(bad.text).toContain('nhsuk-error-summary');
      expect(bad.text).toContain('Write a statement of at least 20 characters');
      const ok = await ot.post('/references/new', { placementId: w.placement.id, statement: STATEMENT, refereeName: 'Olivia Thompson', refereeJobTitle: 'OT' });
      expect(ok.status).toBe(303);
      const id = /\/references\/([0-9a-f-]{36})\?done=drafted/.exec(ok.headers.location)![1];
      const show = await ot.get(`/references/${id}?done=drafted`);
      expect(show.text).toContain('another OT or enterprise lead must approve it');
      expect((await ot.post(`/references/${id}/refresh`, {})).status).toBe(303);

      const ot2 = await t.make.browser(w.ot2.user);
      await ot2.get(`/references/${id}`);
      const approvedRes = await ot2.post(`/references/${id}/approve`, {});
      expect(approvedRes.headers.location).toBe(`/references/${id}?done=approved`);
      const list = await ot2.get('/references?status=APPROVED');
      expect(list.text).toContain(`/references/${id}`);

      const patient = await t.make.browser(w.patientUser.user);
      const mine = await patient.get('/my/references');
      expect(mine.text).toContain(`/my/references/${id}`);
      const page = await patient.get(`/my/references/${id}`);
      expect(page.text).toContain('Which name should your reference show?');
      expect(page.text).toMatch(/name="then"[^>]*value="download"|value="download"[^>]*name="then"/);
      expect((await patient.post(`/my/references/${id}/disclosure`, {})).status).toBe(422);
      await patient.get(`/my/references/${id}`);
      const chose = await patient.post(`/my/references/${id}/disclosure`, { showHospitalName: 'yes', then: 'download' });
      expect(chose.headers.location).toBe(`/api/references/${id}/pdf`);
      const pdf = await patient.agent.get(`/api/references/${id}/pdf`).buffer(true).parse(binary).expect(200);
      expect(pdfText(pdf.body)).toContain(w.site.name);

      // Withdrawal from the page needs a reason.
      await ot.get(`/references/${id}`);
      const noReason = await ot.post(`/references/${id}/withdraw`, { reason: '' });
      expect(noReason.status).toBe(422);
      expect(noReason.text).toContain('Say why the reference is withdrawn');
      expect((await ot.post(`/references/${id}/withdraw`, { reason: 'Patient asked for a new one' })).status).toBe(303);
      expect((await patient.get(`/my/references/${id}`)).status).toBe(404);
    });

    it('the verify page form sends a typed code to its page; a patient cannot open the staff pages', async () => {
      const anon = t.make.anonymousBrowser();
      expect((await anon.get('/verify')).status).toBe(200);
      expect((await anon.get('/verify?code=not-a-code')).status).toBe(422);
      const res = await anon.get('/verify?code=abcd-efgh-jklm');
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/verify/ABCDEFGHJKLM');
      const patient = await t.make.browser(w.patientUser.user);
      expect((await patient.get('/references')).status).toBe(403);
      const commissioner = await t.make.browser(w.commissioner.user);
      expect((await commissioner.get('/references')).status).toBe(403);
      expect((await commissioner.get('/my/references')).status).toBe(403);
    });
  });
});
