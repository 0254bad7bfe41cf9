import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdtempSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { BackupError, decryptBackup, encryptBackup, readBackupHeader, type BackupHeader } from './backup-file';

/**
 * `npm run backup -- FILE` and `npm run restore -- FILE` (README, "Backup and restore").
 *
 * SQLite: VACUUM INTO on a connection of its own makes a consistent copy while the app keeps
 * serving (a read transaction in WAL mode blocks no writer). PostgreSQL: pg_dump (one snapshot,
 * so consistent while serving) in its custom format, and pg_restore in a single transaction;
 * both must be on PATH, of the server's major version or newer. The payload is gzipped and
 * encrypted (backup-file.ts) and the plain copy never outlives the command.
 */

export interface BackupSummary {
  file: string;
  kind: 'sqlite' | 'postgres';
  bytes: number;
}

type Db = AppConfig['database'];

/** A private temporary directory (0700), removed by the caller. */
function privateTemp(): string {
  return mkdtempSync(join(tmpdir(), 'wardworks-backup-'));
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4000)));
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new BackupError(`${command} was not found on PATH: install the PostgreSQL client tools of the server's major version or newer (Debian: apt-get install postgresql-client)`)
          : err,
      ),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit code ${code}): ${redact(stderr.trim())}`))));
  });
}

/** No password from a connection URL in a message. */
function redact(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]+):[^@\s]+@/g, '$1:***@');
}

function openSqlite(path: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, mode, (err) => (err ? reject(err) : resolve(db)));
  });
}

function sqliteAll<T>(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
}

function sqliteClose(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
}

async function lastMigrationSqlite(db: sqlite3.Database): Promise<string | null> {
  const rows = await sqliteAll<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'migrations'");
  if (!rows.length) return null;
  const last = await sqliteAll<{ name: string }>(db, 'SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1');
  return last[0]?.name ?? null;
}

async function withPostgres<T>(db: Extract<Db, { kind: 'postgres' }>, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = new DataSource({ type: 'postgres', url: db.url, extra: { max: 1, connectionTimeoutMillis: 5000 } });
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

/** Tables in the configured database that are not the database's own (for the "must be empty" rule). */
export async function userTables(db: Db): Promise<string[]> {
  if (db.kind === 'sqlite') {
    if (db.path === ':memory:' || !existsSync(db.path) || statSync(db.path).size === 0) return [];
    const conn = await openSqlite(db.path, sqlite3.OPEN_READONLY);
    try {
      return (await sqliteAll<{ name: string }>(conn, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).map((r) => r.name);
    } finally {
      await sqliteClose(conn);
    }
  }
  return withPostgres(db, async (ds) => {
    const rows: { name: string }[] = await ds.query(
      `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg_toast%' ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  });
}

/** Writes an encrypted, consistent backup of the configured database to file (which must not exist yet). */
export async function backupDatabase(db: Db, file: string, secret: string): Promise<BackupSummary> {
  if (existsSync(file)) throw new BackupError(`${file} already exists: choose a new file name (a backup never overwrites one)`);
  if (!existsSync(dirname(file) || '.')) throw new BackupError(`the directory ${dirname(file)} does not exist`);
  const temp = privateTemp();
  try {
    const plain = join(temp, 'payload');
    let header: BackupHeader;
    if (db.kind === 'sqlite') {
      if (db.path === ':memory:' || !existsSync(db.path)) throw new BackupError(`there is no SQLite database at ${db.path} (check DATA_DIR / DATABASE_URL)`);
      const conn = await openSqlite(db.path, sqlite3.OPEN_READONLY);
      try {
        conn.configure('busyTimeout', 30_000);
        await sqliteAll(conn, 'VACUUM INTO ?', [plain]);
        header = { format: 1, kind: 'sqlite', payload: 'sqlite-file', createdAt: new Date().toISOString(), lastMigration: await lastMigrationSqlite(conn) };
      } finally {
        await sqliteClose(conn);
      }
    } else {
      const args = ['--format=custom', '--no-owner', '--no-privileges', `--file=${plain}`, `--dbname=${db.url}`];
      if (db.schema) args.push(`--schema=${db.schema}`);
      await run('pg_dump', args);
      const lastMigration = await withPostgres(db, async (ds) => {
        const table = db.schema ? `"${db.schema.replace(/"/g, '""')}".migrations` : 'migrations';
        const rows: { name: string }[] = await ds.query(`SELECT name FROM ${table} ORDER BY timestamp DESC LIMIT 1`).catch(() => []);
        return rows[0]?.name ?? null;
      });
      header = { format: 1, kind: 'postgres', payload: 'pg_dump-custom', createdAt: new Date().toISOString(), lastMigration };
    }
    await encryptBackup(plain, file, secret, header);
    return { file, kind: db.kind, bytes: statSync(file).size };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * Restores an encrypted backup into the configured database, which must be empty. The file is
 * decrypted and authenticated in full before anything touches the database; a wrong key, a
 * changed byte, a backup of the other database kind or a non-empty target is refused.
 */
export async function restoreDatabase(db: Db, file: string, secret: string): Promise<{ kind: 'sqlite' | 'postgres'; header: BackupHeader; tables: number }> {
  const { header } = readBackupHeader(file);
  if (header.kind !== db.kind) {
    throw new BackupError(`this is a ${header.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} backup and the configured database is ${db.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: restore it into a database of the same kind`);
  }
  if (db.kind === 'sqlite' && db.path === ':memory:') throw new BackupError('cannot restore into an in-memory database: set DATA_DIR or DATABASE_URL=sqlite:FILE');
  const present = await userTables(db);
  if (present.length) {
    const where = db.kind === 'sqlite' ? `the SQLite database at ${db.path}` : 'the PostgreSQL database in DATABASE_URL';
    throw new BackupError(`${where} is not empty (${present.length} tables, e.g. ${present.slice(0, 3).join(', ')}): restore only into an empty database (a new DATA_DIR, or a new database made with createdb). Nothing was restored.`);
  }
  const temp = privateTemp();
  try {
    const plain = join(temp, 'payload');
    await decryptBackup(file, plain, secret);
    if (db.kind === 'sqlite') {
      const check = await openSqlite(plain, sqlite3.OPEN_READONLY);
      try {
        const [row] = await sqliteAll<{ integrity_check: string }>(check, 'PRAGMA integrity_check');
        if (row?.integrity_check !== 'ok') throw new BackupError('the backup decrypted but its database fails SQLite’s integrity check. Nothing was restored.');
      } finally {
        await sqliteClose(check);
      }
      // Beside the target first, then one rename: the target is either absent or complete.
      const target = db.path;
      const staged = join(dirname(target), `.${basename(target)}.restoring-${randomBytes(4).toString('hex')}`);
      copyFileSync(plain, staged); // the temporary directory may be on another file system
      fsyncFile(staged);
      for (const f of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) rmSync(f, { force: true });
      renameSync(staged, target);
    } else {
      await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${db.url}`, plain]);
    }
    return { kind: db.kind, header, tables: (await userTables(db)).length };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
