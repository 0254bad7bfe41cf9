import type { Role } from '../src/users/roles';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  /** keys of DEMO_WARDS */
  wards: string[];
  /** key of DEMO_PATIENTS */
  patient?: string;
}

/** Invented people. `ot` and `ward` work on some wards but not all, so scoping shows. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: 'Alex Admin', role: 'ADMIN', roleLabel: 'Administrator', wards: [] },
  { username: 'ot', displayName: 'Olivia Thompson', role: 'OT', roleLabel: 'Occupational therapist (Alder and Birch wards)', wards: ['alder', 'birch'] },
  { username: 'lead', displayName: 'Leon Edwards', role: 'ENTERPRISE_LEAD', roleLabel: 'Enterprise lead', wards: [] },
  { username: 'ward', displayName: 'Wendy Ward', role: 'WARD_STAFF', roleLabel: 'Ward staff (Alder ward)', wards: ['alder'] },
  { username: 'specialist', displayName: 'Sam Patel', role: 'EMPLOYMENT_SPECIALIST', roleLabel: 'Employment specialist (all wards)', wards: ['alder', 'birch', 'cedar', 'willow'] },
  { username: 'patient', displayName: 'Jamie Reed', role: 'PATIENT', roleLabel: 'Patient on Alder ward', wards: [], patient: 'p01' },
  { username: 'patient2', displayName: 'Casey Morgan', role: 'PATIENT', roleLabel: 'Patient on Cedar ward', wards: [], patient: 'p09' },
  { username: 'commissioner', displayName: 'Chris Fenwick', role: 'COMMISSIONER', roleLabel: 'Commissioner (reports only)', wards: [] },
];
