export const REFERRAL_SOURCES = ['SELF', 'OT', 'CLINICIAN', 'OTHER'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export const REFERRAL_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Where a person on the caseload is (IPS): support does not end at discharge. */
export const CASELOAD_STATUSES = ['ENGAGED', 'JOB_SEARCH', 'IN_WORK', 'FOLLOW_ALONG', 'CLOSED'] as const;
export type CaseloadStatus = (typeof CASELOAD_STATUSES)[number];

export const PLAN_ENTRY_KINDS = ['STRENGTH', 'GOAL', 'STEP', 'REVIEW', 'COMMENT'] as const;
export type PlanEntryKind = (typeof PLAN_ENTRY_KINDS)[number];

export const GOAL_KINDS = ['EMPLOYMENT', 'EDUCATION', 'TRAINING', 'VOLUNTEERING'] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

export const CONTACT_PURPOSES = ['JOB_DEVELOPMENT', 'PLACEMENT_SUPPORT', 'FOLLOW_UP'] as const;
export type ContactPurpose = (typeof CONTACT_PURPOSES)[number];

export const OPPORTUNITY_KINDS = ['JOB', 'EDUCATION', 'TRAINING', 'VOLUNTEERING'] as const;
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];

export const OPPORTUNITY_END_REASONS = ['COMPLETED', 'RESIGNED', 'DISMISSED', 'CONTRACT_ENDED', 'HEALTH', 'LEAVE_CHANGED', 'MOVED_ON', 'OTHER'] as const;
export type OpportunityEndReason = (typeof OPPORTUNITY_END_REASONS)[number];

export const FOLLOW_ALONG_MODES = ['FACE_TO_FACE', 'PHONE', 'VIDEO', 'MESSAGE'] as const;
export type FollowAlongMode = (typeof FOLLOW_ALONG_MODES)[number];

export const FOLLOW_ALONG_WITH = ['PERSON', 'EMPLOYER', 'BOTH'] as const;
export type FollowAlongWith = (typeof FOLLOW_ALONG_WITH)[number];

/** What the person chooses to tell an employer; references for that employer follow it. */
export const DISCLOSURE_CHOICES = ['NOTHING', 'HEALTH_CONDITION', 'HEALTH_AND_HOSPITAL'] as const;
export type DisclosureChoice = (typeof DISCLOSURE_CHOICES)[number];

export const LABELS: Record<string, string> = {
  SELF: 'Self-referral', OT: 'Occupational therapist', CLINICIAN: 'Clinician', OTHER: 'Other',
  PENDING: 'Waiting for a decision', ACCEPTED: 'Accepted', DECLINED: 'Declined',
  ENGAGED: 'Engaged', JOB_SEARCH: 'Job search', IN_WORK: 'In work, education or volunteering', FOLLOW_ALONG: 'Follow-along support', CLOSED: 'Closed',
  STRENGTH: 'Strength', GOAL: 'Goal', STEP: 'Step', REVIEW: 'Review', COMMENT: 'Comment',
  EMPLOYMENT: 'Employment', EDUCATION: 'Education', TRAINING: 'Training', VOLUNTEERING: 'Volunteering', JOB: 'Job',
  JOB_DEVELOPMENT: 'Job development', PLACEMENT_SUPPORT: 'Placement support', FOLLOW_UP: 'Follow-up',
  COMPLETED: 'Completed', RESIGNED: 'Resigned', DISMISSED: 'Dismissed', CONTRACT_ENDED: 'Contract ended', HEALTH: 'Health', LEAVE_CHANGED: 'Leave changed', MOVED_ON: 'Moved on',
  FACE_TO_FACE: 'Face to face', PHONE: 'Phone', VIDEO: 'Video', MESSAGE: 'Message',
  PERSON: 'The person', EMPLOYER: 'The employer', BOTH: 'The person and the employer',
  NOTHING: 'Nothing', HEALTH_CONDITION: 'A health condition', HEALTH_AND_HOSPITAL: 'A health condition and the hospital',
  NONE: 'No benefits', LEGACY: 'Legacy benefits (permitted work)', UNIVERSAL_CREDIT: 'Universal Credit', UNKNOWN: 'Not known (site default)',
};
