import { AppError } from '../common/errors/app-error';
import {
  applicationStage,
  assertCanEndPlacement,
  assertCanMakeOffer,
  assertCanRecordOutcome,
  assertCanScheduleInterview,
  assertCanWithdraw,
  assertOfferOpen,
  assertPositionFree,
  automaticEndOn,
  statusAfterOutcome,
  vacancyFieldErrors,
  vacancyState,
} from './recruitment-rules';
import type { ApplicationStatus, InterviewOutcome, OfferStatus } from './recruitment.types';

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

const TODAY = '2026-06-10';

describe('vacancy state', () => {
  it.each([
    ['OPEN', '2026-06-01', '2026-06-30', true, 'OPEN'],
    ['OPEN', '2026-06-10', '2026-06-10', true, 'OPEN'],
    ['OPEN', '2026-06-11', '2026-06-30', true, 'UPCOMING'],
    ['OPEN', '2026-05-01', '2026-06-09', true, 'CLOSED'],
    ['CLOSED', '2026-06-01', '2026-06-30', true, 'CLOSED'],
    ['OPEN', '2026-06-01', '2026-06-30', false, 'CLOSED'],
  ])('%s %s..%s (role active %s) is %s today', (status, opensOn, closesOn, active, expected) => {
    expect(vacancyState({ status, opensOn, closesOn }, active, TODAY)).toBe(expected);
  });

  it('refuses a closing date before the opening date and more positions than the role has', () => {
    expect(vacancyFieldErrors({ opensOn: '2026-06-10', closesOn: '2026-06-09', positions: 3 }, 2).map((e) => e.field)).toEqual(['closesOn', 'positions']);
    expect(vacancyFieldErrors({ opensOn: '2026-06-10', closesOn: '2026-06-10', positions: 2 }, 2)).toEqual([]);
  });
});

const pending = { outcome: 'PENDING' as InterviewOutcome };
const good = { outcome: 'SUCCESSFUL' as InterviewOutcome };
const app = (status: ApplicationStatus) => ({ status });
const offer = (status: OfferStatus) => ({ status });

describe('application stages', () => {
  it.each<[ApplicationStatus, InterviewOutcome[], string | null]>([
    ['SUBMITTED', [], null],
    ['INTERVIEW', ['SUCCESSFUL'], null],
    ['INTERVIEW', ['PENDING'], 'INTERVIEW_PENDING'],
    ['OFFERED', [], 'APPLICATION_STAGE'],
    ['WITHDRAWN', [], 'APPLICATION_STAGE'],
    ['UNSUCCESSFUL', ['UNSUCCESSFUL'], 'APPLICATION_STAGE'],
  ])('scheduling an interview on %s with %j: %s', (status, outcomes, code) => {
    expect(codeOf(() => assertCanScheduleInterview(app(status), outcomes.map((outcome) => ({ outcome }))))).toBe(code);
  });

  it.each<[ApplicationStatus, InterviewOutcome[], OfferStatus[], string | null]>([
    ['SUBMITTED', [], [], null], // place then train: no interview needed
    ['INTERVIEW', ['SUCCESSFUL'], [], null],
    ['INTERVIEW', ['SUCCESSFUL'], ['DECLINED'], null],
    ['INTERVIEW', ['PENDING'], [], 'INTERVIEW_PENDING'],
    ['OFFERED', ['SUCCESSFUL'], ['MADE'], 'APPLICATION_STAGE'],
    ['ACCEPTED', [], ['ACCEPTED'], 'APPLICATION_STAGE'],
    ['UNSUCCESSFUL', ['UNSUCCESSFUL'], [], 'APPLICATION_STAGE'],
  ])('making an offer on %s with interviews %j and offers %j: %s', (status, outcomes, offers, code) => {
    expect(codeOf(() => assertCanMakeOffer(app(status), outcomes.map((outcome) => ({ outcome })), offers.map(offer)))).toBe(code);
  });

  it('records an outcome once and lets feedback change later', () => {
    expect(codeOf(() => assertCanRecordOutcome(app('INTERVIEW'), pending, 'SUCCESSFUL'))).toBeNull();
    expect(codeOf(() => assertCanRecordOutcome(app('INTERVIEW'), good, 'UNSUCCESSFUL'))).toBe('INTERVIEW_DECIDED');
    expect(codeOf(() => assertCanRecordOutcome(app('OFFERED'), good, 'SUCCESSFUL'))).toBeNull();
    expect(codeOf(() => assertCanRecordOutcome(app('OFFERED'), good, undefined))).toBeNull();
    expect(codeOf(() => assertCanRecordOutcome(app('WITHDRAWN'), pending, 'SUCCESSFUL'))).toBe('APPLICATION_STAGE');
  });

  it('ends the application on an unsuccessful interview only', () => {
    expect(statusAfterOutcome('INTERVIEW', 'UNSUCCESSFUL')).toBe('UNSUCCESSFUL');
    expect(statusAfterOutcome('INTERVIEW', 'SUCCESSFUL')).toBe('INTERVIEW');
    expect(statusAfterOutcome('OFFERED', 'UNSUCCESSFUL')).toBe('OFFERED');
  });

  it('answers only an open offer on an offered application', () => {
    expect(codeOf(() => assertOfferOpen(app('OFFERED'), offer('MADE')))).toBeNull();
    expect(codeOf(() => assertOfferOpen(app('ACCEPTED'), offer('ACCEPTED')))).toBe('OFFER_NOT_OPEN');
    expect(codeOf(() => assertOfferOpen(app('WITHDRAWN'), offer('MADE')))).toBe('OFFER_NOT_OPEN');
  });

  it.each<[ApplicationStatus, string | null]>([
    ['SUBMITTED', null],
    ['INTERVIEW', null],
    ['OFFERED', null],
    ['ACCEPTED', 'APPLICATION_STAGE'],
    ['WITHDRAWN', 'APPLICATION_STAGE'],
  ])('withdrawing a %s application: %s', (status, code) => {
    expect(codeOf(() => assertCanWithdraw(app(status)))).toBe(code);
  });

  it('names each stage for pages', () => {
    expect(applicationStage(app('INTERVIEW'), [pending]).label).toBe('Interview booked');
    expect(applicationStage(app('INTERVIEW'), [good]).label).toBe('Interviewed');
    expect(applicationStage(app('ACCEPTED'), []).label).toBe('Placed');
  });
});

describe('placements', () => {
  it.each([
    [0, 2, null],
    [1, 2, null],
    [2, 2, 'POSITIONS_FULL'],
    [3, 2, 'POSITIONS_FULL'],
  ])('%i active of %i positions: %s', (active, positions, code) => {
    expect(codeOf(() => assertPositionFree(active, positions))).toBe(code);
  });

  it('ends an active placement on or after its start only', () => {
    expect(codeOf(() => assertCanEndPlacement({ status: 'ACTIVE', startOn: '2026-06-01' }, '2026-06-01'))).toBeNull();
    expect(codeOf(() => assertCanEndPlacement({ status: 'ACTIVE', startOn: '2026-06-01' }, '2026-05-31'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => assertCanEndPlacement({ status: 'ENDED', startOn: '2026-06-01' }, '2026-06-02'))).toBe('PLACEMENT_ENDED');
  });

  it('ends a placement that had not started on its start date', () => {
    expect(automaticEndOn('2026-07-01', '2026-06-10')).toBe('2026-07-01');
    expect(automaticEndOn('2026-05-01', '2026-06-10')).toBe('2026-06-10');
  });
});
