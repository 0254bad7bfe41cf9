import { londonDate } from '../src/common/dates';
import type { GroupIndicators, OutcomesReport } from '../src/outcomes/outcomes.types';
import { outcomesWorld } from './outcomes-world';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const PERIOD = 'from=2026-01-01&to=2026-03-31';

/**
 * Every indicator against the hand-built world of outcomes-world.ts, with the answers worked
 * out here from that data (period 2026-01-01 to 2026-03-31).
 */
describe('outcomes: indicators from a hand-built data set', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof outcomesWorld>>;
  const get = async (query: string, auth: { Authorization: string }) => (await t.http().get(`/api/reports/outcomes?${query}`).set(auth).expect(200)).body as OutcomesReport;
  const group = (r: OutcomesReport, name: string): GroupIndicators => {
    const g = r.groups.find((x) => x.name.startsWith(name));
    if (!g) throw new Error(`no group ${name} in ${r.groups.map((x) => x.name).join(', ')}`);
    return g;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await outcomesWorld(t);
  });
  afterAll(() => t.close());

  it('engagement by ward: patients on the wards, in work, new placements, median days to first placement', async () => {
    const r = await get(`${PERIOD}&groupBy=ward`, w.admin.auth);
    expect(r.suppressed).toBe(false);
    const a = group(r, w.wardA.name);
    const b = group(r, w.wardB.name);
    // Ward A: a1..a6 on the ward; a1 (since October), a2 and a3 (new) placed. Ward B: b1 placed until February, b2 not.
    expect(a.engagement).toEqual({ patientsOnWards: 6, patientsInWork: 3, engagementRate: 0.5, newPlacements: 2, firstPlacements: 2, medianDaysToFirstPlacement: 15 }); // a2: 1 Jan -> 10 Jan (9), a3: 11 Jan -> 1 Feb (21)
    expect(b.engagement).toEqual({ patientsOnWards: 2, patientsInWork: 1, engagementRate: 0.5, newPlacements: 0, firstPlacements: 0, medianDaysToFirstPlacement: null });
    expect(r.total.engagement).toMatchObject({ patientsOnWards: 8, patientsInWork: 4, engagementRate: 0.5, newPlacements: 2 });
  });

  it('work: attended (current records only: a corrected absence counts as attended), hours, attendance and punctuality', async () => {
    const r = await get(`${PERIOD}&groupBy=ward`, w.admin.auth);
    // A: a1 attended 180 min + late 160 min + absent; a3 attended 120 min + cancelled (ward incident). April is outside.
    expect(group(r, w.wardA.name).work).toEqual({ shiftsAttended: 3, shiftsAbsent: 1, shiftsCancelled: 1, workers: 2, hoursWorked: 7.7, attendanceRate: 0.75, punctualityRate: 0.667 });
    expect(group(r, w.wardB.name).work).toEqual({ shiftsAttended: 1, shiftsAbsent: 0, shiftsCancelled: 0, workers: 1, hoursWorked: 1, attendanceRate: 1, punctualityRate: 1 });
    expect(r.total.work).toEqual({ shiftsAttended: 4, shiftsAbsent: 1, shiftsCancelled: 1, workers: 3, hoursWorked: 8.7, attendanceRate: 0.8, punctualityRate: 0.75 });
    const incident = r.cancellationsByReason.columns.findIndex((c) => c.key === 'WARD_INCIDENT');
    expect(r.cancellationsByReason.rows.find((x) => x.key === w.wardA.id)!.cells[incident]).toBe(1);
    expect(r.cancellationsByReason.total).toBe(1);
  });

  it('pay: total paid, median weekly pay per worker, weeks with a cap overridden by cap', async () => {
    const r = await get(`${PERIOD}&groupBy=ward`, w.admin.auth);
    // a1: £30.00 + £26.67 in one week; a3: £20.00 in one week; b1: £10.00.
    expect(group(r, w.wardA.name).pay).toEqual({ totalPaidPence: 7667, medianWeeklyPayPence: 3834, capOverrideWeeks: 1 });
    expect(group(r, w.wardB.name).pay).toEqual({ totalPaidPence: 1000, medianWeeklyPayPence: 1000, capOverrideWeeks: 0 });
    expect(r.total.pay).toEqual({ totalPaidPence: 8667, medianWeeklyPayPence: 2000, capOverrideWeeks: 1 });
    const hours = r.capOverridesByCap.columns.findIndex((c) => c.key === 'HOURS_CAP');
    expect(r.capOverridesByCap.totals[hours]).toBe(1);
  });

  it('skills: entries verified, credentials issued and references approved in the period', async () => {
    const r = await get(`${PERIOD}&groupBy=ward`, w.admin.auth);
    expect(group(r, w.wardA.name).skills).toEqual({ skillEntriesVerified: 2, credentialsIssued: 1, referencesApproved: 1 });
    expect(group(r, w.wardB.name).skills).toEqual({ skillEntriesVerified: 0, credentialsIssued: 0, referencesApproved: 0 }); // b1's was verified in April
  });

  it('progression: placements reaching 13 weeks, endings by reason, progressions', async () => {
    const r = await get(`${PERIOD}&groupBy=ward`, w.admin.auth);
    // a1 started 15 Oct: 13 weeks on 14 Jan. b1 reached 13 weeks in 2025. a2 ended after 50 days, to employment; b1 discharged.
    expect(group(r, w.wardA.name).progression).toEqual({ placementsSustained13Weeks: 1, endings: 1, progressions: 1 });
    expect(group(r, w.wardB.name).progression).toEqual({ placementsSustained13Weeks: 0, endings: 1, progressions: 0 });
    const col = (k: string) => r.endingsByReason.columns.findIndex((c) => c.key === k);
    expect(r.endingsByReason.totals[col('PROGRESSED_EMPLOYMENT')]).toBe(1);
    expect(r.endingsByReason.totals[col('DISCHARGED')]).toBe(1);
    expect(r.endingsByReason.total).toBe(2);
  });

  it('money: income, costs, surplus by enterprise; reinvestment approved in the period and its share of surplus', async () => {
    const r = await get(`${PERIOD}&groupBy=enterprise`, w.admin.auth);
    const e = group(r, w.enterprise.name);
    expect(e.money).toEqual({ incomePence: 50000, expensesPence: 20000, surplusPence: 30000, reinvestedPence: 0, shareReinvested: 0, rolesFunded: 0, placementsFunded: 0 });
    expect(e.engagement.patientsOnWards).toBeNull();
    expect(e.engagement.patientsInWork).toBe(4);
    expect(e.work.shiftsAttended).toBe(4);
    // A proposal approved today by the lead and an admin falls in a period that reaches today.
    const id = w.enterprise.id;
    const p = (await t.http().post(`/api/enterprises/${id}/reinvestment-proposals`).set(w.lead.auth).send({ amountPence: 1000, purpose: 'TRAINING', title: 'Food hygiene course', opportunities: 'Two certified' }).expect(201)).body;
    await t.http().post(`/api/reinvestment-proposals/${p.id}/approve`).set(w.lead.auth).expect(200);
    await t.http().post(`/api/reinvestment-proposals/${p.id}/approve`).set(w.admin.auth).expect(200);
    const later = await get(`from=2026-01-01&to=${londonDate()}&groupBy=enterprise`, w.admin.auth);
    expect(group(later, w.enterprise.name).money).toMatchObject({ surplusPence: 30000, reinvestedPence: 1000, shareReinvested: 0.033 });
  });

  it('equity: engagement, pay and progression by age band, stated gender and ethnic group', async () => {
    const r = await get(`${PERIOD}&groupBy=site`, w.admin.auth);
    const row = (dim: keyof OutcomesReport['equity'], key: string) => r.equity[dim].find((x) => x.key === key)!;
    // a1: born 1990, male, White British; a2: born 1985, female, Black Caribbean; no one else recorded.
    expect(row('ageBand', '35-44')).toMatchObject({ patientsOnWards: 2, patientsInWork: 2, engagementRate: 1, workers: 1, endings: 1, progressions: 1 });
    expect(row('ageBand', 'Not known')).toMatchObject({ patientsOnWards: 6, patientsInWork: 2, workers: 2, endings: 1, progressions: 0 });
    expect(row('gender', '1')).toMatchObject({ patientsOnWards: 1, patientsInWork: 1, workers: 1, totalPaidPence: 5667, medianWeeklyPayPence: 5667 });
    expect(row('gender', '2')).toMatchObject({ patientsInWork: 1, workers: 0, endings: 1, progressions: 1, progressionRate: 1 });
    expect(row('ethnicGroup', 'White')).toMatchObject({ patientsOnWards: 1, patientsInWork: 1 });
    expect(row('ethnicGroup', 'Black or Black British')).toMatchObject({ endings: 1, progressions: 1 });
  });

  it('by month: people working, shifts, placements, endings and money', async () => {
    const r = await get(`${PERIOD}&groupBy=site`, w.admin.auth);
    expect(r.monthly.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(r.monthly.map((m) => [m.peopleWorking, m.shiftsAttended, m.newPlacements, m.endings, m.progressions])).toEqual([
      [1, 2, 1, 0, 0],
      [2, 2, 1, 1, 0],
      [0, 0, 0, 1, 1],
    ]);
    expect(r.monthly[1]).toMatchObject({ incomePence: 50000, expensesPence: 20000, surplusPence: 30000, paidPence: 3000 });
  });

  it('a commissioner gets suppressed figures: 1-4 as "<5", a cell a total would reveal as "*", no rate on fewer than 5 people', async () => {
    const r = await get(`${PERIOD}&groupBy=ward`, w.commissioner.auth);
    expect(r.suppressed).toBe(true);
    const a = group(r, w.wardA.name);
    const b = group(r, w.wardB.name);
    // On the wards: A 6, B 2, total 8 -> B hidden, and A too, or 8 - 6 would give B away.
    expect([a.engagement.patientsOnWards, b.engagement.patientsOnWards, r.total.engagement.patientsOnWards]).toEqual(['*', '<5', 8]);
    // 6 people, but a rate of hidden counts is not shown: 0.5 of 5 to 7 people would give the hidden 3 in work away
    expect(a.engagement.engagementRate).toBeNull();
    expect(b.engagement.engagementRate).toBeNull(); // 2 people
    expect([a.engagement.patientsInWork, b.engagement.patientsInWork, r.total.engagement.patientsInWork]).toEqual(['<5', '<5', '<5']);
    expect(r.total.work.attendanceRate).toBeNull(); // 3 workers
    expect(r.total.pay.totalPaidPence).toBeNull();
    expect(r.total.pay.medianWeeklyPayPence).toBeNull();
    expect(r.cancellationsByReason.total).toBe('<5');
    expect(r.total.money.incomePence).toBe(50000); // money is not about people
    expect(JSON.stringify(r)).not.toContain(w.p.a1.id);
    expect(JSON.stringify(r)).not.toContain(w.p.a1.displayName);
  });

  it('an admin can ask for the suppressed view that leaves the service', async () => {
    const r = await get(`${PERIOD}&groupBy=ward&suppressed=true`, w.admin.auth);
    expect(r.suppressed).toBe(true);
    expect(group(r, w.wardB.name).engagement.patientsOnWards).toBe('<5');
  });

  it('exports as CSV (by path and by Accept: text/csv), always suppressed', async () => {
    const csv = await t.http().get(`/api/reports/outcomes.csv?${PERIOD}&groupBy=ward`).set(w.admin.auth).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('from,to,groupBy,section,group,measure,value');
    expect(lines).toContain(`2026-01-01,2026-03-31,ward,engagement,${w.wardB.name} (${w.site.name}),patientsOnWards,<5`);
    expect(lines).toContain('2026-01-01,2026-03-31,ward,engagement,All,patientsOnWards,8');
    const byAccept = await t.http().get(`/api/reports/outcomes?${PERIOD}&groupBy=ward`).set(w.admin.auth).set('Accept', 'text/csv').expect(200);
    expect(byAccept.headers['content-type']).toMatch(/text\/csv/);
    expect(byAccept.text).toBe(csv.text);
  });

  it('refuses a bad period or grouping with 400 and a code per field', async () => {
    const bad = async (query: string) => (await t.http().get(`/api/reports/outcomes?${query}`).set(w.admin.auth).expect(400)).body;
    expect((await bad('from=2026-02-30')).details).toEqual([expect.objectContaining({ field: 'from', code: 'INVALID_DATE' })]);
    expect((await bad('from=2026-04-01&to=2026-03-01')).details).toEqual([expect.objectContaining({ field: 'from', code: 'PERIOD_REVERSED' })]);
    const g = await bad('groupBy=patient');
    expect(g.code).toBe('INVALID_REPORT_QUERY');
    expect(g.details).toEqual([expect.objectContaining({ field: 'groupBy', code: 'INVALID_GROUP_BY' })]);
    await t.http().get('/api/reports/outcomes.csv?to=nope').set(w.admin.auth).expect(400);
  });

  it('is for managers and commissioners only', async () => {
    for (const caller of [w.ot, w.lead]) await t.http().get(`/api/reports/outcomes?${PERIOD}`).set(caller.auth).expect(403);
  });
});
