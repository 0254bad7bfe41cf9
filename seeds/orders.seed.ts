import type { EntityManager } from 'typeorm';
import { ServiceBooking } from '../src/bookings/service-booking.entity';
import { OpeningHours } from '../src/bookings/opening-hours.entity';
import { slotsBetween } from '../src/bookings/slot-rules';
import { ProductPrice } from '../src/catalogue/product-price.entity';
import { Product } from '../src/catalogue/product.entity';
import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { LedgerRepository } from '../src/ledger/ledger.repository';
import { monthOf } from '../src/ledger/ledger-rules';
import { JournalPoster } from '../src/ledger/posting';
import { CostCentreUser } from '../src/orders/cost-centre-user.entity';
import { CostCentre } from '../src/orders/cost-centre.entity';
import { OrderEvent } from '../src/orders/order-event.entity';
import { OrderLine } from '../src/orders/order-line.entity';
import { bookingReference, orderReference, standingOccurrences } from '../src/orders/order-rules';
import { Order } from '../src/orders/order.entity';
import { RECHARGE_ACCOUNTS } from '../src/orders/orders.service';
import type { OrderStatus } from '../src/orders/orders.types';
import { StandingOrder } from '../src/orders/standing-order.entity';
import { londonInstant } from '../src/recruitment/london-time';
import { ClosureDay } from '../src/rota/closure-day.entity';
import { isoWeekday } from '../src/rota/time-rules';
import { demoId } from './demo-ids';
import { DEMO_ENTERPRISES } from './enterprises.seed';
import { DEMO_SITE_ID, DEMO_WARDS } from './foundation.seed';
import type { DemoSeed } from './seed';
import { random } from './random';

const user = (name: string) => demoId('user:' + name);

/** The wards' cost centres (named after them) and some departments, by key. */
export const DEMO_COST_CENTRES: Record<string, { code: string; name: string; wardId: string | null }> = {
  ...Object.fromEntries(Object.entries(DEMO_WARDS).map(([k, w]) => [k, { code: `W-${k.toUpperCase()}`, name: w.name, wardId: demoId('ward:' + k) }])),
  pharmacy: { code: 'D-PHARMACY', name: 'Pharmacy', wardId: null },
  estates: { code: 'D-ESTATES', name: 'Estates and Facilities', wardId: null },
  education: { code: 'D-EDUCATION', name: 'Recovery College', wardId: null },
  board: { code: 'D-BOARD', name: 'Trust Board Office', wardId: null },
};

interface DemoProduct {
  key: string;
  enterprise: string;
  name: string;
  category: string;
  pricePence: number;
  unit?: string;
  service?: { durationMinutes: number; slotCapacity: number; bufferMinutes: number; minimumNoticeMinutes: number; cancellationCutoffMinutes: number; detailsLabel: string };
}

const PRODUCTS: DemoProduct[] = [
  { key: 'laundry.bag', enterprise: 'laundry', name: 'Personal laundry bag', category: 'Laundry', pricePence: 350, unit: 'bag' },
  { key: 'laundry.linen', enterprise: 'laundry', name: 'Bed linen set', category: 'Laundry', pricePence: 275, unit: 'set' },
  { key: 'laundry.towels', enterprise: 'laundry', name: 'Towels, bundle of five', category: 'Laundry', pricePence: 200, unit: 'bundle' },
  { key: 'cafe.platter', enterprise: 'cafe', name: 'Sandwich platter for ten', category: 'Catering', pricePence: 2500, unit: 'platter' },
  { key: 'cafe.drinks', enterprise: 'cafe', name: 'Tea and coffee for ten', category: 'Catering', pricePence: 1200, unit: 'flask set' },
  { key: 'cafe.fruit', enterprise: 'cafe', name: 'Fruit bowl', category: 'Catering', pricePence: 800, unit: 'bowl' },
  { key: 'shop.toiletries', enterprise: 'shop', name: 'Toiletries pack', category: 'Ward supplies', pricePence: 450, unit: 'pack' },
  { key: 'shop.stationery', enterprise: 'shop', name: 'Stationery pack', category: 'Ward supplies', pricePence: 300, unit: 'pack' },
  { key: 'post.parcel', enterprise: 'post', name: 'Parcel collection', category: 'Post', pricePence: 150, unit: 'parcel' },
  { key: 'valet.full', enterprise: 'valet', name: 'Full valet', category: 'Valeting', pricePence: 1500, unit: 'car', service: { durationMinutes: 60, slotCapacity: 2, bufferMinutes: 15, minimumNoticeMinutes: 120, cancellationCutoffMinutes: 240, detailsLabel: 'Vehicle registration' } },
  { key: 'valet.wash', enterprise: 'valet', name: 'Exterior wash', category: 'Valeting', pricePence: 600, unit: 'car', service: { durationMinutes: 30, slotCapacity: 2, bufferMinutes: 10, minimumNoticeMinutes: 60, cancellationCutoffMinutes: 60, detailsLabel: 'Vehicle registration' } },
];

