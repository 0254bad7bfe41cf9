import { MigrationInterface, QueryRunner } from 'typeorm';
import { londonDateSql } from '../../outcomes/london-sql';

const COLUMNS = '"assignmentId", "recordId", "recordedAt", "status", "reasonCode", "minutesWorked", "payPence", "patientId", "enterpriseId", "startAt", "startOn", "weekStartOn"';
const INDEX_COLUMNS = '"startAt", "status", "patientId", "weekStartOn", "startOn", "minutesWorked", "payPence", "enterpriseId", "reasonCode"';

/** The columns of an outcome row from attendance record `r` (an alias or NEW) of assignment `a` on shift `s`. */
function outcomeOf(r: string, pg: boolean): string {
  return `${r}."assignmentId", ${r}."id", ${r}."recordedAt", ${r}."status", ${r}."reasonCode", ${r}."minutesWorked", ${r}."payPence", a."patientId", s."enterpriseId", a."startAt", ${londonDateSql('a."startAt"', pg)}, a."weekStartOn"`;
}

/** A later record wins: by recordedAt, then id (the order the report's current record always used). */
const LATER = `EXCLUDED."recordedAt" > "assignment_outcomes"."recordedAt" OR (EXCLUDED."recordedAt" = "assignment_outcomes"."recordedAt" AND EXCLUDED."recordId" > "assignment_outcomes"."recordId")`;
const TAKE = `"recordId" = EXCLUDED."recordId", "recordedAt" = EXCLUDED."recordedAt", "status" = EXCLUDED."status", "reasonCode" = EXCLUDED."reasonCode", "minutesWorked" = EXCLUDED."minutesWorked", "payPence" = EXCLUDED."payPence"`;

/**
 * Each assignment's final attendance outcome (assignment_outcomes), so the outcomes report reads
 * one narrow row per assignment by an index on the shift's start instead of finding the current
 * attendance record with a correlated subquery in every query (issue 13).
 *
 * The database keeps it: an AFTER INSERT trigger on attendance_records upserts the outcome when
 * the new record is the latest of its assignment (recordedAt, then id), in the same statement
 * and transaction as the record, for every writer (the attendance service, seeds, tests, the
 * benchmark's bulk insert); a trigger on assignments copies a changed start, week, patient or
 * shift. An index on assignments (startAt, overriddenCodes) serves the report's cap overrides.
 * Existing records are backfilled here from the attendance history, which stays the
 * append-only source of truth. A later migration that rebuilds attendance_records or assignments
 * on SQLite (a table copy) must create these triggers again.
 */
