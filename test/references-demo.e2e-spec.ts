import request from 'supertest';
import { londonDate } from '../src/common/dates';
import { gatherReferenceFacts, ReferenceFactsRepository } from '../src/references/reference-facts';
import { Reference } from '../src/references/reference.entity';
import { DEMO_APPROVED_REFERENCE_CODE, DEMO_APPROVED_REFERENCE_ID, DEMO_DRAFT_REFERENCE_ID } from '../seeds/references.seed';
import { DEMO_SEEDS_THROUGH_REFERENCES, DEMO_TEST_PASSWORD } from './support/test-db';
import { createTestApp, loadedDemoSeeds, TestApp } from './support/test-app';

jest.setTimeout(300_000);

describe('references: demo data', () => {
  let t: TestApp;
  const token = async (username: string) =>
    `Bearer ${(await request(t.app.getHttpServer()).post('/api/auth/token').send({ username, password: DEMO_TEST_PASSWORD }).expect(201)).body.accessToken}`;

  beforeAll(async () => {
    // The demo data sets up to and including references, as the seeder leaves them (later sets may
    // add older history; an approved reference keeps the facts it was approved with).
    t = await createTestApp({}, { data: 'demo-through-references' });
  });
  afterAll(() => t.close());

  it('gives the demo patient one approved reference whose facts are what the records say', async () => {
    expect(await loadedDemoSeeds(t)).toEqual(DEMO_SEEDS_THROUGH_REFERENCES.map((s) => s.name).sort());
    const r = await t.uow.read((em) => em.findOneByOrFail(Reference, { id: DEMO_APPROVED_REFERENCE_ID }));
    expect(r.status).toBe('APPROVED');
    expect(r.draftedByUserId).not.toBe(r.approvedByUserId);
    const now = await t.uow.read((em) => gatherReferenceFacts(em, new ReferenceFactsRepository(), r.placementId, londonDate()));
    expect(r.facts).toEqual(now);
    expect(r.facts.roleTitle).toBe('Barista');
    expect(r.facts.enterpriseReferenceName).toBe('Riverside Community Café');
    expect(r.facts.shiftsRecorded).toBeGreaterThan(0);
    expect(r.facts.minutesWorked).toBeGreaterThan(0);

    const auth = await token('patient');
    const list = (await t.http().get('/api/references').set('Authorization', auth).expect(200)).body;
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([DEMO_APPROVED_REFERENCE_ID]);
    const page = await t.http().get(`/verify/${DEMO_APPROVED_REFERENCE_CODE}`).expect(200);
    expect(page.text).toContain('This reference is genuine');
    expect(page.text).not.toContain('Riverside Secure Unit');
    // the other demo patient sees none of it
    const other = await token('patient2');
    await t.http().get(`/api/references/${DEMO_APPROVED_REFERENCE_ID}`).set('Authorization', other).expect(404);
  });

  it('has a draft for another patient, written by the OT, which the café and shop lead can approve', async () => {
    const d = await t.uow.read((em) => em.findOneByOrFail(Reference, { id: DEMO_DRAFT_REFERENCE_ID }));
    expect(d.status).toBe('DRAFT');
    expect(d.patientId).not.toBe((await t.uow.read((em) => em.findOneByOrFail(Reference, { id: DEMO_APPROVED_REFERENCE_ID }))).patientId);
    const ot = await token('ot');
    expect((await t.http().post(`/api/references/${d.id}/approve`).set('Authorization', ot).expect(409)).body.code).toBe('SELF_APPROVAL');
    const lead = await token('lead');
    await t.http().post(`/api/references/${d.id}/approve`).set('Authorization', lead).expect(200);
  });
});
