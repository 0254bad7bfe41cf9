export const BOOKING_STATUSES = ['BOOKED', 'COMPLETED', 'CANCELLED'] as const;
export type ServiceBookingStatus = (typeof BOOKING_STATUSES)[number];

export const PAYMENT_METHODS = ['ON_COLLECTION', 'RECHARGE'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
