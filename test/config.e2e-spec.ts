import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { AppModule } from '../src/app.module';
import { ConfigError } from '../src/config/app-config';
import { TEST_PASSWORD } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

// Booting the app on a busy machine can pass Jest's default 5 s (the project-level testTimeout is not applied).
jest.setTimeout(60_000);

/** Boots the real module graph with one bad variable; no database is touched before config fails. */
async function bootWith(env: Record<string, string>): Promise<unknown> {
  const saved = { ...process.env };
  Object.assign(process.env, { NODE_ENV: 'test', DATA_DIR: mkdtempSync(join(tmpdir(), 'ww-config-')), SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789', LOG_LEVEL: 'silent', ...env });
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await moduleRef.close();
    return null;
  } catch (err) {
    return err;
  } finally {
    process.env = saved;
  }
}

describe('configuration at boot', () => {
  it.each([
    ['PORT', 'not-a-port'],
    ['SIGN_IN_RATE_LIMIT', 'many'],
    ['DEMO_DATA', 'perhaps'],
  ])('refuses to start when %s is %j, naming the variable', async (variable, value) => {
    const err = await bootWith({ [variable]: value });
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe(variable);
    expect((err as Error).message).toContain(variable);
  });

  it('refuses to start in production with a placeholder session secret', async () => {
    const err = await bootWith({ NODE_ENV: 'production', SESSION_SECRET: 'changeme-changeme-changeme-changeme', DEMO_DATA: 'false' });
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe('SESSION_SECRET');
  });
});

describe('behind a TLS-terminating proxy (TRUST_PROXY=true)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ TRUST_PROXY: 'true' })));
  afterAll(() => t.close());

  it('marks the session and CSRF cookies Secure when the request came over HTTPS', async () => {
    const user = await t.make.user('OT');
    const browser = t.make.anonymousBrowser();
    const page = await browser.agent.get('/sign-in').set('X-Forwarded-Proto', 'https');
    const csrfCookie = [page.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('ww_csrf='));
    expect(csrfCookie).toMatch(/;\s*Secure/i);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const cookie = csrfCookie!.split(';')[0];
    const res = await t.http().post('/sign-in').set('X-Forwarded-Proto', 'https').set('Cookie', cookie).type('form').send({ username: user.username, password: TEST_PASSWORD, _csrf: csrf });
    expect(res.status).toBe(303);
    const session = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('ww_session='));
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
  });

  it('does not mark them Secure over plain HTTP', async () => {
    const page = await t.http().get('/sign-in');
    const csrfCookie = [page.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('ww_csrf='));
    expect(csrfCookie).toBeDefined();
    expect(csrfCookie).not.toMatch(/;\s*Secure/i);
  });
});
