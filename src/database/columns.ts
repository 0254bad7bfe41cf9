import { randomUUID } from 'node:crypto';
import { Column, ColumnOptions, PrimaryColumn } from 'typeorm';

/**
 * Entities are portable between SQLite and PostgreSQL. The one type that needs a per-driver
 * mapping is an instant: PostgreSQL stores it as timestamptz, SQLite as a UTC datetime text.
 * The driver is known from DATABASE_URL before any entity module is loaded.
 */
export const DB_KIND: 'sqlite' | 'postgres' = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? 'postgres' : 'sqlite';

export const INSTANT_TYPE = DB_KIND === 'postgres' ? 'timestamptz' : 'datetime';

export function InstantColumn(options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator {
  return Column({ ...options, type: INSTANT_TYPE });
}

export function IdColumn(): PropertyDecorator {
  return PrimaryColumn({ type: 'varchar', length: 36 });
}

export function RefColumn(options: Omit<ColumnOptions, 'type' | 'length'> = {}): PropertyDecorator {
  return Column({ ...options, type: 'varchar', length: 36 });
}

export function newId(): string {
  return randomUUID();
}

/** Integer pence. PostgreSQL's pg driver returns bigint as a string; integer stays a number. */
export function PenceColumn(options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator {
  return Column({ ...options, type: 'integer' });
}

/** Converts an aggregate (SUM/COUNT come back as strings from pg) to a safe integer. */
export function toInt(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`Expected an integer, got ${String(value)}`);
  return n;
}

/**
 * A Date as a query parameter for an instant column. Entities convert on save, but raw
 * parameters do not: SQLite stores instants as 'YYYY-MM-DD HH:MM:SS.SSS' in UTC.
 */
export function instantParam(date: Date): Date | string {
  if (DB_KIND === 'postgres') return date;
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
