import { AppError, type ErrorDetail } from '../common/errors/app-error';

/** Rule breaks in recruitment, each with a stable code (409), and field errors (422). */
export const RecruitmentErrors = {
  roleInactive: () => AppError.conflict('ROLE_INACTIVE', 'This work role is not active'),
  vacancyNotOpen: () => AppError.conflict('VACANCY_NOT_OPEN', 'This vacancy is not open for applications'),
  vacancyClosed: () => AppError.conflict('VACANCY_CLOSED', 'This vacancy is already closed'),
  patientNotActive: () => AppError.conflict('PATIENT_NOT_ACTIVE', 'Only a patient who is currently in the hospital (status ACTIVE) can apply or be placed'),
  alreadyApplied: () => AppError.conflict('ALREADY_APPLIED', 'This patient has already applied for this vacancy'),
  alreadyPlaced: () => AppError.conflict('ALREADY_PLACED', 'This patient already holds an active placement in this work role'),
  positionsFull: (positions: number) =>
    AppError.conflict('POSITIONS_FULL', `All ${positions} position${positions === 1 ? '' : 's'} in this work role are filled`),
  applicationStage: (message: string) => AppError.conflict('APPLICATION_STAGE', message),
  interviewPending: () => AppError.conflict('INTERVIEW_PENDING', 'Record the outcome of the interview already booked first'),
  interviewDecided: () => AppError.conflict('INTERVIEW_DECIDED', 'The outcome of this interview has already been recorded'),
  offerNotOpen: () => AppError.conflict('OFFER_NOT_OPEN', 'This offer has already been answered or withdrawn'),
  placementEnded: () => AppError.conflict('PLACEMENT_ENDED', 'This placement has already ended'),
  field: (field: string, message: string, extra: ErrorDetail[] = []) => AppError.validation(message, [{ field, message }, ...extra]),
};

/** PostgreSQL (23505) and SQLite unique-constraint violations. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { driverError?: { code?: string; message?: string }; code?: string; message?: string };
  const code = e?.driverError?.code ?? e?.code;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT') return /unique|duplicate/i.test(String(e?.driverError?.message ?? e?.message ?? 'unique'));
  return /UNIQUE constraint failed|duplicate key value/i.test(String(e?.driverError?.message ?? e?.message ?? ''));
}
