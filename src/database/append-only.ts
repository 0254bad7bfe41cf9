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

/** Refuses DELETE (and TRUNCATE on PostgreSQL): records that change state but never disappear. */
export async function makeUndeletable(q: QueryRunner, table: string): Promise<void> {
  if (q.connection.options.type === 'postgres') {
    await q.query(`CREATE OR REPLACE FUNCTION ww_refuse_delete() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'APPEND_ONLY: rows of % are never deleted', TG_TABLE_NAME USING ERRCODE = 'P0001'; END;
      $$ LANGUAGE plpgsql`);
    await q.query(`CREATE TRIGGER "${table}_no_delete" BEFORE DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION ww_refuse_delete()`);
    await q.query(`CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION ww_refuse_delete()`);
  } else {
    await q.query(`CREATE TRIGGER "${table}_no_delete" BEFORE DELETE ON "${table}" BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY: rows of ${table} are never deleted'); END`);
  }
}

/**
 * A record whose content never changes and whose status is decided once: an UPDATE is allowed
 * only from `pending` status and only if every column in `frozen` keeps its value. DELETE is
 * refused.
 */
export async function makeDecidedOnce(q: QueryRunner, table: string, pending: string, frozen: string[]): Promise<void> {
  await makeUndeletable(q, table);
  const changed = frozen.map((c) => `NEW."${c}" IS DISTINCT FROM OLD."${c}"`).join(' OR ');
  if (q.connection.options.type === 'postgres') {
    await q.query(`CREATE OR REPLACE FUNCTION "${table}_decided_once"() RETURNS trigger AS $$
      BEGIN
        IF OLD."status" <> '${pending}' OR ${changed} THEN
          RAISE EXCEPTION 'APPEND_ONLY: % is decided once and never edited', TG_TABLE_NAME USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END; $$ LANGUAGE plpgsql`);
    await q.query(`CREATE TRIGGER "${table}_decided_once" BEFORE UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${table}_decided_once"()`);
  } else {
    const sqliteChanged = frozen.map((c) => `NEW."${c}" IS NOT OLD."${c}"`).join(' OR ');
    await q.query(`CREATE TRIGGER "${table}_decided_once" BEFORE UPDATE ON "${table}" WHEN OLD."status" <> '${pending}' OR ${sqliteChanged} BEGIN SELECT RAISE(ABORT, 'APPEND_ONLY: ${table} is decided once and never edited'); END`);
  }
}
