import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../src/database/migrations';

/** Reverts the migrations made after the named one, then the named one itself. */
export async function revertThrough(ds: DataSource, migration: string): Promise<void> {
  const index = MIGRATIONS.findIndex((m) => m.name === migration);
  if (index < 0) throw new Error(`no migration ${migration}`);
  for (let i = MIGRATIONS.length - 1; i >= index; i--) await ds.undoLastMigration({ transaction: 'each' });
}
