/*
 * Credential signing keys, from the command line (same configuration as the app):
 *   node dist/src/credentials/signing-keys.cli.js list     the keys, newest (signing) last
 *   node dist/src/credentials/signing-keys.cli.js rotate   add a new signing key; old keys stay published
 * With WARDWORKS_SIGNING_KEYS set, `rotate` writes nothing: it prints the key set with a new key
 * added, to store back into that variable (then restart every instance).
 */
import { ConfigError, loadConfig } from '../config/app-config';
import { credentialsConfigOf } from './credentials-config';
import { newKeySetWith, SigningKeyStore } from './signing-keys';

async function main(): Promise<void> {
  const command = process.argv[2];
  const config = credentialsConfigOf(loadConfig(process.env));
  if (command === 'rotate' && config.envKeys) {
    await SigningKeyStore.open(config); // validates the current set first
    process.stdout.write(await newKeySetWith(config.envKeys));
    process.stderr.write('Store the key set above in WARDWORKS_SIGNING_KEYS (it holds private keys: treat it as a secret) and restart every instance.\n');
    return;
  }
  const store = await SigningKeyStore.open(config);
  if (command === 'rotate') {
    const key = await store.rotate();
    process.stdout.write(`Added signing key ${key.kid} to ${store.filePath}. Earlier keys stay published at /.well-known/jwks.json.\n`);
  } else if (command === 'list') {
    for (const k of await store.list()) process.stdout.write(`${k.kid}  created ${k.createdAt}${k.signing ? '  (signs new credentials)' : ''}\n`);
    process.stdout.write(`Source: ${store.source === 'file' ? store.filePath : 'WARDWORKS_SIGNING_KEYS'}\n`);
  } else {
    throw new Error('usage: signing-keys.cli list | rotate');
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
