import type { FindOptionsWhere } from 'typeorm';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { newId } from '../src/database/columns';
import { User } from '../src/users/user.entity';
import { TEST_PASSWORD } from './support/factories';
import { createTestApp, isPostgres, TestApp } from './support/test-app';

// Booting the app on a busy machine can pass Jest's default 5 s (the project-level testTimeout is not applied).
jest.setTimeout(60_000);

describe('audit log', () => {
  let t: TestApp;
  let admin: { user: User; auth: { Authorization: string } };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.make.caller('ADMIN');
  });
  afterAll(() => t.close());

  const eventsFor = (where: FindOptionsWhere<AuditEvent>) => t.uow.read((em) => em.find(AuditEvent, { where, order: { occurredAt: 'ASC' } }));

  it('records a browser sign-in with the user, the request id of the response and the IP', async () => {
    const user = await t.make.user('OT');
    const browser = t.make.anonymousBrowser();
    await browser.get('/sign-in');
    const res = await browser.post('/sign-in', { username: user.username, password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    const requestId = res.headers['x-request-id'];
    expect(requestId).toEqual(expect.any(String));
    const [event] = await eventsFor({ action: 'auth.sign-in', entityId: user.id });
    expect(event).toMatchObject({ userId: user.id, username: user.username, entityType: 'user', requestId, ip: expect.stringMatching(/127\.0\.0\.1|::1/) });
    expect(event.occurredAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('records a token issue with the user, request id and IP', async () => {
    const user = await t.make.user('WARD_STAFF');
    const res = await t.http().post('/api/auth/token').send({ username: user.username, password: TEST_PASSWORD }).expect(201);
    const events = await eventsFor({ action: 'auth.token-issued', userId: user.id });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityType: 'api_token', requestId: res.headers['x-request-id'], ip: expect.any(String) });
    expect(JSON.stringify(events[0])).not.toContain(res.body.accessToken);
  });

  it('records a failed sign-in against the account, without the password', async () => {
    const user = await t.make.user('OT');
    const res = await t.http().post('/api/auth/token').send({ username: user.username, password: 'guessed-password-123' }).expect(401);
    const [event] = await eventsFor({ action: 'auth.sign-in-failed', entityId: user.id });
    expect(event).toMatchObject({ entityType: 'user', requestId: res.headers['x-request-id'] });
    expect(JSON.stringify(event)).not.toContain('guessed-password-123');
  });

  it('records user create and deactivate with the acting admin, request id and IP', async () => {
    const created = await t.http().post('/api/users').set(admin.auth).send({ username: 'audited-user', displayName: 'Audited', role: 'OT' }).expect(201);
    const id = created.body.user.id;
    const deactivated = await t.http().post(`/api/users/${id}/deactivate`).set(admin.auth).expect(201);
    const events = await eventsFor({ entityType: 'user', entityId: id });
    const create = events.find((e) => e.action === 'user.create');
    const deactivate = events.find((e) => e.action === 'user.deactivate');
    expect(create).toMatchObject({ userId: admin.user.id, username: admin.user.username, requestId: created.headers['x-request-id'], ip: expect.any(String) });
    expect(deactivate).toMatchObject({ userId: admin.user.id, requestId: deactivated.headers['x-request-id'], ip: expect.any(String) });
    expect(JSON.stringify(create)).not.toContain(created.body.temporaryPassword);
  });

  it('records the patient id when a PATIENT account is created', async () => {
    const patient = await t.make.patient();
    const res = await t.http().post('/api/users').set(admin.auth).send({ username: 'audited-patient', displayName: 'P', role: 'PATIENT', patientId: patient.id }).expect(201);
    const [event] = await eventsFor({ action: 'user.create', entityId: res.body.user.id });
    expect(event.patientId).toBe(patient.id);
    // never the patient's name or hospital number
    expect(JSON.stringify(event)).not.toContain(patient.displayName);
    expect(JSON.stringify(event)).not.toContain(patient.hospitalNumber);
  });

  it('writes no audit event for a change that was refused', async () => {
    const before = await t.uow.read((em) => em.count(AuditEvent, { where: { action: 'user.create' } }));
    await t.http().post('/api/users').set(admin.auth).send({ username: admin.user.username, displayName: 'Dup', role: 'OT' }).expect(409);
    expect(await t.uow.read((em) => em.count(AuditEvent, { where: { action: 'user.create' } }))).toBe(before);
  });

  describe('append-only in the database', () => {
    it(`refuses UPDATE on audit_events (${isPostgres ? 'PostgreSQL' : 'SQLite'} trigger)`, async () => {
      const [event] = await eventsFor({ userId: admin.user.id });
      await expect(t.ds.query(`UPDATE "audit_events" SET "action" = 'tampered' WHERE "id" = '${event.id}'`)).rejects.toThrow(/APPEND_ONLY/);
      await expect(t.ds.query(`UPDATE "audit_events" SET "userId" = NULL`)).rejects.toThrow(/APPEND_ONLY/);
      const [after] = await eventsFor({ id: event.id });
      expect(after.action).toBe(event.action);
    });

    it('refuses DELETE on audit_events', async () => {
      const count = await t.uow.read((em) => em.count(AuditEvent));
      await expect(t.ds.query('DELETE FROM "audit_events"')).rejects.toThrow(/APPEND_ONLY/);
      expect(await t.uow.read((em) => em.count(AuditEvent))).toBe(count);
    });

    it('refuses UPDATE and DELETE through TypeORM too', async () => {
      const [event] = await eventsFor({ userId: admin.user.id });
      await expect(t.uow.run((em) => em.update(AuditEvent, { id: event.id }, { action: 'tampered' }))).rejects.toThrow(/APPEND_ONLY/);
      await expect(t.uow.run((em) => em.delete(AuditEvent, { id: event.id }))).rejects.toThrow(/APPEND_ONLY/);
    });

    if (isPostgres) {
      it('refuses TRUNCATE on audit_events (PostgreSQL)', async () => {
        await expect(t.ds.query('TRUNCATE "audit_events"')).rejects.toThrow(/APPEND_ONLY/);
      });
    }
  });

  describe('GET /api/audit-events', () => {
    const subject = newId();
    const patientId = newId();
    const at = (iso: string, extra: Partial<AuditEvent> = {}) => ({
      id: newId(),
      occurredAt: new Date(iso),
      userId: subject,
      username: 'subject',
      action: 'test.event',
      entityType: null,
      entityId: null,
      patientId: null,
      requestId: null,
      ip: null,
      detail: JSON.stringify({ n: iso }),
      ...extra,
    });
    beforeAll(async () => {
      await t.uow.run((em) =>
        em.insert(AuditEvent, [
          at('2020-01-15T10:00:00Z'),
          at('2020-06-15T10:00:00Z', { patientId }),
          at('2020-06-30T23:59:59.999Z'),
          at('2021-01-15T10:00:00Z', { patientId }),
          at('2020-06-15T11:00:00Z', { userId: newId(), patientId }),
        ]),
      );
    });

    const list = (query: Record<string, string>) => t.http().get('/api/audit-events').query(query).set(admin.auth);

    it('filters by userId, newest first', async () => {
      const res = await list({ userId: subject }).expect(200);
      expect(res.body.total).toBe(4);
      expect(res.body.items.map((e: { occurredAt: string }) => e.occurredAt)).toEqual([
        '2021-01-15T10:00:00.000Z',
        '2020-06-30T23:59:59.999Z',
        '2020-06-15T10:00:00.000Z',
        '2020-01-15T10:00:00.000Z',
      ]);
      expect(res.body.items[0]).toMatchObject({ userId: subject, action: 'test.event', detail: { n: '2021-01-15T10:00:00Z' } });
    });

    it('filters by patientId', async () => {
      const res = await list({ patientId }).expect(200);
      expect(res.body.total).toBe(3);
      expect(res.body.items.every((e: { patientId: string }) => e.patientId === patientId)).toBe(true);
    });

    it('filters by from (inclusive) and to (exclusive)', async () => {
      const res = await list({ userId: subject, from: '2020-06-15T10:00:00Z', to: '2021-01-15T10:00:00Z' }).expect(200);
      expect(res.body.items.map((e: { occurredAt: string }) => e.occurredAt)).toEqual(['2020-06-30T23:59:59.999Z', '2020-06-15T10:00:00.000Z']);
      const byDate = await list({ userId: subject, from: '2020-06-01', to: '2020-07-01' }).expect(200);
      expect(byDate.body.total).toBe(2);
    });

    it('combines filters and pages', async () => {
      const res = await list({ userId: subject, patientId, limit: '1', offset: '1' }).expect(200);
      expect(res.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ occurredAt: '2020-06-15T10:00:00.000Z' }] });
    });

    it('refuses malformed filters with 422', async () => {
      expect((await list({ userId: 'not-a-uuid' }).expect(422)).body.details[0].field).toBe('userId');
      expect((await list({ from: 'yesterday' }).expect(422)).body.details[0].field).toBe('from');
    });

    it('is for admins only', async () => {
      for (const role of ['OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'PATIENT', 'COMMISSIONER'] as const) {
        const { auth } = await t.make.caller(role);
        const res = await t.http().get('/api/audit-events').set(auth);
        expect([role, res.status]).toEqual([role, 403]);
      }
      await t.http().get('/api/audit-events').expect(401);
    });
  });

  describe('the audit page', () => {
    it('renders for an admin with the events and the filters applied', async () => {
      const browser = await t.make.browser(admin.user);
      const page = await browser.get('/admin/audit');
      expect(page.status).toBe(200);
      expect(page.text).toContain('<h1>Audit log</h1>');
      expect(page.text).toContain('auth.sign-in');
      const filtered = await browser.get('/admin/audit?action=user.deactivate');
      expect(filtered.status).toBe(200);
      expect(filtered.text).toContain('user.deactivate');
      expect(filtered.text).not.toContain('<code>auth.sign-in</code>');
    });

    it('is forbidden to other roles', async () => {
      const browser = await t.make.browser(await t.make.user('OT'));
      expect((await browser.get('/admin/audit')).status).toBe(403);
    });
  });
});
