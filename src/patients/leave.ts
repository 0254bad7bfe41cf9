/** Mental Health Act section 17 leave levels, in order: each allows everything below it. */
export const LEAVE_LEVELS = ['NONE', 'ESCORTED_GROUNDS', 'UNESCORTED_GROUNDS', 'ESCORTED_COMMUNITY', 'UNESCORTED_COMMUNITY'] as const;
export type LeaveLevel = (typeof LEAVE_LEVELS)[number];

export const LEAVE_LABELS: Record<LeaveLevel, string> = {
  NONE: 'Ward only (no leave)',
  ESCORTED_GROUNDS: 'Escorted grounds leave',
  UNESCORTED_GROUNDS: 'Unescorted grounds leave',
  ESCORTED_COMMUNITY: 'Escorted community leave',
  UNESCORTED_COMMUNITY: 'Unescorted community leave',
};

export const LEAVE_EVENT_KINDS = ['GRANT', 'SUSPEND', 'REINSTATE'] as const;
export type LeaveEventKind = (typeof LEAVE_EVENT_KINDS)[number];

export function leaveRank(level: LeaveLevel): number {
  return LEAVE_LEVELS.indexOf(level);
}

export function isEscorted(level: LeaveLevel): boolean {
  return level === 'ESCORTED_GROUNDS' || level === 'ESCORTED_COMMUNITY';
}

export interface LeaveEventLike {
  kind: LeaveEventKind;
  level: LeaveLevel | null;
  effectiveFrom: string;
  effectiveUntil: string | null;
  recordedAt: Date;
  note?: string | null;
}

export interface LeaveOnDate {
  /** The granted level in force (NONE when nothing was granted). */
  level: LeaveLevel;
  suspended: boolean;
  suspensionReason: string | null;
  /** What the patient may actually do: NONE while suspended. */
  effectiveLevel: LeaveLevel;
}

function inForce(e: LeaveEventLike, date: string): boolean {
  return e.effectiveFrom <= date && (e.effectiveUntil === null || e.effectiveUntil >= date);
}

function newestFirst(a: LeaveEventLike, b: LeaveEventLike): number {
  if (a.effectiveFrom !== b.effectiveFrom) return a.effectiveFrom < b.effectiveFrom ? 1 : -1;
  return b.recordedAt.getTime() - a.recordedAt.getTime();
}

/**
 * The leave on a date (YYYY-MM-DD), from the dated history: the newest grant in force, and
 * whether the newest suspension or reinstatement in force is a suspension. Nothing in the
 * history is ever overwritten; a later record supersedes an earlier one.
 */
export function leaveOn(events: LeaveEventLike[], date: string): LeaveOnDate {
  const grant = events.filter((e) => e.kind === 'GRANT' && inForce(e, date)).sort(newestFirst)[0];
  const status = events.filter((e) => e.kind !== 'GRANT' && inForce(e, date)).sort(newestFirst)[0];
  const level = (grant?.level ?? 'NONE') as LeaveLevel;
  const suspended = status?.kind === 'SUSPEND';
  return { level, suspended, suspensionReason: suspended ? (status.note ?? null) : null, effectiveLevel: suspended ? 'NONE' : level };
}
