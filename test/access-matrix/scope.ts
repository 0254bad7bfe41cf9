import type { DataSource } from 'typeorm';
import { type Role, WARD_SCOPED_ROLES } from '../../src/users/roles';
import type { Scope } from './expected';

/** A signed-in caller of the matrix, with what its scope rules need to know. */
export interface CallerFacts {
  name: string;
  role: Role;
  userId: string;
  patientId: string | null;
  wardIds: Set<string>;
  /** Enterprises the caller leads. */
  led: Set<string>;
  /** Patients placed in, or applying to, an enterprise the caller leads. */
  leadPatients: Set<string>;
  /** Patients on the caller's employment caseload (accepted referrals). */
  caseload: Set<string>;
  /** Cost centres the caller may order on and read statements of (their wards' and those assigned to them). */
  costCentres: Set<string>;
  /** Vacancies the caller, a patient, applied to. */
  appliedVacancies: Set<string>;
  /** Enterprises where the caller, a patient, is on a shift running now (who may work a till). */
  onShiftNow: Set<string>;
}

export interface PatientFacts {
  id: string;
  wardId: string;
  displayName: string;
  hospitalNumber: string;
}

/** The record a path parameter names: its parameter values and its owner. */
export type RecordRow = Record<string, string | null> & { _patient: string | null; _enterprise: string | null; _costCentre?: string | null; _status?: string | null };

export async function callerFacts(ds: DataSource, name: string, user: { id: string; role: Role; patientId: string | null }): Promise<CallerFacts> {
  if (!/^[0-9a-f-]{36}$/.test(user.id)) throw new Error('not a uuid');
  // The id is a UUID checked above; inlined because SQLite and PostgreSQL spell placeholders differently.
  const ids = async (sql: string) => new Set<string>((await ds.query(sql.replaceAll('$1', `'${user.id}'`))).map((r: { v: string }) => r.v));
  return {
    name,
    role: user.role,
    userId: user.id,
    patientId: user.patientId,
    wardIds: await ids(`SELECT uw."wardId" AS "v" FROM user_wards uw WHERE uw."userId" = $1`),
    led: await ids(`SELECT el."enterpriseId" AS "v" FROM enterprise_leads el WHERE el."userId" = $1`),
    leadPatients: await ids(
      `SELECT pl."patientId" AS "v" FROM placements pl JOIN work_roles wr ON wr.id = pl."workRoleId" JOIN enterprise_leads el ON el."enterpriseId" = wr."enterpriseId" WHERE el."userId" = $1` +
        ` UNION SELECT ap."patientId" AS "v" FROM applications ap JOIN vacancies v ON v.id = ap."vacancyId" JOIN work_roles wr ON wr.id = v."workRoleId" JOIN enterprise_leads el ON el."enterpriseId" = wr."enterpriseId" WHERE el."userId" = $1`,
    ),
    caseload: await ids(`SELECT er."patientId" AS "v" FROM employment_referrals er WHERE er."specialistUserId" = $1 AND er.status = 'ACCEPTED'`),
    costCentres:
      user.role === 'ADMIN'
        ? await ids(`SELECT cc.id AS "v" FROM cost_centres cc`)
        : user.role === 'PATIENT' || user.role === 'COMMISSIONER'
          ? new Set()
          : await ids(
              `SELECT ccu."costCentreId" AS "v" FROM cost_centre_users ccu WHERE ccu."userId" = $1` +
                (WARD_SCOPED_ROLES.includes(user.role) ? ` UNION SELECT cc.id AS "v" FROM cost_centres cc JOIN user_wards uw ON uw."wardId" = cc."wardId" WHERE uw."userId" = $1` : ''),
            ),
    appliedVacancies: user.patientId ? await ids(`SELECT a."vacancyId" AS "v" FROM applications a JOIN users u ON u."patientId" = a."patientId" WHERE u.id = $1`) : new Set(),
    onShiftNow: user.patientId
      ? new Set(
          (await ds.query(`SELECT s."enterpriseId" AS "v", s."startAt" AS "startAt", s."endAt" AS "endAt" FROM assignments a JOIN shifts s ON s.id = a."shiftId" WHERE a."patientId" = '${user.patientId}' AND a.status = 'BOOKED'`))
            .filter((r: { startAt: string | Date; endAt: string | Date }) => new Date(r.startAt).getTime() <= Date.now() && Date.now() < new Date(r.endAt).getTime())
            .map((r: { v: string }) => r.v),
        )
      : new Set(),
  };
}

/** DESIGN.md: who may see a patient's record at all. */
export function seesPatient(c: CallerFacts, p: PatientFacts): boolean {
  switch (c.role) {
    case 'ADMIN':
      return true;
    case 'OT':
    case 'WARD_STAFF':
    case 'EMPLOYMENT_SPECIALIST':
      return c.wardIds.has(p.wardId);
    case 'ENTERPRISE_LEAD':
      return c.leadPatients.has(p.id);
    case 'PATIENT':
      return c.patientId === p.id;
    default:
      return false;
  }
}

/** DESIGN.md (IPS): who may see a person's employment support record. */
export function seesEmployment(c: CallerFacts, p: PatientFacts): boolean {
  switch (c.role) {
    case 'ADMIN':
      return true;
    case 'OT':
      return c.wardIds.has(p.wardId);
    case 'EMPLOYMENT_SPECIALIST':
      return c.caseload.has(p.id) || c.wardIds.has(p.wardId);
    case 'PATIENT':
      return c.patientId === p.id;
    default:
      return false;
  }
}

export function inScope(scope: Scope, c: CallerFacts, row: RecordRow, patients: Map<string, PatientFacts>): boolean {
  const patient = row._patient ? patients.get(row._patient) : undefined;
  switch (scope) {
    case 'all':
      return true;
    case 'patient':
      return !patient || seesPatient(c, patient);
    case 'employment':
      return !patient || seesEmployment(c, patient);
    case 'lead':
      return c.role !== 'ENTERPRISE_LEAD' || (row._enterprise !== null && c.led.has(row._enterprise));
    case 'own':
      return c.role !== 'PATIENT' || row._patient === c.patientId;
    case 'costCentre':
      return c.role === 'ADMIN' || c.role === 'ENTERPRISE_LEAD' || (!!row._costCentre && c.costCentres.has(row._costCentre));
    case 'order':
      return c.role === 'ADMIN' || (!!row._enterprise && c.led.has(row._enterprise)) || (!!row._costCentre && c.costCentres.has(row._costCentre));
    case 'placement':
      return (!patient || seesPatient(c, patient)) && (c.role !== 'ENTERPRISE_LEAD' || (!!row._enterprise && c.led.has(row._enterprise)));
    case 'vacancy':
      return c.role !== 'PATIENT' || row._status === 'OPEN' || c.appliedVacancies.has(String(row.id));
    case 'orderEnterprise':
      return c.role === 'ADMIN' || (!!row._enterprise && c.led.has(row._enterprise));
    case 'openVacancy':
      return c.role !== 'PATIENT' || row._status === 'OPEN';
    case 'body':
      return true;
    case 'till':
      return c.role === 'ADMIN' || (!!row._enterprise && (c.led.has(row._enterprise) || c.onShiftNow.has(row._enterprise)));
  }
}
