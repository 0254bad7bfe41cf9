import { CookieAccessInfo } from 'cookiejar';
import { CredentialsRepository } from '../src/auth/credentials.repository';
import { PrincipalCache } from '../src/auth/principal-cache';
import { Session } from '../src/auth/session.entity';
import { SESSION_COOKIE } from '../src/common/http/cookies';
import { UserWard } from '../src/users/user-ward.entity';
import { User } from '../src/users/user.entity';
import { bootSecondApp } from './support/second-app';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

/**
 * The principal of a request (token or session, user, wards) is cached only while the database's
 * auth generation holds, read after the request arrived: changes count from the very next
 * request, on every app instance sharing the database, whoever makes them.
 */
describe('authenticated requests: the principal is never stale', () => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof bootSecondApp>>;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    second = await bootSecondApp();
    admin = (await t.make.caller('ADMIN')).auth;
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('refuses a revoked token on the very next request, on this and on a second app instance', async () => {
    const { auth } = await t.make.caller('OT');
    await t.http().get('/api/me').set(auth).expect(200);
    await second.http().get('/api/me').set(auth).expect(200);
    await t.http().post('/api/auth/revoke').set(auth).expect(204);
    expect((await t.http().get('/api/me').set(auth)).status).toBe(401);
    const other = await second.http().get('/api/me').set(auth);
    expect(other.status).toBe(401);
    expect(other.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token revoked through the second app instance on the first', async () => {
    const { auth } = await t.make.caller('OT');
    await t.http().get('/api/me').set(auth).expect(200);
    await second.http().post('/api/auth/revoke').set(auth).expect(204);
    expect((await t.http().get('/api/me').set(auth)).status).toBe(401);
  });

  it("refuses a deactivated user's token on the next request on both instances", async () => {
    const { user, auth } = await t.make.caller('ENTERPRISE_LEAD');
    await second.http().get('/api/me').set(auth).expect(200);
    await t.http().post(`/api/users/${user.id}/deactivate`).set(admin).expect(201);
    expect((await t.http().get('/api/me').set(auth)).status).toBe(401);
    expect((await second.http().get('/api/me').set(auth)).status).toBe(401);
  });

  it("refuses the token on the next request on both instances once an admin changes the user's role or wards", async () => {
    const site = await t.make.site();
    const ward = await t.make.ward({ siteId: site.id });
    const { user, auth } = await t.make.caller('WARD_STAFF', { wardIds: [ward.id] });
    await second.http().get('/api/me').set(auth).expect(200);
    await t.http().patch(`/api/users/${user.id}`).set(admin).send({ role: 'OT' }).expect(200);
    expect((await t.http().get('/api/me').set(auth)).status).toBe(401);
    expect((await second.http().get('/api/me').set(auth)).status).toBe(401);
  });

  it('answers the wards and role stored now, not those of an earlier request, on both instances', async () => {
    const site = await t.make.site();
    const [a, b] = [await t.make.ward({ siteId: site.id }), await t.make.ward({ siteId: site.id })];
    const { user, auth } = await t.make.caller('WARD_STAFF', { wardIds: [a.id] });
    expect((await t.http().get('/api/me').set(auth).expect(200)).body.wardIds).toEqual([a.id]);
    expect((await second.http().get('/api/me').set(auth).expect(200)).body.wardIds).toEqual([a.id]);
    await t.uow.run(async (em) => {
      await em.insert(UserWard, { userId: user.id, wardId: b.id });
      await em.update(User, { id: user.id }, { role: 'OT' });
    });
    for (const app of [t, second]) {
      const res = await app.http().get('/api/me').set(auth).expect(200);
      expect(res.body.role).toBe('OT');
      expect([...res.body.wardIds].sort()).toEqual([a.id, b.id].sort());
    }
  });

  it("writes a session's last-seen time at most once a minute", async () => {
    const user = await t.make.user('OT');
    const browser = await t.make.browser(user);
    const session = await t.uow.read((em) => em.findOneByOrFail(Session, { userId: user.id }));
    const recent = new Date(Date.now() - 30_000);
    await t.uow.run((em) => em.update(Session, { id: session.id }, { lastSeenAt: recent }));
    expect((await browser.get('/')).status).toBe(200);
    expect((await browser.get('/')).status).toBe(200);
    const untouched = await t.uow.read((em) => em.findOneByOrFail(Session, { id: session.id }));
    expect(untouched.lastSeenAt.getTime()).toBe(recent.getTime());

    const old = new Date(Date.now() - 90_000);
    await t.uow.run((em) => em.update(Session, { id: session.id }, { lastSeenAt: old }));
    expect((await browser.get('/')).status).toBe(200);
    const touched = await t.uow.read((em) => em.findOneByOrFail(Session, { id: session.id }));
    expect(touched.lastSeenAt.getTime()).toBeGreaterThan(old.getTime() + 60_000);
  });

  it('answers a repeated request from the cache, without the principal query, and drops it once the token is revoked by SQL behind the app', async () => {
    const { auth } = await t.make.caller('OT');
    const repo = t.app.get(CredentialsRepository);
    const spy = jest.spyOn(repo, 'findPrincipalByHash');
    try {
      await t.http().get('/api/me').set(auth).expect(200);
      await t.http().get('/api/me').set(auth).expect(200);
      await t.http().get('/api/me').set(auth).expect(200);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(t.app.get(PrincipalCache).size).toBeGreaterThan(0);
      await second.http().get('/api/me').set(auth).expect(200);
      // no service involved: the database's triggers bump the generation
      await t.ds.query(`UPDATE api_tokens SET "revokedAt" = "expiresAt" WHERE "revokedAt" IS NULL`);
      expect((await t.http().get('/api/me').set(auth)).status).toBe(401);
      expect((await second.http().get('/api/me').set(auth)).status).toBe(401);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses every one of many concurrent requests sent after a revocation, on both instances', async () => {
    const { auth } = await t.make.caller('OT');
    await Promise.all([t.http().get('/api/me').set(auth).expect(200), second.http().get('/api/me').set(auth).expect(200)]);
    // in flight on both instances while the revocation commits: each may be answered either way
    const during = Array.from({ length: 10 }, (_, i) => (i % 2 ? t : second).http().get('/api/me').set(auth).then((r) => r.status));
    await t.http().post('/api/auth/revoke').set(auth).expect(204);
    expect((await Promise.all(during)).every((s) => s === 200 || s === 401)).toBe(true);
    const after = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? t : second).http().get('/api/me').set(auth)));
    expect(after.map((r) => r.status)).toEqual(after.map(() => 401));
  });

  it('refuses a signed-out session on the very next request on a second instance', async () => {
    const user = await t.make.user('OT');
    const browser = await t.make.browser(user);
    const cookie = browser.agent.jar.getCookie(SESSION_COOKIE, CookieAccessInfo.All);
    expect(cookie).toBeTruthy();
    const viaCookie = { Cookie: `${SESSION_COOKIE}=${cookie!.value}` };
    await second.http().get('/api/me').set(viaCookie).expect(200);
    await second.http().get('/api/me').set(viaCookie).expect(200);
    expect((await browser.post('/sign-out', {})).status).toBe(303);
    const res = await second.http().get('/api/me').set(viaCookie);
    expect(res.status).toBe(401);
    expect((await t.http().get('/api/me').set(viaCookie)).status).toBe(401);
  });
});
