import { actionsFrom, deliveredQuantities, nextStatus, orderReference, standingOccurrences, totalOf } from './order-rules';
import type { OrderAction, OrderStatus } from './orders.types';

describe('order state machine', () => {
  const cases: [OrderStatus, OrderAction, OrderStatus | null][] = [
    ['REQUESTED', 'accept', 'ACCEPTED'],
    ['REQUESTED', 'decline', 'DECLINED'],
    ['REQUESTED', 'start', null],
    ['REQUESTED', 'deliver', null],
    ['REQUESTED', 'cancel', 'CANCELLED'],
    ['ACCEPTED', 'accept', null],
    ['ACCEPTED', 'decline', null],
    ['ACCEPTED', 'start', 'IN_PROGRESS'],
    ['ACCEPTED', 'deliver', 'DELIVERED'],
    ['ACCEPTED', 'cancel', 'CANCELLED'],
    ['IN_PROGRESS', 'deliver', 'DELIVERED'],
    ['IN_PROGRESS', 'cancel', 'CANCELLED'],
    ['IN_PROGRESS', 'start', null],
    ['DELIVERED', 'cancel', null],
    ['DELIVERED', 'deliver', null],
    ['DECLINED', 'accept', null],
    ['CANCELLED', 'accept', null],
    ['CANCELLED', 'cancel', null],
  ];
  it.each(cases)('from %s, %s leads to %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it('offers no action on a finished order', () => {
    expect(actionsFrom('DELIVERED')).toEqual([]);
    expect(actionsFrom('DECLINED')).toEqual([]);
    expect(actionsFrom('CANCELLED')).toEqual([]);
    expect(actionsFrom('REQUESTED')).toEqual(['accept', 'decline', 'cancel']);
  });
});

describe('delivered quantities', () => {
  const ordered = [
    { productId: 'a', quantity: 4 },
    { productId: 'b', quantity: 2 },
  ];
  it.each([
    ['everything as ordered when no lines are given', undefined, { a: 4, b: 2 }, 0],
    ['a shortfall on one line', [{ productId: 'a', quantity: 3 }], { a: 3, b: 2 }, 0],
    ['nothing of a line', [{ productId: 'b', quantity: 0 }], { a: 4, b: 0 }, 0],
    ['refuses more than ordered', [{ productId: 'a', quantity: 5 }], { a: 4, b: 2 }, 1],
    ['refuses a product not on the order', [{ productId: 'c', quantity: 1 }], { a: 4, b: 2 }, 1],
    ['refuses a product named twice', [{ productId: 'a', quantity: 1 }, { productId: 'a', quantity: 2 }], { a: 1, b: 2 }, 1],
  ])('%s', (_name, delivered, expected, problems) => {
    const r = deliveredQuantities(ordered, delivered);
    expect(Object.fromEntries(r.quantities)).toEqual(expected);
    expect(r.problems).toHaveLength(problems as number);
  });

  it('totals quantity x price in pence', () => {
    expect(totalOf([{ quantity: 3, unitPricePence: 350 }, { quantity: 1, unitPricePence: 99 }])).toBe(1149);
  });
});

describe('standing order occurrences', () => {
  it.each([
    ['Mondays and Thursdays in a fortnight', { weekdays: [1, 4], startsOn: '2026-01-01', endsOn: null }, '2026-11-02', '2026-11-15', ['2026-11-02', '2026-11-05', '2026-11-09', '2026-11-12']],
    ['not before it starts', { weekdays: [1, 4], startsOn: '2026-11-06', endsOn: null }, '2026-11-02', '2026-11-15', ['2026-11-09', '2026-11-12']],
    ['not after it ends', { weekdays: [1, 4], startsOn: '2026-01-01', endsOn: '2026-11-09' }, '2026-11-02', '2026-11-15', ['2026-11-02', '2026-11-05', '2026-11-09']],
    ['Sundays', { weekdays: [7], startsOn: '2026-01-01', endsOn: null }, '2026-11-01', '2026-11-10', ['2026-11-01', '2026-11-08']],
  ])('%s', (_name, s, from, to, expected) => {
    expect(standingOccurrences(s, from, to)).toEqual(expected);
  });

  it('makes a readable reference from the id', () => {
    expect(orderReference('3f9a2c1b-0000-4000-8000-000000000000')).toBe('WO-3F9A2C1B');
  });
});
