import { Controller, Get, Post } from '@nestjs/common';
import { AnyRole, Public, Roles } from '../src/common/auth-decorators';
import { isApiPath } from '../src/common/http/request-pipeline';
import { ROLES } from '../src/users/roles';
import { registeredRoutes, type Route, routesOf } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';

// Booting the app on a busy machine can pass Jest's default 5 s (the project-level testTimeout is not applied).
jest.setTimeout(60_000);

/** Routes that declare neither @Public() nor at least one known role. */
function undeclared(routes: Route[]): string[] {
  return routes
    .filter((r) => !r.isPublic && !(Array.isArray(r.roles) && r.roles.length > 0 && r.roles.every((role) => (ROLES as readonly string[]).includes(role))))
    .map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
}

const concrete = (path: string) => path.replace(/:[A-Za-z0-9_]+/g, '00000000-0000-4000-8000-000000000000');

describe('access: every route is authenticated unless it says @Public()', () => {
  let t: TestApp;
  let routes: Route[];
  beforeAll(async () => {
    t = await createTestApp();
    routes = registeredRoutes(t.app);
  });
  afterAll(() => t.close());

  it('finds the registered routes (the walk itself works)', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(keys).toEqual(expect.arrayContaining(['GET /api/me', 'POST /api/auth/token', 'GET /health', 'GET /admin/users', 'POST /sign-in', 'GET /']));
    expect(routes.length).toBeGreaterThan(20);
  });

  it('flags a handler that declares neither roles nor @Public() (the check itself works)', () => {
    @Roles('ADMIN')
    @Controller('covered')
    class Covered {
      @Get() a() {}
      @Post() @Public() b() {}
    }
    @Controller('bare')
    class Bare {
      @Get() forgotten() {}
      @Get('any') @AnyRole() fine() {}
      @Get('empty') @Roles() empty() {}
    }
    const found = routesOf([Covered, Bare]);
    expect(found).toHaveLength(5);
    expect(undeclared(found)).toEqual(['GET /bare (Bare.forgotten)', 'GET /bare/empty (Bare.empty)']);
  });

  it('every registered route declares @Roles(...) or @Public(), on the handler or its controller', () => {
    expect(undeclared(routes)).toEqual([]);
  });

  it('every API route that is not @Public() answers an unauthenticated call with 401 UNAUTHENTICATED JSON', async () => {
    const api = routes.filter((r) => !r.isPublic && isApiPath(r.path));
    expect(api.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const r of api) {
      const res = await t.http()[r.method.toLowerCase() as 'get'](concrete(r.path)).send({});
      if (res.status !== 401 || res.body.code !== 'UNAUTHENTICATED' || !/json/.test(res.headers['content-type'] ?? '')) failures.push(`${r.method} ${r.path} -> ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('every page that is not @Public() redirects an unauthenticated visitor 303 to /sign-in?next=...', async () => {
    const pages = routes.filter((r) => !r.isPublic && !isApiPath(r.path));
    expect(pages.length).toBeGreaterThan(5);
    const browser = t.make.anonymousBrowser();
    await browser.get('/sign-in'); // a CSRF token, so that form posts reach the authentication check
    const failures: string[] = [];
    for (const r of pages) {
      const path = concrete(r.path);
      const res = r.method === 'GET' ? await browser.agent.get(path) : await browser.post(path, {});
      const expected = `/sign-in?next=${encodeURIComponent(path)}`;
      if (res.status !== 303 || res.headers.location !== expected) failures.push(`${r.method} ${r.path} -> ${res.status} ${res.headers.location ?? ''}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses every page form post without a CSRF token with 403 CSRF_FAILED, even from a signed-in admin', async () => {
    const forms = routes.filter((r) => r.method !== 'GET' && !isApiPath(r.path));
    expect(forms.length).toBeGreaterThan(3);
    const browser = await t.make.browser(await t.make.user('ADMIN'));
    const failures: string[] = [];
    for (const r of forms) {
      const res = await browser.post(concrete(r.path), {}, { csrf: false });
      if (res.status !== 403 || !res.text.includes('CSRF_FAILED')) failures.push(`${r.method} ${r.path} -> ${res.status}`);
    }
    expect(failures).toEqual([]);
    expect((await browser.get('/')).status).toBe(200); // and the session survived
  });

  it('keeps the query string in next= when redirecting to sign-in', async () => {
    const res = await t.http().get('/admin/users?q=ab').expect(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Fadmin%2Fusers%3Fq%3Dab');
  });

  it('answers an unauthenticated API call with the JSON error body', async () => {
    const res = await t.http().get('/api/users').expect(401);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.any(String), requestId: res.headers['x-request-id'] });
  });

  it('lets a role reach only the routes that name it', async () => {
    const { auth } = await t.make.caller('PATIENT');
    expect((await t.http().get('/api/wards').set(auth).expect(403)).body.code).toBe('FORBIDDEN');
    const staff = await t.make.caller('WARD_STAFF');
    await t.http().get('/api/wards').set(staff.auth).expect(200);
  });
});
