import type { Count } from './suppression';
import type { GroupBy } from './report-query';

export interface EngagementIndicators {
  /** Patients on the wards (active, or placed at some time in the period); null when grouped by enterprise. */
  patientsOnWards: Count | null;
  /** Patients with a placement at some time in the period. */
  patientsInWork: Count;
  engagementRate: number | null;
  newPlacements: Count;
  /** Patients whose first ever placement started in the period (the base of the median below). */
  firstPlacements: Count;
  medianDaysToFirstPlacement: number | null;
}

export interface WorkIndicators {
  shiftsAttended: Count;
  shiftsAbsent: Count;
  shiftsCancelled: Count;
  /** Patients who attended at least one shift. */
  workers: Count;
  hoursWorked: number | null;
  /** Attended / (attended + absent); cancelled shifts are the service's, not the worker's. */
  attendanceRate: number | null;
  /** Attended on time (not LATE) / attended. */
  punctualityRate: number | null;
}

export interface PayIndicators {
  totalPaidPence: number | null;
  /** Median over workers of each worker's pay per week worked. */
  medianWeeklyPayPence: number | null;
  /** Weeks (of a patient) in which a benefits cap was overridden after benefits counselling. */
  capOverrideWeeks: Count;
}

export interface SkillsIndicators {
  skillEntriesVerified: Count;
  credentialsIssued: Count;
  referencesApproved: Count;
}

export interface ProgressionIndicators {
  /** Placements that reached 13 weeks in the period (IPS: sustained work). */
  placementsSustained13Weeks: Count;
  endings: Count;
  /** Endings to employment, education, training or volunteering: the headline social inclusion outcomes. */
  progressions: Count;
}

export interface MoneyIndicators {
  incomePence: number;
  expensesPence: number;
  surplusPence: number;
  /** Reinvestment approved (by the lead and an admin) in the period. */
  reinvestedPence: number;
  shareReinvested: number | null;
  rolesFunded: number;
  placementsFunded: Count;
}

export interface GroupIndicators {
  key: string;
  name: string;
  engagement: EngagementIndicators;
  work: WorkIndicators;
  pay: PayIndicators;
  skills: SkillsIndicators;
  progression: ProgressionIndicators;
  money: MoneyIndicators;
}

export interface ReportTable {
  columns: { key: string; label: string }[];
  rows: { key: string; name: string; cells: Count[]; total: Count }[];
  totals: Count[];
  total: Count;
}

export interface EquityRow {
  key: string;
  label: string;
  patientsOnWards: Count;
  patientsInWork: Count;
  engagementRate: number | null;
  workers: Count;
  totalPaidPence: number | null;
  medianWeeklyPayPence: number | null;
  endings: Count;
  progressions: Count;
  progressionRate: number | null;
}

export interface MonthPoint {
  month: string;
  peopleWorking: Count;
  shiftsAttended: Count;
  hoursWorked: number | null;
  paidPence: number | null;
  newPlacements: Count;
  endings: Count;
  progressions: Count;
  incomePence: number;
  expensesPence: number;
  surplusPence: number;
}

export interface OutcomesReport {
  from: string;
  to: string;
  groupBy: GroupBy;
  /** True when small numbers are hidden (commissioners, every export). */
  suppressed: boolean;
  groups: GroupIndicators[];
  total: GroupIndicators;
  cancellationsByReason: ReportTable;
  endingsByReason: ReportTable;
  /** Job, education, training and volunteering starts outside the hospital, by the person's group. */
  outsideStartsByKind: ReportTable;
  capOverridesByCap: ReportTable;
  equity: { ageBand: EquityRow[]; gender: EquityRow[]; ethnicGroup: EquityRow[] };
  monthly: MonthPoint[];
}