export const DEMO_PRODUCTS: Record<string, string> = Object.fromEntries(PRODUCTS.map((p) => [p.key, demoId('product:' + p.key)]));

interface DemoStanding {
  key: string;
  ward: string;
  weekdays: number[];
  time: string;
  lines: [string, number][];
  location: string;
}

/** "Alder ward laundry, Mondays and Thursdays" and the like. */
const STANDING: DemoStanding[] = [
  { key: 'alder-laundry', ward: 'alder', weekdays: [1, 4], time: '10:00', lines: [['laundry.bag', 8], ['laundry.linen', 6]], location: 'Alder Ward laundry room' },
  { key: 'birch-laundry', ward: 'birch', weekdays: [2, 5], time: '10:00', lines: [['laundry.bag', 6], ['laundry.linen', 5], ['laundry.towels', 2]], location: 'Birch Ward linen cupboard' },
  { key: 'cedar-laundry', ward: 'cedar', weekdays: [3], time: '11:00', lines: [['laundry.bag', 7], ['laundry.linen', 7]], location: 'Cedar Ward laundry room' },
];

/**
 * The hospital as customer: cost centres for each demo ward and some departments, the
 * catalogue (laundry, catering, shop, post and the car valet's services), the valet's opening
 * hours, standing laundry orders with last month and this month delivered and recharged
 * through the real JournalPoster, departmental catering orders, and car valet bookings.
 */
