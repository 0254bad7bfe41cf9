import type { Server } from 'node:http';
import * as argon2 from 'argon2';
import request from 'supertest';
import { newId } from '../../src/database/columns';
import type { UnitOfWork } from '../../src/database/unit-of-work';
import { Patient } from '../../src/patients/patient.entity';
import type { Role } from '../../src/users/roles';
import { UserWard } from '../../src/users/user-ward.entity';
import { User } from '../../src/users/user.entity';
import { Site } from '../../src/wards/site.entity';
import { Ward } from '../../src/wards/ward.entity';

export const TEST_PASSWORD = 'test-password-orchard-kettle';
/** Test users' hash is made at argon2's lowest cost, so that every sign-in in the suite is cheap;
 * production's cost is what PasswordService uses, checked in users.e2e-spec. */
let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= argon2.hash(TEST_PASSWORD, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 }));
let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

/** Builds records straight into the database, for tests that need a world to act in. */
export class Factories {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly server: Server,
  ) {}

  async site(overrides: Partial<Site> = {}): Promise<Site> {
    const site = { id: newId(), name: `Site ${next()}`, defaultWeeklyEarningsCapPence: 19550, defaultWeeklyHoursCapMinutes: 959, createdAt: new Date(), ...overrides } as Site;
    await this.uow.run((em) => em.insert(Site, site));
    return site;
  }

  async ward(overrides: Partial<Ward> = {}): Promise<Ward> {
    const siteId = overrides.siteId ?? (await this.site()).id;
    const ward = { id: newId(), siteId, name: `Ward ${next()}`, securityLevel: 'MEDIUM', active: true, createdAt: new Date(), ...overrides } as Ward;
    await this.uow.run((em) => em.insert(Ward, ward));
    return ward;
  }

  async patient(overrides: Partial<Patient> = {}): Promise<Patient> {
    const wardId = overrides.wardId ?? (await this.ward()).id;
    const now = new Date();
    const patient = { id: newId(), wardId, displayName: `Patient ${next()}`, hospitalNumber: `T-${next()}`, status: 'ACTIVE', createdAt: now, updatedAt: now, ...overrides } as Patient;
    await this.uow.run((em) => em.insert(Patient, patient));
    return patient;
  }

  async user(role: Role, opts: { wardIds?: string[]; patientId?: string; username?: string; mustChangePassword?: boolean } = {}): Promise<User> {
    const now = new Date();
    let patientId = opts.patientId ?? null;
    if (role === 'PATIENT' && !patientId) patientId = (await this.patient()).id;
    const user = {
      id: newId(),
      username: opts.username ?? `${role.toLowerCase()}-${next()}`,
      displayName: `${role} user`,
      role,
      passwordHash: await passwordHash(),
      active: true,
      patientId,
      failedSignIns: 0,
      lockedUntil: null,
      mustChangePassword: opts.mustChangePassword ?? false,
      passwordChangedAt: now,
      lastSignInAt: null,
      createdAt: now,
      updatedAt: now,
    } as User;
    await this.uow.run(async (em) => {
      await em.insert(User, user);
      for (const wardId of opts.wardIds ?? []) await em.insert(UserWard, { userId: user.id, wardId });
    });
    return user;
  }

  /** A bearer token for the user, through the real sign-in endpoint. */
  async token(user: User | string): Promise<string> {
    const username = typeof user === 'string' ? user : user.username;
    const res = await request(this.server).post('/api/auth/token').send({ username, password: TEST_PASSWORD }).expect(201);
    return res.body.accessToken;
  }

  /** A user with a role and a token in one go: `const { user, auth } = await make.caller('OT', { wardIds })`. */
  async caller(role: Role, opts: Parameters<Factories['user']>[1] = {}): Promise<{ user: User; auth: { Authorization: string } }> {
    const user = await this.user(role, opts);
    return { user, auth: { Authorization: `Bearer ${await this.token(user)}` } };
  }

  /** A signed-in browser (cookie jar) with the CSRF token of its last page. */
  async browser(user: User | string, password = TEST_PASSWORD): Promise<Browser> {
    const agent = request.agent(this.server);
    const browser = new Browser(agent);
    await browser.get('/sign-in');
    const res = await browser.post('/sign-in', { username: typeof user === 'string' ? user : user.username, password });
    if (res.status !== 303) throw new Error(`sign-in failed with ${res.status}`);
    await browser.get('/sign-in'); // sign-in renews the CSRF cookie: take the new token, as the next page would
    return browser;
  }

  anonymousBrowser(): Browser {
    return new Browser(request.agent(this.server));
  }
}

export class Browser {
  csrf = '';
  constructor(readonly agent: ReturnType<typeof request.agent>) {}

  async get(path: string): Promise<request.Response> {
    const res = await this.agent.get(path);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.text ?? '');
    if (m) this.csrf = m[1];
    return res;
  }

  /** Posts a form as a browser would, with the CSRF token from the last page. */
  post(path: string, form: Record<string, string | string[]>, { csrf = true } = {}): Promise<request.Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    if (csrf) body.append('_csrf', this.csrf);
    return this.agent.post(path).type('form').send(body.toString());
  }
}
