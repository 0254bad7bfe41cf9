import { ApiToken } from '../src/auth/api-token.entity';
import { sha256 } from '../src/auth/auth.service';
import { User } from '../src/users/user.entity';
import { TEST_PASSWORD } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

// Booting the app on a busy machine can pass Jest's default 5 s (the project-level testTimeout is not applied).
jest.setTimeout(60_000);

describe('API authentication: bearer tokens', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  const issue = (username: string, password: string) => t.http().post('/api/auth/token').send({ username, password });

  it('issues a bearer token for a username and password: 201 { accessToken, expiresAt }', async () => {
    const user = await t.make.user('OT');
    const res = await issue(user.username, TEST_PASSWORD).expect(201);
    expect(res.body).toEqual({ accessToken: expect.any(String), expiresAt: expect.any(String), tokenType: 'Bearer' });
    // TOKEN_TTL_MINUTES (default 8 hours) from now
    const ttlMinutes = (new Date(res.body.expiresAt).getTime() - Date.now()) / 60_000;
    expect(ttlMinutes).toBeGreaterThan(479);
    expect(ttlMinutes).toBeLessThanOrEqual(480);
    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.id).toBe(user.id);
  });

  it('accepts the username in any case', async () => {
    const user = await t.make.user('OT');
    await issue(user.username.toUpperCase(), TEST_PASSWORD).expect(201);
  });

  it('answers a wrong password with 401 INVALID_CREDENTIALS', async () => {
    const user = await t.make.user('OT');
    const res = await issue(user.username, 'not-the-right-password').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
    expect(res.body).not.toHaveProperty('accessToken');
  });

  it('answers an unknown username exactly as a wrong password, so usernames are not revealed', async () => {
    const user = await t.make.user('OT');
    const wrong = await issue(user.username, 'not-the-right-password').expect(401);
    const unknown = await issue('nobody-by-this-name', 'not-the-right-password').expect(401);
    expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('stores only a hash of the token, never the token itself', async () => {
    const user = await t.make.user('WARD_STAFF');
    const token = await t.make.token(user);
    const rows = await t.uow.read((em) => em.find(ApiToken, { where: { userId: user.id } }));
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(sha256(token));
    expect(rows[0].tokenHash).not.toContain(token);
    const raw: Record<string, unknown>[] = await t.ds.query('SELECT * FROM "api_tokens"');
    expect(JSON.stringify(raw)).not.toContain(token);
  });

  it('refuses a revoked token with 401', async () => {
    const { auth } = await t.make.caller('OT');
    await t.http().get('/api/me').set(auth).expect(200);
    await t.http().post('/api/auth/revoke').set(auth).expect(204);
    const res = await t.http().get('/api/me').set(auth).expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token with 401', async () => {
    const { user, auth } = await t.make.caller('OT');
    await t.http().get('/api/me').set(auth).expect(200);
    await t.uow.run((em) => em.update(ApiToken, { userId: user.id }, { expiresAt: new Date(Date.now() - 1000) }));
    const res = await t.http().get('/api/me').set(auth).expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it("refuses a deactivated user's token with 401", async () => {
    const { user, auth } = await t.make.caller('OT');
    await t.uow.run((em) => em.update(User, { id: user.id }, { active: false }));
    await t.http().get('/api/me').set(auth).expect(401);
  });

  it('refuses a made-up token and a malformed Authorization header with 401', async () => {
    expect((await t.http().get('/api/me').set('Authorization', 'Bearer ww_made-up').expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await t.http().get('/api/me').set('Authorization', 'Basic abc').expect(401)).body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a deactivated user a new token', async () => {
    const user = await t.make.user('OT');
    await t.uow.run((em) => em.update(User, { id: user.id }, { active: false }));
    expect((await issue(user.username, TEST_PASSWORD).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks the account after 5 failed sign-ins: 429 ACCOUNT_LOCKED even with the right password', async () => {
    const user = await t.make.user('OT');
    for (let i = 0; i < 4; i++) await issue(user.username, `wrong-password-${i}`).expect(401);
    await issue(user.username, TEST_PASSWORD).expect(201); // four failures do not lock, and success resets the count
    for (let i = 0; i < 4; i++) await issue(user.username, `wrong-password-${i}`).expect(401);
    await issue(user.username, 'wrong-password-5th').expect(401);
    const locked = await issue(user.username, TEST_PASSWORD).expect(429);
    expect(locked.body).toMatchObject({ statusCode: 429, code: 'ACCOUNT_LOCKED' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    const stored = await t.uow.read((em) => em.findOneByOrFail(User, { id: user.id }));
    expect(stored.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it('counts concurrent failed sign-ins without losing any (row lock), so parallel guessing still locks', async () => {
    const user = await t.make.user('OT');
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => issue(user.username, `parallel-guess-${i}`)));
    expect(results.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect((await issue(user.username, TEST_PASSWORD).expect(429)).body.code).toBe('ACCOUNT_LOCKED');
  });

  it('lets a locked-out user sign in again once the lockout has passed', async () => {
    const user = await t.make.user('OT');
    for (let i = 0; i < 5; i++) await issue(user.username, `wrong-password-${i}`).expect(401);
    await issue(user.username, TEST_PASSWORD).expect(429);
    await t.uow.run((em) => em.update(User, { id: user.id }, { lockedUntil: new Date(Date.now() - 1000) }));
    await issue(user.username, TEST_PASSWORD).expect(201);
  });

  describe('GET /api/me', () => {
    it('returns { id, username, role, displayName, wardIds, patientId } with the wards of a staff user', async () => {
      const [a, b] = [await t.make.ward(), await t.make.ward()];
      const { user, auth } = await t.make.caller('WARD_STAFF', { wardIds: [a.id, b.id] });
      const res = await t.http().get('/api/me').set(auth).expect(200);
      expect(res.body).toEqual({
        id: user.id,
        username: user.username,
        role: 'WARD_STAFF',
        displayName: user.displayName,
        wardIds: [a.id, b.id].sort(),
        patientId: null,
        mustChangePassword: false,
      });
    });

    it("returns a PATIENT user's patientId and no wards", async () => {
      const patient = await t.make.patient();
      const { user, auth } = await t.make.caller('PATIENT', { patientId: patient.id });
      const res = await t.http().get('/api/me').set(auth).expect(200);
      expect(res.body).toMatchObject({ id: user.id, role: 'PATIENT', wardIds: [], patientId: patient.id });
    });

    it('answers 401 UNAUTHENTICATED without credentials', async () => {
      const res = await t.http().get('/api/me').expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    });
  });
});
