import type { Role } from '../users/roles';
import { levelOfRank, SKILL_LEVELS, type SkillLevel, type SkillLogSource, type SkillLogStatus } from './skills.types';

/** Staff who may log an observation of a patient's skill (for a patient they can see). */
export const SKILL_OBSERVER_ROLES: Role[] = ['OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST'];

/**
 * Staff who may verify or reject a skill log entry: those whose work is assessing vocational
 * skills (the OT, the enterprise lead who supervises the work, the IPS employment specialist).
 * Ward staff may log what they observe, but another professional verifies it; admins keep the
 * system, not patients' records.
 */
export const SKILL_VERIFIER_ROLES: Role[] = ['OT', 'ENTERPRISE_LEAD', 'EMPLOYMENT_SPECIALIST'];

/** Everyone who may read skill logs within their patient scope. COMMISSIONER never does. */
export const SKILL_LOG_READER_ROLES: Role[] = ['ADMIN', 'OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'PATIENT'];

export interface VerifiedEntry {
  skillId: string;
  levelRank: number;
  status: SkillLogStatus;
  occurredOn: string;
}

export interface HighestLevel<T extends VerifiedEntry> {
  level: SkillLevel;
  rank: number;
  /** The entry that first reached that level (earliest date). */
  entry: T;
}

/**
 * The highest VERIFIED level per skill, counting only entries dated on or before `onDate`
 * (when given). Pending and rejected entries never count. Ties keep the earliest entry, the
 * date the level was first shown.
 */
export function highestVerifiedLevels<T extends VerifiedEntry>(entries: T[], onDate?: string): Map<string, HighestLevel<T>> {
  const out = new Map<string, HighestLevel<T>>();
  for (const e of entries) {
    if (e.status !== 'VERIFIED') continue;
    if (onDate && e.occurredOn > onDate) continue;
    if (e.levelRank < 1 || e.levelRank > SKILL_LEVELS.length) continue;
    const best = out.get(e.skillId);
    if (!best || e.levelRank > best.rank || (e.levelRank === best.rank && e.occurredOn < best.entry.occurredOn)) {
      out.set(e.skillId, { level: levelOfRank(e.levelRank), rank: e.levelRank, entry: e });
    }
  }
  return out;
}

export type DecisionRefusal =
  | { code: 'FORBIDDEN'; status: 403; message: string }
  | { code: 'FOUR_EYES'; status: 403; message: string }
  | { code: 'ALREADY_DECIDED'; status: 409; message: string }
  | { code: 'COMMENT_REQUIRED'; status: 422; message: string };

/**
 * Whether `decider` may verify or reject an entry (the caller must already be able to see the
 * patient). Returns the reason it may not, or null.
 *
 * - only staff in SKILL_VERIFIER_ROLES decide;
 * - four eyes: nobody decides an entry they made themselves (a staff observation is verified
 *   by someone other than its author);
 * - an entry is decided once (PENDING -> VERIFIED or REJECTED), never again;
 * - a rejection always says why, so the patient learns what to work on.
 */
export function decisionRefusal(
  decider: { id: string; role: Role },
  entry: { status: SkillLogStatus; source: SkillLogSource; createdByUserId: string },
  decision: 'VERIFY' | 'REJECT',
  comment?: string | null,
): DecisionRefusal | null {
  if (!SKILL_VERIFIER_ROLES.includes(decider.role)) {
    return { code: 'FORBIDDEN', status: 403, message: 'Only an OT, an enterprise lead or an employment specialist can verify or reject skills' };
  }
  if (entry.status !== 'PENDING') {
    return { code: 'ALREADY_DECIDED', status: 409, message: `This entry has already been ${entry.status === 'VERIFIED' ? 'verified' : 'rejected'}; a decision is never changed. Log a new entry instead.` };
  }
  if (entry.createdByUserId === decider.id) {
    return { code: 'FOUR_EYES', status: 403, message: 'You made this entry, so another member of staff must verify or reject it (four eyes)' };
  }
  if (decision === 'REJECT' && !comment?.trim()) {
    return { code: 'COMMENT_REQUIRED', status: 422, message: 'Say why the entry is rejected, so the patient knows what to work on' };
  }
  return null;
}

export type LogRefusal = { field: 'occurredOn' | 'shiftId' | 'patientId'; message: string };

/**
 * Checks a new entry's date and shift: not in the future (London date `today`); a linked shift
 * must be one the patient was booked on (not cancelled), on the date of the entry.
 */
export function logRefusals(input: { occurredOn: string; today: string; shift?: { date: string; patientBooked: boolean } | null; shiftGiven: boolean }): LogRefusal[] {
  const out: LogRefusal[] = [];
  if (input.occurredOn > input.today) out.push({ field: 'occurredOn', message: 'The date cannot be in the future' });
  if (input.shiftGiven) {
    if (!input.shift || !input.shift.patientBooked) out.push({ field: 'shiftId', message: 'Choose a shift the patient was booked on' });
    else if (input.shift.date !== input.occurredOn) out.push({ field: 'shiftId', message: `That shift was on ${input.shift.date}; the date of the entry must be the shift’s date` });
  }
  return out;
}

/** Who made the entry, as the API sends it: a patient logs for themself, staff observe. */
export function sourceFor(role: Role): SkillLogSource {
  return role === 'PATIENT' ? 'SELF' : 'STAFF';
}

/** Whether the caller could decide an entry (for showing forms); the service checks again. */
export function mayDecide(decider: { id: string; role: Role }, entry: { status: SkillLogStatus; source: SkillLogSource; createdByUserId: string }): boolean {
  return decisionRefusal(decider, entry, 'VERIFY') === null;
}
