import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';
export type DatabaseKind = 'sqlite' | 'postgres';

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string };
  sessionSecret: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  tokenTtlMinutes: number;
  demoData: boolean;
  demoPassword: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  trustProxy: boolean;
  signInMaxFailures: number;
  signInLockoutMinutes: number;
  signInRateLimit: number;
  /** PUBLIC_RATE_LIMIT: requests a minute per client address to each public route other than sign-in and /verify/:code. */
  publicRateLimit: number;
  /**
   * WARDWORKS_PUBLIC_URL: the one address the service is reached at from outside, for every link
   * printed or published (reference verify addresses, credentials, calendar feeds). Default
   * http://localhost:PORT; credentials require an https one in production.
   */
  publicUrl: string;
  /**
   * DATABASE_READERS: read-only SQLite connections beside the one writer (WAL mode), so reads
   * never wait behind a unit of work or a long report; 0 queues reads behind the writer's mutex.
   * Ignored on PostgreSQL (its pool serves reads).
   */
  databaseReaders: number;
  /** Credential issuing (Open Badges): the issuer's name and where the signing keys come from. */
  credentials: CredentialSettings;
}

/**
 * - WARDWORKS_ISSUER_NAME: the issuer's name when a skill was not shown on a shift of an
 *   enterprise (then the enterprise's reference name is used). Default "WardWorks". Never the
 *   hospital's name.
 * - WARDWORKS_SIGNING_KEYS: the private JWK set as JSON ({"keys":[...]}); production with several
 *   app instances sets it so every instance signs with the same key. When set, no key file is used.
 * - WARDWORKS_KEY_DIR: where the signing key file is kept otherwise. Default DATA_DIR/keys, a
 *   separate file beside (never inside) the SQLite database, so a database dump holds no key.
 */
export interface CredentialSettings {
  issuerName: string;
  keyDir: string;
  /** The private JWK set from WARDWORKS_SIGNING_KEYS, when given. */
  signingKeys: unknown[] | null;
}

/** A configuration problem found at boot: names the variable so the operator can fix it. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Configuration error: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

const PLACEHOLDER_SECRETS = ['changeme', 'change-me', 'secret', 'placeholder', 'replace-me', 'your-secret-here', 'example'];
export const DEFAULT_DEMO_PASSWORD = 'wardworks-demo';

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function parseDatabase(env: Env, dataDir: string): AppConfig['database'] {
  const url = str(env, 'DATABASE_URL');
  if (url === undefined) return { kind: 'sqlite', path: join(dataDir, 'wardworks.sqlite') };
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      const parsed = new URL(url);
      if (!parsed.hostname) throw new Error('no host');
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { kind: 'postgres', url, schema: str(env, 'DATABASE_SCHEMA') };
  }
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) throw new ConfigError('DATABASE_URL', 'sqlite: URL needs a file path, e.g. sqlite:data/wardworks.sqlite');
    return { kind: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  throw new ConfigError('DATABASE_URL', 'must start with postgres://, postgresql:// or sqlite:');
}

/**
 * The development session secret is generated once and kept under the data directory with
 * owner-only permissions, so sessions survive restarts without anyone choosing a secret.
 */
function developmentSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** Sign-in attempts per client address a minute (the throttle reads it per request, so it is parsed here once for both). */
export function signInRateLimit(env: Env): number {
  return int(env, 'SIGN_IN_RATE_LIMIT', 20, 1, 1_000_000);
}

/** Requests per client address a minute to each public route (the throttle reads it per request, so it is parsed here once for both). */
export function publicRateLimit(env: Env): number {
  return int(env, 'PUBLIC_RATE_LIMIT', 120, 1, 1_000_000);
}

