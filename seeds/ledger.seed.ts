import { In, type EntityManager } from 'typeorm';
import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { EnterpriseLead } from '../src/enterprises/enterprise-lead.entity';
import { Enterprise } from '../src/enterprises/enterprise.entity';
import type { EnterpriseKind } from '../src/enterprises/enterprise.types';
import { WorkRole } from '../src/enterprises/work-role.entity';
import { LedgerPeriod } from '../src/ledger/ledger-period.entity';
import { LedgerRepository } from '../src/ledger/ledger.repository';
import { availableSurplus, monthOf, nextMonth } from '../src/ledger/ledger-rules';
import type { ReinvestmentPurpose } from '../src/ledger/ledger.types';
import { CODES, grantEntry, internalContractEntry, purchaseEntry, reserveEntry, spendEntry, wagesEntry, wagesPaymentEntry, PURPOSE_EXPENSE_CODE, type SimpleEntry } from '../src/ledger/money-entries';
import { PayrollRun } from '../src/ledger/payroll-run.entity';
import { JournalPoster } from '../src/ledger/posting';
import { ReinvestmentProposal } from '../src/ledger/reinvestment-proposal.entity';
import { Placement } from '../src/recruitment/placement.entity';
import { Timesheet } from '../src/rota/timesheet.entity';
import { isoWeekday } from '../src/rota/time-rules';
import { User } from '../src/users/user.entity';
import { demoId } from './demo-ids';
import type { DemoSeed } from './seed';
import { random } from './random';

/** How an enterprise trades, in pence: what it takes on which weekdays, what it buys and pays. */
interface Trading {
  /** ISO weekdays with takings. */
  days: number[];
  cash: [number, number];
  card: [number, number];
  /** Share of the week's takings spent on stock (cost of goods), bought each Monday from the bank. */
  stockShare: number;
  /** Weekly consumables paid from the till or the bank. */
  supplies: [number, number];
  /** Internal-contract income paid monthly by a hospital department. */
  contract?: { pence: number; description: string };
  /** Weekly wages, for weeks without an approved WardWorks timesheet (paper timesheets before). */
  wages: [number, number];
  grant?: { monthsAgo: number; pence: number; description: string };
  equipment?: { monthsAgo: number; pence: number; description: string };
}

const TRADING: Partial<Record<EnterpriseKind, Trading>> & { OTHER: Trading } = {
  CAFE: { days: [1, 2, 3, 4, 5, 6], cash: [3000, 7000], card: [5000, 12000], stockShare: 0.33, supplies: [800, 2000], contract: { pence: 22000, description: 'Catering for ward-round and board meetings' }, wages: [15000, 21000], grant: { monthsAgo: 9, pence: 150000, description: 'Hospital charity: barista training fund' }, equipment: { monthsAgo: 7, pence: 45000, description: 'Under-counter fridge' } },
  SHOP: { days: [1, 3, 5], cash: [2500, 6000], card: [3000, 9000], stockShare: 0.55, supplies: [300, 1200], wages: [9000, 13000] },
  CAR_VALET: { days: [1, 2, 3, 4], cash: [1500, 4000], card: [2000, 6000], stockShare: 0, supplies: [1500, 3000], contract: { pence: 30000, description: 'Hospital pool cars, monthly valet' }, wages: [12000, 17000], equipment: { monthsAgo: 10, pence: 32000, description: 'Pressure washer' } },
  HORTICULTURE: { days: [3], cash: [1000, 4000], card: [0, 2000], stockShare: 0.2, supplies: [500, 1500], contract: { pence: 45000, description: 'Estates: grounds maintenance' }, wages: [8000, 12000], grant: { monthsAgo: 11, pence: 200000, description: 'Local garden trust: tools and polytunnel' } },
  LAUNDRY: { days: [], cash: [0, 0], card: [0, 0], stockShare: 0, supplies: [3000, 5000], contract: { pence: 120000, description: 'Wards’ personal laundry service' }, wages: [10000, 14000] },
  POST_ROOM: { days: [], cash: [0, 0], card: [0, 0], stockShare: 0, supplies: [300, 800], contract: { pence: 60000, description: 'Internal post round for the site' }, wages: [6000, 9000] },
  OTHER: { days: [1, 3, 5], cash: [1000, 3000], card: [1000, 4000], stockShare: 0.4, supplies: [300, 1000], wages: [6000, 9000] },
};

