import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { AuthService } from '../src/auth/auth.service';
import { DbThrottlerStorage } from '../src/auth/db-throttler.storage';
import { RateLimit } from '../src/auth/rate-limit.entity';
import { TEST_PASSWORD } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

// Booting the app on a busy machine can pass Jest's default 5 s (the project-level testTimeout is not applied).
jest.setTimeout(60_000);

/** A second app instance on the same database, as behind a load balancer (no reset, no migration). */
async function secondInstance(): Promise<NestExpressApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  return app;
}

describe('sign-in throttling (SIGN_IN_RATE_LIMIT=3 a minute)', () => {
  let t: TestApp;
  let other: NestExpressApplication;
  beforeAll(async () => {
    t = await createTestApp({ SIGN_IN_RATE_LIMIT: '3' });
    other = await secondInstance();
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('answers the 4th token request in a minute with 429, even with the right password', async () => {
    const user = await t.make.user('OT');
    await t.http().post('/api/auth/token').send({ username: user.username, password: 'wrong-password-1' }).expect(401);
    await t.http().post('/api/auth/token').send({ username: user.username, password: 'wrong-password-2' }).expect(401);
    await t.http().post('/api/auth/token').send({ username: user.username, password: TEST_PASSWORD }).expect(201);
    const res = await t.http().post('/api/auth/token').send({ username: user.username, password: TEST_PASSWORD }).expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', requestId: expect.any(String) });
  });

  it('keeps the counts in the database, so every app instance sees them', async () => {
    const rows = await t.uow.read((em) => em.find(RateLimit));
    expect(rows.length).toBeGreaterThan(0);
    expect(Math.max(...rows.map((r) => r.hits))).toBeGreaterThanOrEqual(4);
    // the other instance shares the same limit for the same client
    const user = await t.make.user('OT');
    await request(other.getHttpServer()).post('/api/auth/token').send({ username: user.username, password: TEST_PASSWORD }).expect(429);
  });

  it('counts concurrent hits exactly (no lost updates between transactions)', async () => {
    const storage = new DbThrottlerStorage(t.uow);
    const results = await Promise.all(Array.from({ length: 20 }, () => storage.increment('concurrent-key', 60_000, 1000, 60_000, 'test')));
    expect(results.map((r) => r.totalHits).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const row = await t.uow.read((em) => em.findOneByOrFail(RateLimit, { key: 'test:concurrent-key' }));
    expect(row.hits).toBe(20);
  });

  it('throttles the sign-in form too, separately from the token endpoint', async () => {
    const user = await t.make.user('OT');
    const browser = t.make.anonymousBrowser();
    await browser.get('/sign-in');
    for (let i = 0; i < 3; i++) expect((await browser.post('/sign-in', { username: user.username, password: 'wrong-password' })).status).toBe(401);
    const res = await browser.post('/sign-in', { username: user.username, password: TEST_PASSWORD });
    expect(res.status).toBe(429);
    expect([res.headers['set-cookie'] ?? []].flat().join(';')).not.toContain('ww_session=');
  });

  it('shares sessions between app instances (sessions live in the database)', async () => {
    const user = await t.make.user('WARD_STAFF');
    const { cookieValue } = await t.app.get(AuthService).signIn(user.username, TEST_PASSWORD);
    const cookie = `ww_session=${cookieValue}`;
    expect((await t.http().get('/').set('Cookie', cookie).expect(200)).text).toContain(user.displayName);
    expect((await request(other.getHttpServer()).get('/').set('Cookie', cookie).expect(200)).text).toContain(user.displayName);
  });
});
