import type { ErrorDetail } from '../common/errors/app-error';
import { RecruitmentErrors } from './recruitment.errors';
import {
  OPEN_APPLICATION_STATUSES,
  type ApplicationStatus,
  type InterviewOutcome,
  type OfferStatus,
  type PlacementStatus,
} from './recruitment.types';

/** What a vacancy means to an applicant today: stored status, dates and the role's active flag together. */
export const VACANCY_STATES = ['OPEN', 'UPCOMING', 'CLOSED'] as const;
export type VacancyState = (typeof VACANCY_STATES)[number];

export function vacancyState(v: { status: string; opensOn: string; closesOn: string }, roleActive: boolean, today: string): VacancyState {
  if (v.status !== 'OPEN' || !roleActive || v.closesOn < today) return 'CLOSED';
  if (v.opensOn > today) return 'UPCOMING';
  return 'OPEN';
}

/** Field errors for a new vacancy's dates and positions. */
export function vacancyFieldErrors(v: { opensOn: string; closesOn: string; positions: number }, rolePositions: number): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (v.closesOn < v.opensOn) errors.push({ field: 'closesOn', message: 'The closing date must be on or after the opening date' });
  if (v.positions > rolePositions) {
    errors.push({ field: 'positions', message: `The work role has ${rolePositions} position${rolePositions === 1 ? '' : 's'}; a vacancy cannot offer more` });
  }
  return errors;
}

interface AppLike {
  status: ApplicationStatus;
}
interface InterviewLike {
  outcome: InterviewOutcome;
}
interface OfferLike {
  status: OfferStatus;
}

export function isApplicationOpen(app: AppLike): boolean {
  return OPEN_APPLICATION_STATUSES.includes(app.status);
}

export function assertCanScheduleInterview(app: AppLike, interviews: readonly InterviewLike[]): void {
  if (app.status !== 'SUBMITTED' && app.status !== 'INTERVIEW') {
    throw RecruitmentErrors.applicationStage('An interview can only be booked before an offer is made, while the application is open');
  }
  if (interviews.some((i) => i.outcome === 'PENDING')) throw RecruitmentErrors.interviewPending();
}

/** An outcome is recorded once; feedback can be improved later. */
export function assertCanRecordOutcome(app: AppLike, interview: InterviewLike, outcome: InterviewOutcome | undefined): void {
  if (outcome === undefined || outcome === interview.outcome) return;
  if (interview.outcome !== 'PENDING') throw RecruitmentErrors.interviewDecided();
  if (app.status !== 'INTERVIEW') throw RecruitmentErrors.applicationStage('The application is no longer at interview');
}

/** An unsuccessful interview ends the application; a successful one leaves it ready for an offer. */
export function statusAfterOutcome(current: ApplicationStatus, outcome: InterviewOutcome): ApplicationStatus {
  return outcome === 'UNSUCCESSFUL' && current === 'INTERVIEW' ? 'UNSUCCESSFUL' : current;
}

/**
 * IPS "place then train": an offer can follow a successful interview or be made straight
 * from the application. Not while an interview is still to be decided.
 */
export function assertCanMakeOffer(app: AppLike, interviews: readonly InterviewLike[], offers: readonly OfferLike[]): void {
  if (app.status !== 'SUBMITTED' && app.status !== 'INTERVIEW') {
    throw RecruitmentErrors.applicationStage('An offer can only be made on an open application that has no offer');
  }
  if (interviews.some((i) => i.outcome === 'PENDING')) throw RecruitmentErrors.interviewPending();
  if (offers.some((o) => o.status === 'MADE')) throw RecruitmentErrors.applicationStage('This application already has an offer waiting for an answer');
}

export function assertOfferOpen(app: AppLike, offer: OfferLike): void {
  if (offer.status !== 'MADE' || app.status !== 'OFFERED') throw RecruitmentErrors.offerNotOpen();
}

export function assertCanWithdraw(app: AppLike): void {
  if (!isApplicationOpen(app)) throw RecruitmentErrors.applicationStage('Only an open application can be withdrawn');
}

/** Positions are never exceeded: the count must be taken under the work role's lock. */
export function assertPositionFree(activePlacements: number, positions: number): void {
  if (activePlacements >= positions) throw RecruitmentErrors.positionsFull(positions);
}

export function assertCanEndPlacement(p: { status: PlacementStatus; startOn: string }, endOn: string): void {
  if (p.status !== 'ACTIVE') throw RecruitmentErrors.placementEnded();
  if (endOn < p.startOn) throw RecruitmentErrors.field('endOn', 'The end date must be on or after the start date');
}

/** A placement ended by discharge or transfer before it started ends on its start date. */
export function automaticEndOn(startOn: string, endOn: string): string {
  return endOn < startOn ? startOn : endOn;
}

export interface StageView {
  label: string;
  /** nhsuk-tag modifier */
  colour: 'blue' | 'purple' | 'aqua-green' | 'yellow' | 'green' | 'red' | 'grey' | 'white';
}

/** Where an application stands, in words for pages. */
export function applicationStage(app: AppLike, interviews: readonly InterviewLike[]): StageView {
  switch (app.status) {
    case 'SUBMITTED':
      return { label: 'Applied', colour: 'blue' };
    case 'INTERVIEW':
      return interviews.some((i) => i.outcome === 'PENDING') ? { label: 'Interview booked', colour: 'purple' } : { label: 'Interviewed', colour: 'aqua-green' };
    case 'OFFERED':
      return { label: 'Offer made', colour: 'yellow' };
    case 'ACCEPTED':
      return { label: 'Placed', colour: 'green' };
    case 'UNSUCCESSFUL':
      return { label: 'Unsuccessful', colour: 'red' };
    case 'DECLINED':
      return { label: 'Offer declined', colour: 'grey' };
    case 'WITHDRAWN':
      return { label: 'Withdrawn', colour: 'grey' };
  }
}