const monthsBefore = (month: string, n: number) => {
  let [y, m] = month.split('-').map(Number);
  m -= n;
  while (m < 1) {
    m += 12;
    y -= 1;
  }
  return `${y}-${String(m).padStart(2, '0')}`;
};

/**
 * A year of trading for each demo enterprise (read from the database), payroll from any
 * approved timesheets, one reinvestment proposal in each status, and closed months up to
 * two months ago. Everything is posted through the real JournalPoster, so the chains verify.
 */
export const ledgerSeed: DemoSeed = {
  name: '2026-11-ledger',
  async run(em, { now }) {
    const repo = new LedgerRepository();
    const poster = new JournalPoster(repo);
    const today = londonDate(now);
    const thisMonth = monthOf(today);
    const start = `${monthsBefore(thisMonth, 12)}-01`;
    const admin = (await em.findOne(User, { where: { id: demoId('user:admin') } })) ?? (await em.findOne(User, { where: { role: 'ADMIN' } }));
    if (!admin) return;
    const enterprises = await em.find(Enterprise, { order: { name: 'ASC' } });
    const leads = await em.find(EnterpriseLead, { where: { enterpriseId: In(enterprises.map((e) => e.id)) } });
    const leadOf = (enterpriseId: string) => leads.find((l) => l.enterpriseId === enterpriseId)?.userId ?? null;

    for (const e of enterprises) {
      const trading = TRADING[e.kind] ?? TRADING.OTHER;
      const rnd = random(e.id);
      const userId = leadOf(e.id) ?? admin.id;
      let n = 0;
      const post = (on: string, entry: SimpleEntry) => poster.post(em, { ...entry, enterpriseId: e.id, userId, idempotencyKey: `demo-${++n}`, occurredOn: on, postToNextOpenPeriod: true }, undefined);

      await post(start, { source: 'OPENING', description: 'Opening balances: bank account and till float', lines: [{ accountCode: CODES.bank, debitPence: 200000 }, { accountCode: CODES.cash, debitPence: 10000 }, { accountCode: CODES.retainedSurplus, creditPence: 210000 }] });
      const timesheetWeeks = new Set((await em.find(Timesheet, { select: { weekStartOn: true }, where: { enterpriseId: e.id, status: 'APPROVED' } })).map((t) => t.weekStartOn));
      let weekTakings = 0;
      let cashInTill = 0;
      for (let day = start; day <= today; day = addDays(day, 1)) {
        const weekday = isoWeekday(day);
        if (trading.days.includes(weekday)) {
          const cash = rnd(...trading.cash);
          const card = rnd(...trading.card);
          const lines = [...(cash ? [{ accountCode: CODES.cash, debitPence: cash }] : []), ...(card ? [{ accountCode: CODES.bank, debitPence: card }] : []), { accountCode: CODES.sales, creditPence: cash + card }];
          if (cash + card > 0) await post(day, { source: 'SALE', description: 'Daily takings', lines });
          weekTakings += cash + card;
          cashInTill += cash;
        }
        if (weekday === 1 && day > start) {
          const stock = Math.round(weekTakings * trading.stockShare);
          if (stock > 0) await post(day, purchaseEntry('COST_OF_GOODS', 'BANK', stock, 'Weekly stock order'));
          weekTakings = 0;
          const supplies = rnd(...trading.supplies);
          if (supplies > 0) await post(day, purchaseEntry(trading.stockShare ? 'OTHER' : 'COST_OF_GOODS', supplies < 1000 && cashInTill > supplies ? 'CASH' : 'BANK', supplies, trading.stockShare ? 'Cleaning and consumables' : 'Supplies for the week'));
          if (supplies < 1000 && cashInTill > supplies) cashInTill -= supplies;
          const weekStartOn = addDays(day, -7);
          if (!timesheetWeeks.has(weekStartOn)) {
            const wages = rnd(...trading.wages);
            await post(addDays(day, -1), { ...wagesEntry(wages, weekStartOn), description: `Wages for the week starting ${weekStartOn} (paper timesheet)` });
            await post(addDays(day, -1), wagesPaymentEntry(wages, weekStartOn));
          }
        }
        const tomorrow = addDays(day, 1);
        if (monthOf(tomorrow) !== monthOf(day)) {
          if (trading.contract) await post(day, internalContractEntry(trading.contract.pence + rnd(-2000, 2000), `${trading.contract.description}, ${monthOf(day)}`));
          if (cashInTill > 5000) {
            await post(day, { source: 'MANUAL', description: 'Cash takings banked', lines: [{ accountCode: CODES.bank, debitPence: cashInTill - 5000 }, { accountCode: CODES.cash, creditPence: cashInTill - 5000 }] });
            cashInTill = 5000;
          }
        }
        if (trading.grant && day === `${monthsBefore(thisMonth, trading.grant.monthsAgo)}-15`) await post(day, grantEntry(trading.grant.pence, trading.grant.description));
        if (trading.equipment && day === `${monthsBefore(thisMonth, trading.equipment.monthsAgo)}-20`) await post(day, purchaseEntry('EQUIPMENT', 'BANK', trading.equipment.pence, trading.equipment.description));
      }

      // Payroll from approved timesheets, as the payroll page posts it.
      for (const sheet of await em.find(Timesheet, { where: { enterpriseId: e.id, status: 'APPROVED' }, order: { weekStartOn: 'ASC' } })) {
        if (sheet.totalPayPence <= 0 || (await em.findOne(PayrollRun, { where: { timesheetId: sheet.id } }))) continue;
        const weekEnd = addDays(sheet.weekStartOn, 6);
        const p = (entry: SimpleEntry, key: string) => poster.post(em, { ...entry, enterpriseId: e.id, userId, idempotencyKey: key, occurredOn: weekEnd, postToNextOpenPeriod: true }, undefined);
        const wages = await p(wagesEntry(sheet.totalPayPence, sheet.weekStartOn), `payroll:${sheet.id}:wages`);
        const payment = await p(wagesPaymentEntry(sheet.totalPayPence, sheet.weekStartOn), `payroll:${sheet.id}:payment`);
        await em.insert(PayrollRun, { id: newId(), enterpriseId: e.id, timesheetId: sheet.id, weekStartOn: sheet.weekStartOn, totalPayPence: sheet.totalPayPence, wagesEntryId: wages.entry.id, paymentEntryId: payment.entry.id, createdByUserId: userId, createdAt: now });
      }
    }

    await seedReinvestment(em, poster, repo, enterprises, leadOf, admin.id, today, now);

    // Months up to two months ago are closed, as a finance officer would have done.
    for (const e of enterprises) {
      const userId = leadOf(e.id) ?? admin.id;
      for (let m = monthOf(start); m <= monthsBefore(thisMonth, 2); m = nextMonth(m)) {
        await em.insert(LedgerPeriod, { id: newId(), enterpriseId: e.id, month: m, closedByUserId: userId, closedAt: now });
      }
    }
  },
};

