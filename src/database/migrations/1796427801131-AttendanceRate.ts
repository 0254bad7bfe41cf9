import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropAppendOnly, makeAppendOnly } from '../append-only';

/**
 * Attendance records keep the hourly rate they were paid at, so a later change of the role's
 * rate cannot rewrite past pay. Existing rows take the rate frozen on their approved timesheet
 * line where there is one, otherwise the role's rate. The table stays append-only: its triggers
 * are lifted only for the backfill, inside this migration's transaction.
 */
export class AttendanceRate1796427801131 implements MigrationInterface {
  name = 'AttendanceRate1796427801131';

  async up(q: QueryRunner): Promise<void> {
    const backfill = `COALESCE(
      (SELECT tl."hourlyRatePence" FROM "timesheet_lines" tl WHERE tl."attendanceRecordId" = ar."id"),
      (SELECT r."hourlyRatePence" FROM "assignments" a INNER JOIN "shifts" s ON s."id" = a."shiftId" INNER JOIN "work_roles" r ON r."id" = s."workRoleId" WHERE a."id" = ar."assignmentId"),
      0)`;
    await dropAppendOnly(q, 'attendance_records');
    if (q.connection.options.type === 'postgres') {
      await q.query('ALTER TABLE "attendance_records" ADD "hourlyRatePence" integer');
      await q.query(`UPDATE "attendance_records" ar SET "hourlyRatePence" = ${backfill}`);
      await q.query('ALTER TABLE "attendance_records" ALTER COLUMN "hourlyRatePence" SET NOT NULL');
    } else {
      await q.query('DROP INDEX "ix_attendance_assignment"');
      await q.query('CREATE TABLE "temporary_attendance_records" ("id" varchar(36) PRIMARY KEY NOT NULL, "assignmentId" varchar(36) NOT NULL, "status" varchar(12) NOT NULL, "actualStartAt" datetime, "actualEndAt" datetime, "reasonCode" varchar(24), "reason" text, "minutesWorked" integer NOT NULL, "payPence" integer NOT NULL, "supersedesId" varchar(36), "recordedByUserId" varchar(36) NOT NULL, "recordedAt" datetime NOT NULL, "hourlyRatePence" integer NOT NULL, CONSTRAINT "FK_33b292173788745ab263571135f" FOREIGN KEY ("assignmentId") REFERENCES "assignments" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)');
      await q.query(`INSERT INTO "temporary_attendance_records"("id", "assignmentId", "status", "actualStartAt", "actualEndAt", "reasonCode", "reason", "minutesWorked", "payPence", "supersedesId", "recordedByUserId", "recordedAt", "hourlyRatePence") SELECT ar."id", ar."assignmentId", ar."status", ar."actualStartAt", ar."actualEndAt", ar."reasonCode", ar."reason", ar."minutesWorked", ar."payPence", ar."supersedesId", ar."recordedByUserId", ar."recordedAt", ${backfill} FROM "attendance_records" ar`);
      await q.query('DROP TABLE "attendance_records"');
      await q.query('ALTER TABLE "temporary_attendance_records" RENAME TO "attendance_records"');
      await q.query('CREATE INDEX "ix_attendance_assignment" ON "attendance_records" ("assignmentId", "recordedAt") ');
    }
    await makeAppendOnly(q, 'attendance_records');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropAppendOnly(q, 'attendance_records');
    if (q.connection.options.type === 'postgres') {
      await q.query('ALTER TABLE "attendance_records" DROP COLUMN "hourlyRatePence"');
    } else {
      await q.query('DROP INDEX "ix_attendance_assignment"');
      await q.query('CREATE TABLE "temporary_attendance_records" ("id" varchar(36) PRIMARY KEY NOT NULL, "assignmentId" varchar(36) NOT NULL, "status" varchar(12) NOT NULL, "actualStartAt" datetime, "actualEndAt" datetime, "reasonCode" varchar(24), "reason" text, "minutesWorked" integer NOT NULL, "payPence" integer NOT NULL, "supersedesId" varchar(36), "recordedByUserId" varchar(36) NOT NULL, "recordedAt" datetime NOT NULL, CONSTRAINT "FK_33b292173788745ab263571135f" FOREIGN KEY ("assignmentId") REFERENCES "assignments" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)');
      await q.query('INSERT INTO "temporary_attendance_records"("id", "assignmentId", "status", "actualStartAt", "actualEndAt", "reasonCode", "reason", "minutesWorked", "payPence", "supersedesId", "recordedByUserId", "recordedAt") SELECT "id", "assignmentId", "status", "actualStartAt", "actualEndAt", "reasonCode", "reason", "minutesWorked", "payPence", "supersedesId", "recordedByUserId", "recordedAt" FROM "attendance_records"');
      await q.query('DROP TABLE "attendance_records"');
      await q.query('ALTER TABLE "temporary_attendance_records" RENAME TO "attendance_records"');
      await q.query('CREATE INDEX "ix_attendance_assignment" ON "attendance_records" ("assignmentId", "recordedAt") ');
    }
    await makeAppendOnly(q, 'attendance_records');
  }
}
