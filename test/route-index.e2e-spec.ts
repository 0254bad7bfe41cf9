import { registeredRoutes } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';

interface Layer {
  route?: unknown;
}

/**
 * The app's routes are indexed once Nest has registered them (src/common/http/route-index.ts,
 * AppModule.onApplicationBootstrap): Express no longer tries them one after another. Which route
 * answers which request is checked for every route by the access matrix; this checks that the
 * index is in place, so that losing it shows up as a failure and not only as a slower app.
 */
describe('route index', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('leaves no route layer at the top of the router: every run of routes is one indexed layer', () => {
    const stack = (t.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } }).router.stack;
    expect(registeredRoutes(t.app).length).toBeGreaterThan(300);
    expect(stack.filter((layer) => layer.route)).toEqual([]);
    expect(stack.length).toBeLessThan(30);
  });

  it('answers routes early and late in registration order, with parameters, in any letter case, and unknown paths', async () => {
    const token = await t.make.token(await t.make.user('ADMIN'));
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.http().get('/health')).status).toBe(200);
    expect((await t.http().get('/API/ME').set(auth)).body.role).toBe('ADMIN');
    expect((await t.http().get('/api/shifts').set(auth)).body).toMatchObject({ items: [], total: 0 });
    const missing = await t.http().get('/api/shifts/6f1c2f7e-3c0d-4d7e-9a57-3b1c1f0e9a10').set(auth);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    expect(missing.body.message).not.toBe('No such page or endpoint'); // the shift route answered, not the fallback
    const unknown = await t.http().get('/api/no-such-thing').set(auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('No such page or endpoint');
  });
});
