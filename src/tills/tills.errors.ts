import { AppError, type ErrorDetail } from '../common/errors/app-error';

/** The till's and stock's error codes; the global filter turns them into { statusCode, code, message, details }. */
export const TillErrors = {
  alreadyOpen: (sessionId: string) => new AppError('TILL_ALREADY_OPEN', 'This till already has an open session; close it first', 409, { sessionId }),
  sessionClosed: () => AppError.conflict('TILL_SESSION_CLOSED', 'This till session is closed'),
  notOnShift: () => AppError.conflict('NOT_ON_SHIFT', 'You may work the till only while booked on a shift of this enterprise that is running now'),
  roleWithoutCash: () => AppError.conflict('ROLE_WITHOUT_CASH', 'Your work role on this shift does not include cash handling'),
  restriction: () => AppError.conflict('RESTRICTION', 'A work restriction (no cash handling) is in force: you may not work the till'),
  notAnOperator: () => AppError.forbidden('Only this enterprise’s staff, or a patient worker on shift, may work its till'),
  staffOnly: (field: string) => new AppError('STAFF_OPERATOR_ONLY', 'Only a staff operator can take a patient account payment', 403, [{ field, message: 'Ask a member of staff to take this payment' }]),
  payment: (code: string, message: string) => new AppError(code, message, 422, [{ field: 'payments', code, message }]),
  productNotSold: (details: ErrorDetail[]) => new AppError('PRODUCT_NOT_AVAILABLE', 'Some items are not sold at this till', 422, details),
  stockInsufficient: (details: ErrorDetail[]) => new AppError('STOCK_INSUFFICIENT', 'Not enough in stock', 409, details),
  refundTooMuch: (details: ErrorDetail[]) => new AppError('REFUND_EXCEEDS_SALE', 'A refund may return at most what was sold and not yet refunded', 422, details),
  notASale: () => new AppError('NOT_A_SALE', 'Refunds are made against a sale', 422),
  clientIdReused: () => AppError.conflict('CLIENT_ID_REUSED', 'This clientId belongs to another till session or to a refund'),
  costCentre: (message: string) => new AppError('COST_CENTRE_INVALID', message, 422, [{ field: 'payments', message }]),
  patient: () => new AppError('PATIENT_NOT_FOUND', 'No such patient for a patient account payment', 422, [{ field: 'payments', message: 'Choose a patient' }]),
  notTracked: (details: ErrorDetail[]) => new AppError('STOCK_NOT_TRACKED', 'Stock is not tracked for some products', 422, details),
};
