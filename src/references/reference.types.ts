export const REFERENCE_STATUSES = ['DRAFT', 'APPROVED', 'WITHDRAWN'] as const;
export type ReferenceStatus = (typeof REFERENCE_STATUSES)[number];

/** What the records say, filled in when the reference is drafted and fixed when it is approved. */
export interface ReferenceFacts {
  roleTitle: string;
  /** The enterprise's reference name: never the forensic setting unless the patient chooses. */
  enterpriseReferenceName: string;
  /** Shown only if the patient chooses (showHospitalName). */
  hospitalName: string;
  startOn: string;
  /** null while the placement continues. */
  endOn: string | null;
  minutesWorked: number;
  shiftsRecorded: number;
  shiftsAttended: number;
  /** Whole per cent, null with no recorded shifts. */
  attendanceRatePercent: number | null;
  punctualityRatePercent: number | null;
  verifiedSkills: { code: string; name: string; level: string }[];
}
