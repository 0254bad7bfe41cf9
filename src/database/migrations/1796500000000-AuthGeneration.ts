import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One counter, bumped by the database itself whenever anything a request's principal is made of
 * changes: a session or token revoked, expired, deleted or touched (last seen), a user's name,
 * role, activity, patient link or password-change flag, and a user's wards. App instances keep
 * the principals they resolved beside the counter's value at that moment, and use one only while
 * the counter read after the request arrived still holds that value (see PrincipalCache): so a
 * sign-out, revocation, deactivation or change of role or wards counts from the very next
 * request on every instance sharing the database, whoever made the change (the app, another
 * instance, a script). The bump is a row update in the changing transaction: readers see the
 * new value exactly when they see the change (never before its commit, as a sequence would).
 * Principal columns added later must be added to the users trigger.
 */
const USER_COLUMNS = ['id', 'username', 'displayName', 'role', 'active', 'patientId', 'mustChangePassword'];
const CREDENTIAL_COLUMNS = ['id', 'tokenHash', 'userId', 'expiresAt', 'revokedAt'];

const TRIGGERS: { name: string; table: string; event: string }[] = [
  { name: 'sessions_auth_generation_update', table: 'sessions', event: `UPDATE OF ${[...CREDENTIAL_COLUMNS, 'lastSeenAt'].map((c) => `"${c}"`).join(', ')}` },
  { name: 'sessions_auth_generation_delete', table: 'sessions', event: 'DELETE' },
  { name: 'api_tokens_auth_generation_update', table: 'api_tokens', event: `UPDATE OF ${CREDENTIAL_COLUMNS.map((c) => `"${c}"`).join(', ')}` },
  { name: 'api_tokens_auth_generation_delete', table: 'api_tokens', event: 'DELETE' },
  { name: 'users_auth_generation_update', table: 'users', event: `UPDATE OF ${USER_COLUMNS.map((c) => `"${c}"`).join(', ')}` },
  { name: 'users_auth_generation_delete', table: 'users', event: 'DELETE' },
  { name: 'user_wards_auth_generation_insert', table: 'user_wards', event: 'INSERT' },
  { name: 'user_wards_auth_generation_update', table: 'user_wards', event: 'UPDATE' },
  { name: 'user_wards_auth_generation_delete', table: 'user_wards', event: 'DELETE' },
];

export class AuthGeneration1796500000000 implements MigrationInterface {
  name = 'AuthGeneration1796500000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.query(`CREATE TABLE "auth_generation" ("id" integer PRIMARY KEY NOT NULL, "value" ${pg ? 'bigint' : 'integer'} NOT NULL)`);
    await q.query('INSERT INTO "auth_generation" ("id", "value") VALUES (1, 0)');
    if (pg) {
      await q.query(`CREATE OR REPLACE FUNCTION ww_bump_auth_generation() RETURNS trigger AS $$
        BEGIN UPDATE "auth_generation" SET "value" = "value" + 1 WHERE "id" = 1; RETURN NULL; END;
        $$ LANGUAGE plpgsql`);
      for (const t of TRIGGERS) {
        await q.query(`CREATE TRIGGER "${t.name}" AFTER ${t.event} ON "${t.table}" FOR EACH STATEMENT EXECUTE FUNCTION ww_bump_auth_generation()`);
      }
      await q.query(`CREATE TRIGGER "sessions_auth_generation_truncate" AFTER TRUNCATE ON "sessions" FOR EACH STATEMENT EXECUTE FUNCTION ww_bump_auth_generation()`);
      await q.query(`CREATE TRIGGER "api_tokens_auth_generation_truncate" AFTER TRUNCATE ON "api_tokens" FOR EACH STATEMENT EXECUTE FUNCTION ww_bump_auth_generation()`);
      await q.query(`CREATE TRIGGER "user_wards_auth_generation_truncate" AFTER TRUNCATE ON "user_wards" FOR EACH STATEMENT EXECUTE FUNCTION ww_bump_auth_generation()`);
    } else {
      for (const t of TRIGGERS) {
        await q.query(`CREATE TRIGGER "${t.name}" AFTER ${t.event} ON "${t.table}" BEGIN UPDATE "auth_generation" SET "value" = "value" + 1 WHERE "id" = 1; END`);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const all = [...TRIGGERS];
    if (pg) for (const table of ['sessions', 'api_tokens', 'user_wards']) all.push({ name: `${table}_auth_generation_truncate`, table, event: 'TRUNCATE' });
    for (const t of all) await q.query(`DROP TRIGGER IF EXISTS "${t.name}"${pg ? ` ON "${t.table}"` : ''}`);
    if (pg) await q.query('DROP FUNCTION IF EXISTS ww_bump_auth_generation()');
    await q.query('DROP TABLE "auth_generation"');
  }
}
