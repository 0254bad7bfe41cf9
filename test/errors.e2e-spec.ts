import type { Response } from 'supertest';
import { createTestApp, TestApp } from './support/test-app';

// Booting the app on a busy machine can pass Jest's default 5 s (the project-level testTimeout is not applied).
jest.setTimeout(60_000);

/** No stack trace, file path or source line anywhere in an error body. */
function expectNoStack(res: Response): void {
  const text = res.text ?? '';
  expect(text).not.toMatch(/"stack"/);
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  expect(text).not.toMatch(/node_modules|\/src\//);
}

function expectErrorBody(res: Response, statusCode: number, code: string): void {
  expect(res.status).toBe(statusCode);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.body).toMatchObject({ statusCode, code, message: expect.any(String), requestId: res.headers['x-request-id'] });
  expect(Object.keys(res.body).sort()).toEqual(expect.arrayContaining(['code', 'message', 'requestId', 'statusCode']));
  for (const key of Object.keys(res.body)) expect(['statusCode', 'code', 'message', 'details', 'requestId']).toContain(key);
  expectNoStack(res);
}

describe('errors: one JSON shape, the right status, never a stack trace', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.make.caller('ADMIN')).auth;
  });
  afterAll(() => t.close());

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await t.http().post('/api/auth/token').set('Content-Type', 'application/json').send('{"username": "x", ');
    expectErrorBody(res, 400, 'MALFORMED_JSON');
    const authed = await t.http().post('/api/users').set(admin).set('Content-Type', 'application/json').send('{not json}');
    expectErrorBody(authed, 400, 'MALFORMED_JSON');
  });

  it('answers an unknown field with 422 VALIDATION_FAILED naming the field', async () => {
    const res = await t.http().post('/api/auth/token').send({ username: 'x', password: 'y', isAdmin: true });
    expectErrorBody(res, 422, 'VALIDATION_FAILED');
    expect(res.body.details).toEqual([{ field: 'isAdmin', message: expect.stringContaining('isAdmin') }]);
  });

  it('answers a wrong type with 422 and a field-by-field message', async () => {
    const res = await t.http().post('/api/users').set(admin).send({ username: 42, displayName: 'X', role: 'WIZARD', wardIds: 'not-a-list' });
    expectErrorBody(res, 422, 'VALIDATION_FAILED');
    const fields = (res.body.details as { field: string; message: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'role', 'wardIds']));
    for (const d of res.body.details) expect(d.message).toEqual(expect.any(String));
  });

  it('answers a missing required field with 422', async () => {
    const res = await t.http().post('/api/auth/token').send({ username: 'x' });
    expectErrorBody(res, 422, 'VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('password');
  });

  it('answers a malformed id in the path with 404, as for a record that does not exist', async () => {
    for (const path of ['/api/users/not-a-uuid', '/api/users/1', "/api/users/'%20OR%201=1"]) {
      expectErrorBody(await t.http().get(path).set(admin), 404, 'NOT_FOUND');
    }
    expectErrorBody(await t.http().post('/api/users/not-a-uuid/deactivate').set(admin), 404, 'NOT_FOUND');
  });

  it('answers a body over 1 MB with 413 PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ username: 'x', password: 'y'.repeat(1024 * 1024 + 10) });
    const res = await t.http().post('/api/auth/token').set('Content-Type', 'application/json').send(big);
    expectErrorBody(res, 413, 'PAYLOAD_TOO_LARGE');
    const form = await t.http().post('/api/auth/token').type('form').send(`username=x&password=${'y'.repeat(1024 * 1024 + 10)}`);
    expectErrorBody(form, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('accepts a body just under the limit (and answers it normally)', async () => {
    const res = await t.http().post('/api/auth/token').send({ username: 'x', password: 'y'.repeat(900 * 1024) });
    expectErrorBody(res, 422, 'VALIDATION_FAILED'); // too long a password, but parsed
  });

  it('answers an unknown API route with 404 JSON', async () => {
    expectErrorBody(await t.http().get('/api/no-such-thing'), 404, 'NOT_FOUND');
    expectErrorBody(await t.http().delete('/api/me').set(admin), 404, 'NOT_FOUND');
  });

  it('answers an unknown page with a 404 HTML page that shows the request id', async () => {
    const res = await t.http().get('/no-such-page').expect(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Page not found');
    expect(res.text).toContain(res.headers['x-request-id']);
    expectNoStack(res);
  });

  it('answers an unsupported body encoding with 415', async () => {
    const res = await t.http().post('/api/auth/token').set('Content-Type', 'application/json; charset=ebcdic').send('{}');
    expectErrorBody(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('puts an X-Request-Id on every response: API, page, error, asset, docs, health', async () => {
    const responses = await Promise.all([
      t.http().get('/health'),
      t.http().get('/api/me').set(admin),
      t.http().get('/api/me'),
      t.http().get('/api/nothing'),
      t.http().get('/sign-in'),
      t.http().get('/'),
      t.http().get('/nothing'),
      t.http().get('/assets/nhsuk-frontend.min.css'),
      t.http().get('/static/app.css'),
      t.http().get('/api/docs-json'),
      t.http().post('/api/auth/token').set('Content-Type', 'application/json').send('{'),
    ]);
    const ids = responses.map((r) => r.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("uses the caller's X-Request-Id when it is well formed, and replaces one that is not", async () => {
    const mine = await t.http().get('/health').set('X-Request-Id', 'trace-abc-12345');
    expect(mine.headers['x-request-id']).toBe('trace-abc-12345');
    const bad = await t.http().get('/health').set('X-Request-Id', 'bad id with spaces <script>');
    expect(bad.headers['x-request-id']).not.toContain('<');
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers concurrent creates of one username with one 201 and 409s, never a 500', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => t.http().post('/api/users').set(admin).send({ username: 'raced-name', displayName: 'Raced', role: 'OT', password: 'orchard-kettle-lantern-7' })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const res of results.filter((r) => r.status === 409)) {
      expectErrorBody(res, 409, res.body.code);
      expect(['USERNAME_TAKEN', 'CONFLICT']).toContain(res.body.code);
    }
  });
});