/** One proposal in each status: spent (with the roles and placements it funded), approved, rejected, and awaiting the admin. */
async function seedReinvestment(em: EntityManager, poster: JournalPoster, repo: LedgerRepository, enterprises: Enterprise[], leadOf: (id: string) => string | null, adminId: string, today: string, now: Date): Promise<void> {
  const led = enterprises.filter((e) => leadOf(e.id));
  const cafe = led.find((e) => e.kind === 'CAFE') ?? led[0];
  const valet = led.find((e) => e.kind === 'CAR_VALET' && e.id !== cafe?.id) ?? led.find((e) => e.id !== cafe?.id);
  if (!cafe) return;
  const available = async (enterpriseId: string) => {
    const byType = await repo.sumByType(em, enterpriseId, {});
    const net = (byType.get('INCOME')?.creditPence ?? 0) - (byType.get('INCOME')?.debitPence ?? 0) - ((byType.get('EXPENSE')?.debitPence ?? 0) - (byType.get('EXPENSE')?.creditPence ?? 0));
    const retained = await repo.findAccountByCode(em, enterpriseId, CODES.retainedSurplus);
    return availableSurplus(net, retained ? -(await repo.accountNetDebit(em, retained.id, enterpriseId)) : 0);
  };

  const proposal = async (e: Enterprise, p: { title: string; purpose: ReinvestmentPurpose; pencePreferred: number; opportunities: string; status: 'PROPOSED' | 'APPROVED' | 'REJECTED' | 'SPENT'; daysAgo: number; rejectionReason?: string }) => {
    const amountPence = Math.max(100, Math.min(p.pencePreferred, Math.floor((await available(e.id)) / 3)));
    const at = new Date(now.getTime() - p.daysAgo * 86_400_000);
    const on = londonDate(at);
    const approved = p.status === 'APPROVED' || p.status === 'SPENT';
    const row = {
      id: demoId(`reinvestment:${e.id}:${p.title}`),
      enterpriseId: e.id,
      amountPence,
      purpose: p.purpose,
      title: p.title,
      opportunities: p.opportunities,
      status: p.status,
      leadApprovedByUserId: p.status === 'REJECTED' ? null : leadOf(e.id),
      leadApprovedAt: p.status === 'REJECTED' ? null : at,
      adminApprovedByUserId: approved ? adminId : null,
      adminApprovedAt: approved ? at : null,
      rejectedByUserId: p.status === 'REJECTED' ? adminId : null,
      rejectionReason: p.rejectionReason ?? null,
      reserveEntryId: null as string | null,
      spendEntryId: null as string | null,
      fundedWorkRoleIds: [] as string[],
      fundedPlacementIds: [] as string[],
      createdByUserId: leadOf(e.id) ?? adminId,
      createdAt: at,
      updatedAt: at,
    } as ReinvestmentProposal;
    const userId = leadOf(e.id) ?? adminId;
    if (approved) {
      const reserve = await poster.post(em, { ...reserveEntry(amountPence, p.title), enterpriseId: e.id, userId, idempotencyKey: `reinvestment:${row.id}:reserve`, occurredOn: on, postToNextOpenPeriod: true }, undefined);
      row.reserveEntryId = reserve.entry.id;
    }
    if (p.status === 'SPENT') {
      const spentOn = addDays(on, 14) > today ? today : addDays(on, 14);
      const spend = await poster.post(em, { ...spendEntry(amountPence, PURPOSE_EXPENSE_CODE[p.purpose], CODES.bank, p.title), enterpriseId: e.id, userId, idempotencyKey: `reinvestment:${row.id}:spend`, occurredOn: spentOn, postToNextOpenPeriod: true }, undefined);
      row.spendEntryId = spend.entry.id;
      const roles = await em.find(WorkRole, { where: { enterpriseId: e.id }, order: { title: 'ASC' } });
      const role = roles.find((r) => /barista|valet/i.test(r.title)) ?? roles[0];
      if (role) {
        row.fundedWorkRoleIds = [role.id];
        row.fundedPlacementIds = (await em.find(Placement, { select: { id: true }, where: { workRoleId: role.id }, take: 6 })).map((x) => x.id);
      }
    }
    await em.insert(ReinvestmentProposal, row);
  };

  await proposal(cafe, { title: 'Barista training for four patients', purpose: 'TRAINING', pencePreferred: 60000, opportunities: 'Four patients trained to City & Guilds barista level, ready for the café rota and for jobs outside', status: 'SPENT', daysAgo: 150 });
  await proposal(cafe, { title: 'A second coffee machine', purpose: 'EQUIPMENT', pencePreferred: 85000, opportunities: 'Two more barista places on visiting afternoons', status: 'APPROVED', daysAgo: 20 });
  await proposal(cafe, { title: 'An awning for the café terrace', purpose: 'EQUIPMENT', pencePreferred: 120000, opportunities: 'Outdoor tables in summer', status: 'REJECTED', daysAgo: 40, rejectionReason: 'Estates will fit one from the site maintenance budget' });
  await proposal(cafe, { title: 'Weekend opening pilot', purpose: 'NEW_ROLE', pencePreferred: 150000, opportunities: 'A weekend supervisor and three new weekend shifts for patients', status: 'PROPOSED', daysAgo: 3 });
  if (valet) await proposal(valet, { title: 'Valeting products starter kits', purpose: 'PATIENT_BENEFIT', pencePreferred: 30000, opportunities: 'Patients take a kit when they move on, to start valeting outside', status: 'SPENT', daysAgo: 90 });
}
