import { isApiPath } from '../src/common/http/request-pipeline';
import { outcomesWorld } from './outcomes-world';
import { registeredRoutes, type Route } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(180_000);

/** Routes a commissioner may reach: aggregate reports, and reference data about places and work that holds no patient (wards, sites, enterprises, work roles, the skills framework). */
const COMMISSIONER_ROUTES = /^\/(api\/)?reports(\/|$)|^\/(api\/)?surplus$|^\/(api\/)?(wards|sites|enterprises|work-roles)(\/:id)?$|^\/api\/skills(\/:id)?$|^\/skills\/framework(\/:id)?$|^\/(api\/)?employment\/(fidelity|returns)(\/quarterly\.csv)?$/;

describe('outcomes: the commissioner reaches reports only', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof outcomesWorld>>;
  let routes: Route[];
  beforeAll(async () => {
    t = await createTestApp();
    w = await outcomesWorld(t);
    routes = registeredRoutes(t.app);
  });
  afterAll(() => t.close());

  /** Real ids for path parameters, so that a 404 means "refused", not "no such record". */
  function concrete(path: string): string {
    const ids: Record<string, string> = {
      patientId: w.p.a1.id,
      placementId: w.placements.a1.id,
      enterpriseId: w.enterprise.id,
      roleId: w.role.id,
      wardId: w.wardA.id,
      siteId: w.site.id,
    };
    return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => ids[name] ?? (/patient/i.test(path) ? w.p.a1.id : /placement/i.test(path) ? w.placements.a1.id : /enterprise|finance/i.test(path) ? w.enterprise.id : w.p.a1.id));
  }

  it('declares no patient-level route open to COMMISSIONER', () => {
    const open = routes.filter((r) => !r.isPublic && (r.roles ?? []).includes('COMMISSIONER')).map((r) => `${r.method} ${r.path}`);
    const patientLevel = open.filter((k) => /patient|placement|application|assignment|attendance|shift|skill-log|skills\/log|reference|credential|timesheet|my-|demographic|audit/i.test(k));
    expect(patientLevel).toEqual([]);
  });

  it('every route outside the reports answers 403 or 404 to a commissioner (API with a token, pages with a session)', async () => {
    const { user, auth } = w.commissioner;
    const browser = await t.make.browser(user);
    const failures: string[] = [];
    let walked = 0;
    for (const r of routes) {
      if (r.isPublic || COMMISSIONER_ROUTES.test(r.path)) continue;
      if ((r.roles ?? []).length === 7) continue; // @AnyRole(): account routes (me, sign-out, password), no patient data
      walked++;
      const path = concrete(r.path);
      const res = isApiPath(r.path)
        ? await t.http()[r.method.toLowerCase() as 'get'](path).set(auth).send({})
        : r.method === 'GET'
          ? await browser.agent.get(path)
          : await browser.post(path, {});
      if (res.status !== 403 && res.status !== 404) failures.push(`${r.method} ${r.path} -> ${res.status}`);
    }
    expect(walked).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  });

  it('and the reports answer a commissioner 200', async () => {
    const { auth, user } = w.commissioner;
    await t.http().get('/api/reports/outcomes?groupBy=ward').set(auth).expect(200);
    await t.http().get('/api/reports/outcomes.csv').set(auth).expect(200);
    const browser = await t.make.browser(user);
    for (const path of ['/reports/outcomes', '/reports/quarterly?quarter=2026-Q1', '/reports/quarterly.pdf?quarter=2026-Q1']) expect((await browser.agent.get(path)).status).toBe(200);
  });
});

describe('outcomes: equality monitoring fields of a patient', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof outcomesWorld>>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await outcomesWorld(t);
  });
  afterAll(() => t.close());

  it('staff who may edit the patient set and read them; each read is audited', async () => {
    const id = w.p.a3.id;
    const empty = (await t.http().get(`/api/patients/${id}/demographics`).set(w.ot.auth).expect(200)).body;
    expect(empty).toMatchObject({ patientId: id, birthYear: null, statedGender: null, ethnicCategory: null, updatedAt: null });
    const set = (await t.http().put(`/api/patients/${id}/demographics`).set(w.ot.auth).send({ birthYear: 1999, statedGender: '9', ethnicCategory: 'H' }).expect(200)).body;
    expect(set).toMatchObject({ birthYear: 1999, statedGender: '9', ethnicCategory: 'H' });
    expect((await t.http().get(`/api/patients/${id}/demographics`).set(w.admin.auth).expect(200)).body).toMatchObject({ birthYear: 1999, statedGender: '9', ethnicCategory: 'H' });
    const cleared = (await t.http().put(`/api/patients/${id}/demographics`).set(w.ot.auth).send({ birthYear: null }).expect(200)).body;
    expect(cleared).toMatchObject({ birthYear: null, statedGender: null, ethnicCategory: null });
    const audit = (await t.http().get(`/api/audit-events?patientId=${id}&action=patient.demographics.read`).set(w.admin.auth).expect(200)).body;
    expect((audit.items ?? audit).length).toBeGreaterThanOrEqual(2);
  });

  it('refuses bad values with 422 and changes nothing', async () => {
    const id = w.p.a1.id;
    for (const body of [{ birthYear: 1800 }, { birthYear: 2024 }, { statedGender: 'M' }, { ethnicCategory: 'Q' }, { nickname: 'x' }]) {
      await t.http().put(`/api/patients/${id}/demographics`).set(w.ot.auth).send(body).expect(422);
    }
    expect((await t.http().get(`/api/patients/${id}/demographics`).set(w.ot.auth).expect(200)).body).toMatchObject({ birthYear: 1990, statedGender: '1', ethnicCategory: 'A' });
  });

  it('staff of other wards get 404, other roles and commissioners 403', async () => {
    await t.http().get(`/api/patients/${w.p.b1.id}/demographics`).set(w.ot.auth).expect(404); // ward B is not the OT's
    await t.http().put(`/api/patients/${w.p.b1.id}/demographics`).set(w.ot.auth).send({ birthYear: 1990 }).expect(404);
    await t.http().get(`/api/patients/${w.p.a1.id}/demographics`).set(w.commissioner.auth).expect(403);
    await t.http().get(`/api/patients/${w.p.a1.id}/demographics`).set(w.lead.auth).expect(403);
  });

  it('the page saves the form and shows errors in a summary', async () => {
    const browser = await t.make.browser(w.ot.user);
    const id = w.p.a2.id;
    expect((await browser.get(`/patients/${id}/demographics`)).status).toBe(200);
    const bad = await browser.post(`/patients/${id}/demographics`, { birthYear: 'soon', statedGender: '2', ethnicCategory: 'M' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('nhsuk-error-summary');
    const ok = await browser.post(`/patients/${id}/demographics`, { birthYear: '1980', statedGender: '2', ethnicCategory: 'N' });
    expect(ok.status).toBe(303);
    expect((await t.http().get(`/api/patients/${id}/demographics`).set(w.ot.auth).expect(200)).body).toMatchObject({ birthYear: 1980, ethnicCategory: 'N' });
  });
});
