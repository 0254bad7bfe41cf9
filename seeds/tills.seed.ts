import type { EntityManager } from 'typeorm';
import { CustomerPrice } from '../src/catalogue/customer-price.entity';
import type { CustomerType } from '../src/catalogue/catalogue.types';
import { ProductPrice } from '../src/catalogue/product-price.entity';
import { Product } from '../src/catalogue/product.entity';
import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { LedgerRepository } from '../src/ledger/ledger.repository';
import { JournalPoster } from '../src/ledger/posting';
import { londonInstant } from '../src/recruitment/london-time';
import { isoWeekday } from '../src/rota/time-rules';
import { StockMovement } from '../src/tills/stock-movement.entity';
import { TillCashMovement } from '../src/tills/till-cash-movement.entity';
import { TillPayment } from '../src/tills/till-payment.entity';
import { checkPayments, movingAverageCost, sessionEntryLines, sessionTotals, type SessionFacts } from '../src/tills/till-rules';
import { TillSaleLine } from '../src/tills/till-sale-line.entity';
import { TillSale } from '../src/tills/till-sale.entity';
import { TillSession } from '../src/tills/till-session.entity';
import { TILL_ACCOUNTS, type PaymentMethod } from '../src/tills/tills.types';
import { demoId } from './demo-ids';
import { DEMO_ENTERPRISES } from './enterprises.seed';
import type { DemoSeed } from './seed';
import { random } from './random';

interface TillProduct {
  key: string;
  enterprise: 'cafe' | 'shop';
  name: string;
  category: string;
  pricePence: number;
  /** Unit cost when tracked; untracked (made to order) otherwise. */
  costPence?: number;
  reorderLevel?: number;
  staffPricePence?: number;
}

const TILL_PRODUCTS: TillProduct[] = [
  { key: 'cafe.tea', enterprise: 'cafe', name: 'Tea', category: 'Hot drinks', pricePence: 120, staffPricePence: 100 },
  { key: 'cafe.coffee', enterprise: 'cafe', name: 'Coffee', category: 'Hot drinks', pricePence: 180, staffPricePence: 150 },
  { key: 'cafe.hot-chocolate', enterprise: 'cafe', name: 'Hot chocolate', category: 'Hot drinks', pricePence: 200 },
  { key: 'cafe.sandwich', enterprise: 'cafe', name: 'Cheese sandwich', category: 'Food', pricePence: 350, costPence: 140, reorderLevel: 10 },
  { key: 'cafe.toastie', enterprise: 'cafe', name: 'Ham toastie', category: 'Food', pricePence: 400, costPence: 170, reorderLevel: 10 },
  { key: 'cafe.soup', enterprise: 'cafe', name: 'Soup of the day', category: 'Food', pricePence: 300 },
  { key: 'cafe.flapjack', enterprise: 'cafe', name: 'Flapjack', category: 'Cakes', pricePence: 150, costPence: 55, reorderLevel: 15 },
  { key: 'cafe.brownie', enterprise: 'cafe', name: 'Brownie', category: 'Cakes', pricePence: 175, costPence: 70, reorderLevel: 15 },
  { key: 'shop.crisps', enterprise: 'shop', name: 'Crisps', category: 'Snacks', pricePence: 80, costPence: 35, reorderLevel: 30 },
  { key: 'shop.chocolate', enterprise: 'shop', name: 'Chocolate bar', category: 'Snacks', pricePence: 90, costPence: 45, reorderLevel: 30 },
  { key: 'shop.water', enterprise: 'shop', name: 'Bottle of water', category: 'Drinks', pricePence: 100, costPence: 30, reorderLevel: 24 },
  { key: 'shop.squash', enterprise: 'shop', name: 'Squash', category: 'Drinks', pricePence: 150, costPence: 70, reorderLevel: 12 },
  { key: 'shop.toothpaste', enterprise: 'shop', name: 'Toothpaste', category: 'Toiletries', pricePence: 250, costPence: 120, reorderLevel: 6 },
  { key: 'shop.shower-gel', enterprise: 'shop', name: 'Shower gel', category: 'Toiletries', pricePence: 300, costPence: 140, reorderLevel: 6 },
  { key: 'shop.phone-card', enterprise: 'shop', name: 'Phone top-up £5', category: 'Services', pricePence: 500, costPence: 500 },
  { key: 'shop.newspaper', enterprise: 'shop', name: 'Newspaper', category: 'Papers', pricePence: 150 },
];

