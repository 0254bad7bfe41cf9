import type { LeaveOnDate } from '../patients/leave';
import type { PatientStatus } from '../patients/patient.entity';

/**
 * A start in the community while detained needs unescorted community leave in force on the
 * start date (Mental Health Act section 17); suspended leave counts as none. A discharged
 * person needs no leave. Returns the refusal message, or null when the start may go ahead.
 */
export function communityStartRefusal(status: PatientStatus, leave: LeaveOnDate): string | null {
  if (status === 'DISCHARGED') return null;
  if (leave.effectiveLevel === 'UNESCORTED_COMMUNITY') return null;
  if (leave.suspended) return 'Leave is suspended on the start date; a start outside needs unescorted community leave';
  return 'A start outside while detained needs unescorted community leave on the start date';
}
