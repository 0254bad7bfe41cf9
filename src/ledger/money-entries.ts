import type { EntrySource, ReinvestmentPurpose } from './ledger.types';

/** Account codes of the template (ledger.types ACCOUNT_TEMPLATE) that everyday money posts to. */
export const CODES = {
  cash: '1000',
  bank: '1100',
  stock: '1200',
  wagesPayable: '2100',
  retainedSurplus: '3000',
  reinvestmentReserve: '3100',
  sales: '4000',
  internalContracts: '4100',
  grants: '4200',
  costOfGoods: '5000',
  wages: '5100',
  equipment: '5200',
  training: '5300',
  otherCosts: '5900',
} as const;

export const TAKINGS_METHODS = ['CASH', 'CARD'] as const;
export type TakingsMethod = (typeof TAKINGS_METHODS)[number];

export const PURCHASE_CATEGORIES = ['COST_OF_GOODS', 'EQUIPMENT', 'TRAINING', 'OTHER'] as const;
export type PurchaseCategory = (typeof PURCHASE_CATEGORIES)[number];

export const PAID_FROM = ['CASH', 'BANK'] as const;
export type PaidFrom = (typeof PAID_FROM)[number];

export const PURCHASE_LABELS: Record<PurchaseCategory, string> = {
  COST_OF_GOODS: 'Stock and ingredients (cost of goods)',
  EQUIPMENT: 'Equipment',
  TRAINING: 'Training',
  OTHER: 'Other costs',
};

export interface SimpleEntry {
  source: EntrySource;
  description: string;
  lines: { accountCode: string; debitPence?: number; creditPence?: number }[];
}

const pair = (debitCode: string, creditCode: string, amountPence: number) => [
  { accountCode: debitCode, debitPence: amountPence },
  { accountCode: creditCode, creditPence: amountPence },
];

/** Daily takings: card takings are banked, cash goes to the till. Dr Cash or Bank / Cr Sales. */
export function takingsEntry(method: TakingsMethod, amountPence: number, description?: string): SimpleEntry {
  return { source: 'SALE', description: description || `${method === 'CASH' ? 'Cash' : 'Card'} takings`, lines: pair(method === 'CASH' ? CODES.cash : CODES.bank, CODES.sales, amountPence) };
}

/** A purchase paid from the till or the bank. Dr the cost / Cr Cash or Bank. */
export function purchaseEntry(category: PurchaseCategory, paidFrom: PaidFrom, amountPence: number, description: string): SimpleEntry {
  const cost = { COST_OF_GOODS: CODES.costOfGoods, EQUIPMENT: CODES.equipment, TRAINING: CODES.training, OTHER: CODES.otherCosts }[category];
  return { source: 'PURCHASE', description, lines: pair(cost, paidFrom === 'CASH' ? CODES.cash : CODES.bank, amountPence) };
}

/** Income from another hospital department under an internal contract. Dr Bank / Cr Internal contracts. */
export function internalContractEntry(amountPence: number, description: string): SimpleEntry {
  return { source: 'INTERNAL_CONTRACT', description, lines: pair(CODES.bank, CODES.internalContracts, amountPence) };
}

/** A grant received. Dr Bank / Cr Grants. */
export function grantEntry(amountPence: number, description: string): SimpleEntry {
  return { source: 'GRANT', description, lines: pair(CODES.bank, CODES.grants, amountPence) };
}

/** Payroll from an approved timesheet: the wages owed (Dr Wages / Cr Wages payable)... */
export function wagesEntry(totalPayPence: number, weekStartOn: string): SimpleEntry {
  return { source: 'PAYROLL', description: `Wages for the week starting ${weekStartOn}`, lines: pair(CODES.wages, CODES.wagesPayable, totalPayPence) };
}

/** ...and their payment to the patients' accounts (Dr Wages payable / Cr Bank). */
export function wagesPaymentEntry(totalPayPence: number, weekStartOn: string): SimpleEntry {
  return { source: 'PAYROLL', description: `Wages paid to patients' accounts for the week starting ${weekStartOn}`, lines: pair(CODES.wagesPayable, CODES.bank, totalPayPence) };
}

/** Approval earmarks surplus: Dr Retained surplus / Cr Reinvestment reserve (equity to equity; surplus itself is unchanged). */
export function reserveEntry(amountPence: number, title: string): SimpleEntry {
  return { source: 'REINVESTMENT', description: `Reinvestment approved: ${title}`.slice(0, 300), lines: pair(CODES.retainedSurplus, CODES.reinvestmentReserve, amountPence) };
}

/** The expense account a purpose is spent on, unless the spender names another. */
export const PURPOSE_EXPENSE_CODE: Record<ReinvestmentPurpose, string> = {
  NEW_ROLE: CODES.wages,
  TRAINING: CODES.training,
  EQUIPMENT: CODES.equipment,
  PATIENT_BENEFIT: CODES.otherCosts,
  OTHER: CODES.otherCosts,
};

/**
 * Spending a reinvestment, as one compound entry:
 *   Dr Reinvestment reserve / Cr Retained surplus — the earmark is released, because the money
 *     is now actually spent and no longer needs setting aside;
 *   Dr Equipment, Training ... / Cr Bank — the spending itself, an expense paid from the bank.
 * Both pairs balance on their own, so the entry balances, and the reserve can never be left
 * holding an amount that has already gone out of the bank.
 */
export function spendEntry(amountPence: number, expenseCode: string, paidFromCode: string, title: string): SimpleEntry {
  return {
    source: 'REINVESTMENT',
    description: `Reinvestment spent: ${title}`.slice(0, 300),
    lines: [...pair(CODES.reinvestmentReserve, CODES.retainedSurplus, amountPence), ...pair(expenseCode, paidFromCode, amountPence)],
  };
}
