import { TEST_PASSWORD } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

// Booting the app on a busy machine can pass Jest's default 5 s (the project-level testTimeout is not applied).
jest.setTimeout(60_000);

describe('structured JSON logs (LOG_LEVEL=info)', () => {
  let t: TestApp;
  let lines: string[];
  let restore: () => void;

  beforeAll(async () => {
    lines = [];
    const capture = (chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    };
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    restore = () => {
      out.mockRestore();
      err.mockRestore();
    };
    t = await createTestApp({ LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await t.close();
    restore();
  });

  it('logs the start-up as JSON lines too', () => {
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.map((l) => JSON.parse(l).msg)).toContain('Nest application successfully started');
  });

  /** Response 'finish' fires after supertest resolves only sometimes: wait for the line to arrive. */
  async function requestLog(requestId: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 50; i++) {
      const found = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.msg === 'request' && e.requestId === requestId);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no request log line for ${requestId}`);
  }

  it('logs one JSON line per request with the route pattern, never the id in the URL', async () => {
    const { user, auth } = await t.make.caller('ADMIN');
    const other = await t.make.user('OT');
    lines = [];
    const res = await t.http().get(`/api/users/${other.id}`).set(auth).expect(200);
    const requestId = res.headers['x-request-id'];
    const entry = await requestLog(requestId);
    expect(entry).toMatchObject({ level: 'info', method: 'GET', route: '/api/users/:id', status: 200, requestId, userId: user.id });
    expect(entry.time).toEqual(expect.any(String));
    expect(entry.ms).toEqual(expect.any(Number));
    for (const line of lines) expect(line).not.toContain(other.id);
  });

  it('logs the route pattern for an error response too (404 for an unknown id)', async () => {
    const { auth } = await t.make.caller('ADMIN');
    const id = '3f1c2b4a-9d8e-4f7a-8b6c-5d4e3f2a1b0c';
    lines = [];
    const res = await t.http().get(`/api/users/${id}`).set(auth).expect(404);
    const entry = await requestLog(res.headers['x-request-id']);
    expect(entry).toMatchObject({ route: '/api/users/:id', status: 404 });
    for (const line of lines) expect(line).not.toContain(id);
  });

  it('writes only JSON lines, each with a requestId when it belongs to a request', async () => {
    const user = await t.make.user('OT');
    lines = [];
    const res = await t.http().post('/api/auth/token').send({ username: user.username, password: TEST_PASSWORD }).expect(201);
    await requestLog(res.headers['x-request-id']);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const entry = JSON.parse(line);
      expect(entry).toMatchObject({ time: expect.any(String), level: expect.any(String), msg: expect.any(String), requestId: expect.any(String) });
    }
  });

  it('never logs passwords, tokens, query strings or patient names', async () => {
    const { auth } = await t.make.caller('ADMIN');
    const patient = await t.make.patient({ displayName: 'Loggable Patientname', hospitalNumber: 'LOG-NEVER-123' });
    const user = await t.make.user('OT');
    lines = [];
    const token = await t.http().post('/api/auth/token').send({ username: user.username, password: TEST_PASSWORD }).expect(201);
    await t.http().post('/api/auth/token').send({ username: user.username, password: 'a-wrong-secret-password' }).expect(401);
    const created = await t.http().post('/api/users').set(auth).send({ username: 'log-patient-user', displayName: 'Loggable Patientname', role: 'PATIENT', patientId: patient.id }).expect(201);
    await t.http().get('/api/users').query({ q: 'Patientname' }).set(auth).expect(200);
    await requestLog(created.headers['x-request-id']);
    const all = lines.join('\n');
    for (const secret of [TEST_PASSWORD, 'a-wrong-secret-password', token.body.accessToken, created.body.temporaryPassword, 'Patientname', 'LOG-NEVER-123']) {
      expect(all).not.toContain(secret);
    }
  });
});
