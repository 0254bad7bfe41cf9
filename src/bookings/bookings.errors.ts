import { AppError } from '../common/errors/app-error';

export const BookingErrors = {
  notAService: () => new AppError('NOT_A_SERVICE', 'This is not a bookable service', 422, [{ field: 'serviceId', message: 'Choose a service' }]),
  slotUnavailable: () => new AppError('SLOT_UNAVAILABLE', 'There is no slot at that time: outside opening hours, on a closure day, too soon or not on the slot grid', 422, [{ field: 'startAt', message: 'Choose a time from the free slots' }]),
  slotFull: (capacity: number) => AppError.conflict('SLOT_FULL', `This slot is full (${capacity} at a time)`, [{ field: 'startAt', code: 'SLOT_FULL', message: 'This slot has just been taken. Choose another time' }]),
  rangeTooLong: () => AppError.validation('Ask for at most 31 days', [{ field: 'to', message: 'Choose a range of at most 31 days' }]),
  cutoffPassed: (minutes: number) => AppError.conflict('CANCELLATION_CUTOFF_PASSED', `Bookings can be cancelled up to ${minutes} minutes before the start; ring the enterprise instead`),
  notActive: () => AppError.conflict('BOOKING_NOT_ACTIVE', 'This booking is already cancelled'),
  badHours: (field: string) => AppError.validation('Opening time must be before closing time', [{ field, message: 'Opening time must be before closing time' }]),
  costCentreRequired: () => AppError.validation('Name the cost centre to recharge', [{ field: 'costCentreCode', message: 'Choose a cost centre for a recharge' }]),
};