export const ordersSeed: DemoSeed = {
  name: '2026-12-orders',
  async run(em: EntityManager, { now }) {
    const poster = new JournalPoster(new LedgerRepository());
    const rnd = random('orders');
    const today = londonDate(now);

    const cc: Record<string, CostCentre> = {};
    for (const [key, c] of Object.entries(DEMO_COST_CENTRES)) {
      cc[key] = { id: demoId('cost-centre:' + key), code: c.code, name: c.name, wardId: c.wardId, budgetHolderUserId: key === 'board' ? user('admin') : null, active: true, createdAt: now } as CostCentre;
      await em.insert(CostCentre, cc[key]);
    }
    // The employment specialist runs sessions at the Recovery College and orders its catering.
    await em.insert(CostCentreUser, { costCentreId: cc.education.id, userId: user('specialist') });
    await em.insert(CostCentreUser, { costCentreId: cc.estates.id, userId: user('ward') });

    const products = new Map<string, Product>();
    for (const p of PRODUCTS) {
      const row = {
        id: DEMO_PRODUCTS[p.key],
        enterpriseId: DEMO_ENTERPRISES[p.enterprise],
        kind: p.service ? 'SERVICE' : 'PRODUCT',
        name: p.name,
        category: p.category,
        pricePence: p.pricePence,
        unit: p.unit ?? null,
        active: true,
        durationMinutes: p.service?.durationMinutes ?? null,
        slotCapacity: p.service?.slotCapacity ?? null,
        bufferMinutes: p.service?.bufferMinutes ?? null,
        minimumNoticeMinutes: p.service?.minimumNoticeMinutes ?? null,
        cancellationCutoffMinutes: p.service?.cancellationCutoffMinutes ?? null,
        detailsLabel: p.service?.detailsLabel ?? null,
        createdByUserId: user('admin'),
        createdAt: now,
        updatedAt: now,
      } as Product;
      await em.insert(Product, row);
      await em.insert(ProductPrice, { id: newId(), productId: row.id, pricePence: row.pricePence, effectiveOn: addDays(today, -120), createdByUserId: user('admin'), createdAt: now });
      products.set(p.key, row);
    }
    // A price rise from next month, so the dated history shows.
    await em.insert(ProductPrice, { id: newId(), productId: DEMO_PRODUCTS['laundry.towels'], pricePence: 225, effectiveOn: `${monthOf(addDays(`${today.slice(0, 7)}-28`, 7))}-01`, createdByUserId: user('admin'), createdAt: now });

    // The car valet: "Monday to Thursday, 9am to 4pm".
    for (const weekday of [1, 2, 3, 4]) await em.insert(OpeningHours, { id: newId(), enterpriseId: DEMO_ENTERPRISES.valet, weekday, opensAt: '09:00', closesAt: '16:00' });

    let n = 0;
    const addOrder = async (o: { enterprise: string; cc: string; lines: [string, number][]; neededByAt: Date; location: string; by: string; status: OrderStatus; standingId?: string; on?: string; shortBy?: number; notes?: string; reason?: string }) => {
      const id = demoId(`order:${++n}`);
      const lines = o.lines.map(([key, quantity], i) => {
        const p = products.get(key)!;
        const delivered = o.status === 'DELIVERED' ? Math.max(0, quantity - (i === 0 ? (o.shortBy ?? 0) : 0)) : null;
        return { id: newId(), orderId: id, lineNo: i + 1, productId: p.id, productName: p.name, quantity, unitPricePence: p.pricePence, deliveredQuantity: delivered } as OrderLine;
      });
      const totalPence = lines.reduce((s, l) => s + l.quantity * l.unitPricePence, 0);
      const deliveredTotalPence = o.status === 'DELIVERED' ? lines.reduce((s, l) => s + l.deliveredQuantity! * l.unitPricePence, 0) : null;
      const placedAt = new Date(o.neededByAt.getTime() - 3 * 86_400_000);
      const lead = user(o.enterprise === 'laundry' || o.enterprise === 'post' ? 'admin' : 'lead');
      const path: [OrderStatus, string, Date][] = [['REQUESTED', o.by, placedAt]];
      if (['ACCEPTED', 'IN_PROGRESS', 'DELIVERED'].includes(o.status)) path.push(['ACCEPTED', lead, new Date(placedAt.getTime() + 3 * 3600_000)]);
      if (['IN_PROGRESS', 'DELIVERED'].includes(o.status)) path.push(['IN_PROGRESS', lead, new Date(o.neededByAt.getTime() - 2 * 3600_000)]);
      if (o.status === 'DELIVERED') path.push(['DELIVERED', o.by, new Date(o.neededByAt.getTime() - 15 * 60_000)]);
      if (o.status === 'DECLINED' || o.status === 'CANCELLED') path.push([o.status, o.status === 'DECLINED' ? lead : o.by, new Date(placedAt.getTime() + 3600_000)]);
      let journalEntryId: string | null = null;
      let rechargedOn: string | null = null;
      const deliveredAt = o.status === 'DELIVERED' ? path[path.length - 1][2] : null;
      if (deliveredAt && deliveredTotalPence) {
        const posted = await poster.post(
          em,
          {
            enterpriseId: DEMO_ENTERPRISES[o.enterprise],
            userId: o.by,
            idempotencyKey: `order-delivery:${id}`,
            occurredOn: londonDate(deliveredAt),
            description: `Recharge ${orderReference(id)} to ${cc[o.cc].code} ${cc[o.cc].name}`,
            source: 'INTERNAL_CONTRACT',
            postToNextOpenPeriod: true,
            lines: [
              { accountCode: RECHARGE_ACCOUNTS.receivable, debitPence: deliveredTotalPence },
              { accountCode: RECHARGE_ACCOUNTS.income, creditPence: deliveredTotalPence },
            ],
          },
          undefined,
        );
        journalEntryId = posted.entry.id;
        rechargedOn = posted.entry.occurredOn;
      }
      await em.insert(Order, {
        id,
        reference: orderReference(id),
        enterpriseId: DEMO_ENTERPRISES[o.enterprise],
        costCentreId: cc[o.cc].id,
        status: o.status,
        neededByAt: o.neededByAt,
        location: o.location,
        notes: o.notes ?? null,
        customerName: null,
        totalPence,
        deliveredTotalPence,
        standingOrderId: o.standingId ?? null,
        occurrenceOn: o.on ?? null,
        reason: o.reason ?? null,
        shortfallNote: o.shortBy ? `${o.shortBy} short: still drying` : null,
        journalEntryId,
        rechargedOn,
        requestedByUserId: o.by,
        deliveredAt,
        createdAt: placedAt,
        updatedAt: path[path.length - 1][2],
      } as Order);
      await em.insert(OrderLine, lines);
      for (const [i, [status, by, at]] of path.entries()) await em.insert(OrderEvent, { id: newId(), orderId: id, fromStatus: i ? path[i - 1][0] : null, toStatus: status, reason: status === o.status ? (o.reason ?? null) : null, byUserId: by, at });
    };

    // Standing laundry orders: last month and this month so far delivered, the next fortnight requested or accepted.
    const from = `${monthOf(addDays(`${today.slice(0, 7)}-01`, -1))}-01`;
    for (const s of STANDING) {
      const id = demoId('standing-order:' + s.key);
      const by = s.ward === 'alder' ? user('ward') : user('ot');
      await em.insert(StandingOrder, { id, enterpriseId: DEMO_ENTERPRISES.laundry, costCentreId: cc[s.ward].id, weekdays: s.weekdays, neededByTime: s.time, lines: s.lines.map(([key, quantity]) => ({ productId: DEMO_PRODUCTS[key], quantity })), location: s.location, notes: null, startsOn: from, endsOn: null, active: true, createdByUserId: by, createdAt: now });
      for (const on of standingOccurrences({ weekdays: s.weekdays, startsOn: from, endsOn: null }, from, addDays(today, 13))) {
        const neededByAt = londonInstant(on, s.time)!;
        const past = neededByAt.getTime() < now.getTime();
        const status: OrderStatus = past ? 'DELIVERED' : on <= addDays(today, 3) ? 'ACCEPTED' : 'REQUESTED';
        await addOrder({ enterprise: 'laundry', cc: s.ward, lines: s.lines, neededByAt, location: s.location, by, status, standingId: id, on, shortBy: past && rnd(0, 9) === 0 ? 1 : 0 });
      }
    }

    // Departments order catering and supplies now and then.
    const oneOffs: { enterprise: string; cc: string; lines: [string, number][]; location: string; by: string; notes?: string }[] = [
      { enterprise: 'cafe', cc: 'board', lines: [['cafe.platter', 2], ['cafe.drinks', 2]], location: 'Board room, admin building', by: user('admin'), notes: 'Two vegetarian platters please' },
      { enterprise: 'cafe', cc: 'education', lines: [['cafe.drinks', 1], ['cafe.fruit', 1]], location: 'Recovery College, room 2', by: user('specialist') },
      { enterprise: 'shop', cc: 'alder', lines: [['shop.toiletries', 6], ['shop.stationery', 2]], location: 'Alder Ward office', by: user('ward') },
      { enterprise: 'post', cc: 'pharmacy', lines: [['post.parcel', 4]], location: 'Pharmacy hatch', by: user('admin') },
    ];
    for (let day = from; day < addDays(today, 10); day = addDays(day, 7)) {
      for (const [i, o] of oneOffs.entries()) {
        const on = addDays(day, i + 1);
        if (isoWeekday(on) > 5) continue;
        const neededByAt = londonInstant(on, '12:00')!;
        const past = neededByAt.getTime() < now.getTime();
        await addOrder({ ...o, neededByAt, status: past ? 'DELIVERED' : 'REQUESTED' });
      }
    }
    await addOrder({ ...oneOffs[0], neededByAt: londonInstant(addDays(today, -4), '12:00')!, status: 'DECLINED', reason: 'The café is closed for a deep clean that day' });
    await addOrder({ ...oneOffs[2], neededByAt: londonInstant(addDays(today, -6), '12:00')!, status: 'CANCELLED', reason: 'Ordered twice by mistake' });

    // Car valet bookings over the next fortnight, one on a day the valet has since closed.
    const full = products.get('valet.full')!;
    const wash = products.get('valet.wash')!;
    const hours = [1, 2, 3, 4].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '16:00' }));
    const customers = ['ward', 'ot', 'specialist', 'admin', 'lead'];
    const closedOn = (() => {
      let d = addDays(today, 8);
      while (isoWeekday(d) > 4) d = addDays(d, 1);
      return d;
    })();
    let b = 0;
    for (const service of [full, wash]) {
      const slots = slotsBetween(addDays(today, 1), addDays(today, 14), { durationMinutes: service.durationMinutes!, bufferMinutes: service.bufferMinutes!, minimumNoticeMinutes: 0 }, hours, new Set(), now);
      for (const [i, slot] of slots.entries()) {
        if (i % 3 !== 0) continue;
        const customer = customers[b % customers.length];
        const recharge = customer === 'admin';
        await em.insert(ServiceBooking, {
          id: demoId(`service-booking:${++b}`),
          serviceId: service.id,
          enterpriseId: DEMO_ENTERPRISES.valet,
          startAt: slot.startAt,
          endAt: slot.endAt,
          customerUserId: user(customer),
          customerName: null,
          details: `DM${10 + (b % 60)} ${['KLR', 'PTX', 'HWA', 'ZNB'][b % 4]}`,
          payment: recharge ? 'RECHARGE' : 'ON_COLLECTION',
          costCentreId: recharge ? cc.estates.id : null,
          pricePence: service.pricePence,
          status: b % 11 === 0 ? 'CANCELLED' : 'BOOKED',
          cancelReason: b % 11 === 0 ? 'Car needed for a home visit' : null,
          cancelledAt: b % 11 === 0 ? now : null,
          completedAt: null,
          journalEntryId: null,
          rechargedOn: null,
          createdByUserId: user(customer),
          createdAt: now,
        } as ServiceBooking);
      }
    }
    // Last month the estates team had its pool cars valeted on recharge: done and posted.
    const pastSlots = slotsBetween(from, `${from.slice(0, 7)}-28`, { durationMinutes: full.durationMinutes!, bufferMinutes: full.bufferMinutes!, minimumNoticeMinutes: 0 }, hours, new Set(), new Date(0)).filter((_, i) => i % 9 === 0).slice(0, 6);
    for (const slot of pastSlots) {
      const id = demoId(`service-booking:${++b}`);
      const doneAt = new Date(slot.endAt.getTime() + 5 * 60_000);
      const posted = await poster.post(
        em,
        {
          enterpriseId: DEMO_ENTERPRISES.valet,
          userId: user('lead'),
          idempotencyKey: `service-booking:${id}`,
          occurredOn: londonDate(doneAt),
          description: `Recharge ${bookingReference(id)} ${full.name} to ${cc.estates.code} ${cc.estates.name}`,
          source: 'INTERNAL_CONTRACT',
          postToNextOpenPeriod: true,
          lines: [
            { accountCode: RECHARGE_ACCOUNTS.receivable, debitPence: full.pricePence },
            { accountCode: RECHARGE_ACCOUNTS.income, creditPence: full.pricePence },
          ],
        },
        undefined,
      );
      await em.insert(ServiceBooking, {
        id,
        serviceId: full.id,
        enterpriseId: DEMO_ENTERPRISES.valet,
        startAt: slot.startAt,
        endAt: slot.endAt,
        customerUserId: user('ward'),
        customerName: null,
        details: `Pool car ${b % 5}`,
        payment: 'RECHARGE',
        costCentreId: cc.estates.id,
        pricePence: full.pricePence,
        status: 'COMPLETED',
        cancelReason: null,
        cancelledAt: null,
        completedAt: doneAt,
        journalEntryId: posted.entry.id,
        rechargedOn: posted.entry.occurredOn,
        createdByUserId: user('ward'),
        createdAt: new Date(slot.startAt.getTime() - 3 * 86_400_000),
      } as ServiceBooking);
    }
    await em.insert(ClosureDay, { id: newId(), siteId: DEMO_SITE_ID, enterpriseId: DEMO_ENTERPRISES.valet, date: closedOn, reason: 'Pressure washer being serviced', createdByUserId: user('lead'), createdAt: now });
  },
};
