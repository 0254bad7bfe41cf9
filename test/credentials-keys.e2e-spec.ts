import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, decodeProtectedHeader, generateKeyPair, exportJWK } from 'jose';
import { ConfigError, loadConfig } from '../src/config/app-config';
import { credentialsConfigOf, parseEnvKeys } from '../src/credentials/credentials-config';
import { KEY_FILE, KeysFromEnvironmentError, newKeySetWith, SigningKeyStore } from '../src/credentials/signing-keys';
import { credentialsWorld, verifyWithPublishedKeys } from './credentials-world';
import { bootSecondApp } from './support/second-app';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const mode = (path: string) => statSync(path).mode & 0o777;

async function privateJwk(created?: string) {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }), ...(created ? { created } : {}) };
}

describe('credentials: the signing key', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof credentialsWorld>>;
  let keyDir: string;

  beforeAll(async () => {
    t = await createTestApp();
    keyDir = join(process.env.DATA_DIR!, 'keys');
    w = await credentialsWorld(t);
  });
  afterAll(() => t.close());

  it('is made on first start in DATA_DIR/keys (outside the database), file 0600 and directory 0700', () => {
    const file = join(keyDir, KEY_FILE);
    expect(existsSync(file)).toBe(true);
    expect(mode(file)).toBe(0o600);
    expect(mode(keyDir)).toBe(0o700);
    expect(keyDir.startsWith(tmpdir())).toBe(true);
    expect(readdirSync(keyDir)).toEqual([KEY_FILE]);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored.keys).toHaveLength(1);
    expect(stored.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', d: expect.any(String), alg: 'EdDSA', created: expect.any(String) });
  });

  it('is reused across restarts: a second app on the same key directory publishes the same kid', async () => {
    const first = (await t.http().get('/.well-known/jwks.json').expect(200)).body;
    const second = await bootSecondApp();
    try {
      const again = (await second.http().get('/.well-known/jwks.json').expect(200)).body;
      expect(again).toEqual(first);
    } finally {
      await second.close();
    }
  });

  it('rotation adds a key that signs from then on; the old key stays published and old credentials still verify, on every instance', async () => {
    const second = await bootSecondApp();
    try {
      const oldCredential = (await t.http().post('/api/credentials').set(w.ot.auth).send({ skillLogId: (await w.log()).id }).expect(201)).body;
      const oldKid = decodeProtectedHeader(oldCredential.jwt).kid;
      await t.http().post('/api/signing-keys/rotate').set(w.ot.auth).expect(403);
      const rotated = (await t.http().post('/api/signing-keys/rotate').set(w.admin.auth).expect(201)).body;
      expect(rotated.source).toBe('file');
      expect(rotated.keys).toHaveLength(2);
      expect(rotated.keys[0]).toMatchObject({ kid: oldKid, signing: false });
      expect(rotated.keys[1]).toMatchObject({ signing: true });
      const newKid = rotated.keys[1].kid;
      expect(mode(join(keyDir, KEY_FILE))).toBe(0o600);

      const jwks = (await t.http().get('/.well-known/jwks.json').expect(200)).body;
      expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual([oldKid, newKid]);
      // The other instance reads the rotated key file too.
      expect((await second.http().get('/.well-known/jwks.json').expect(200)).body).toEqual(jwks);

      await expect(verifyWithPublishedKeys(t, oldCredential.jwt)).resolves.toBeDefined();
      const fresh = (await t.http().post('/api/credentials').set(w.ot.auth).send({ skillLogId: (await w.log()).id }).expect(201)).body;
      expect(decodeProtectedHeader(fresh.jwt).kid).toBe(newKid);
      await expect(verifyWithPublishedKeys(t, fresh.jwt)).resolves.toBeDefined();
      expect((await t.http().get('/api/signing-keys').set(w.admin.auth).expect(200)).body.keys).toHaveLength(2);
    } finally {
      await second.close();
    }
  });

  it('concurrent first starts on an empty key directory make one key, not two', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ww-keys-')), 'keys');
    const stores = await Promise.all(Array.from({ length: 8 }, () => SigningKeyStore.open({ keyDir: dir, envKeys: null })));
    const kids = new Set(await Promise.all(stores.map(async (s) => (await s.current()).kid)));
    expect(kids.size).toBe(1);
    expect(readdirSync(dir)).toEqual([KEY_FILE]);
  });

  it('refuses a key file that others can read, naming WARDWORKS_KEY_DIR', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ww-keys-')), 'keys');
    await SigningKeyStore.open({ keyDir: dir, envKeys: null });
    chmodSync(join(dir, KEY_FILE), 0o644);
    await expect(SigningKeyStore.open({ keyDir: dir, envKeys: null })).rejects.toThrow(/WARDWORKS_KEY_DIR.*chmod 600/);
  });

  it('takes the keys from WARDWORKS_SIGNING_KEYS when set (the same key on every instance), writes no file, and refuses API rotation', async () => {
    const older = await privateJwk('2026-01-01T00:00:00Z');
    const newer = await privateJwk('2026-06-01T00:00:00Z');
    const envDir = mkdtempSync(join(tmpdir(), 'ww-envkeys-'));
    Object.assign(process.env, { WARDWORKS_SIGNING_KEYS: JSON.stringify({ keys: [newer, older] }), WARDWORKS_KEY_DIR: envDir });
    let second: Awaited<ReturnType<typeof bootSecondApp>> | undefined;
    try {
      second = await bootSecondApp();
      const jwks = (await second.http().get('/.well-known/jwks.json').expect(200)).body;
      expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual([older.kid, newer.kid]);
      expect(readdirSync(envDir)).toEqual([]);
      const res = await second.http().post('/api/signing-keys/rotate').set(w.admin.auth).expect(409);
      expect(res.body.code).toBe('KEYS_FROM_ENVIRONMENT');
      const issued = (await second.http().post('/api/credentials').set(w.ot.auth).send({ skillLogId: (await w.log()).id }).expect(201)).body;
      expect(decodeProtectedHeader(issued.jwt).kid).toBe(newer.kid);
    } finally {
      delete process.env.WARDWORKS_SIGNING_KEYS;
      delete process.env.WARDWORKS_KEY_DIR;
      await second?.close();
    }
  });

  it('validates WARDWORKS_SIGNING_KEYS and fails fast naming it', async () => {
    const good = await privateJwk();
    const bad = (keys: unknown[]) => SigningKeyStore.open({ keyDir: '/nonexistent', envKeys: keys });
    expect(() => parseEnvKeys('not json')).toThrow(ConfigError);
    expect(() => parseEnvKeys('{"keys":[]}')).toThrow(/WARDWORKS_SIGNING_KEYS/);
    await expect(bad([{ ...good, kid: 'something-else' }])).rejects.toThrow(/WARDWORKS_SIGNING_KEYS.*thumbprint/);
    await expect(bad([{ kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c' }])).rejects.toThrow(/WARDWORKS_SIGNING_KEYS.*Ed25519/);
    const other = await privateJwk();
    await expect(bad([{ ...good, d: other.d }])).rejects.toThrow(/WARDWORKS_SIGNING_KEYS.*halves must match/);
    await expect(bad([good, good])).rejects.toThrow(/repeats/);
    const store = await SigningKeyStore.open({ keyDir: '/nonexistent', envKeys: [good] });
    await expect(store.rotate()).rejects.toBeInstanceOf(KeysFromEnvironmentError);
    const next = JSON.parse(await newKeySetWith([good]));
    expect(next.keys).toHaveLength(2);
    const rotated = await SigningKeyStore.open({ keyDir: '/nonexistent', envKeys: next.keys });
    expect((await rotated.current()).kid).toBe(next.keys[1].kid);
  });

  it('needs WARDWORKS_SIGNING_KEYS (or an explicit key directory) and an https WARDWORKS_PUBLIC_URL in production', () => {
    const base = { NODE_ENV: 'production', SESSION_SECRET: 'q7Vd2mLx9RtK4pWz8NcB3hJf6YsG1uEa5TnQ0oXi', DEMO_DATA: 'false', DATA_DIR: process.env.DATA_DIR };
    expect(() => loadConfig({ ...base })).toThrow(/WARDWORKS_PUBLIC_URL/);
    expect(() => loadConfig({ ...base, WARDWORKS_PUBLIC_URL: 'http://wardworks.example' })).toThrow(/https/);
    expect(() => loadConfig({ ...base, WARDWORKS_PUBLIC_URL: 'https://wardworks.example' })).toThrow(/WARDWORKS_SIGNING_KEYS/);
    expect(credentialsConfigOf(loadConfig({ ...base, WARDWORKS_PUBLIC_URL: 'https://wardworks.example/', WARDWORKS_KEY_DIR: '/srv/keys' }))).toMatchObject({ publicUrl: 'https://wardworks.example', keyDir: '/srv/keys' });
  });
});
