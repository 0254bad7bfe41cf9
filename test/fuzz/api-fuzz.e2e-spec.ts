import fc from 'fast-check';
import { ROLES, type Role } from '../../src/users/roles';
import { RECORD_SOURCES } from '../access-matrix/records';
import { registeredRoutes } from '../support/routes';
import { OpenApiResponses } from '../support/openapi-responses';
import { TableState } from '../support/table-state';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { DEMO_TEST_PASSWORD } from '../support/test-db';
import { body, type BodyCase, type OpenApiDocument, type Operation, parameter } from './openapi-arbitraries';

jest.setTimeout(900_000);

/**
 * Fixed in `npm test`; FUZZ_SEED=<n> replays or varies a run, FUZZ_REQUESTS=<n> changes its size.
 * The full 10,000 requests run on SQLite (`npm test`); the PostgreSQL run (`npm run test:pg`) sends a
 * quarter as many, still to every operation, to keep that run short: what it adds is the other
 * database under the same kinds of input, not more inputs.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? (isPostgres ? 2_500 : 10_000));

const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const DEMO_CALLERS: Partial<Record<Role, string>> = { ADMIN: 'admin', OT: 'ot', ENTERPRISE_LEAD: 'lead', WARD_STAFF: 'ward', EMPLOYMENT_SPECIALIST: 'specialist', PATIENT: 'patient', COMMISSIONER: 'commissioner' };

interface FuzzOperation {
  method: string;
  /** The path as the document writes it: /api/patients/{id}. */
  path: string;
  op: Operation;
  /** Roles allowed by the route's @Roles; empty for @Public(). */
  roles: Role[];
  ids: Record<string, string[]>;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: unknown;
}

interface Sent {
  method: string;
  url: string;
  role: string;
  body: string;
}