export class AssignmentOutcomes1796450000000 implements MigrationInterface {
  name = 'AssignmentOutcomes1796450000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    if (pg) {
      await q.query('CREATE TABLE "assignment_outcomes" ("assignmentId" character varying(36) NOT NULL, "recordId" character varying(36) NOT NULL, "recordedAt" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(12) NOT NULL, "reasonCode" character varying(24), "minutesWorked" integer NOT NULL, "payPence" integer NOT NULL, "patientId" character varying(36) NOT NULL, "enterpriseId" character varying(36) NOT NULL, "startAt" TIMESTAMP WITH TIME ZONE NOT NULL, "startOn" date NOT NULL, "weekStartOn" date NOT NULL, CONSTRAINT "PK_assignment_outcomes" PRIMARY KEY ("assignmentId"))');
    } else {
      await q.query('CREATE TABLE "assignment_outcomes" ("assignmentId" varchar(36) PRIMARY KEY NOT NULL, "recordId" varchar(36) NOT NULL, "recordedAt" datetime NOT NULL, "status" varchar(12) NOT NULL, "reasonCode" varchar(24), "minutesWorked" integer NOT NULL, "payPence" integer NOT NULL, "patientId" varchar(36) NOT NULL, "enterpriseId" varchar(36) NOT NULL, "startAt" datetime NOT NULL, "startOn" date NOT NULL, "weekStartOn" date NOT NULL)');
    }
    // Backfill: the current record of every assignment that has one.
    await q.query(`INSERT INTO "assignment_outcomes" (${COLUMNS})
      SELECT ${outcomeOf('r', pg)} FROM "attendance_records" r JOIN "assignments" a ON a."id" = r."assignmentId" JOIN "shifts" s ON s."id" = a."shiftId"
      WHERE NOT EXISTS (SELECT 1 FROM "attendance_records" r2 WHERE r2."assignmentId" = r."assignmentId" AND (r2."recordedAt" > r."recordedAt" OR (r2."recordedAt" = r."recordedAt" AND r2."id" > r."id")))`);
    await q.query(`CREATE INDEX "ix_assignment_outcomes_start" ON "assignment_outcomes" (${INDEX_COLUMNS}) `);

    await q.query('CREATE INDEX "ix_assignments_start_overrides" ON "assignments" ("startAt", "overriddenCodes") ');

    const upsert = `INSERT INTO "assignment_outcomes" (${COLUMNS})
        SELECT ${outcomeOf('NEW', pg)} FROM "assignments" a JOIN "shifts" s ON s."id" = a."shiftId" WHERE a."id" = NEW."assignmentId"
        ON CONFLICT ("assignmentId") DO UPDATE SET ${TAKE} WHERE ${LATER};`;
    const follow = `UPDATE "assignment_outcomes" SET "patientId" = NEW."patientId", "startAt" = NEW."startAt", "startOn" = ${londonDateSql('NEW."startAt"', pg)}, "weekStartOn" = NEW."weekStartOn",
        "enterpriseId" = (SELECT s."enterpriseId" FROM "shifts" s WHERE s."id" = NEW."shiftId") WHERE "assignmentId" = NEW."id";`;
    if (pg) {
      await q.query(`CREATE OR REPLACE FUNCTION ww_attendance_outcome() RETURNS trigger AS $$
        BEGIN ${upsert} RETURN NULL; END; $$ LANGUAGE plpgsql`);
      await q.query('CREATE TRIGGER "attendance_records_outcome" AFTER INSERT ON "attendance_records" FOR EACH ROW EXECUTE FUNCTION ww_attendance_outcome()');
      await q.query(`CREATE OR REPLACE FUNCTION ww_assignment_outcome_follow() RETURNS trigger AS $$
        BEGIN ${follow} RETURN NULL; END; $$ LANGUAGE plpgsql`);
      await q.query('CREATE TRIGGER "assignments_outcome_follow" AFTER UPDATE OF "startAt", "weekStartOn", "patientId", "shiftId" ON "assignments" FOR EACH ROW EXECUTE FUNCTION ww_assignment_outcome_follow()');
    } else {
      await q.query(`CREATE TRIGGER "attendance_records_outcome" AFTER INSERT ON "attendance_records" BEGIN ${upsert} END`);
      await q.query(`CREATE TRIGGER "assignments_outcome_follow" AFTER UPDATE OF "startAt", "weekStartOn", "patientId", "shiftId" ON "assignments" BEGIN ${follow} END`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.query(`DROP TRIGGER IF EXISTS "assignments_outcome_follow"${pg ? ' ON "assignments"' : ''}`);
    await q.query(`DROP TRIGGER IF EXISTS "attendance_records_outcome"${pg ? ' ON "attendance_records"' : ''}`);
    if (pg) {
      await q.query('DROP FUNCTION IF EXISTS ww_assignment_outcome_follow()');
      await q.query('DROP FUNCTION IF EXISTS ww_attendance_outcome()');
      await q.query('DROP INDEX "public"."ix_assignment_outcomes_start"');
      await q.query('DROP INDEX "public"."ix_assignments_start_overrides"');
    } else {
      await q.query('DROP INDEX "ix_assignment_outcomes_start"');
      await q.query('DROP INDEX "ix_assignments_start_overrides"');
    }
    await q.query('DROP TABLE "assignment_outcomes"');
  }
}
