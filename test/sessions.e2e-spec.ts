import { ApiToken } from '../src/auth/api-token.entity';
import { sha256 } from '../src/auth/auth.service';
import { Session } from '../src/auth/session.entity';
import { TEST_PASSWORD } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

// Booting the app on a busy machine can pass Jest's default 5 s (the project-level testTimeout is not applied).
jest.setTimeout(60_000);

const NEW_PASSWORD = 'lantern-quarry-thistle-9';

function setCookie(res: { headers: Record<string, unknown> }, name: string): string | undefined {
  const all = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return all.find((c) => c.startsWith(`${name}=`));
}

describe('browser sessions', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('signs in through the form and sets the ww_session cookie HttpOnly and SameSite=Lax', async () => {
    const user = await t.make.user('OT');
    const browser = t.make.anonymousBrowser();
    const page = await browser.get('/sign-in');
    expect(page.status).toBe(200);
    expect(browser.csrf).not.toBe('');
    const res = await browser.post('/sign-in', { username: user.username, password: TEST_PASSWORD, next: '/account/password' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account/password');
    const cookie = setCookie(res, 'ww_session');
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/;\s*Secure/i); // plain HTTP here; Secure when served over TLS
    const home = await browser.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain(user.displayName);
  });

  it('never redirects off-site after sign-in', async () => {
    const user = await t.make.user('OT');
    const browser = t.make.anonymousBrowser();
    await browser.get('/sign-in');
    const res = await browser.post('/sign-in', { username: user.username, password: TEST_PASSWORD, next: '//evil.example/x' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it('stores the session in the database with only a hash of the cookie value', async () => {
    const user = await t.make.user('OT');
    const browser = t.make.anonymousBrowser();
    await browser.get('/sign-in');
    const res = await browser.post('/sign-in', { username: user.username, password: TEST_PASSWORD });
    const value = decodeURIComponent(/^ww_session=([^;]*)/.exec(setCookie(res, 'ww_session')!)![1]);
    const rows = await t.uow.read((em) => em.find(Session, { where: { userId: user.id } }));
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(sha256(value));
    expect(rows[0].revokedAt).toBeNull();
    const raw: Record<string, unknown>[] = await t.ds.query('SELECT * FROM "sessions"');
    expect(JSON.stringify(raw)).not.toContain(value);
  });

  it('re-renders the sign-in form with 401 and a message on a wrong password, setting no session', async () => {
    const user = await t.make.user('OT');
    const browser = t.make.anonymousBrowser();
    await browser.get('/sign-in');
    const res = await browser.post('/sign-in', { username: user.username, password: 'not-the-password' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('The username or password is not right');
    expect(setCookie(res, 'ww_session')).toBeUndefined();
  });

  it('refuses POST /sign-in without the _csrf field: 403 CSRF_FAILED', async () => {
    const user = await t.make.user('OT');
    const browser = t.make.anonymousBrowser();
    await browser.get('/sign-in');
    const res = await browser.post('/sign-in', { username: user.username, password: TEST_PASSWORD }, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.text).toContain('CSRF_FAILED');
    expect(setCookie(res, 'ww_session')).toBeUndefined();
  });

  it("refuses a CSRF token made for another browser's cookie", async () => {
    const user = await t.make.user('OT');
    const mine = t.make.anonymousBrowser();
    const theirs = t.make.anonymousBrowser();
    await mine.get('/sign-in');
    await theirs.get('/sign-in');
    mine.csrf = theirs.csrf;
    const res = await mine.post('/sign-in', { username: user.username, password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('CSRF_FAILED');
  });

  it('refuses every page POST without a CSRF token with 403, signed in or not', async () => {
    const admin = await t.make.user('ADMIN');
    const browser = await t.make.browser(admin);
    await browser.get('/');
    const target = await t.make.user('OT');
    for (const [path, form] of [
      ['/sign-out', {}],
      ['/account/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }],
      ['/admin/users/new', { username: 'csrf-victim', displayName: 'X', role: 'OT' }],
      [`/admin/users/${target.id}/deactivate`, {}],
    ] as const) {
      const res = await browser.post(path, form, { csrf: false });
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.text).toContain('CSRF_FAILED');
    }
    // nothing happened: still signed in, the target still active
    expect((await browser.get('/')).status).toBe(200);
    const me = await t.http().get('/api/me').set({ Authorization: `Bearer ${await t.make.token(target)}` });
    expect(me.status).toBe(200);
  });

  it('requires the x-csrf-token header when the API is called with the session cookie', async () => {
    const user = await t.make.user('OT');
    const browser = await t.make.browser(user);
    await browser.get('/');
    const without = await browser.agent.post('/api/auth/revoke');
    expect(without.status).toBe(403);
    expect(without.body.code).toBe('CSRF_FAILED');
    await browser.agent.post('/api/auth/revoke').set('x-csrf-token', browser.csrf).expect(204);
    expect((await browser.get('/')).status).toBe(303);
  });

  it('expires a session left idle: GET / then redirects 303 to /sign-in', async () => {
    const user = await t.make.user('OT');
    const browser = await t.make.browser(user);
    expect((await browser.get('/')).status).toBe(200);
    await t.uow.run((em) => em.update(Session, { userId: user.id }, { lastSeenAt: new Date(Date.now() - 2 * 3_600_000) }));
    const res = await browser.get('/');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2F');
  });

  it('expires a session past its absolute lifetime even when in use', async () => {
    const user = await t.make.user('OT');
    const browser = await t.make.browser(user);
    await t.uow.run((em) => em.update(Session, { userId: user.id }, { expiresAt: new Date(Date.now() - 1000) }));
    expect((await browser.get('/')).status).toBe(303);
  });

  it('signs out: the session is revoked in the database and the cookie no longer works', async () => {
    const user = await t.make.user('OT');
    const browser = await t.make.browser(user);
    const cookieJar = await t.uow.read((em) => em.find(Session, { where: { userId: user.id } }));
    expect(cookieJar).toHaveLength(1);
    await browser.get('/sign-out');
    const res = await browser.post('/sign-out', {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/sign-in/);
    const [session] = await t.uow.read((em) => em.find(Session, { where: { userId: user.id } }));
    expect(session.revokedAt).not.toBeNull();
    const after = await browser.get('/');
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/sign-in/);
    expect((await browser.get(res.headers.location)).text).toContain('You have signed out');
  });

  describe('change password', () => {
    it('refuses a too-short new password with 422 and a message on the field', async () => {
      const user = await t.make.user('OT');
      const browser = await t.make.browser(user);
      await browser.get('/account/password');
      const res = await browser.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'short', confirmPassword: 'short' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('Use at least 12 characters');
      expect(res.text).toContain('href="#newPassword"');
    });

    it('refuses a common password with 422 on the page and in the API', async () => {
      const { user, auth } = await t.make.caller('OT');
      const browser = await t.make.browser(user);
      await browser.get('/account/password');
      const page = await browser.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'password1234', confirmPassword: 'password1234' });
      expect(page.status).toBe(422);
      expect(page.text).toContain('too common');
      const api = await t.http().post('/api/me/password').set(auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'password1234' }).expect(422);
      expect(api.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'newPassword', message: expect.stringContaining('too common') }] });
    });

    it('refuses a wrong current password and a mismatched confirmation with 422', async () => {
      const user = await t.make.user('OT');
      const browser = await t.make.browser(user);
      await browser.get('/account/password');
      const wrong = await browser.post('/account/password', { currentPassword: 'not-the-password', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      expect(wrong.status).toBe(422);
      expect(wrong.text).toContain('href="#currentPassword"');
      const mismatch = await browser.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD + 'x' });
      expect(mismatch.status).toBe(422);
      expect(mismatch.text).toContain('The new passwords do not match');
      // the password did not change
      await t.http().post('/api/auth/token').send({ username: user.username, password: TEST_PASSWORD }).expect(201);
    });

    it("changes the password, keeps this session and revokes the user's other sessions and tokens", async () => {
      const user = await t.make.user('OT');
      const token = await t.make.token(user);
      const other = await t.make.browser(user);
      const browser = await t.make.browser(user);
      await browser.get('/account/password');
      const res = await browser.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/account/password?changed=1');

      expect((await browser.get('/')).status).toBe(200);
      expect((await other.get('/')).status).toBe(303);
      await t.http().get('/api/me').set('Authorization', `Bearer ${token}`).expect(401);
      const tokens = await t.uow.read((em) => em.find(ApiToken, { where: { userId: user.id } }));
      expect(tokens.every((r) => r.revokedAt !== null)).toBe(true);

      await t.http().post('/api/auth/token').send({ username: user.username, password: TEST_PASSWORD }).expect(401);
      await t.http().post('/api/auth/token').send({ username: user.username, password: NEW_PASSWORD }).expect(201);
    });
  });

  describe('a user with a temporary password (mustChangePassword)', () => {
    it('is redirected to /account/password from every page until the password is changed', async () => {
      const user = await t.make.user('ADMIN', { mustChangePassword: true });
      const browser = await t.make.browser(user);
      for (const path of ['/', '/admin/users', '/admin/audit']) {
        const res = await browser.get(path);
        expect([path, res.status, res.headers.location]).toEqual([path, 303, '/account/password']);
      }
      expect((await browser.get('/account/password')).status).toBe(200);
      const res = await browser.post('/account/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      expect(res.status).toBe(303);
      expect((await browser.get('/')).status).toBe(200);
    });

    it('gets 403 PASSWORD_CHANGE_REQUIRED from the API, except GET /api/me', async () => {
      const { user, auth } = await t.make.caller('ADMIN', { mustChangePassword: true });
      const me = await t.http().get('/api/me').set(auth).expect(200);
      expect(me.body).toMatchObject({ id: user.id, mustChangePassword: true });
      for (const path of ['/api/users', '/api/wards', '/api/audit-events']) {
        const res = await t.http().get(path).set(auth);
        expect([path, res.status, res.body.code]).toEqual([path, 403, 'PASSWORD_CHANGE_REQUIRED']);
      }
      await t.http().post('/api/me/password').set(auth).send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(204);
      await t.http().get('/api/users').set(auth).expect(200);
    });
  });
});
