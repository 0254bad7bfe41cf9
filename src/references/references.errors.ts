import { AppError } from '../common/errors/app-error';

/** Rule breaks for references, each with a stable code. */
export const ReferenceErrors = {
  exists: () => AppError.conflict('REFERENCE_EXISTS', 'This placement already has a reference that is not withdrawn: edit that one, or withdraw it first'),
  wrongStatus: (message: string) => AppError.conflict('REFERENCE_STATUS', message),
  selfApproval: () =>
    AppError.conflict('SELF_APPROVAL', 'You wrote this reference, so another OT or enterprise lead must approve it (a second person checks every reference before it goes to an employer)'),
  notApproved: () => AppError.conflict('REFERENCE_NOT_APPROVED', 'Only an approved reference can be downloaded'),
  noChanges: () => AppError.validation('Nothing to change', [{ field: 'statement', message: 'Change the statement, the referee, or refresh the facts' }]),
};
