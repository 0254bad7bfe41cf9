/* npm run backup -- FILE | npm run restore -- FILE: the configured database (DATA_DIR / DATABASE_URL), key from BACKUP_KEY. */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../config/app-config';
import { BackupError, backupKeyFrom } from './backup-file';
import { backupDatabase, restoreDatabase } from './backup';

async function main(): Promise<number> {
  const [command, file] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || !file) {
    process.stderr.write('usage: npm run backup -- FILE | npm run restore -- FILE\n');
    return 64;
  }
  try {
    const config = loadConfig(process.env);
    const key = backupKeyFrom(process.env);
    if (command === 'backup') {
      const done = await backupDatabase(config.database, file, key);
      process.stdout.write(`Backup of the ${done.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database written to ${done.file} (${done.bytes} bytes, AES-256-GCM)\n`);
    } else {
      const done = await restoreDatabase(config.database, file, key);
      process.stdout.write(`Restored the backup of ${done.header.createdAt} (${done.tables} tables, last migration ${done.header.lastMigration ?? 'none'}) into the ${done.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof ConfigError || err instanceof BackupError) {
      process.stderr.write(`${command} refused: ${err.message}\n`);
      return err instanceof ConfigError ? 78 : 1;
    }
    throw err;
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err) => {
    process.stderr.write(`${process.argv[2]} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
