export const ROLES = ['ADMIN', 'OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST', 'PATIENT', 'COMMISSIONER'] as const;
export type Role = (typeof ROLES)[number];

/** Staff roles that work with patient records on their assigned wards. */
export const WARD_SCOPED_ROLES: readonly Role[] = ['OT', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST'];
export const STAFF_ROLES: readonly Role[] = ['ADMIN', 'OT', 'ENTERPRISE_LEAD', 'WARD_STAFF', 'EMPLOYMENT_SPECIALIST'];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Administrator',
  OT: 'Occupational therapist',
  ENTERPRISE_LEAD: 'Enterprise lead',
  WARD_STAFF: 'Ward staff',
  EMPLOYMENT_SPECIALIST: 'Employment specialist',
  PATIENT: 'Patient',
  COMMISSIONER: 'Commissioner',
};
