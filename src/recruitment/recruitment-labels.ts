import { ACTIVITY_LABELS, RESTRICTION_LABELS } from '../patients/restrictions';
import type { VacancyState } from './recruitment-rules';
import { END_REASON_LABELS, END_REASONS, type InterviewOutcome, type OfferStatus } from './recruitment.types';

/** Words for pages. */
export const RECRUITMENT_LABELS = {
  activity: ACTIVITY_LABELS,
  restriction: RESTRICTION_LABELS,
  endReason: END_REASON_LABELS,
  endReasons: END_REASONS,
  outcome: { PENDING: 'To be decided', SUCCESSFUL: 'Successful', UNSUCCESSFUL: 'Unsuccessful' } satisfies Record<InterviewOutcome, string>,
  offer: { MADE: 'Waiting for an answer', ACCEPTED: 'Accepted', DECLINED: 'Declined', WITHDRAWN: 'Withdrawn' } satisfies Record<OfferStatus, string>,
  vacancy: { OPEN: 'Open', UPCOMING: 'Opens later', CLOSED: 'Closed' } satisfies Record<VacancyState, string>,
  vacancyColour: { OPEN: 'green', UPCOMING: 'blue', CLOSED: 'grey' } satisfies Record<VacancyState, string>,
  zone: { WARD: 'On the ward', GROUNDS: 'In the hospital grounds', COMMUNITY: 'In the community' } as Record<string, string>,
};
