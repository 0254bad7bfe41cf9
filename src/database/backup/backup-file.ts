import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { ConfigError } from '../../config/app-config';

/**
 * The encrypted backup file (AES-256-GCM, node:crypto):
 *
 *   "WWBACKUP1\n" | header length (u32 BE) | header (JSON) | salt (16) | iv (12) | key check (16)
 *   | ciphertext of the gzipped payload | GCM tag (16)
 *
 * The key is scrypt(BACKUP_KEY, salt). Everything before the ciphertext is authenticated as
 * additional data, so no byte of the file can change unnoticed. The key check (an HMAC of a
 * constant under the key) tells a wrong BACKUP_KEY apart from a damaged file.
 */

const MAGIC = Buffer.from('WWBACKUP1\n', 'ascii');
const SALT = 16;
const IV = 12;
const CHECK = 16;
const TAG = 16;
const SCRYPT: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export interface BackupHeader {
  format: 1;
  kind: 'sqlite' | 'postgres';
  /** sqlite-file: a SQLite database made by VACUUM INTO; pg_dump-custom: pg_dump --format=custom. */
  payload: 'sqlite-file' | 'pg_dump-custom';
  createdAt: string;
  /** The last migration applied in the database backed up. */
  lastMigration: string | null;
}

/** A backup refused or a restore refused: the message says what to do; nothing was written. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** BACKUP_KEY: at least 32 characters, validated with a message naming the variable. */
export function backupKeyFrom(env: Record<string, string | undefined>): string {
  const key = env.BACKUP_KEY;
  if (key === undefined || key.trim() === '') throw new ConfigError('BACKUP_KEY', 'is required: at least 32 random characters, kept apart from the backups (e.g. in the trust’s secret store)');
  if (key.length < 32) throw new ConfigError('BACKUP_KEY', `must be at least 32 characters, got ${key.length}`);
  return key;
}

function deriveKey(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(secret, salt, 32, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))));
}

function keyCheck(key: Buffer): Buffer {
  return createHmac('sha256', key).update('wardworks-backup-key-check').digest().subarray(0, CHECK);
}

/** Encrypts the file at plainPath into outPath (written beside it first, then renamed into place). */
export async function encryptBackup(plainPath: string, outPath: string, secret: string, header: BackupHeader): Promise<void> {
  const salt = randomBytes(SALT);
  const iv = randomBytes(IV);
  const key = await deriveKey(secret, salt);
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const prefix = Buffer.concat([MAGIC, length, json, salt, iv, keyCheck(key)]);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(prefix);
  const partial = `${outPath}.partial-${randomBytes(4).toString('hex')}`;
  try {
    const fd = openSync(partial, 'wx', 0o600);
    writeSync(fd, prefix);
    closeSync(fd);
    await pipeline(createReadStream(plainPath), createGzip(), cipher, createWriteStream(partial, { flags: 'a' }));
    const end = openSync(partial, 'a');
    writeSync(end, cipher.getAuthTag());
    fsyncSync(end);
    closeSync(end);
    renameSync(partial, outPath);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

/** Reads and checks a backup file's header (no key needed). */
export function readBackupHeader(path: string): { header: BackupHeader; prefixLength: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new BackupError(`cannot read the backup file ${path}`);
  }
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(MAGIC.length + 4);
    if (size < head.length || readSync(fd, head, 0, head.length, 0) !== head.length || !head.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new BackupError('this is not a WardWorks backup file (or its first bytes were changed)');
    }
    const jsonLength = head.readUInt32BE(MAGIC.length);
    const prefixLength = head.length + jsonLength + SALT + IV + CHECK;
    if (jsonLength > 64 * 1024 || size < prefixLength + TAG) throw new BackupError('the backup file is damaged or was changed (its header does not fit)');
    const json = Buffer.alloc(jsonLength);
    readSync(fd, json, 0, jsonLength, head.length);
    let header: BackupHeader;
    try {
      header = JSON.parse(json.toString('utf8'));
    } catch {
      throw new BackupError('the backup file is damaged or was changed (its header is not readable)');
    }
    if (header?.format !== 1 || (header.kind !== 'sqlite' && header.kind !== 'postgres')) throw new BackupError('the backup file is damaged or was changed (unknown format)');
    return { header, prefixLength, size };
  } finally {
    closeSync(fd);
  }
}

/**
 * Decrypts and authenticates the backup into outPath (created 0600). On a wrong key, a changed
 * byte or any other failure outPath is removed and a BackupError thrown: nothing is left.
 */
export async function decryptBackup(path: string, outPath: string, secret: string): Promise<BackupHeader> {
  const { header, prefixLength, size } = readBackupHeader(path);
  const fd = openSync(path, 'r');
  const prefix = Buffer.alloc(prefixLength);
  const tag = Buffer.alloc(TAG);
  try {
    readSync(fd, prefix, 0, prefixLength, 0);
    readSync(fd, tag, 0, TAG, size - TAG);
  } finally {
    closeSync(fd);
  }
  const saltAt = prefixLength - CHECK - IV - SALT;
  const salt = prefix.subarray(saltAt, saltAt + SALT);
  const iv = prefix.subarray(saltAt + SALT, saltAt + SALT + IV);
  const check = prefix.subarray(prefixLength - CHECK);
  const key = await deriveKey(secret, salt);
  if (!timingSafeEqual(keyCheck(key), check)) {
    throw new BackupError('BACKUP_KEY does not open this backup: it was made with another key (or its header was changed). Nothing was restored.');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(prefix);
  decipher.setAuthTag(tag);
  try {
    const out = createWriteStream(outPath, { flags: 'wx', mode: 0o600 });
    await pipeline(createReadStream(path, { start: prefixLength, end: size - TAG - 1 }), decipher, createGunzip(), out);
  } catch {
    rmSync(outPath, { force: true });
    throw new BackupError('the backup file is damaged or was changed: it failed its authentication check (AES-256-GCM). Nothing was restored.');
  }
  return header;
}
