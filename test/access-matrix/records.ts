/**
 * Where the access matrix finds real ids for a route's path parameters: one query per kind of
 * record, whose columns are named after the parameters, plus the record's owner -- `_patient`
 * (the patient it is about) and `_enterprise` (the enterprise whose business or money it is).
 * The matrix picks, for each caller, one row inside and one outside the caller's scope.
 *
 * Identifiers are double-quoted, which both SQLite and PostgreSQL read as column names.
 */
export interface RecordSource {
  /** Matches the route's path pattern. */
  path: RegExp;
  sql: string;
}

const application = `SELECT a.id AS "id", a."patientId" AS "_patient", wr."enterpriseId" AS "_enterprise" FROM applications a JOIN vacancies v ON v.id = a."vacancyId" JOIN work_roles wr ON wr.id = v."workRoleId"`;

export const RECORD_SOURCES: RecordSource[] = [
  // Patients and what hangs off them.
  { path: /patients\/:id\/restrictions\/:(restrictionId|rid)/, sql: `SELECT r."patientId" AS "id", r.id AS "restrictionId", r.id AS "rid", r."patientId" AS "_patient", NULL AS "_enterprise" FROM work_restrictions r WHERE r."liftedOn" IS NULL` },
  { path: /patients\/:id\/opportunities\/:(opportunityId|oid)/, sql: `SELECT o."patientId" AS "id", o.id AS "opportunityId", o.id AS "oid", o."patientId" AS "_patient", NULL AS "_enterprise" FROM outside_opportunities o` },
  { path: /patients\/:id\/(employment-plan|plan)\/:entryId/, sql: `SELECT e."patientId" AS "id", e.id AS "entryId", e."patientId" AS "_patient", NULL AS "_enterprise" FROM employment_plan_entries e WHERE e.kind = 'STEP' AND e."doneOn" IS NULL` },
  { path: /patients\/:id/, sql: `SELECT p.id AS "id", p.id AS "_patient", NULL AS "_enterprise" FROM patients p` },
  // Enterprises, their ledgers and their sub-records.
  { path: /(enterprises|finance)\/:id\/accounts\/:code/, sql: `SELECT la."enterpriseId" AS "id", la.code AS "code", NULL AS "_patient", la."enterpriseId" AS "_enterprise" FROM ledger_accounts la` },
  { path: /payroll-runs\/:runId/, sql: `SELECT pr."enterpriseId" AS "id", pr.id AS "runId", NULL AS "_patient", pr."enterpriseId" AS "_enterprise" FROM payroll_runs pr` },
  { path: /(enterprises|finance)\/:id\/roles\/:roleId/, sql: `SELECT wr."enterpriseId" AS "id", wr.id AS "roleId", NULL AS "_patient", wr."enterpriseId" AS "_enterprise" FROM work_roles wr` },
  { path: /finance\/:id\/journal\/:entryId/, sql: `SELECT je."enterpriseId" AS "id", je.id AS "entryId", NULL AS "_patient", je."enterpriseId" AS "_enterprise" FROM journal_entries je WHERE je."reversesEntryId" IS NULL` },
  { path: /finance\/:id\/reinvestment\/:proposalId/, sql: `SELECT rp."enterpriseId" AS "id", rp.id AS "proposalId", 'approve' AS "action", NULL AS "_patient", rp."enterpriseId" AS "_enterprise" FROM reinvestment_proposals rp` },
  { path: /enterprises\/:id\/availability/, sql: `SELECT cp."enterpriseId" AS "id", cp.id AS "serviceId", NULL AS "_patient", cp."enterpriseId" AS "_enterprise" FROM catalogue_products cp WHERE cp."durationMinutes" IS NOT NULL` },
  { path: /(enterprises|finance)\/:id|enterpriseId=:id/, sql: `SELECT e.id AS "id", NULL AS "_patient", e.id AS "_enterprise" FROM enterprises e` },
  // Recruitment.
  { path: /applications\/:id\/interviews\/:interviewId/, sql: `SELECT a.id AS "id", i.id AS "interviewId", a."patientId" AS "_patient", wr."enterpriseId" AS "_enterprise" FROM interviews i JOIN applications a ON a.id = i."applicationId" JOIN vacancies v ON v.id = a."vacancyId" JOIN work_roles wr ON wr.id = v."workRoleId"` },
  { path: /applications\/:id\/offers\/:offerId/, sql: `SELECT a.id AS "id", o.id AS "offerId", a."patientId" AS "_patient", wr."enterpriseId" AS "_enterprise" FROM offers o JOIN applications a ON a.id = o."applicationId" JOIN vacancies v ON v.id = a."vacancyId" JOIN work_roles wr ON wr.id = v."workRoleId"` },
  { path: /applications\/:id/, sql: application },
  { path: /interviews\/:id/, sql: `SELECT i.id AS "id", a."patientId" AS "_patient", wr."enterpriseId" AS "_enterprise" FROM interviews i JOIN applications a ON a.id = i."applicationId" JOIN vacancies v ON v.id = a."vacancyId" JOIN work_roles wr ON wr.id = v."workRoleId"` },
  { path: /offers\/:id/, sql: `SELECT o.id AS "id", a."patientId" AS "_patient", wr."enterpriseId" AS "_enterprise" FROM offers o JOIN applications a ON a.id = o."applicationId" JOIN vacancies v ON v.id = a."vacancyId" JOIN work_roles wr ON wr.id = v."workRoleId"` },
  { path: /placements\/:id/, sql: `SELECT pl.id AS "id", pl."patientId" AS "_patient", wr."enterpriseId" AS "_enterprise" FROM placements pl JOIN work_roles wr ON wr.id = pl."workRoleId"` },
  { path: /(vacancies|jobs)\/:id/, sql: `SELECT v.id AS "id", NULL AS "_patient", wr."enterpriseId" AS "_enterprise", v.status AS "_status" FROM vacancies v JOIN work_roles wr ON wr.id = v."workRoleId"` },
  { path: /work-roles\/:id/, sql: `SELECT wr.id AS "id", NULL AS "_patient", wr."enterpriseId" AS "_enterprise" FROM work_roles wr` },
  // Rota.
  { path: /shifts\/:id\/assignments\/:assignmentId/, sql: `SELECT a."shiftId" AS "id", a.id AS "assignmentId", a."patientId" AS "_patient", s."enterpriseId" AS "_enterprise" FROM assignments a JOIN shifts s ON s.id = a."shiftId"` },
  { path: /assignments\/:id/, sql: `SELECT a.id AS "id", a."patientId" AS "_patient", s."enterpriseId" AS "_enterprise" FROM assignments a JOIN shifts s ON s.id = a."shiftId"` },
  { path: /shift-patterns\/:id/, sql: `SELECT sp.id AS "id", NULL AS "_patient", wr."enterpriseId" AS "_enterprise" FROM shift_patterns sp JOIN work_roles wr ON wr.id = sp."workRoleId"` },
  { path: /shifts\/:id/, sql: `SELECT s.id AS "id", NULL AS "_patient", s."enterpriseId" AS "_enterprise" FROM shifts s` },
  // Skills, references, credentials.
  { path: /(skill-logs|skills\/verification)\/:id/, sql: `SELECT sl.id AS "id", sl."patientId" AS "_patient", NULL AS "_enterprise" FROM skill_logs sl` },
  { path: /skills(\/framework)?\/:id/, sql: `SELECT s.id AS "id", NULL AS "_patient", NULL AS "_enterprise" FROM skills s` },
  // Approved references first: a draft has no PDF and no verification page.
  { path: /references\/:id/, sql: `SELECT r.id AS "id", r."patientId" AS "_patient", NULL AS "_enterprise" FROM employment_references r ORDER BY CASE WHEN r.status = 'APPROVED' THEN 0 ELSE 1 END, r.id` },
  { path: /verify\/:code/, sql: `SELECT r."verificationCode" AS "code", r."patientId" AS "_patient", NULL AS "_enterprise" FROM employment_references r WHERE r.status = 'APPROVED'` },
  { path: /credentials\/:id/, sql: `SELECT c.id AS "id", c."patientId" AS "_patient", NULL AS "_enterprise" FROM credentials c` },
  // Employment support.
  { path: /employment\/referrals\/:id/, sql: `SELECT er.id AS "id", er."patientId" AS "_patient", NULL AS "_enterprise" FROM employment_referrals er` },
  { path: /specialists\/:userId/, sql: `SELECT es."userId" AS "userId", NULL AS "_patient", NULL AS "_enterprise" FROM employment_specialists es` },
  // Money and trading.
  { path: /journal-entries\/:id/, sql: `SELECT je.id AS "id", NULL AS "_patient", je."enterpriseId" AS "_enterprise" FROM journal_entries je WHERE je."reversesEntryId" IS NULL` },
  { path: /reinvestment-proposals\/:id/, sql: `SELECT rp.id AS "id", NULL AS "_patient", rp."enterpriseId" AS "_enterprise" FROM reinvestment_proposals rp` },
  { path: /standing-orders\/:id/, sql: `SELECT so.id AS "id", NULL AS "_patient", so."enterpriseId" AS "_enterprise", so."costCentreId" AS "_costCentre" FROM standing_orders so` },
  { path: /orders\/:id/, sql: `SELECT o.id AS "id", 'accept' AS "action", NULL AS "_patient", o."enterpriseId" AS "_enterprise", o."costCentreId" AS "_costCentre" FROM orders o` },
  { path: /(products|catalogue)\/:id/, sql: `SELECT cp.id AS "id", NULL AS "_patient", cp."enterpriseId" AS "_enterprise" FROM catalogue_products cp` },
  { path: /(till-sessions|till\/sessions)\/:id/, sql: `SELECT ts.id AS "id", NULL AS "_patient", ts."enterpriseId" AS "_enterprise" FROM till_sessions ts` },
  { path: /sales\/:id/, sql: `SELECT s.id AS "id", NULL AS "_patient", s."enterpriseId" AS "_enterprise" FROM till_sales s WHERE s."refundOfSaleId" IS NULL` },
  { path: /bookings\/:id/, sql: `SELECT b.id AS "id", NULL AS "_patient", b."enterpriseId" AS "_enterprise" FROM service_bookings b` },
  { path: /cost-centres\/:code/, sql: `SELECT cc.code AS "code", NULL AS "_patient", NULL AS "_enterprise", cc.id AS "_costCentre" FROM cost_centres cc` },
  // Administration: users are the matrix's own throwaway accounts, so that deactivating one harms nobody.
  { path: /users\/:id/, sql: `SELECT u.id AS "id", NULL AS "_patient", NULL AS "_enterprise" FROM users u WHERE u.username LIKE 'matrix-target-%'` },
  { path: /sites\/:id/, sql: `SELECT s.id AS "id", NULL AS "_patient", NULL AS "_enterprise" FROM sites s` },
];