/** Parses and validates the environment once, at boot. Throws ConfigError naming the variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = nodeEnv === 'production';
  const dataDir = resolve(str(env, 'DATA_DIR') ?? 'data');
  const database = parseDatabase(env, dataDir);

  let sessionSecret = str(env, 'SESSION_SECRET');
  if (sessionSecret !== undefined) {
    if (PLACEHOLDER_SECRETS.some((p) => sessionSecret!.toLowerCase().includes(p))) {
      if (production) throw new ConfigError('SESSION_SECRET', 'is a placeholder; set a long random value');
    }
    if (sessionSecret.length < 32) throw new ConfigError('SESSION_SECRET', 'must be at least 32 characters');
  } else if (production) {
    throw new ConfigError('SESSION_SECRET', 'is required in production (at least 32 random characters)');
  } else {
    sessionSecret = developmentSecret(dataDir);
  }

  const demoDefault = !production;
  const demoData = bool(env, 'DEMO_DATA', demoDefault);
  if (production && demoData) throw new ConfigError('DEMO_DATA', 'cannot be true in production: demo data is never loaded there');
  const demoPassword = str(env, 'DEMO_PASSWORD') ?? DEFAULT_DEMO_PASSWORD;
  if (demoPassword.length < 8) throw new ConfigError('DEMO_PASSWORD', 'must be at least 8 characters');

  const port = int(env, 'PORT', 3000, 0, 65535);
  const rawPublicUrl = str(env, 'WARDWORKS_PUBLIC_URL');
  if (!rawPublicUrl && production) throw new ConfigError('WARDWORKS_PUBLIC_URL', 'is required in production (the https:// address employers use to check references and credentials)');
  const publicUrl = rawPublicUrl ? parsePublicUrl(rawPublicUrl, production) : `http://localhost:${port}`;
  return {
    nodeEnv,
    port,
    host: str(env, 'HOST') ?? '0.0.0.0',
    dataDir,
    database,
    sessionSecret,
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7),
    tokenTtlMinutes: int(env, 'TOKEN_TTL_MINUTES', 480, 1, 60 * 24 * 30),
    demoData,
    demoPassword,
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, nodeEnv === 'test' ? 'warn' : 'info'),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    signInMaxFailures: int(env, 'SIGN_IN_MAX_FAILURES', 5, 1, 100),
    signInLockoutMinutes: int(env, 'SIGN_IN_LOCKOUT_MINUTES', 15, 1, 24 * 60),
    signInRateLimit: signInRateLimit(env),
    publicRateLimit: publicRateLimit(env),
    publicUrl,
    databaseReaders: int(env, 'DATABASE_READERS', 4, 0, 32),
    credentials: parseCredentialSettings(env, production, dataDir),
  };
}

function parseCredentialSettings(env: Env, production: boolean, dataDir: string): CredentialSettings {
  const issuerName = str(env, 'WARDWORKS_ISSUER_NAME') ?? 'WardWorks';
  if (issuerName.length > 120) throw new ConfigError('WARDWORKS_ISSUER_NAME', 'must be 120 characters or fewer');
  const rawKeys = str(env, 'WARDWORKS_SIGNING_KEYS');
  const signingKeys = rawKeys ? parseEnvKeys(rawKeys) : null;
  const rawDir = str(env, 'WARDWORKS_KEY_DIR');
  if (production && !signingKeys && !rawDir) {
    throw new ConfigError('WARDWORKS_SIGNING_KEYS', 'is required in production (or set WARDWORKS_KEY_DIR to a persistent, private directory shared by every instance)');
  }
  const keyDir = rawDir ? (isAbsolute(rawDir) ? rawDir : resolve(rawDir)) : join(dataDir, 'keys');
  return { issuerName, keyDir, signingKeys };
}

/** WARDWORKS_SIGNING_KEYS: a private JWK set {"keys":[...]} with at least one key (each key is checked when the key store opens). */
export function parseEnvKeys(raw: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('WARDWORKS_SIGNING_KEYS', 'must be JSON: a private JWK set {"keys":[...]}');
  }
  const keys = (parsed as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new ConfigError('WARDWORKS_SIGNING_KEYS', 'must be a JWK set with at least one key: {"keys":[...]}');
  return keys;
}

/** An absolute http(s) address without query, fragment or credentials, and https in production. */
export function parsePublicUrl(raw: string, production: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('WARDWORKS_PUBLIC_URL', `must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('WARDWORKS_PUBLIC_URL', 'must start with https:// or http://');
  if (production && url.protocol !== 'https:') throw new ConfigError('WARDWORKS_PUBLIC_URL', 'must be an https:// address in production');
  if (url.search || url.hash || url.username || url.password) throw new ConfigError('WARDWORKS_PUBLIC_URL', 'must be a plain address without query, fragment or credentials');
  return url.toString().replace(/\/+$/, '');
}

export const APP_CONFIG = Symbol('APP_CONFIG');
