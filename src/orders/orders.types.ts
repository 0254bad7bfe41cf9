export const ORDER_STATUSES = ['REQUESTED', 'ACCEPTED', 'DECLINED', 'IN_PROGRESS', 'DELIVERED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_ACTIONS = ['accept', 'decline', 'start', 'deliver', 'cancel'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  REQUESTED: 'Requested',
  ACCEPTED: 'Accepted',
  DECLINED: 'Declined',
  IN_PROGRESS: 'In progress',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
};
