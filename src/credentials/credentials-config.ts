import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError, loadConfig, parsePublicUrl, type AppConfig } from '../config/app-config';

/**
 * Configuration of credential issuing, read from the environment once and validated (the shared
 * AppConfig is not this module's to extend). A bad value stops the app naming the variable.
 *
 * - WARDWORKS_PUBLIC_URL: the address employers reach this service at; issuer profiles, the
 *   status address and the JWKS are published under it. Default http://localhost:PORT; required
 *   (https) in production.
 * - WARDWORKS_ISSUER_NAME: the issuer's name when a skill was not shown on a shift of an
 *   enterprise (then the enterprise's reference name is used). Default "WardWorks". Never the
 *   hospital's name.
 * - WARDWORKS_SIGNING_KEYS: the private JWK set as JSON ({"keys":[...]}); production with several
 *   app instances sets it so every instance signs with the same key. When set, no key file is used.
 * - WARDWORKS_KEY_DIR: where the signing key file is kept otherwise. Default DATA_DIR/keys, a
 *   separate file beside (never inside) the SQLite database, so a database dump holds no key.
 */
export interface CredentialsConfig {
  publicUrl: string;
  issuerName: string;
  keyDir: string;
  /** The private JWK set from WARDWORKS_SIGNING_KEYS, when given. */
  envKeys: unknown[] | null;
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

export { parsePublicUrl };

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

export function loadCredentialsConfig(env: Env = process.env, app: AppConfig = loadConfig(env)): CredentialsConfig {
  const production = app.nodeEnv === 'production';
  const rawUrl = str(env, 'WARDWORKS_PUBLIC_URL');
  if (!rawUrl && production) throw new ConfigError('WARDWORKS_PUBLIC_URL', 'is required in production (the https:// address employers use to check credentials)');
  const publicUrl = parsePublicUrl(rawUrl ?? `http://localhost:${app.port}`, production);

  const issuerName = str(env, 'WARDWORKS_ISSUER_NAME') ?? 'WardWorks';
  if (issuerName.length > 120) throw new ConfigError('WARDWORKS_ISSUER_NAME', 'must be 120 characters or fewer');

  const rawKeys = str(env, 'WARDWORKS_SIGNING_KEYS');
  const envKeys = rawKeys ? parseEnvKeys(rawKeys) : null;

  const rawDir = str(env, 'WARDWORKS_KEY_DIR');
  if (production && !envKeys && !rawDir) {
    throw new ConfigError('WARDWORKS_SIGNING_KEYS', 'is required in production (or set WARDWORKS_KEY_DIR to a persistent, private directory shared by every instance)');
  }
  const keyDir = rawDir ? (isAbsolute(rawDir) ? rawDir : resolve(rawDir)) : join(app.dataDir, 'keys');
  return { publicUrl, issuerName, keyDir, envKeys };
}
