export const VACANCY_STATUSES = ['OPEN', 'CLOSED'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];

/** An application moves SUBMITTED -> INTERVIEW -> OFFERED -> ACCEPTED (placed), or ends early. */
export const APPLICATION_STATUSES = ['SUBMITTED', 'INTERVIEW', 'OFFERED', 'ACCEPTED', 'UNSUCCESSFUL', 'DECLINED', 'WITHDRAWN'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const OPEN_APPLICATION_STATUSES: readonly ApplicationStatus[] = ['SUBMITTED', 'INTERVIEW', 'OFFERED'];

export const INTERVIEW_OUTCOMES = ['PENDING', 'SUCCESSFUL', 'UNSUCCESSFUL'] as const;
export type InterviewOutcome = (typeof INTERVIEW_OUTCOMES)[number];

export const OFFER_STATUSES = ['MADE', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const PLACEMENT_STATUSES = ['ACTIVE', 'ENDED'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

export const END_REASONS = [
  'PROGRESSED_EMPLOYMENT',
  'PROGRESSED_EDUCATION',
  'PROGRESSED_TRAINING',
  'PROGRESSED_VOLUNTEERING',
  'DISCHARGED',
  'TRANSFERRED',
  'RESIGNED',
  'CLINICAL',
] as const;
export type EndReason = (typeof END_REASONS)[number];

export const END_REASON_LABELS: Record<EndReason, string> = {
  PROGRESSED_EMPLOYMENT: 'Moved on to paid employment',
  PROGRESSED_EDUCATION: 'Moved on to education',
  PROGRESSED_TRAINING: 'Moved on to training',
  PROGRESSED_VOLUNTEERING: 'Moved on to volunteering',
  DISCHARGED: 'Discharged',
  TRANSFERRED: 'Transferred',
  RESIGNED: 'Resigned',
  CLINICAL: 'Ended for clinical reasons',
};
