import { createTestApp, isPostgres, TestApp } from './support/test-app';

describe('foundation smoke', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('answers /health with the database up', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', databaseKind: isPostgres ? 'postgres' : 'sqlite' });
  });

  it('issues a token and answers /api/me', async () => {
    const { user, auth } = await t.make.caller('OT');
    const me = await t.http().get('/api/me').set(auth).expect(200);
    expect(me.body).toMatchObject({ id: user.id, username: user.username, role: 'OT', wardIds: [], patientId: null });
  });
});
