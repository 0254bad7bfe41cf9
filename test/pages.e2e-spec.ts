import { ROLE_LABELS, ROLES } from '../src/users/roles';
import { isApiPath } from '../src/common/http/request-pipeline';
import { registeredRoutes } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';

// Booting the app on a busy machine can pass Jest's default 5 s (the project-level testTimeout is not applied).
jest.setTimeout(60_000);

/** The script-src directive of a Content-Security-Policy header. */
function scriptSrc(csp: string): string {
  return (csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src ')) ?? '').slice('script-src '.length);
}

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

describe('API documentation (OpenAPI 3)', () => {
  it('serves an OpenAPI 3 document at /api/docs-json in which every operation has a summary', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('WardWorks API');
    const operations = Object.entries(doc.paths as Record<string, Record<string, { summary?: string }>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, summary: op.summary })),
    );
    expect(operations.map((o) => o.key)).toEqual(expect.arrayContaining(['POST /api/auth/token', 'GET /api/me', 'GET /api/users', 'POST /api/users', 'GET /api/audit-events', 'GET /health']));
    expect(operations.filter((o) => !o.summary?.trim()).map((o) => o.key)).toEqual([]);
  });

  it('documents every API route the application registers (generic: routes added later are covered)', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const documented = new Set(Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    const api = registeredRoutes(t.app).filter((r) => isApiPath(r.path));
    expect(api.length).toBeGreaterThan(5);
    const missing = api.filter((r) => !documented.has(`${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`)).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('documents only the API: no HTML pages in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const paths = Object.keys(doc.paths);
    // JSON outside /api: health, and the issuer's public keys at their standard address
    expect(paths.filter((p) => !p.startsWith('/api/') && p !== '/health' && p !== '/.well-known/jwks.json')).toEqual([]);
  });

  it('describes the request and response DTOs, with bearer authentication', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['TokenRequestDto', 'TokenResponseDto', 'MeDto', 'CreateUserDto', 'UserDto']));
    expect(Object.keys(doc.components.schemas.MeDto.properties)).toEqual(expect.arrayContaining(['id', 'username', 'role', 'displayName', 'wardIds', 'patientId']));
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    // every operation that takes a JSON body points at a schema
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        if (op.requestBody) expect([`${method} ${path}`, op.requestBody.content?.['application/json']?.schema]).toEqual([`${method} ${path}`, expect.anything()]);
      }
    }
  });

  it('serves the documentation page at /api/docs as HTML', async () => {
    const res = await t.http().get('/api/docs').redirects(1).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toMatch(/swagger/i);
  });
});

describe('pages (NHS.UK design system)', () => {
  it('serves /sign-in with a CSP that has a nonce and no unsafe-inline scripts', async () => {
    const res = await t.http().get('/sign-in').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const csp = res.headers['content-security-policy'];
    expect(csp).toEqual(expect.any(String));
    const scripts = scriptSrc(csp);
    expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts).not.toMatch(/\*|https?:/);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it('gives every inline script the nonce of its response, and a fresh nonce per response', async () => {
    const a = await t.http().get('/sign-in').expect(200);
    const b = await t.http().get('/sign-in').expect(200);
    const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(scriptSrc(csp))![1];
    expect(nonceOf(a.headers['content-security-policy'])).not.toBe(nonceOf(b.headers['content-security-policy']));
    const inline = [...a.text.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inline.length).toBeGreaterThan(0);
    for (const [, attrs] of inline) expect(attrs).toContain(`nonce="${nonceOf(a.headers['content-security-policy'])}"`);
  });

  it('loads only its own assets, and serves them', async () => {
    const page = await t.http().get('/sign-in').expect(200);
    const refs = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((r) => /^(https?:)?\/\//.test(r))).toEqual([]);
    for (const asset of ['/assets/nhsuk-frontend.min.css', '/assets/nhsuk-frontend.min.js', '/static/app.css', '/static/init.js']) {
      expect(refs).toContain(asset);
      await t.http().get(asset).expect(200);
    }
  });

  it('has the NHS.UK layout: skip link, header with the service name, footer, and the sign-in form with a CSRF field', async () => {
    const res = await t.http().get('/sign-in').expect(200);
    expect(res.text).toContain('nhsuk-skip-link');
    expect(res.text).toContain('nhsuk-header');
    expect(res.text).toContain('WardWorks');
    expect(res.text).toContain('nhsuk-footer');
    expect(res.text).toMatch(/<html lang="en"/);
    expect(res.text).toMatch(/<title>Sign in – WardWorks<\/title>/);
    expect(res.text).toMatch(/name="_csrf" value="[^"]+"/);
  });

  it.each(ROLES)('renders the home page for a %s user, with their name, role and sign-out', async (role) => {
    const ward = await t.make.ward({ name: `Home ward for ${role}` });
    const user = await t.make.user(role, role === 'PATIENT' || role === 'ADMIN' || role === 'COMMISSIONER' ? {} : { wardIds: [ward.id] });
    const browser = await t.make.browser(user);
    const res = await browser.get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain(`Hello, ${user.displayName}`);
    expect(res.text).toContain(`${user.displayName} (${ROLE_LABELS[role]})`);
    expect(res.text).toContain('href="/sign-out"');
    if (role === 'ADMIN') {
      expect(res.text).toContain('href="/admin/users"');
      expect(res.text).toContain('href="/admin/audit"');
    } else {
      expect(res.text).not.toContain('href="/admin/users"');
      expect(res.text).not.toContain('href="/admin/audit"');
    }
    if (['OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST'].includes(role)) expect(res.text).toContain(ward.name);
  });

  it('refuses the admin pages to every other role with 403', async () => {
    for (const role of ROLES.filter((r) => r !== 'ADMIN')) {
      const browser = await t.make.browser(await t.make.user(role));
      for (const path of ['/admin/users', '/admin/users/new', '/admin/audit']) {
        const res = await browser.get(path);
        expect([role, path, res.status]).toEqual([role, path, 403]);
      }
    }
  });

  it('shows the admin pages to an admin', async () => {
    const admin = await t.make.user('ADMIN');
    const other = await t.make.user('OT');
    const browser = await t.make.browser(admin);
    for (const path of ['/admin/users', '/admin/users/new', `/admin/users/${other.id}`, '/admin/audit']) {
      const res = await browser.get(path);
      expect([path, res.status]).toEqual([path, 200]);
    }
    expect((await browser.get('/admin/users')).text).toContain(other.username);
  });

  it('answers GET /health publicly with the database status', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', databaseKind: t.uow.kind });
  });

  it('answers GET /health with 503 when the database does not answer', async () => {
    const spy = jest.spyOn(t.uow, 'read').mockRejectedValueOnce(new Error('connection refused'));
    try {
      const res = await t.http().get('/health').expect(503);
      expect(res.body).toEqual({ status: 'unavailable', database: 'down', databaseKind: t.uow.kind });
    } finally {
      spy.mockRestore();
    }
    await t.http().get('/health').expect(200);
  });
});
