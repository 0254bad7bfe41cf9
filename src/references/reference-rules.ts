import { randomBytes } from 'node:crypto';
import type { Role } from '../users/roles';
import type { ReferenceFacts, ReferenceStatus } from './reference.types';

/** Staff who draft, edit and refresh references (DESIGN.md: OTs write references; IPS specialists and leads know the work). */
export const REFERENCE_WRITER_ROLES: Role[] = ['OT', 'ENTERPRISE_LEAD', 'EMPLOYMENT_SPECIALIST'];
/** Staff who approve a reference (DESIGN.md: approved by an OT or lead). */
export const REFERENCE_APPROVER_ROLES: Role[] = ['OT', 'ENTERPRISE_LEAD'];
/** Staff who may withdraw an approved reference, with a reason. */
export const REFERENCE_WITHDRAWER_ROLES: Role[] = ['OT', 'ENTERPRISE_LEAD', 'EMPLOYMENT_SPECIALIST', 'ADMIN'];
/** Staff who read references in their scope. Ward staff and commissioners do not. */
export const REFERENCE_STAFF_READER_ROLES: Role[] = ['ADMIN', 'OT', 'ENTERPRISE_LEAD', 'EMPLOYMENT_SPECIALIST'];
export const REFERENCE_READER_ROLES: Role[] = [...REFERENCE_STAFF_READER_ROLES, 'PATIENT'];

/**
 * Verification codes: 12 characters from 32 that cannot be mistaken for one another when read
 * aloud or typed from paper (no 0/O, no 1/I). 32 is a power of two, so masking random bytes
 * gives every character equal odds: 60 bits, far beyond guessing at 20 tries a minute.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 12;

export function newVerificationCode(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(CODE_LENGTH);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[bytes[i] & 31];
  return code;
}

/** "ABCD-EFGH-JKLM" for print; the stored code has no hyphens. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** A code as typed or scanned: case, spaces and hyphens do not matter. null if it cannot be a code. */
export function normaliseCode(input: string | undefined | null): string | null {
  const code = (input ?? '').toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== CODE_LENGTH) return null;
  for (const c of code) if (!CODE_ALPHABET.includes(c)) return null;
  return code;
}

/** Whole per cent, rounded half up; null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.floor((200 * part + whole) / (2 * whole));
}

/** Counts of the current attendance records of a placement's assignments. */
export interface AttendanceCounts {
  /** Current records other than CANCELLED. */
  recorded: number;
  /** ATTENDED + LATE + LEFT_EARLY. */
  attended: number;
  /** ATTENDED + LEFT_EARLY: started on time. */
  onTime: number;
  minutesWorked: number;
}

/**
 * Attendance rate = attended / recorded shifts (a cancelled shift was no one's fault and is left
 * out; an absence counts against); punctuality = started on time / attended (LATE is the only
 * late start: leaving early is not lateness).
 */
export function attendanceFacts(c: AttendanceCounts): Pick<ReferenceFacts, 'minutesWorked' | 'shiftsRecorded' | 'shiftsAttended' | 'attendanceRatePercent' | 'punctualityRatePercent'> {
  return {
    minutesWorked: c.minutesWorked,
    shiftsRecorded: c.recorded,
    shiftsAttended: c.attended,
    attendanceRatePercent: percent(c.attended, c.recorded),
    punctualityRatePercent: percent(c.onTime, c.attended),
  };
}

export type ReferenceAction = 'edit' | 'approve' | 'withdraw' | 'disclose';

/** Which status an action needs; null when allowed. */
export function statusRefusal(status: ReferenceStatus, action: ReferenceAction): string | null {
  switch (action) {
    case 'edit':
      return status === 'DRAFT' ? null : 'Only a draft reference can be changed; this one is ' + status.toLowerCase();
    case 'approve':
      return status === 'DRAFT' ? null : 'This reference is already ' + status.toLowerCase();
    case 'withdraw':
      return status === 'APPROVED' ? null : status === 'WITHDRAWN' ? 'This reference is already withdrawn' : 'Only an approved reference can be withdrawn; a draft is simply never approved';
    case 'disclose':
      return status === 'APPROVED' ? null : 'Only an approved reference can be downloaded';
  }
}

