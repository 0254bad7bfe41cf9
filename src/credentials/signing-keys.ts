import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, compactVerify, CompactSign, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { ConfigError } from '../config/app-config';
import type { CredentialsConfig } from './credentials-config';

export const SIGNING_ALG = 'EdDSA';
export const KEY_FILE = 'signing-keys.json';

/** A public key as published at /.well-known/jwks.json. */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: typeof SIGNING_ALG;
  use: 'sig';
}

/** A stored private key: an Ed25519 JWK with its thumbprint as kid and the date it was made. */
interface StoredJwk extends JWK {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d: string;
  kid: string;
  alg: string;
  use: string;
  created: string;
}

export interface SigningKey {
  kid: string;
  createdAt: Date;
  privateKey: CryptoKey;
  publicJwk: PublicJwk;
}

export interface KeyInfo {
  kid: string;
  createdAt: string;
  signing: boolean;
}

/** Minted keys: the file on disk (or the environment variable) is the only place the private half lives. */
interface Loaded {
  keys: SigningKey[];
  stamp: string;
}

const owner600 = 0o600;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The issuer's Ed25519 signing keys, kept outside the database.
 *
 * Either from WARDWORKS_SIGNING_KEYS (production, and every instance behind a load balancer
 * then signs with the same key) or from `signing-keys.json` in the key directory, made on first
 * start with owner-only permissions (file 0600, directory 0700). The newest key signs; older keys
 * stay published so credentials signed with them still verify. Rotation adds a key
 * (`rotate()`, the admin API or `node dist/src/credentials/signing-keys.cli.js rotate`).
 *
 * Concurrent first starts on one key directory make one key, not two: each writes its candidate
 * to a private temporary file and hard-links it into place, which fails if the file already
 * exists (O_EXCL semantics); the loser reads the winner's file.
 */
export class SigningKeyStore {
  private loaded: Loaded;

  private constructor(
    readonly source: 'environment' | 'file',
    readonly keyDir: string | null,
    loaded: Loaded,
  ) {
    this.loaded = loaded;
  }

  get filePath(): string | null {
    return this.keyDir ? join(this.keyDir, KEY_FILE) : null;
  }

  static async open(config: Pick<CredentialsConfig, 'keyDir' | 'envKeys'>): Promise<SigningKeyStore> {
    if (config.envKeys) {
      const keys = await parseKeySet(config.envKeys, 'WARDWORKS_SIGNING_KEYS', false);
      return new SigningKeyStore('environment', null, { keys, stamp: 'env' });
    }
    const dir = config.keyDir;
    ensurePrivateDir(dir);
    const file = join(dir, KEY_FILE);
    if (!existsSync(file)) await createKeyFileOnce(dir, file);
    return new SigningKeyStore('file', dir, await readKeyFile(file));
  }

  /** The key that signs new credentials: the newest. */
  async current(): Promise<SigningKey> {
    const keys = await this.keys();
    return keys[keys.length - 1];
  }

  /** Every public key, oldest first, for /.well-known/jwks.json. */
  async publicJwks(): Promise<{ keys: PublicJwk[] }> {
    return { keys: (await this.keys()).map((k) => k.publicJwk) };
  }

  async list(): Promise<KeyInfo[]> {
    const keys = await this.keys();
    return keys.map((k, i) => ({ kid: k.kid, createdAt: k.createdAt.toISOString(), signing: i === keys.length - 1 }));
  }

  /**
   * Adds a new signing key to the key file; the old ones stay (published, no longer signing).
   * With keys from the environment, rotation happens there: see `newKeySetWith`.
   */
  async rotate(now = new Date()): Promise<SigningKey> {
    const file = this.filePath;
    if (!file || !this.keyDir) throw new KeysFromEnvironmentError();
    await withLock(join(this.keyDir, `${KEY_FILE}.lock`), async () => {
      const stored = readStoredJwks(file);
      stored.push(await newStoredKey(now));
      writeAtomically(this.keyDir!, file, serialise(stored));
    });
    this.loaded = await readKeyFile(file);
    return this.current();
  }

  /** Reloads the key file when another process (or the CLI) has rotated it. */
  private async keys(): Promise<SigningKey[]> {
    const file = this.filePath;
    if (file) {
      const stamp = fileStamp(file);
      if (stamp !== this.loaded.stamp) this.loaded = await readKeyFile(file);
    }
    return this.loaded.keys;
  }
}

export class KeysFromEnvironmentError extends Error {
  constructor() {
    super('The signing keys come from WARDWORKS_SIGNING_KEYS: rotate them there (add a new key to the set, keep the old ones)');
    this.name = 'KeysFromEnvironmentError';
  }
}

/** A private JWK set with one more new key, for operators who keep the keys in the environment. */
export async function newKeySetWith(existing: unknown[] | null, now = new Date()): Promise<string> {
  const keys = existing ? (existing as StoredJwk[]) : [];
  return serialise([...keys, await newStoredKey(now)]);
}

