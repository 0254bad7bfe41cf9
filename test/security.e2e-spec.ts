import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GUARDS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { INestApplication, Type } from '@nestjs/common';
import type { Response } from 'supertest';
import { Session } from '../src/auth/session.entity';
import { CSRF_COOKIE, SESSION_COOKIE } from '../src/common/http/cookies';
import { isApiPath } from '../src/common/http/request-pipeline';
import { TEST_PASSWORD } from './support/factories';
import { registeredRoutes, type Route } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';

// Booting the app on a busy machine can pass Jest's default 5 s (the project-level testTimeout is not applied).
jest.setTimeout(120_000);

/** Answers meant to be cached: public keys, issuer profiles, a credential's status and a report's stylesheet; nothing in them is about a person. */
const CACHEABLE_PUBLIC = ['/api/issuers/:key', '/.well-known/jwks.json', '/api/credentials/:id/status', '/reports/outcomes.css'];
/** The one public route without a rate limit, and why: see HealthController. */
const UNTHROTTLED_PUBLIC = ['GET /health'];

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(' ')[0], d.slice(d.indexOf(' ') + 1)] as [string, string]),
  );
}

function cookieFrom(res: Response, name: string): string | undefined {
  const all = [res.headers['set-cookie'] ?? []].flat() as string[];
  const hit = all.find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1).split(';')[0]) : undefined;
}

/** A path with every :param replaced by a value of the right look (a random id for ids). */
function concrete(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => (name === 'code' ? 'ABCDEFGHJKLM' : name === 'key' ? 'default' : randomUUID()));
}

function handlerOf(app: INestApplication, route: Route): unknown {
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const type = wrapper.metatype as Type | undefined;
      if (type?.name === route.controller) return type.prototype[route.handler];
    }
  }
  throw new Error(`no controller ${route.controller}`);
}

function expectSecurityHeaders(res: Response): void {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  const csp = directives(res.headers['content-security-policy'] ?? '');
  expect(csp.get('frame-ancestors')).toBe("'none'");
  expect(csp.get('default-src')).toBe("'self'");
  expect(csp.get('object-src')).toBe("'none'");
  for (const d of ['script-src', 'style-src']) {
    expect(csp.get(d)).toBeDefined();
    expect(csp.get(d)).not.toContain("'unsafe-inline'");
    expect(csp.get(d)).not.toContain("'unsafe-eval'");
    expect(csp.get(d)).not.toMatch(/\*|https?:|data:/);
  }
}

