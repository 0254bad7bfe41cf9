import type { Response } from 'supertest';
import { londonDate } from '../../src/common/dates';
import { isApiPath } from '../../src/common/http/request-pipeline';
import type { Role } from '../../src/users/roles';
import { Browser, TEST_PASSWORD } from '../support/factories';
import { registeredRoutes, type Route } from '../support/routes';
import { OpenApiResponses } from '../support/openapi-responses';
import { TableState } from '../support/table-state';
import { createTestApp, type TestApp } from '../support/test-app';
import { DEMO_TEST_PASSWORD } from '../support/test-db';
import { EXPECTED, type Scope } from './expected';
import { RECORD_SOURCES } from './records';
import { callerFacts, type CallerFacts, inScope, type PatientFacts, type RecordRow, seesEmployment, seesPatient } from './scope';

jest.setTimeout(900_000);

interface Caller extends CallerFacts {
  auth: { Authorization: string };
  browser: Browser;
}

/** Requests that end the caller's session run last, so that the other calls keep their sign-in. */
const SESSION_ENDERS = new Set(['POST /api/auth/revoke', 'GET /sign-out', 'POST /sign-out']);

const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

/** The error code of a JSON answer, for the report. */
const codeOf = (res: Response) => String(res.body?.code ?? '');

describe('access matrix: every role calls every registered route', () => {
  let t: TestApp;
  let routes: Route[];
  let callers: Caller[];
  const patients = new Map<string, PatientFacts>();
  const rowsBySql = new Map<string, RecordRow[]>();
  const differences: string[] = [];
  let calls = 0;
  let responses: OpenApiResponses;
  /** Answers of documented operations that the served OpenAPI document does not describe, one per operation. */
  const nonConforming = new Map<string, string>();
  let conformanceChecked = 0;

  const monday = () => {
    const d = new Date(`${londonDate()}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return d.toISOString().slice(0, 10);
  };
  const defaults = (): Record<string, string> => {
    const today = londonDate();
    return { weekStartOn: monday(), month: today.slice(0, 7), monthStart: `${today.slice(0, 7)}-01`, today, quarter: `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`, runId: PLACEHOLDER_ID, token: 'not-a-feed-token', key: 'not-a-key', action: 'accept', code: 'W-ALDER' };
  };
  /** The route's path with its query, if the table gives one: what record sources and fill() work on. */
  const pattern = (route: Route) => {
    const query = EXPECTED[`${route.method} ${route.path}`]?.[2];
    return query ? `${route.path}?${query}` : route.path;
  };
  const refusals = (scope: Scope) => (scope === 'till' || scope === 'openVacancy' ? [403, 404, 409] : [403, 404]);

  /** Row counts (taken around every route's refused writes) and content hashes (before and after all of them). */
  let tables: TableState;

  async function rowsFor(route: Route): Promise<RecordRow[] | undefined> {
    if (!pattern(route).includes(':')) return undefined;
    const source = RECORD_SOURCES.find((s) => s.path.test(pattern(route)));
    if (!source) return [];
    if (!rowsBySql.has(source.sql)) rowsBySql.set(source.sql, await t.ds.query(/ORDER BY/.test(source.sql) ? source.sql : `${source.sql} ORDER BY 1`));
    return rowsBySql.get(source.sql);
  }

  function fill(route: Route, row: RecordRow | undefined): string {
    const d = defaults();
    return pattern(route).replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(row?.[name] ?? d[name] ?? PLACEHOLDER_ID)));
  }

  async function call(c: Caller | null, method: string, path: string, routePath?: string): Promise<Response> {
    const res = await send(c, method, path);
    if (routePath) {
      const documented = OpenApiResponses.documentPath(routePath);
      if (responses.isDocumented(method, documented) && res.status >= 200 && res.status < 300) {
        conformanceChecked++;
        const wrong = responses.problem(method, documented, res.status, String(res.headers['content-type'] ?? ''), res.body);
        if (wrong && !nonConforming.has(`${method} ${routePath}`)) nonConforming.set(`${method} ${routePath}`, `${method} ${routePath} -> ${res.status}: ${wrong}`);
      }
    }
    return res;
  }

  async function send(c: Caller | null, method: string, path: string): Promise<Response> {
    calls++;
    const m = method.toLowerCase() as 'get';
    if (isApiPath(path)) {
      const req = t.http()[m](path);
      if (c) req.set(c.auth);
      return method === 'GET' ? req : req.send({});
    }
    if (!c) {
      const anonymous = t.make.anonymousBrowser();
      await anonymous.get('/sign-in');
      return method === 'GET' ? anonymous.agent.get(path) : anonymous.post(path, {});
    }
    return method === 'GET' ? c.browser.agent.get(path) : c.browser.post(path, {});
  }

  /** Markers (id, hospital number, name) of every patient the caller may not see. */
  function unseenMarkers(c: Caller): string[] {
    return [...patients.values()].filter((p) => !seesPatient(c, p) && !seesEmployment(c, p)).flatMap((p) => [p.id, p.hospitalNumber, p.displayName]);
  }

  beforeAll(async () => {
    t = await createTestApp({}, { data: 'demo' });
    tables = new TableState(t.ds);
    routes = registeredRoutes(t.app);
    responses = new OpenApiResponses((await t.http().get('/api/docs-json').expect(200)).body);
    for (const p of await t.ds.query(`SELECT p.id AS "id", p."wardId" AS "wardId", p."displayName" AS "displayName", p."hospitalNumber" AS "hospitalNumber" FROM patients p`)) patients.set(p.id, p);
    const wardIds = async (...names: string[]) => Promise.all(names.map(async (n) => (await t.ds.query(`SELECT id FROM wards WHERE name = '${n}'`))[0].id as string));
    // A second OT on the wards the demo OT does not work on, and accounts for the admin routes to act on.
    await t.make.user('OT', { username: 'matrix-ot2', wardIds: await wardIds('Cedar Ward', 'Willow Ward') });
    await t.make.user('WARD_STAFF', { username: 'matrix-target-1' });
    const signIns: [name: string, username: string, password: string][] = [
      ['admin', 'admin', DEMO_TEST_PASSWORD],
      ['ot', 'ot', DEMO_TEST_PASSWORD],
      ['ot2', 'matrix-ot2', TEST_PASSWORD],
      ['lead', 'lead', DEMO_TEST_PASSWORD],
      ['ward', 'ward', DEMO_TEST_PASSWORD],
      ['specialist', 'specialist', DEMO_TEST_PASSWORD],
      ['patient', 'patient', DEMO_TEST_PASSWORD],
      ['patient2', 'patient2', DEMO_TEST_PASSWORD],
      ['commissioner', 'commissioner', DEMO_TEST_PASSWORD],
    ];
    callers = [];
    for (const [name, username, password] of signIns) {
      const [user] = await t.ds.query(`SELECT id, role, "patientId" AS "patientId" FROM users WHERE username = '${username}'`);
      const token = await t.http().post('/api/auth/token').send({ username, password }).expect(201);
      const browser = await t.make.browser(username, password);
      callers.push({ ...(await callerFacts(t.ds, name, user as { id: string; role: Role; patientId: string | null })), auth: { Authorization: `Bearer ${token.body.accessToken}` }, browser });
    }
  });
  afterAll(() => t?.close());

  it('has an entry in the expected-access table for every registered route, and none for a route that is gone', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(keys.filter((k) => !EXPECTED[k])).toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('signs in every role: admin, two OTs on different wards, lead, ward staff, employment specialist, two patients on different wards, commissioner', () => {
    expect(callers.map((c) => c.role).sort()).toEqual(['ADMIN', 'COMMISSIONER', 'EMPLOYMENT_SPECIALIST', 'ENTERPRISE_LEAD', 'OT', 'OT', 'PATIENT', 'PATIENT', 'WARD_STAFF']);
    const [ot, ot2] = callers.filter((c) => c.role === 'OT');
    expect([...ot.wardIds].some((w) => ot2.wardIds.has(w))).toBe(false);
    const [p1, p2] = callers.filter((c) => c.role === 'PATIENT');
    expect(patients.get(p1.patientId!)!.wardId).not.toBe(patients.get(p2.patientId!)!.wardId);
  });

  it('answers every GET route as the expected-access table says, for every role, with ids inside and outside the caller’s scope, and no 200 shows a patient the caller may not see', async () => {
    let checked = 0;
    for (const route of routes.filter((r) => r.method === 'GET' && !SESSION_ENDERS.has(`GET ${r.path}`))) {
      const entry = EXPECTED[`${route.method} ${route.path}`];
      if (!entry) continue;
      const [roles, scope = 'all'] = entry;
      const rows = await rowsFor(route);
      for (const c of callers) {
        const targets: { row?: RecordRow; side: 'in' | 'out' }[] = [];
        if (rows === undefined) targets.push({ side: 'in' });
        else {
          const inRow = rows.find((r) => inScope(scope, c, r, patients));
          const outRow = rows.find((r) => !inScope(scope, c, r, patients));
          if (inRow) targets.push({ row: inRow, side: 'in' });
          if (outRow) targets.push({ row: outRow, side: 'out' });
          if (!rows.length) targets.push({ side: 'in' });
        }
        for (const { row, side } of targets) {
          const path = fill(route, row);
          const res = await call(c, 'GET', path, route.path);
          checked++;
          const allowedRole = roles === 'PUBLIC' || roles.split(' ').includes(c.role);
          const missing = rows !== undefined && !row; // no such record: the route may only say 404
          let ok: boolean;
          let want: string;
          if (!allowedRole) [ok, want] = [res.status === 403, '403'];
          else if (missing) [ok, want] = [res.status === 404 || (res.status >= 200 && res.status < 400), '404 or allowed'];
          else if (side === 'out') [ok, want] = [refusals(scope).includes(res.status), 'refused (403/404)'];
          else [ok, want] = [res.status >= 200 && res.status < 400, 'allowed (2xx/3xx)'];
          if (!ok) differences.push(`${c.name} GET ${route.path} [${side}] ${path} -> ${res.status} ${codeOf(res)}, expected ${want}`);
          if (res.status === 200 && roles !== 'PUBLIC') {
            const text = typeof res.text === 'string' ? res.text : '';
            const leaked = unseenMarkers(c).filter((m) => text.includes(m));
            if (leaked.length) differences.push(`${c.name} GET ${route.path} ${path} -> 200 shows patients out of scope: ${[...new Set(leaked.map((m) => [...patients.values()].find((p) => p.id === m || p.hospitalNumber === m || p.displayName === m)!.hospitalNumber))].join(', ')}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(differences).toEqual([]);
  });

  it('refuses every write to a role without access, and to an id outside the caller’s scope, and the refused writes change nothing', async () => {
    differences.length = 0;
    let checked = 0;
    const hashesBefore = await tables.contentHashes();
    for (const route of routes.filter((r) => r.method !== 'GET' && !SESSION_ENDERS.has(`${r.method} ${r.path}`))) {
      const entry = EXPECTED[`${route.method} ${route.path}`];
      if (!entry || entry[0] === 'PUBLIC') continue;
      const [roles, scope = 'all'] = entry;
      const rows = await rowsFor(route);
      const before = await tables.rowCounts();
      for (const c of callers) {
        const allowedRole = roles.split(' ').includes(c.role);
        const outRow = rows?.find((r) => !inScope(scope, c, r, patients));
        const inRow = rows?.find((r) => inScope(scope, c, r, patients));
        if (!allowedRole) {
          const path = fill(route, inRow ?? outRow);
          const res = await call(c, route.method, path, route.path);
          checked++;
          if (!refusals(scope).includes(res.status)) differences.push(`${c.name} ${route.method} ${route.path} ${path} -> ${res.status} ${codeOf(res)}, expected refused`);
        } else if (outRow) {
          const path = fill(route, outRow);
          const res = await call(c, route.method, path, route.path);
          checked++;
          // Validation of the (empty) body may answer first; anything but a refusal is a difference.
          if (![400, 422, ...refusals(scope)].includes(res.status)) differences.push(`${c.name} ${route.method} ${route.path} [out] ${path} -> ${res.status} ${codeOf(res)}, expected refused (or 400/422 for the empty body)`);
        }
      }
      const after = await tables.rowCounts();
      if (after !== before) differences.push(`${route.method} ${route.path}: refused writes changed row counts: ${before} -> ${after}`);
    }
    const hashesAfter = await tables.contentHashes();
    const changed = [...hashesBefore.keys()].filter((name) => hashesBefore.get(name) !== hashesAfter.get(name));
    if (changed.length) differences.push(`refused writes changed the content of: ${changed.join(', ')}`);
    expect(checked).toBeGreaterThan(500);
    expect(differences).toEqual([]);
  });

  it('lets every allowed role reach every write route for records in its scope (an empty body then fails validation or a rule, never access)', async () => {
    differences.length = 0;
    let checked = 0;
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      const key = `${route.method} ${route.path}`;
      const entry = EXPECTED[key];
      if (!entry || SESSION_ENDERS.has(key)) continue;
      const [roles, scope = 'all'] = entry;
      const rows = await rowsFor(route);
      for (const c of callers) {
        if (roles !== 'PUBLIC' && !roles.split(' ').includes(c.role)) continue;
        const inRow = rows?.find((r) => inScope(scope, c, r, patients));
        if (rows !== undefined && !inRow) continue;
        const path = fill(route, inRow);
        const res = await call(roles === 'PUBLIC' ? null : c, route.method, path, route.path);
        checked++;
        // 409 here is a rule of the domain answering after access was granted (an application already made).
        const refused = [401, 403, 404].filter((status) => !(scope === 'body' && status === 404));
        if (refused.includes(res.status) || res.status >= 500) differences.push(`${c.name} ${key} [in] ${path} -> ${res.status} ${codeOf(res)}, expected access`);
      }
    }
    // Last, the routes that end the caller's own session.
    for (const key of SESSION_ENDERS) {
      const [method, path] = key.split(' ');
      for (const c of callers) {
        const res = await call(c, method, path);
        checked++;
        if ([401, 403, 404].includes(res.status) || res.status >= 500) differences.push(`${c.name} ${key} -> ${res.status}, expected access`);
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(differences).toEqual([]);
    console.log(`access matrix: ${routes.length} routes x ${callers.length} callers, ${calls} requests`);
  });

  it('answers every documented operation it called with a status and a body that the served OpenAPI document describes', () => {
    expect([...nonConforming.values()]).toEqual([]);
    expect(conformanceChecked).toBeGreaterThan(300);
  });
});