export const DEMO_TILL_PRODUCTS: Record<string, string> = Object.fromEntries(TILL_PRODUCTS.map((p) => [p.key, demoId('till-product:' + p.key)]));

/**
 * Four weeks of counter trading at the Riverside Café and the Hub Shop: till products (some
 * with stock and a staff price), weekly deliveries posted as purchases, and one session per
 * trading day with sales by cash, card, patient account and ward recharge, the odd refund and
 * cash movement, a cash count, and the session's one journal entry from the same rules the till
 * uses (sessionTotals, sessionEntryLines) through the real JournalPoster.
 */
export const tillsSeed: DemoSeed = {
  name: '2026-12-tills',
  async run(em: EntityManager, { now }) {
    const poster = new JournalPoster(new LedgerRepository());
    const rnd = random('tills');
    const today = londonDate(now);
    const lead = demoId('user:lead');
    const products = new Map<string, Product>();
    for (const p of TILL_PRODUCTS) {
      const row = {
        id: DEMO_TILL_PRODUCTS[p.key],
        enterpriseId: DEMO_ENTERPRISES[p.enterprise],
        kind: 'PRODUCT',
        name: p.name,
        category: p.category,
        pricePence: p.pricePence,
        unit: null,
        active: true,
        durationMinutes: null,
        slotCapacity: null,
        bufferMinutes: null,
        minimumNoticeMinutes: null,
        cancellationCutoffMinutes: null,
        detailsLabel: null,
        incomeAccountCode: '4000',
        trackStock: p.costPence !== undefined,
        allowNegativeStock: p.key === 'shop.phone-card',
        stockOnHand: 0,
        averageCostPence: 0,
        reorderLevel: p.reorderLevel ?? null,
        createdByUserId: lead,
        createdAt: new Date(now.getTime() - 40 * 86_400_000),
        updatedAt: now,
      } as Product;
      await em.insert(Product, row);
      await em.insert(ProductPrice, { id: newId(), productId: row.id, pricePence: p.pricePence, effectiveOn: addDays(today, -40), createdByUserId: lead, createdAt: row.createdAt });
      if (p.staffPricePence) await em.insert(CustomerPrice, { id: newId(), productId: row.id, customerType: 'STAFF', pricePence: p.staffPricePence, effectiveOn: addDays(today, -40), createdByUserId: lead, createdAt: row.createdAt });
      products.set(p.key, row);
    }
    const spec = new Map(TILL_PRODUCTS.map((p) => [p.key, p]));
    const specById = new Map(TILL_PRODUCTS.map((p) => [DEMO_TILL_PRODUCTS[p.key], p]));
    const byId = new Map([...products.values()].map((p) => [p.id, p]));
    const wardCc = [demoId('cost-centre:alder'), demoId('cost-centre:birch')];
    const patients = ['p01', 'p02', 'p05', 'p06'].map((k) => demoId('patient:' + k));

    for (const ent of ['cafe', 'shop'] as const) {
      const enterpriseId = DEMO_ENTERPRISES[ent];
      const keys = TILL_PRODUCTS.filter((p) => p.enterprise === ent).map((p) => p.key);
      let floatPence = 5000;
      for (let d = 28; d >= 1; d--) {
        const day = addDays(today, -d);
        if (isoWeekday(day) > 5) continue;
        const openedAt = londonInstant(day, '09:00')!;

        // Monday deliveries: top tracked stock back up and post the purchase.
        if (isoWeekday(day) === 1 || d >= 27) {
          let purchasePence = 0;
          const moves: StockMovement[] = [];
          for (const k of keys) {
            const p = products.get(k)!;
            const s = spec.get(k)!;
            if (!p.trackStock || p.stockOnHand >= 60) continue;
            const qty = 60 - Math.max(p.stockOnHand, 0);
            const cost = s.costPence! + rnd(-5, 5);
            p.averageCostPence = movingAverageCost(p.stockOnHand, p.averageCostPence, qty, cost);
            p.stockOnHand += qty;
            purchasePence += qty * cost;
            moves.push({ id: newId(), enterpriseId, productId: p.id, kind: 'RECEIPT', quantity: qty, unitCostPence: cost, onHandAfter: p.stockOnHand, saleId: null, reason: null, journalEntryId: null, byUserId: lead, createdAt: new Date(openedAt.getTime() - 3_600_000) } as StockMovement);
          }
          if (purchasePence) {
            const posted = await poster.post(em, { enterpriseId, userId: lead, idempotencyKey: `demo-stock-receipt:${ent}:${day}`, occurredOn: day, description: 'Stock received', source: 'PURCHASE', postToNextOpenPeriod: true, lines: [{ accountCode: TILL_ACCOUNTS.stock, debitPence: purchasePence }, { accountCode: TILL_ACCOUNTS.bank, creditPence: purchasePence }] }, undefined);
            await em.insert(StockMovement, moves.map((m) => ({ ...m, journalEntryId: posted.entry.id })));
          }
        }

        const sessionId = demoId(`till-session:${ent}:${day}`);
        const facts: SessionFacts = { openingFloatPence: floatPence, sales: [], cashMovements: [] };
        const soldSales: { sale: TillSale; lines: TillSaleLine[]; method: PaymentMethod; kept: number }[] = [];
        const count = rnd(14, 30);
        for (let i = 0; i < count; i++) {
          const at = new Date(openedAt.getTime() + (i + 1) * Math.floor((7 * 3_600_000) / (count + 1)));
          const roll = rnd(1, 100);
          const method: PaymentMethod = roll <= 62 ? 'CASH' : roll <= 88 ? 'CARD' : roll <= 95 ? 'PATIENT_ACCOUNT' : 'RECHARGE';
          const customerType: CustomerType = method === 'PATIENT_ACCOUNT' ? 'PATIENT' : method === 'RECHARGE' ? 'WARD' : rnd(1, 3) === 1 ? 'STAFF' : 'VISITOR';
          const saleId = newId();
          const lines: TillSaleLine[] = [];
          const nLines = rnd(1, 3);
          for (let j = 0; j < nLines; j++) {
            const p = products.get(keys[rnd(0, keys.length - 1)])!;
            if (lines.some((l) => l.productId === p.id)) continue;
            const quantity = customerType === 'WARD' ? rnd(4, 10) : rnd(1, 2);
            if (p.trackStock && !p.allowNegativeStock && p.stockOnHand < quantity) continue;
            const s = specById.get(p.id)!;
            const unitPricePence = customerType === 'STAFF' && s.staffPricePence ? s.staffPricePence : p.pricePence;
            lines.push({ id: newId(), saleId, lineNo: lines.length + 1, productId: p.id, productName: p.name, category: p.category, quantity, unitPricePence, unitCostPence: p.trackStock ? p.averageCostPence : 0, incomeAccountCode: p.incomeAccountCode } as TillSaleLine);
            if (p.trackStock) p.stockOnHand -= quantity;
          }
          if (!lines.length) continue;
          const total = lines.reduce((t, l) => t + l.quantity * l.unitPricePence, 0);
          const tendered = method === 'CASH' ? Math.ceil(total / [100, 500, 1000][rnd(0, 2)]) * [100, 500, 1000][rnd(0, 2)] : total;
          const paid = Math.max(tendered, total);
          const { changePence, problem } = checkPayments(total, [{ method, amountPence: paid }]);
          if (problem) throw new Error(problem.message);
          const sale = { id: saleId, clientId: newId(), sessionId, enterpriseId, kind: 'SALE', customerType, totalPence: total, changePence, refundOfSaleId: null, reason: null, operatorUserId: lead, createdAt: at } as TillSale;
          const payment = { id: newId(), saleId, method, amountPence: paid, patientId: method === 'PATIENT_ACCOUNT' ? patients[rnd(0, patients.length - 1)] : null, costCentreId: method === 'RECHARGE' ? wardCc[rnd(0, 1)] : null } as TillPayment;
          await em.insert(TillSale, sale);
          await em.insert(TillSaleLine, lines);
          await em.insert(TillPayment, payment);
          await em.insert(StockMovement, lines.filter((l) => byId.get(l.productId)!.trackStock).map((l) => ({ id: newId(), enterpriseId, productId: l.productId, kind: 'SALE', quantity: -l.quantity, unitCostPence: l.unitCostPence, onHandAfter: byId.get(l.productId)!.stockOnHand, saleId, reason: null, journalEntryId: null, byUserId: lead, createdAt: at }) as StockMovement));
          facts.sales.push({ kind: 'SALE', changePence, lines, payments: [payment] });
          soldSales.push({ sale, lines, method, kept: paid - changePence });
        }

        // Now and then a refund of one item of a cash or card sale, paid back the same way.
        if (rnd(1, 4) === 1 && soldSales.length) {
          const s = soldSales.find((x) => x.method === 'CASH' || x.method === 'CARD');
          if (s) {
            const l = s.lines[0];
            const refundId = newId();
            const line = { ...l, id: newId(), saleId: refundId, lineNo: 1, quantity: 1 } as TillSaleLine;
            const back = { id: newId(), saleId: refundId, method: s.method, amountPence: l.unitPricePence, patientId: null, costCentreId: null } as TillPayment;
            await em.insert(TillSale, { id: refundId, clientId: newId(), sessionId, enterpriseId, kind: 'REFUND', customerType: s.sale.customerType, totalPence: l.unitPricePence, changePence: 0, refundOfSaleId: s.sale.id, reason: 'Not as expected', operatorUserId: lead, createdAt: new Date(openedAt.getTime() + 7.5 * 3_600_000) } as TillSale);
            await em.insert(TillSaleLine, line);
            await em.insert(TillPayment, back);
            const p = byId.get(l.productId)!;
            if (p.trackStock) p.stockOnHand += 1;
            facts.sales.push({ kind: 'REFUND', changePence: 0, lines: [line], payments: [back] });
          }
        }
        if (rnd(1, 5) === 1) {
          const m = { id: newId(), sessionId, kind: 'OUT' as const, amountPence: rnd(150, 400), reason: 'Milk and bread from the supermarket', byUserId: lead, createdAt: new Date(openedAt.getTime() + 3 * 3_600_000) } as TillCashMovement;
          await em.insert(TillCashMovement, m);
          facts.cashMovements.push(m);
        }

        const totals = sessionTotals(facts);
        const counted = totals.expectedCashPence + (rnd(1, 6) === 1 ? rnd(-60, 20) : 0);
        const lines = sessionEntryLines(totals, counted);
        let journalEntryId: string | null = null;
        if (lines.length) {
          const posted = await poster.post(em, { enterpriseId, userId: lead, idempotencyKey: `till-session:${sessionId}`, occurredOn: day, description: `Till Main: session opened ${day} 09:00`, source: 'SALE', postToNextOpenPeriod: true, lines }, undefined);
          journalEntryId = posted.entry.id;
        }
        await em.insert(TillSession, { id: sessionId, enterpriseId, till: 'Main', openKey: sessionId, status: 'CLOSED', openingFloatPence: floatPence, expectedCashPence: totals.expectedCashPence, countedCashPence: counted, journalEntryId, openedByUserId: lead, openedAt, closedByUserId: lead, closedAt: new Date(openedAt.getTime() + 8 * 3_600_000) } as TillSession);
        floatPence = counted;
      }
    }
    for (const p of products.values()) await em.update(Product, { id: p.id }, { stockOnHand: p.stockOnHand, averageCostPence: p.averageCostPence });
  },
};