describe('security headers and caching', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('sends a CSP without unsafe-inline, nosniff, frame denial and no-referrer on pages, API answers and errors', async () => {
    const admin = await t.make.caller('ADMIN');
    const browser = await t.make.browser(admin.user);
    for (const res of [
      await t.http().get('/sign-in'),
      await browser.get('/'),
      await browser.get('/patients'),
      await t.http().get('/api/me').set(admin.auth),
      await t.http().get('/api/me'),
      await t.http().get(`/api/patients/${randomUUID()}`).set(admin.auth),
      await t.http().get('/no-such-page'),
    ]) {
      expectSecurityHeaders(res);
    }
  });

  it('sends no HSTS outside production (development runs on plain http://localhost)', async () => {
    const res = await t.http().get('/sign-in').expect(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('has no inline script, style or event handler in any page template or served script', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(njk|html|js)$/.test(name)) files.push(p);
      }
    };
    walk(join(__dirname, '..', 'src'));
    expect(files.filter((f) => f.endsWith('.njk')).length).toBeGreaterThan(20);
    const offences: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const checks: [RegExp, string][] = [
        [/<script(?![^>]*\bsrc=)[^>]*>/i, 'inline <script>'],
        [/<style[\s>]/i, '<style> element'],
        [/\sstyle\s*=\s*["']/i, 'style attribute'],
        [/\son[a-z]+\s*=\s*["']/i, 'inline event handler'],
        [/javascript:/i, 'javascript: URL'],
      ];
      for (const [re, what] of checks) if (re.test(text)) offences.push(`${file.slice(file.indexOf('src'))}: ${what}`);
    }
    expect(offences).toEqual([]);
  });

  it('answers every registered GET route, page or API, with Cache-Control: no-store (public keys and issuer profiles excepted)', async () => {
    const admin = await t.make.caller('ADMIN');
    const browser = await t.make.browser(admin.user);
    const routes = registeredRoutes(t.app).filter((r) => r.method === 'GET' && !CACHEABLE_PUBLIC.includes(r.path));
    expect(routes.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const route of routes) {
      const path = concrete(route.path);
      const res = isApiPath(route.path) ? await t.http().get(path).set(admin.auth) : await browser.agent.get(path);
      if (res.headers['cache-control'] !== 'no-store') wrong.push(`${route.path} -> ${res.status} ${res.headers['cache-control']}`);
      if (res.status >= 500) wrong.push(`${route.path} -> ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps no-store on answers to callers without credentials, and lets static files be cached', async () => {
    for (const path of ['/api/me', '/api/patients', '/', '/sign-in']) {
      expect((await t.http().get(path)).headers['cache-control']).toBe('no-store');
    }
    expect((await t.http().get('/static/app.css').expect(200)).headers['cache-control']).toMatch(/max-age=\d+/);
    expect((await t.http().get('/assets/nhsuk-frontend.min.css').expect(200)).headers['cache-control']).toMatch(/public, max-age=\d+/);
  });
});

describe('session id renewed at sign-in', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('gives a new session id and a new CSRF cookie at sign-in, and revokes the session the browser came with', async () => {
    const first = await t.make.user('OT');
    const second = await t.make.user('OT');
    const browser = t.make.anonymousBrowser();
    const page = await browser.get('/sign-in');
    const csrfBefore = cookieFrom(page, CSRF_COOKIE);
    expect(csrfBefore).toEqual(expect.any(String));
    const one = await browser.post('/sign-in', { username: first.username, password: TEST_PASSWORD });
    expect(one.status).toBe(303);
    const sessionOne = cookieFrom(one, SESSION_COOKIE)!;
    const csrfAfter = cookieFrom(one, CSRF_COOKIE);
    expect(sessionOne).toEqual(expect.any(String));
    expect(csrfAfter).toEqual(expect.any(String));
    expect(csrfAfter).not.toBe(csrfBefore);
    // a form token made before sign-in no longer works after it
    expect((await browser.post('/sign-out', {})).status).toBe(403);

    // signing in again on the same browser (as someone else) gives a fresh id and ends the old session
    await browser.get('/sign-in');
    const two = await browser.post('/sign-in', { username: second.username, password: TEST_PASSWORD });
    expect(two.status).toBe(303);
    const sessionTwo = cookieFrom(two, SESSION_COOKIE)!;
    expect(sessionTwo).not.toBe(sessionOne);
    const old = await t.http().get('/').set('Cookie', `${SESSION_COOKIE}=${sessionOne}`);
    expect(old.status).toBe(303);
    expect(old.headers.location).toMatch(/^\/sign-in/);
    const now = await t.http().get('/').set('Cookie', `${SESSION_COOKIE}=${sessionTwo}`).expect(200);
    expect(now.text).toContain(second.displayName);
    const sessions = await t.uow.read((em) => em.find(Session, { where: [{ userId: first.id }, { userId: second.id }] }));
    expect(sessions.filter((s) => s.userId === first.id).map((s) => s.revokedAt !== null)).toEqual([true]);
    expect(sessions.filter((s) => s.userId === second.id).map((s) => s.revokedAt)).toEqual([null]);
  });

  it('never takes a session id the browser offers (a planted cookie is not adopted)', async () => {
    const user = await t.make.user('WARD_STAFF');
    const planted = 'attacker-chosen-session-value-0123456789abcdef';
    const browser = t.make.anonymousBrowser();
    await browser.agent.jar.setCookie(`${SESSION_COOKIE}=${planted}; Path=/`);
    await browser.get('/sign-in');
    const res = await browser.post('/sign-in', { username: user.username, password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    expect(cookieFrom(res, SESSION_COOKIE)).not.toBe(planted);
    expect((await t.http().get('/').set('Cookie', `${SESSION_COOKIE}=${planted}`)).status).toBe(303);
  });
});

describe('rate limits on every public route (PUBLIC_RATE_LIMIT=3)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ PUBLIC_RATE_LIMIT: '3' })));
  afterAll(() => t.close());

  it('puts the throttle guard on every @Public() route except /health', () => {
    const publicRoutes = registeredRoutes(t.app).filter((r) => r.isPublic);
    expect(publicRoutes.length).toBeGreaterThan(8);
    const unthrottled = publicRoutes
      .filter((r) => !((Reflect.getMetadata(GUARDS_METADATA, handlerOf(t.app, r) as object) ?? []) as unknown[]).includes(ThrottlerGuard))
      .map((r) => `${r.method} ${r.path}`);
    expect(unthrottled).toEqual(UNTHROTTLED_PUBLIC);
  });

  it('answers 429 RATE_LIMITED once a client passes the limit of a public GET route, with counters in the database', async () => {
    const routes = registeredRoutes(t.app).filter((r) => r.isPublic && r.method === 'GET' && !UNTHROTTLED_PUBLIC.includes(`GET ${r.path}`));
    expect(routes.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/sign-in', '/verify', '/verify/:code', '/api/verify/:code', '/api/credentials/:id/status', '/.well-known/jwks.json', '/privacy']),
    );
    for (const route of routes) {
      const path = concrete(route.path);
      const statuses: number[] = [];
      let limited: Response | undefined;
      // 3 a minute here; /verify/:code keeps its own fixed limit of 20 (VERIFY_THROTTLE)
      for (let i = 0; i < 21 && !limited; i++) {
        const res = await t.http().get(path).set('Accept', isApiPath(route.path) ? 'application/json' : 'text/html');
        statuses.push(res.status);
        if (res.status === 429) limited = res;
      }
      expect([route.path, statuses.slice(0, 3).includes(429)]).toEqual([route.path, false]);
      expect([route.path, limited?.status]).toEqual([route.path, 429]);
      if (isApiPath(route.path)) expect(limited!.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', message: expect.any(String) });
    }
    const rows = await t.uow.read((em) => em.query('SELECT COUNT(*) AS n FROM rate_limits'));
    expect(Number(rows[0].n)).toBeGreaterThanOrEqual(routes.length);
  });

  it('does not limit /health (load balancers probe it)', async () => {
    for (let i = 0; i < 6; i++) await t.http().get('/health').expect(200);
  });
});

describe('HSTS in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production', WARDWORKS_PUBLIC_URL: 'https://wardworks.example.org', SESSION_SECRET: 'hsts-check-session-value-0123456789-abcdefghijklmnop',
      WARDWORKS_KEY_DIR: mkdtempSync(join(tmpdir(), 'ww-keys-')),
    });
  });
  afterAll(async () => {
    await t?.close();
    process.env.NODE_ENV = 'test';
  });

  it('sends Strict-Transport-Security for a year with subdomains, on pages and API answers', async () => {
    for (const path of ['/sign-in', '/api/me', '/api/docs']) {
      const res = await t.http().get(path);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
  });
});
