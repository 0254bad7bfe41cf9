import { AppError, type ErrorDetail } from '../common/errors/app-error';

/** The ledger's error codes; the global filter turns them into { statusCode, code, message, details }. */
export const LedgerErrors = {
  lines: (code: string, message: string, details?: ErrorDetail[]) => new AppError(code, message, 422, details),
  unknownAccount: (codes: { field: string; code: string }[]) =>
    new AppError('UNKNOWN_ACCOUNT', `No such account: ${codes.map((c) => c.code).join(', ')}`, 422, codes.map((c) => ({ field: c.field, code: 'UNKNOWN_ACCOUNT', message: `There is no account ${c.code} in this ledger` }))),
  accountClosed: (codes: { field: string; code: string }[]) =>
    new AppError('ACCOUNT_CLOSED', `Closed account: ${codes.map((c) => c.code).join(', ')}`, 422, codes.map((c) => ({ field: c.field, code: 'ACCOUNT_CLOSED', message: `Account ${c.code} is closed and takes no new entries` }))),
  idempotencyConflict: (entryId: string) =>
    new AppError('IDEMPOTENCY_CONFLICT', 'This idempotency key was already used for a different journal entry', 409, { entryId }),
  periodClosed: (month: string, nextOpenMonth: string) =>
    new AppError('PERIOD_CLOSED', `${month} is closed. Date the entry in an open month, or ask to post it to the next open period (${nextOpenMonth}).`, 409, [
      { field: 'occurredOn', code: 'PERIOD_CLOSED', message: `${month} is closed; the next open period starts ${nextOpenMonth}-01`, month, nextOpenMonth },
    ]),
  periodAlreadyClosed: (month: string) => AppError.conflict('PERIOD_ALREADY_CLOSED', `${month} is already closed`),
  periodNotEnded: (month: string) => new AppError('PERIOD_NOT_ENDED', `${month} has not started yet, so it cannot be closed`, 422, [{ field: 'month', message: 'Choose a month that has started' }]),
  alreadyReversed: (reversalId: string) => new AppError('ALREADY_REVERSED', 'This journal entry has already been reversed', 409, { reversalEntryId: reversalId }),
  accountCodeTaken: (code: string) => new AppError('ACCOUNT_CODE_TAKEN', `There is already an account ${code}`, 409, [{ field: 'code', message: `There is already an account ${code}` }]),
  payrollAlreadyPosted: (runId?: string) => new AppError('PAYROLL_ALREADY_POSTED', 'Payroll for this timesheet has already been posted', 409, runId ? { payrollRunId: runId } : undefined),
  payrollEmpty: () => new AppError('PAYROLL_EMPTY', 'This timesheet has no pay to post', 422),
  insufficientSurplus: (availablePence: number, amountPence: number) =>
    new AppError('INSUFFICIENT_SURPLUS', `Only ${availablePence} pence of surplus is available, less than the ${amountPence} pence proposed`, 422, [{ field: 'amountPence', message: 'More than the surplus available', availablePence, amountPence }]),
  proposalNotOpen: (status: string) => AppError.conflict('PROPOSAL_NOT_OPEN', `The proposal is ${status.toLowerCase()}, not awaiting approval`),
  proposalNotApproved: (status: string) => AppError.conflict('PROPOSAL_NOT_APPROVED', `Only an approved proposal can be spent; this one is ${status.toLowerCase()}`),
  alreadyApproved: (by: string) => AppError.conflict('ALREADY_APPROVED', `The ${by} has already approved this proposal`),
  notAnApprover: () => AppError.forbidden('Only a lead of this enterprise or an admin can approve'),
  badAccountForSpending: (code: string) =>
    new AppError('UNKNOWN_ACCOUNT', `Account ${code} cannot be used here`, 422, [{ field: 'expenseAccountCode', message: 'Choose an open expense or asset account' }]),
};
