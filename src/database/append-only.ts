import { QueryRunner } from 'typeorm';

/**
 * Makes a table append-only in the database itself: UPDATE and DELETE raise an error on both
 * SQLite and PostgreSQL, whoever issues them. Used by migrations; keep it stable.
 */
export async function makeAppendOnly(q: QueryRunner, table: string): Promise<void> {
  if (q.connection.options.type === 'postgres') {
    await q.query(`CREATE OR REPLACE FUNCTION ww_refuse_change() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'APPEND_ONLY: % is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001'; END;
      $$ LANGUAGE plpgsql`);
    await q.query(`CREATE TRIGGER "${table}_no_update" BEFORE UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION ww_refuse_change()`);
    await q.query(`CREATE TRIGGER "${table}_no_delete" BEFORE DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION ww_refuse_change()`);
    await q.query(`CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION ww_refuse_change()`);
  } else {
    await q.query(`CREATE TRIGGER "${table}_no_update" BEFORE UPDATE ON "${table}" BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY: ${table} is append-only'); END`);
    await q.query(`CREATE TRIGGER "${table}_no_delete" BEFORE DELETE ON "${table}" BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY: ${table} is append-only'); END`);
  }
}

export async function dropAppendOnly(q: QueryRunner, table: string): Promise<void> {
  const pg = q.connection.options.type === 'postgres';
  await q.query(`DROP TRIGGER IF EXISTS "${table}_no_update"${pg ? ` ON "${table}"` : ''}`);
  await q.query(`DROP TRIGGER IF EXISTS "${table}_no_delete"${pg ? ` ON "${table}"` : ''}`);
  if (pg) await q.query(`DROP TRIGGER IF EXISTS "${table}_no_truncate" ON "${table}"`);
}
