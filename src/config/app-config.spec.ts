import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'ww-config-'));

describe('loadConfig', () => {
  it('defaults to SQLite under the data directory on port 3000 with demo data', () => {
    const dir = dataDir();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ kind: 'sqlite', path: join(dir, 'wardworks.sqlite') });
    expect(c.demoData).toBe(true);
    expect(c.demoPassword).toBe('wardworks-demo');
  });

  it('generates a development session secret once, owner-only, and reuses it', () => {
    const dir = dataDir();
    const a = loadConfig({ DATA_DIR: dir }).sessionSecret;
    const b = loadConfig({ DATA_DIR: dir }).sessionSecret;
    expect(a).toHaveLength(64);
    expect(b).toBe(a);
    expect(statSync(join(dir, 'session-secret')).mode & 0o777).toBe(0o600);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ PORT: '-1' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ DATABASE_URL: 'sqlite:' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://' }, 'DATABASE_URL'],
    [{ DEMO_PASSWORD: 'short' }, 'DEMO_PASSWORD'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TRUST_PROXY: 'sometimes' }, 'TRUST_PROXY'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES'],
    [{ SESSION_ABSOLUTE_HOURS: 'a day' }, 'SESSION_ABSOLUTE_HOURS'],
    [{ TOKEN_TTL_MINUTES: '0' }, 'TOKEN_TTL_MINUTES'],
    [{ SIGN_IN_MAX_FAILURES: '0' }, 'SIGN_IN_MAX_FAILURES'],
    [{ SIGN_IN_LOCKOUT_MINUTES: 'x' }, 'SIGN_IN_LOCKOUT_MINUTES'],
    [{ SIGN_IN_RATE_LIMIT: 'lots' }, 'SIGN_IN_RATE_LIMIT'],
    [{ SIGN_IN_RATE_LIMIT: '0' }, 'SIGN_IN_RATE_LIMIT'],
  ])('names the variable when %j is bad', (env, variable) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(variable);
  });

  it('refuses production without a session secret, with a placeholder one, or with demo data', () => {
    const base = { DATA_DIR: dataDir(), NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db', WARDWORKS_PUBLIC_URL: 'https://wardworks.example', WARDWORKS_KEY_DIR: '/srv/keys' };
    expect(() => loadConfig(base)).toThrow('SESSION_SECRET');
    expect(() => loadConfig({ ...base, SESSION_SECRET: 'changeme-changeme-changeme-changeme-123' })).toThrow('placeholder');
    const good = { ...base, SESSION_SECRET: 'k'.repeat(20) + 'Q9vX2m7pLr4tZ8wY1nB6' };
    expect(loadConfig(good).demoData).toBe(false);
    expect(() => loadConfig({ ...good, DEMO_DATA: 'true' })).toThrow('DEMO_DATA');
  });

  it('accepts postgres and sqlite URLs', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).database.kind).toBe('postgres');
    const c = loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'sqlite:/tmp/x.sqlite' });
    expect(c.database).toEqual({ kind: 'sqlite', path: '/tmp/x.sqlite' });
  });

  it('reads every setting it is given', () => {
    const c = loadConfig({
      DATA_DIR: dataDir(),
      NODE_ENV: 'test',
      PORT: '8080',
      HOST: '127.0.0.1',
      SESSION_SECRET: 'a-session-secret-that-is-long-enough-0123456789',
      SESSION_IDLE_MINUTES: '10',
      SESSION_ABSOLUTE_HOURS: '2',
      TOKEN_TTL_MINUTES: '60',
      DEMO_DATA: 'no',
      DEMO_PASSWORD: 'another-demo-password',
      LOG_LEVEL: 'debug',
      TRUST_PROXY: 'true',
      SIGN_IN_MAX_FAILURES: '3',
      SIGN_IN_LOCKOUT_MINUTES: '5',
      SIGN_IN_RATE_LIMIT: '7',
    });
    expect(c).toMatchObject({
      nodeEnv: 'test',
      port: 8080,
      host: '127.0.0.1',
      sessionSecret: 'a-session-secret-that-is-long-enough-0123456789',
      sessionIdleMinutes: 10,
      sessionAbsoluteHours: 2,
      tokenTtlMinutes: 60,
      demoData: false,
      demoPassword: 'another-demo-password',
      logLevel: 'debug',
      trustProxy: true,
      signInMaxFailures: 3,
      signInLockoutMinutes: 5,
      signInRateLimit: 7,
    });
  });

  it('has safe defaults: 30 minutes idle, 5 failures lock for 15 minutes, 20 sign-ins a minute', () => {
    const c = loadConfig({ DATA_DIR: dataDir() });
    expect(c).toMatchObject({ sessionIdleMinutes: 30, signInMaxFailures: 5, signInLockoutMinutes: 15, signInRateLimit: 20, trustProxy: false, logLevel: 'info', nodeEnv: 'development' });
  });

  it('treats an empty or blank variable as unset', () => {
    const c = loadConfig({ DATA_DIR: dataDir(), PORT: '', DEMO_PASSWORD: '   ', SIGN_IN_RATE_LIMIT: ' ' });
    expect(c.port).toBe(3000);
    expect(c.demoPassword).toBe('wardworks-demo');
    expect(c.signInRateLimit).toBe(20);
  });

  it('never loads demo data in production, whatever DEMO_DATA says', () => {
    const base = { DATA_DIR: dataDir(), NODE_ENV: 'production', SESSION_SECRET: 'Zx8'.repeat(12), DATABASE_URL: 'postgres://u@h/db', WARDWORKS_PUBLIC_URL: 'https://wardworks.example', WARDWORKS_KEY_DIR: '/srv/keys' };
    expect(loadConfig(base).demoData).toBe(false);
    expect(loadConfig({ ...base, DEMO_DATA: 'false' }).demoData).toBe(false);
    for (const on of ['true', '1', 'yes', 'on']) expect(() => loadConfig({ ...base, DEMO_DATA: on })).toThrow('DEMO_DATA');
  });

  it('refuses a production session secret shorter than 32 characters', () => {
    const base = { DATA_DIR: dataDir(), NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db' };
    expect(() => loadConfig({ ...base, SESSION_SECRET: 'Zx8'.repeat(10) })).toThrow('SESSION_SECRET');
  });

  it('does not write a session secret file when a secret is given, or in production', () => {
    const dir = dataDir();
    loadConfig({ DATA_DIR: dir, SESSION_SECRET: 'a-session-secret-that-is-long-enough-0123456789' });
    expect(existsSync(join(dir, 'session-secret'))).toBe(false);
  });

  it('reads the credential settings into the one config, beside the public address they share with references and calendar feeds', () => {
    const dir = dataDir();
    const keys = '{"keys":[{"kty":"OKP","crv":"Ed25519","x":"x","d":"d"}]}';
    expect(loadConfig({ DATA_DIR: dir })).toMatchObject({ publicUrl: 'http://localhost:3000', credentials: { issuerName: 'WardWorks', keyDir: join(dir, 'keys'), signingKeys: null } });
    const c = loadConfig({ DATA_DIR: dir, PORT: '8080', WARDWORKS_PUBLIC_URL: 'https://wardworks.example/', WARDWORKS_ISSUER_NAME: 'Community Enterprises', WARDWORKS_SIGNING_KEYS: keys, WARDWORKS_KEY_DIR: '/srv/keys' });
    expect(c.publicUrl).toBe('https://wardworks.example');
    expect(c.credentials).toEqual({ issuerName: 'Community Enterprises', keyDir: '/srv/keys', signingKeys: [{ kty: 'OKP', crv: 'Ed25519', x: 'x', d: 'd' }] });
  });

  it.each([
    ['WARDWORKS_PUBLIC_URL', 'wardworks.example', 'must be an absolute http(s) URL'],
    ['WARDWORKS_PUBLIC_URL', 'ftp://wardworks.example', 'must start with https:// or http://'],
    ['WARDWORKS_PUBLIC_URL', 'https://wardworks.example/?a=1', 'must be a plain address without query'],
    ['WARDWORKS_ISSUER_NAME', 'x'.repeat(121), 'must be 120 characters or fewer'],
    ['WARDWORKS_SIGNING_KEYS', 'not json', 'must be JSON'],
    ['WARDWORKS_SIGNING_KEYS', '{"keys":[]}', 'must be a JWK set with at least one key'],
  ])('stops at a malformed %s (%s), naming it', (variable, value, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), [variable]: value })).toThrow(`Configuration error: ${variable} ${message}`);
  });

  it('gives a message that names the variable and the bad value', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), PORT: 'eighty' })).toThrow('Configuration error: PORT must be a whole number, got "eighty"');
  });
});