/** A path segment, percent-encoded; a lone surrogate (which encodeURIComponent refuses) goes as the invalid UTF-8 a hostile client would send. */
const segment = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '')) + '%ED%A0%80';
  }
};
const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}... (${s.length} chars)` : s);

describe('API fuzzing from the served OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let operations: FuzzOperation[];
  const tokens = new Map<string, string>();

  /** Row counts and a content hash of every table but the volatile ones. */
  let tables: TableState;

  beforeAll(async () => {
    t = await createTestApp({}, { data: 'demo' });
    tables = new TableState(t.ds);
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
    for (const [role, username] of Object.entries(DEMO_CALLERS)) {
      const res = await t.http().post('/api/auth/token').send({ username, password: DEMO_TEST_PASSWORD }).expect(201);
      tokens.set(role, res.body.accessToken);
    }
    // Accounts for the user-administration routes to act on, and one whose token the revoke route may end.
    const targets = [await t.make.user('WARD_STAFF', { username: 'fuzz-target-1' }), await t.make.user('OT', { username: 'fuzz-target-2' })];
    const revoker = await t.make.user('WARD_STAFF', { username: 'fuzz-revoker' });
    tokens.set('REVOKER', await t.make.token(revoker));

    const routes = new Map(registeredRoutes(t.app).map((r) => [`${r.method.toLowerCase()} ${r.path}`, r]));
    const rowsBySql = new Map<string, Record<string, string | null>[]>();
    operations = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const routePath = path.replace(/\{([^}]+)\}/g, ':$1');
        const route = routes.get(`${method} ${routePath}`);
        if (!route) throw new Error(`documented operation with no route: ${method} ${path}`);
        const ids: Record<string, string[]> = {};
        const source = RECORD_SOURCES.find((s) => s.path.test(routePath));
        if (source) {
          if (!rowsBySql.has(source.sql)) rowsBySql.set(source.sql, /users/.test(source.sql) ? targets.map((u) => ({ id: u.id })) : await t.ds.query(source.sql));
          for (const row of rowsBySql.get(source.sql)!.slice(0, 20)) {
            for (const [k, v] of Object.entries(row)) if (!k.startsWith('_') && v) (ids[k] ??= []).push(String(v));
          }
        }
        operations.push({ method, path, op, roles: route.isPublic ? [] : ((route.roles ?? []) as Role[]).filter((r) => ROLES.includes(r)), ids });
      }
    }
  });
  afterAll(() => t?.close());

  function requestsFor(f: FuzzOperation): fc.Arbitrary<{ url: string; role: string; body: BodyCase | null; sameOperation: boolean }> {
    const anyIds = Object.values(f.ids).flat();
    const params = f.op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    const bodySchema = f.op.requestBody?.content['application/json']?.schema;
    const roleChoices = f.path === '/api/auth/revoke' ? ['REVOKER'] : f.roles.length ? f.roles.filter((r) => tokens.has(r)) : ['ANONYMOUS', 'ADMIN'];
    return fc.record({
      path: fc.tuple(...pathParams.map((p) => parameter(doc, p.schema, f.ids[p.name] ?? anyIds).map((v) => [p.name, Array.isArray(v) ? v[0] : v] as const))),
      query: fc.tuple(...queryParams.map((p) => fc.option(parameter(doc, p.schema, f.ids[p.name] ?? anyIds), { freq: p.required ? 10 : 2 }).map((v) => [p.name, v] as const))),
      extraQuery: fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 20 })), { freq: 1 }),
      role: fc.constantFrom(...roleChoices),
      body: bodySchema ? body(doc, bodySchema, anyIds).map((b) => b as BodyCase | null) : fc.option(body(doc, { type: 'object' }, anyIds), { freq: 3 }),
    }).map(({ path, query, extraQuery, role, body: b }) => {
      let url = f.path;
      for (const [name, value] of path) url = url.replace(`{${name}}`, segment(value.slice(0, 2000)));
      const q = new URLSearchParams();
      for (const [name, value] of query) for (const one of value === null ? [] : [value].flat()) q.append(name, one.slice(0, 2000));
      if (extraQuery) q.append(extraQuery[0], extraQuery[1]);
      const qs = q.toString();
      // An empty or dot-segment path parameter makes the address another operation's (/api/users/ and /api/users/. are
      // the list, once the URL is normalised): its answer is not this one's.
      const sameOperation = path.every(([, value]) => value.length > 0 && value !== '.' && value !== '..');
      return { url: qs ? `${url}?${qs}` : url, role, body: b, sameOperation };
    });
  }

  /** One listening server and fetch's keep-alive connections: supertest would listen anew for every request. */
  async function send(method: string, url: string, role: string, b: BodyCase | null): Promise<Answer> {
    const headers: Record<string, string> = {};
    const token = tokens.get(role);
    if (token) headers.Authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (b?.kind === 'raw') [headers['Content-Type'], payload] = [b.contentType, b.text];
    else if (b) [headers['Content-Type'], payload] = ['application/json', JSON.stringify(b.value) ?? ''];
    const res = await fetch(`${t.base}${url}`, { method: method.toUpperCase(), headers, body: method === 'get' ? undefined : payload, redirect: 'manual' });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, body: json };
  }

  /** What is wrong with an answer, if anything: a 5xx, or a 4xx without the error shape. */
  function problemWith(res: Answer): string | null {
    if (res.status >= 500) return `${res.status} server error`;
    if (res.status < 400) return null;
    if (!/application\/json/.test(res.contentType)) return `${res.status} not JSON (${res.contentType})`;
    const e = (res.body ?? {}) as Record<string, unknown>;
    if (e.statusCode !== res.status) return `${res.status} with statusCode ${String(e.statusCode)}`;
    if (typeof e.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(e.code)) return `${res.status} without a code`;
    if (typeof e.message !== 'string' || !e.message) return `${res.status} without a message`;
    if (e.details !== undefined && (e.details === null || typeof e.details !== 'object')) return `${res.status} with details that are not a list or object`;
    if ('stack' in e) return `${res.status} with a stack trace`;
    return null;
  }

  it(`sends ${TOTAL} requests generated from the served OpenAPI document to every operation, as the roles allowed to call it: no 5xx, every 4xx has the error shape, and refused writes change nothing`, async () => {
    expect(operations.length).toBeGreaterThan(150);
    const perOperation = Math.ceil(TOTAL / operations.length);
    const problems: string[] = [];
    const responses = new OpenApiResponses(doc);
    const nonConforming = new Map<string, string>();
    let conformanceChecked = 0;
    const byStatus = new Map<number, number>();
    let sent = 0;
    let serverErrors = 0;
    let refusedWriteBatches = 0;
    // Reads first, then the writes one after another, so that each write batch's "after" is the next one's "before".
    const ordered = [...operations.entries()].sort(([, a], [, b]) => Number(WRITES.has(a.method)) - Number(WRITES.has(b.method)));
    let state = '';
    for (const [index, f] of ordered) {
      const samples = fc.sample(requestsFor(f), { seed: SEED + index, numRuns: perOperation });
      const isWrite = WRITES.has(f.method);
      if (isWrite && !state) state = await tables.snapshot();
      let accepted = 0;
      for (const s of samples) {
        const res = await send(f.method, s.url, s.role, s.body);
        sent++;
        byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
        if (res.status < 400) accepted++;
        if (res.status >= 500) serverErrors++;
        if (s.sameOperation && res.status >= 200 && res.status < 300) {
          conformanceChecked++;
          const wrong = responses.problem(f.method, f.path, res.status, res.contentType, res.body);
          if (wrong && !nonConforming.has(`${f.method} ${f.path}`)) nonConforming.set(`${f.method} ${f.path}`, `${f.method.toUpperCase()} ${f.path} -> ${res.status}: ${wrong}`);
        }
        const problem = problemWith(res);
        if (problem && problems.length < 40) {
          const sentBody: Sent = { method: f.method.toUpperCase(), url: clip(s.url, 200), role: s.role, body: clip(s.body ? (s.body.kind === 'raw' ? s.body.text : (JSON.stringify(s.body.value) ?? '')) : '') };
          problems.push(`${problem}: ${JSON.stringify(sentBody)} -> ${clip(res.text)}`);
        }
      }
      // A batch of writes that were all refused must leave every table as it was.
      if (isWrite) {
        const after = await tables.snapshot();
        if (accepted === 0) {
          refusedWriteBatches++;
          if (after !== state) problems.push(`${f.method.toUpperCase()} ${f.path}: ${perOperation} refused writes changed the database`);
        }
        state = after;
      }
    }
    const summary = `fuzzing seed ${SEED} (replay: FUZZ_SEED=${SEED} npm test -- api-fuzz): ${sent} requests to ${operations.length} operations, ${serverErrors} answered 5xx, ${refusedWriteBatches} batches of refused writes checked, ${conformanceChecked} 2xx answers checked against the document; statuses ${JSON.stringify(Object.fromEntries([...byStatus].sort((a, b) => a[0] - b[0])))}`;
    console.log(summary);
    expect(sent).toBeGreaterThanOrEqual(TOTAL);
    expect([...nonConforming.values()]).toEqual([]);
    // About one answer in seven is a 2xx checked against the document; at least one in twenty must be.
    expect(conformanceChecked).toBeGreaterThan(TOTAL / 20);
    expect({ summary: problems.length ? summary : 'ok', problems }).toEqual({ summary: 'ok', problems: [] });
  });
});
