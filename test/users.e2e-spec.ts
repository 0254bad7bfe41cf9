import { ROLES } from '../src/users/roles';
import { WORDS } from '../src/users/users.service';
import { User } from '../src/users/user.entity';
import { TEST_PASSWORD } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

// Booting the app on a busy machine can pass Jest's default 5 s (the project-level testTimeout is not applied).
jest.setTimeout(60_000);

describe('admin: user accounts', () => {
  let t: TestApp;
  let admin: { user: User; auth: { Authorization: string } };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.make.caller('ADMIN');
  });
  afterAll(() => t.close());

  const token = (username: string, password: string) => t.http().post('/api/auth/token').send({ username, password });

  it('creates a user with a generated temporary password, returned once, that must be changed', async () => {
    const ward = await t.make.ward();
    const res = await t.http().post('/api/users').set(admin.auth).send({ username: 'new-ot', displayName: 'New OT', role: 'OT', wardIds: [ward.id] }).expect(201);
    expect(res.body).toEqual({
      user: expect.objectContaining({ id: expect.any(String), username: 'new-ot', displayName: 'New OT', role: 'OT', active: true, wardIds: [ward.id], patientId: null, mustChangePassword: true }),
      temporaryPassword: expect.any(String),
    });
    const temporary: string = res.body.temporaryPassword;
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    // the password is not stored or shown again
    const stored = await t.uow.read((em) => em.findOneByOrFail(User, { id: res.body.user.id }));
    expect(stored.passwordHash).not.toContain(temporary);
    // argon2id at OWASP's minimum: 19 MiB, 2 iterations, 1 lane
    const [, algorithm, , params] = stored.passwordHash.split('$');
    expect(algorithm).toBe('argon2id');
    expect(params.split(',').sort()).toEqual(['m=19456', 'p=1', 't=2']);
    const again = await t.http().get(`/api/users/${res.body.user.id}`).set(admin.auth).expect(200);
    expect(JSON.stringify(again.body)).not.toContain(temporary);
    expect(again.body).not.toHaveProperty('temporaryPassword');
    // the new user signs in with it and must change it first
    const signIn = await token('new-ot', temporary).expect(201);
    const auth = { Authorization: `Bearer ${signIn.body.accessToken}` };
    expect((await t.http().get('/api/me').set(auth).expect(200)).body).toMatchObject({ username: 'new-ot', mustChangePassword: true, wardIds: [ward.id] });
    expect((await t.http().get('/api/wards').set(auth).expect(403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('generates a temporary password that passes the password policy whatever the username', async () => {
    // usernames that are words the generator uses: the policy refuses a password containing the username
    for (const username of WORDS) {
      const res = await t.http().post('/api/users').set(admin.auth).send({ username, displayName: username, role: 'COMMISSIONER' });
      expect([username, res.status]).toEqual([username, 201]);
      expect(res.body.temporaryPassword).not.toContain(username);
    }
  });

  it('refuses a duplicate username with 409', async () => {
    const existing = await t.make.user('OT');
    const res = await t.http().post('/api/users').set(admin.auth).send({ username: existing.username, displayName: 'Dup', role: 'OT' }).expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, code: 'USERNAME_TAKEN', details: [{ field: 'username' }] });
  });

  it('refuses a PATIENT account without a patientId, and a staff account with one (422)', async () => {
    const noPatient = await t.http().post('/api/users').set(admin.auth).send({ username: 'pat-nolink', displayName: 'P', role: 'PATIENT' }).expect(422);
    expect(noPatient.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'patientId' }] });
    const patient = await t.make.patient();
    const staff = await t.http().post('/api/users').set(admin.auth).send({ username: 'staff-link', displayName: 'S', role: 'OT', patientId: patient.id }).expect(422);
    expect(staff.body.details[0].field).toBe('patientId');
  });

  it('links a PATIENT account to one patient record, and only one account per patient', async () => {
    const patient = await t.make.patient();
    const res = await t.http().post('/api/users').set(admin.auth).send({ username: 'pat-linked', displayName: 'P', role: 'PATIENT', patientId: patient.id }).expect(201);
    expect(res.body.user).toMatchObject({ role: 'PATIENT', patientId: patient.id, wardIds: [] });
    const second = await t.http().post('/api/users').set(admin.auth).send({ username: 'pat-linked-2', displayName: 'P', role: 'PATIENT', patientId: patient.id }).expect(409);
    expect(second.body.code).toBe('PATIENT_ALREADY_LINKED');
  });

  it('refuses an unknown ward with 422', async () => {
    const res = await t.http().post('/api/users').set(admin.auth).send({ username: 'bad-ward', displayName: 'B', role: 'OT', wardIds: ['00000000-0000-4000-8000-000000000000'] }).expect(422);
    expect(res.body.details[0].field).toBe('wardIds');
  });

  it('creates an account for every role', async () => {
    for (const role of ROLES) {
      const patientId = role === 'PATIENT' ? (await t.make.patient()).id : undefined;
      const res = await t.http().post('/api/users').set(admin.auth).send({ username: `every-${role.toLowerCase()}`, displayName: role, role, ...(patientId ? { patientId } : {}) });
      expect([role, res.status]).toEqual([role, 201]);
    }
  });

  it('deactivates a user: their tokens stop working and they cannot sign in', async () => {
    const { user, auth } = await t.make.caller('OT');
    const browser = await t.make.browser(user);
    const res = await t.http().post(`/api/users/${user.id}/deactivate`).set(admin.auth).expect(201);
    expect(res.body).toMatchObject({ id: user.id, active: false });
    expect((await t.http().get('/api/me').set(auth).expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await browser.get('/')).status).toBe(303);
    expect((await token(user.username, TEST_PASSWORD).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    // reactivated, they sign in again, but the old token stays revoked
    await t.http().post(`/api/users/${user.id}/reactivate`).set(admin.auth).expect(201);
    await t.http().get('/api/me').set(auth).expect(401);
    await token(user.username, TEST_PASSWORD).expect(201);
  });

  it('does not let an admin deactivate their own account', async () => {
    await t.http().post(`/api/users/${admin.user.id}/deactivate`).set(admin.auth).expect(422);
    await t.http().get('/api/me').set(admin.auth).expect(200);
  });

  it('resets a password to a temporary one: the old password and tokens stop working, the new one must be changed', async () => {
    const { user, auth } = await t.make.caller('WARD_STAFF');
    const res = await t.http().post(`/api/users/${user.id}/reset-password`).set(admin.auth).expect(201);
    expect(res.body).toEqual({ temporaryPassword: expect.any(String) });
    await t.http().get('/api/me').set(auth).expect(401);
    await token(user.username, TEST_PASSWORD).expect(401);
    const fresh = await token(user.username, res.body.temporaryPassword).expect(201);
    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${fresh.body.accessToken}`).expect(200);
    expect(me.body.mustChangePassword).toBe(true);
  });

  it('answers 404 for an unknown user id', async () => {
    const res = await t.http().get('/api/users/00000000-0000-4000-8000-000000000000').set(admin.auth).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
    await t.http().post('/api/users/00000000-0000-4000-8000-000000000000/deactivate').set(admin.auth).expect(404);
  });

  it('changes GET /api/me wardIds when an admin changes ward assignments (after signing in again)', async () => {
    const [a, b, c] = [await t.make.ward(), await t.make.ward(), await t.make.ward()];
    const { user, auth } = await t.make.caller('OT', { wardIds: [a.id] });
    expect((await t.http().get('/api/me').set(auth).expect(200)).body.wardIds).toEqual([a.id]);
    const res = await t.http().patch(`/api/users/${user.id}`).set(admin.auth).send({ wardIds: [b.id, c.id] }).expect(200);
    expect(res.body.wardIds).toEqual([b.id, c.id].sort());
    // access changed: the old token is revoked, a new sign-in sees the new wards
    await t.http().get('/api/me').set(auth).expect(401);
    const me = await t.http().get('/api/me').set({ Authorization: `Bearer ${await t.make.token(user)}` }).expect(200);
    expect(me.body.wardIds).toEqual([b.id, c.id].sort());
  });

  it('lists and searches users', async () => {
    const user = await t.make.user('COMMISSIONER', { username: 'findable-commissioner' });
    const res = await t.http().get('/api/users').query({ q: 'findable', role: 'COMMISSIONER' }).set(admin.auth).expect(200);
    expect(res.body).toMatchObject({ total: 1, limit: 50, offset: 0, items: [{ id: user.id, username: 'findable-commissioner' }] });
    expect(JSON.stringify(res.body)).not.toContain('passwordHash');
  });

  it.each(ROLES.filter((r) => r !== 'ADMIN'))('refuses %s callers on /api/users with 403', async (role) => {
    const { auth } = await t.make.caller(role);
    const target = await t.make.user('OT');
    for (const call of [
      t.http().get('/api/users').set(auth),
      t.http().get(`/api/users/${target.id}`).set(auth),
      t.http().post('/api/users').set(auth).send({ username: `by-${role.toLowerCase()}`, displayName: 'X', role: 'ADMIN' }),
      t.http().patch(`/api/users/${target.id}`).set(auth).send({ displayName: 'X' }),
      t.http().post(`/api/users/${target.id}/deactivate`).set(auth),
      t.http().post(`/api/users/${target.id}/reset-password`).set(auth),
    ]) {
      const res = await call;
      expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
    }
    await token(target.username, TEST_PASSWORD).expect(201); // untouched
  });

  describe('admin pages', () => {
    it('creates a user through the form and shows the temporary password once', async () => {
      const browser = await t.make.browser(admin.user);
      await browser.get('/admin/users/new');
      const res = await browser.post('/admin/users/new', { username: 'form-made', displayName: 'Form Made', role: 'WARD_STAFF' });
      expect(res.status).toBe(201);
      const m = /<p class="ww-mono nhsuk-heading-m">([^<]+)<\/p>/.exec(res.text);
      expect(m).not.toBeNull();
      await token('form-made', m![1]).expect(201);
      expect((await browser.get('/admin/users?q=form-made')).text).toContain('form-made');
    });

    it('shows form errors with 422 for a duplicate username', async () => {
      const browser = await t.make.browser(admin.user);
      await browser.get('/admin/users/new');
      const res = await browser.post('/admin/users/new', { username: admin.user.username, displayName: 'Dup', role: 'OT' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('That username is already in use');
    });
  });
});
