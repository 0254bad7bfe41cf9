import { addDays } from '../common/dates';
import { isoWeekday } from '../rota/time-rules';
import type { OrderAction, OrderStatus } from './orders.types';

/** The state machine: which action moves an order from which state to which. */
const TRANSITIONS: Record<OrderAction, { from: readonly OrderStatus[]; to: OrderStatus }> = {
  accept: { from: ['REQUESTED'], to: 'ACCEPTED' },
  decline: { from: ['REQUESTED'], to: 'DECLINED' },
  start: { from: ['ACCEPTED'], to: 'IN_PROGRESS' },
  deliver: { from: ['ACCEPTED', 'IN_PROGRESS'], to: 'DELIVERED' },
  // Before delivery only: a delivered order is corrected by the ledger, not by cancelling it.
  cancel: { from: ['REQUESTED', 'ACCEPTED', 'IN_PROGRESS'], to: 'CANCELLED' },
};

/** The state an action leads to from a state, or null when the action is not allowed there. */
export function nextStatus(from: OrderStatus, action: OrderAction): OrderStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

/** Actions open from a state (for pages: which buttons to show). */
export function actionsFrom(from: OrderStatus): OrderAction[] {
  return (Object.keys(TRANSITIONS) as OrderAction[]).filter((a) => nextStatus(from, a) !== null);
}

export interface PricedLine {
  productId: string;
  quantity: number;
  unitPricePence: number;
}

export function totalOf(lines: { quantity: number; unitPricePence: number }[]): number {
  return lines.reduce((s, l) => s + l.quantity * l.unitPricePence, 0);
}

/**
 * Delivered quantities: every line as ordered unless the delivery names a smaller quantity
 * (a shortfall). Problems: a product not on the order, a quantity above what was ordered, or
 * a product named twice.
 */
export function deliveredQuantities(
  ordered: { productId: string; quantity: number }[],
  delivered: { productId: string; quantity: number }[] | undefined,
): { quantities: Map<string, number>; problems: { field: string; message: string }[] } {
  const quantities = new Map(ordered.map((l) => [l.productId, l.quantity]));
  const problems: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  (delivered ?? []).forEach((d, i) => {
    const orderedQty = quantities.has(d.productId) ? ordered.find((o) => o.productId === d.productId)!.quantity : undefined;
    if (orderedQty === undefined) problems.push({ field: `lines.${i}.productId`, message: 'This product is not on the order' });
    else if (seen.has(d.productId)) problems.push({ field: `lines.${i}.productId`, message: 'This product is named twice' });
    else if (d.quantity > orderedQty) problems.push({ field: `lines.${i}.quantity`, message: `More than the ${orderedQty} ordered` });
    else quantities.set(d.productId, d.quantity);
    seen.add(d.productId);
  });
  return { quantities, problems };
}

/** The dates (YYYY-MM-DD, inclusive range) a weekly standing order falls on. */
export function standingOccurrences(s: { weekdays: number[]; startsOn: string; endsOn: string | null }, from: string, to: string): string[] {
  const out: string[] = [];
  const first = from > s.startsOn ? from : s.startsOn;
  const last = s.endsOn && s.endsOn < to ? s.endsOn : to;
  for (let d = first; d <= last; d = addDays(d, 1)) if (s.weekdays.includes(isoWeekday(d))) out.push(d);
  return out;
}

/** A short reference people can read out on the phone. */
export function orderReference(id: string): string {
  return `WO-${id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/** The reference of a service booking on statements. */
export function bookingReference(id: string): string {
  return `SB-${id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}
