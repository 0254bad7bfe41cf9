export const PAYMENT_METHODS = ['CASH', 'CARD', 'PATIENT_ACCOUNT', 'RECHARGE'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const SESSION_STATUSES = ['OPEN', 'CLOSED'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SALE_KINDS = ['SALE', 'REFUND'] as const;
export type SaleKind = (typeof SALE_KINDS)[number];

export const CASH_MOVEMENT_KINDS = ['IN', 'OUT'] as const;
export type CashMovementKind = (typeof CASH_MOVEMENT_KINDS)[number];

export const STOCK_MOVEMENT_KINDS = ['RECEIPT', 'SALE', 'REFUND', 'TAKE'] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

/** The accounts a till session posts to. */
export const TILL_ACCOUNTS = {
  cash: '1000',
  bank: '1100',
  cardClearing: '1050',
  stock: '1200',
  recharges: '1300',
  patientAccounts: '1310',
  costOfGoods: '5000',
  stockAdjustments: '5400',
  cashOverShort: '5950',
} as const;

export const PAYMENT_ACCOUNT: Record<PaymentMethod, string> = {
  CASH: TILL_ACCOUNTS.cash,
  CARD: TILL_ACCOUNTS.cardClearing,
  PATIENT_ACCOUNT: TILL_ACCOUNTS.patientAccounts,
  RECHARGE: TILL_ACCOUNTS.recharges,
};
