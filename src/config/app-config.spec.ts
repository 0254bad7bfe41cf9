import { mkdtempSync, statSync } from 'node:fs';
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
  ])('names the variable when %j is bad', (env, variable) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(variable);
  });

  it('refuses production without a session secret, with a placeholder one, or with demo data', () => {
    const base = { DATA_DIR: dataDir(), NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db' };
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
});