async function newStoredKey(now: Date): Promise<StoredJwk> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x!, d: jwk.d!, kid, alg: SIGNING_ALG, use: 'sig', created: now.toISOString() };
}

function serialise(keys: StoredJwk[]): string {
  return JSON.stringify({ keys }, null, 2) + '\n';
}

function ensurePrivateDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') chmodSync(dir, 0o700);
  } catch (err) {
    throw new ConfigError('WARDWORKS_KEY_DIR', `cannot be created or made private (${dir}): ${(err as Error).message}`);
  }
}

async function createKeyFileOnce(dir: string, file: string): Promise<void> {
  const content = serialise([await newStoredKey(new Date())]);
  const tmp = join(dir, `.${KEY_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  writePrivateFile(tmp, content);
  try {
    linkSync(tmp, file); // fails with EEXIST when another process got there first: its key wins
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') {
      // File systems without hard links: an exclusive create is the next best thing.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
      try {
        writePrivateFile(file, content);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
  } finally {
    unlinkSync(tmp);
  }
}

/** Writes a new file, refusing to overwrite, owner-only, flushed to disk. */
function writePrivateFile(path: string, content: string): void {
  const fd = openSync(path, 'wx', owner600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (process.platform !== 'win32') chmodSync(path, owner600);
}

function writeAtomically(dir: string, file: string, content: string): void {
  const tmp = join(dir, `.${KEY_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  writePrivateFile(tmp, content);
  renameSync(tmp, file);
}

async function withLock(lock: string, fn: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx', owner600));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) unlinkSync(lock); // left by a crashed process
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`The signing key file is locked by another rotation (${lock})`);
      await sleep(50);
    }
  }
  try {
    await fn();
  } finally {
    unlinkSync(lock);
  }
}

function fileStamp(file: string): string {
  const s = statSync(file);
  return `${s.ino}:${s.size}:${s.mtimeMs}`;
}

function readStoredJwks(file: string): StoredJwk[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError('WARDWORKS_KEY_DIR', `holds an unreadable key file ${file}: ${(err as Error).message}`);
  }
  const keys = (parsed as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || !keys.length) throw new ConfigError('WARDWORKS_KEY_DIR', `holds a key file without keys: ${file}`);
  return keys as StoredJwk[];
}

async function readKeyFile(file: string): Promise<Loaded> {
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new ConfigError('WARDWORKS_KEY_DIR', `holds ${file}, which others can read: make it readable by its owner only (chmod 600)`);
  }
  const stamp = fileStamp(file);
  return { keys: await parseKeySet(readStoredJwks(file), 'WARDWORKS_KEY_DIR', true), stamp };
}

/**
 * Validates and imports a private JWK set: Ed25519 keys only, kid = RFC 7638 thumbprint, and a
 * sign-then-verify round trip proves each private half matches its public half. Sorted oldest
 * first (by `created`; keys without it keep their order and count as oldest).
 */
async function parseKeySet(raw: unknown[], variable: string, requireCreated: boolean): Promise<SigningKey[]> {
  const out: { key: SigningKey; order: number }[] = [];
  const seen = new Set<string>();
  for (const [i, item] of raw.entries()) {
    const jwk = item as Partial<StoredJwk>;
    const where = `key ${i + 1}`;
    if (!jwk || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || typeof jwk.d !== 'string') {
      throw new ConfigError(variable, `${where} must be a private Ed25519 JWK (kty OKP, crv Ed25519, x and d)`);
    }
    const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x });
    if (jwk.kid !== undefined && jwk.kid !== kid) throw new ConfigError(variable, `${where} has kid "${jwk.kid}", which is not its JWK thumbprint (${kid})`);
    if (seen.has(kid)) throw new ConfigError(variable, `${where} repeats key ${kid}`);
    seen.add(kid);
    let createdAt = new Date(0);
    if (jwk.created !== undefined || requireCreated) {
      createdAt = new Date(String(jwk.created));
      if (Number.isNaN(createdAt.getTime())) throw new ConfigError(variable, `${where} needs "created" as an ISO 8601 instant`);
    }
    let privateKey: CryptoKey;
    let publicKey: CryptoKey;
    try {
      privateKey = (await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, SIGNING_ALG)) as CryptoKey;
      publicKey = (await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, SIGNING_ALG)) as CryptoKey;
      const probe = await new CompactSign(new TextEncoder().encode('wardworks-key-check')).setProtectedHeader({ alg: SIGNING_ALG }).sign(privateKey);
      await compactVerify(probe, publicKey);
    } catch {
      throw new ConfigError(variable, `${where} is not a usable Ed25519 key pair (its private and public halves must match)`);
    }
    out.push({ key: { kid, createdAt, privateKey, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: SIGNING_ALG, use: 'sig' } }, order: i });
  }
  out.sort((a, b) => a.key.createdAt.getTime() - b.key.createdAt.getTime() || a.order - b.order);
  return out.map((o) => o.key);
}
