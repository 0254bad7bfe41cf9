import { AppError, type ErrorDetail } from '../common/errors/app-error';
import { ORDER_STATUS_LABELS, type OrderAction, type OrderStatus } from './orders.types';

/** British spelling in messages: cancelled, not canceled. */
const PAST_TENSE: Record<OrderAction, string> = { accept: 'accepted', decline: 'declined', start: 'started', deliver: 'delivered', cancel: 'cancelled' };

export const OrderErrors = {
  costCentreNotAllowed: (code: string) =>
    new AppError('COST_CENTRE_NOT_ALLOWED', `You may not order on cost centre ${code}`, 403, [{ field: 'costCentreCode', code: 'COST_CENTRE_NOT_ALLOWED', message: 'Choose a cost centre you may order on' }]),
  costCentreInactive: (code: string) => new AppError('COST_CENTRE_INACTIVE', `Cost centre ${code} is closed`, 422, [{ field: 'costCentreCode', message: 'This cost centre is closed' }]),
  costCentreCodeTaken: (code: string) => AppError.conflict('COST_CENTRE_CODE_TAKEN', `There is already a cost centre ${code}`, [{ field: 'code', message: `There is already a cost centre ${code}` }]),
  productNotAvailable: (details: ErrorDetail[]) => new AppError('PRODUCT_NOT_AVAILABLE', 'Some items cannot be ordered from this enterprise', 422, details),
  duplicateLine: (field: string) => new AppError('DUPLICATE_LINE', 'A product is on the order twice', 422, [{ field, message: 'Put each product on one line' }]),
  neededByPast: () => new AppError('NEEDED_BY_PAST', 'The needed-by time has passed', 422, [{ field: 'neededBy', message: 'Choose a time in the future' }]),
  transition: (from: OrderStatus, action: OrderAction) =>
    new AppError('ORDER_TRANSITION_NOT_ALLOWED', `An order that is ${ORDER_STATUS_LABELS[from].toLowerCase()} cannot be ${PAST_TENSE[action]}`, 409, { status: from, action }),
  notTheEnterprise: () => AppError.forbidden('Only the enterprise’s leads or an admin can do this'),
  badDelivery: (details: ErrorDetail[]) => new AppError('DELIVERY_INVALID', 'The delivered quantities do not match the order', 422, details),
  enterpriseInactive: () => new AppError('ENTERPRISE_NOT_TRADING', 'This enterprise is not taking orders', 422, [{ field: 'enterpriseId', message: 'This enterprise is not taking orders' }]),
};
