import { PAYMENT_ACCOUNT, TILL_ACCOUNTS, type PaymentMethod } from './tills.types';

export interface PaymentInput {
  method: PaymentMethod;
  amountPence: number;
}

export type PaymentProblem = { code: 'PAYMENT_SHORT' | 'CHANGE_NOT_CASH'; message: string } | null;

/**
 * Payments must cover the total; change is given in cash only, so what is paid by other
 * methods may not pass the total, and the change cannot exceed the cash tendered.
 */
export function checkPayments(totalPence: number, payments: readonly PaymentInput[]): { changePence: number; problem: PaymentProblem } {
  const paid = payments.reduce((s, p) => s + p.amountPence, 0);
  const cash = payments.filter((p) => p.method === 'CASH').reduce((s, p) => s + p.amountPence, 0);
  if (paid < totalPence) return { changePence: 0, problem: { code: 'PAYMENT_SHORT', message: `The payments (${paid}p) do not cover the total (${totalPence}p)` } };
  const changePence = paid - totalPence;
  if (changePence > cash) return { changePence: 0, problem: { code: 'CHANGE_NOT_CASH', message: 'Change is given in cash only: card, patient account and recharge payments may not pass the total' } };
  return { changePence, problem: null };
}

export interface PaidPart<T> {
  method: PaymentMethod;
  /** What this payment kept after change (cash) and earlier refunds. */
  remainingPence: number;
  ref: T;
}

/**
 * A refund pays back by the sale's own methods: cash first (cash back for a cash sale), then
 * the others in the order they were taken, never more than each still holds.
 */
export function allocateRefund<T>(amountPence: number, parts: readonly PaidPart<T>[]): { method: PaymentMethod; amountPence: number; ref: T }[] {
  const ordered = [...parts].sort((a, b) => (a.method === 'CASH' ? 0 : 1) - (b.method === 'CASH' ? 0 : 1));
  const out: { method: PaymentMethod; amountPence: number; ref: T }[] = [];
  let left = amountPence;
  for (const p of ordered) {
    if (left <= 0) break;
    const take = Math.min(left, p.remainingPence);
    if (take > 0) out.push({ method: p.method, amountPence: take, ref: p.ref });
    left -= take;
  }
  if (left > 0) throw new Error('Refund exceeds what the sale was paid');
  return out;
}

export interface SessionFacts {
  openingFloatPence: number;
  /** Sales and refunds with their lines and payments (refund payments are money paid back). */
  sales: {
    kind: 'SALE' | 'REFUND';
    changePence: number;
    lines: { quantity: number; unitPricePence: number; unitCostPence: number; incomeAccountCode: string }[];
    payments: { method: PaymentMethod; amountPence: number }[];
  }[];
  cashMovements: { kind: 'IN' | 'OUT'; amountPence: number }[];
}

export interface SessionTotals {
  expectedCashPence: number;
  /** Net takings per method (sales less change and refunds). */
  byMethod: Record<PaymentMethod, number>;
  incomeByAccount: Record<string, number>;
  costOfGoodsPence: number;
  cashInPence: number;
  cashOutPence: number;
  refundsPence: number;
  salesPence: number;
}

/** expected cash = float + cash sales - change - cash refunds + cash in - cash out */
export function sessionTotals(f: SessionFacts): SessionTotals {
  const byMethod: Record<PaymentMethod, number> = { CASH: 0, CARD: 0, PATIENT_ACCOUNT: 0, RECHARGE: 0 };
  const incomeByAccount: Record<string, number> = {};
  let costOfGoodsPence = 0;
  let refundsPence = 0;
  let salesPence = 0;
  for (const s of f.sales) {
    const sign = s.kind === 'SALE' ? 1 : -1;
    for (const p of s.payments) byMethod[p.method] += sign * p.amountPence;
    byMethod.CASH -= s.changePence;
    for (const l of s.lines) {
      incomeByAccount[l.incomeAccountCode] = (incomeByAccount[l.incomeAccountCode] ?? 0) + sign * l.quantity * l.unitPricePence;
      costOfGoodsPence += sign * l.quantity * l.unitCostPence;
      if (sign > 0) salesPence += l.quantity * l.unitPricePence;
      else refundsPence += l.quantity * l.unitPricePence;
    }
  }
  const cashInPence = f.cashMovements.filter((m) => m.kind === 'IN').reduce((s, m) => s + m.amountPence, 0);
  const cashOutPence = f.cashMovements.filter((m) => m.kind === 'OUT').reduce((s, m) => s + m.amountPence, 0);
  return { expectedCashPence: f.openingFloatPence + byMethod.CASH + cashInPence - cashOutPence, byMethod, incomeByAccount, costOfGoodsPence, cashInPence, cashOutPence, refundsPence, salesPence };
}

export interface EntryLine {
  accountCode: string;
  debitPence?: number;
  creditPence?: number;
}

/** A signed amount as a debit (positive) or credit (negative) line; zero gives no line. */
function line(accountCode: string, debitMinusCredit: number): EntryLine[] {
  if (debitMinusCredit === 0) return [];
  return debitMinusCredit > 0 ? [{ accountCode, debitPence: debitMinusCredit }] : [{ accountCode, creditPence: -debitMinusCredit }];
}

/**
 * The one journal entry of a session: takings by payment method against income by account,
 * cost of goods against stock, cash in/out against the bank, and the counted difference to
 * Cash over/short. It balances by construction: sum(takings) = sum(income) for every sale.
 */
export function sessionEntryLines(t: SessionTotals, countedCashPence: number): EntryLine[] {
  const differencePence = countedCashPence - t.expectedCashPence;
  const lines: EntryLine[] = [];
  lines.push(...line(TILL_ACCOUNTS.cash, t.byMethod.CASH + t.cashInPence - t.cashOutPence + differencePence));
  for (const m of ['CARD', 'PATIENT_ACCOUNT', 'RECHARGE'] as const) lines.push(...line(PAYMENT_ACCOUNT[m], t.byMethod[m]));
  for (const code of Object.keys(t.incomeByAccount).sort()) lines.push(...line(code, -t.incomeByAccount[code]));
  lines.push(...line(TILL_ACCOUNTS.costOfGoods, t.costOfGoodsPence));
  lines.push(...line(TILL_ACCOUNTS.stock, -t.costOfGoodsPence));
  lines.push(...line(TILL_ACCOUNTS.bank, t.cashOutPence - t.cashInPence));
  lines.push(...line(TILL_ACCOUNTS.cashOverShort, -differencePence));
  return lines;
}

/** New moving average cost after receiving `quantity` at `unitCostPence` (rounded half up). */
export function movingAverageCost(onHand: number, averageCostPence: number, quantity: number, unitCostPence: number): number {
  if (onHand <= 0) return unitCostPence;
  return Math.round((onHand * averageCostPence + quantity * unitCostPence) / (onHand + quantity));
}