/**
 * Four eyes: the person who wrote the reference's words may not approve them. A reference is a
 * statement to a future employer that the hospital stands behind, so a second OT or lead checks
 * the facts and the wording before it can be downloaded.
 */
export function selfApproval(draftedByUserId: string, approverId: string): boolean {
  return draftedByUserId === approverId;
}

/** What an employer sees: the facts, with the hospital's name only if the patient chose to show it. */
export interface PublicReference {
  status: 'APPROVED' | 'WITHDRAWN';
  verificationCode: string;
  roleTitle: string;
  enterpriseName: string;
  hospitalName: string | null;
  startOn: string;
  endOn: string | null;
  minutesWorked: number;
  shiftsRecorded: number;
  shiftsAttended: number;
  attendanceRatePercent: number | null;
  punctualityRatePercent: number | null;
  verifiedSkills: { name: string; level: string }[];
  statement: string;
  refereeName: string;
  refereeJobTitle: string;
  approvedOn: string | null;
  withdrawnOn: string | null;
}

export interface ReferenceContent {
  status: ReferenceStatus;
  verificationCode: string;
  facts: ReferenceFacts;
  statement: string;
  refereeName: string;
  refereeJobTitle: string;
  showHospitalName: boolean;
  approvedOn: string | null;
  withdrawnOn: string | null;
}

/**
 * The public view of a reference (verify page, PDF): no ids, no hospital number, no ward; the
 * hospital only by the patient's choice. A withdrawn reference says only that it was withdrawn.
 * A draft has no public view.
 */
export function publicView(r: ReferenceContent): PublicReference | null {
  if (r.status === 'DRAFT') return null;
  const f = r.facts;
  const base = { verificationCode: r.verificationCode, approvedOn: r.approvedOn, withdrawnOn: r.withdrawnOn };
  if (r.status === 'WITHDRAWN') {
    return {
      ...base,
      status: 'WITHDRAWN',
      roleTitle: '',
      enterpriseName: '',
      hospitalName: null,
      startOn: '',
      endOn: null,
      minutesWorked: 0,
      shiftsRecorded: 0,
      shiftsAttended: 0,
      attendanceRatePercent: null,
      punctualityRatePercent: null,
      verifiedSkills: [],
      statement: '',
      refereeName: '',
      refereeJobTitle: '',
    };
  }
  return {
    ...base,
    status: 'APPROVED',
    roleTitle: f.roleTitle,
    enterpriseName: f.enterpriseReferenceName,
    hospitalName: r.showHospitalName ? f.hospitalName : null,
    startOn: f.startOn,
    endOn: f.endOn,
    minutesWorked: f.minutesWorked,
    shiftsRecorded: f.shiftsRecorded,
    shiftsAttended: f.shiftsAttended,
    attendanceRatePercent: f.attendanceRatePercent,
    punctualityRatePercent: f.punctualityRatePercent,
    verifiedSkills: f.verifiedSkills.map((s) => ({ name: s.name, level: s.level })),
    statement: r.statement,
    refereeName: r.refereeName,
    refereeJobTitle: r.refereeJobTitle,
  };
}

const LEVEL_LABELS: Record<string, string> = { INTRODUCED: 'Introduced', DEVELOPING: 'Developing', COMPETENT: 'Competent', PROFICIENT: 'Proficient' };

/** "Competent (level 3 of 4)". */
export function levelLabel(level: string): string {
  const n = ['INTRODUCED', 'DEVELOPING', 'COMPETENT', 'PROFICIENT'].indexOf(level) + 1;
  return n ? `${LEVEL_LABELS[level]} (level ${n} of 4)` : level;
}

/** "42 hours 30 minutes" of work. */
export function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = `${h} hour${h === 1 ? '' : 's'}`;
  return m ? `${hours} ${m} minute${m === 1 ? '' : 's'}` : hours;
}

/** "95%" or "Not recorded". */
export function rateText(rate: number | null): string {
  return rate === null ? 'Not recorded' : `${rate}%`;
}
