import type { AppConfig } from '../config/app-config';

export { parseEnvKeys, parsePublicUrl } from '../config/app-config';

/**
 * What credential issuing needs from the one validated application config (config/app-config.ts,
 * where WARDWORKS_PUBLIC_URL, WARDWORKS_ISSUER_NAME, WARDWORKS_SIGNING_KEYS and WARDWORKS_KEY_DIR
 * are read and checked at boot). The public address is the same one the reference PDFs' verify
 * addresses and the calendar feeds use.
 */
export interface CredentialsConfig {
  publicUrl: string;
  issuerName: string;
  keyDir: string;
  /** The private JWK set from WARDWORKS_SIGNING_KEYS, when given. */
  envKeys: unknown[] | null;
}

export function credentialsConfigOf(app: AppConfig): CredentialsConfig {
  return { publicUrl: app.publicUrl, issuerName: app.credentials.issuerName, keyDir: app.credentials.keyDir, envKeys: app.credentials.signingKeys };
}
