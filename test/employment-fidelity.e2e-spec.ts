import { employmentWorld } from './employment-world';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

/**
 * Fidelity and the employment rate against a hand-built world, entered through the API; the
 * answers are worked out beside each expectation. Period: 1 to 28 July 2026 (4 weeks).
 */
describe('employment support: fidelity items, employment rate and the quarterly return', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof employmentWorld>>;
  let s2: Awaited<ReturnType<TestApp['make']['caller']>>;
  const ids: Record<string, string> = {};
  const period = 'from=2026-07-01&to=2026-07-28';

  beforeAll(async () => {
    t = await createTestApp();
    w = await employmentWorld(t);
    s2 = await t.make.caller('EMPLOYMENT_SPECIALIST', { wardIds: [w.wardA.id] });
    const s1 = w.specialistA;
    await t.http().put(`/api/employment/specialists/${s1.user.id}`).set(w.admin.auth).send({ fte: 1 }).expect(200);
    await t.http().put(`/api/employment/specialists/${s2.user.id}`).set(w.admin.auth).send({ fte: 0.5 }).expect(200);
    // w.specialistB has no FTE recorded: not counted
    const discharged = async () => (await t.make.patient({ wardId: w.wardA.id, status: 'DISCHARGED' })).id;
    for (const k of ['p1', 'p2', 'p3', 'p4', 'p5']) ids[k] = await discharged();

    const r1 = await w.onCaseload(ids.p1, s1, '2026-07-01');
    await t.http().patch(`/api/employment/referrals/${r1}`).set(s1.auth).send({ benefitsPlanningOfferedOn: '2026-07-02', benefitsPlanningDoneOn: '2026-07-05', profileStartedOn: '2026-07-03' }).expect(200);
    await w.onCaseload(ids.p2, s1, '2026-07-02');
    await w.onCaseload(ids.p3, s2, '2026-07-03');
    const r4 = await w.onCaseload(ids.p4, s1, '2026-06-01');
    await t.http().patch(`/api/employment/referrals/${r4}`).set(s1.auth).send({ status: 'CLOSED', closedOn: '2026-07-20', closedReason: 'Chose to stop support' }).expect(200);
    const r5 = (await t.http().post('/api/employment/referrals').set(w.ot.auth).send({ patientId: ids.p5, referredOn: '2026-07-01', source: 'OT' }).expect(201)).body.id;
    await t.http().post(`/api/employment/referrals/${r5}/decline`).set(s1.auth).send({ reason: 'Prefers to focus on treatment now', declinedOn: '2026-07-04' }).expect(200);

    const emp = await w.employer('Hillside Bakery');
    const contact = (who: typeof s1, body: Record<string, unknown>) => t.http().post('/api/employer-contacts').set(who.auth).send({ employerId: emp.id, purpose: 'JOB_DEVELOPMENT', ...body }).expect(201);
    await contact(s1, { patientId: ids.p1, contactedOn: '2026-07-11', faceToFace: true }); // p1: 10 days after acceptance
    await contact(s1, { patientId: ids.p1, contactedOn: '2026-07-05', faceToFace: false });
    await contact(s1, { patientId: ids.p2, contactedOn: '2026-07-26', faceToFace: true }); // p2: 24 days
    await contact(s2, { contactedOn: '2026-07-15', faceToFace: true });
    await contact(s2, { contactedOn: '2026-08-15', faceToFace: true }); // after the period

    const start = async (p: string, body: Record<string, unknown>) => (await t.http().post(`/api/patients/${p}/opportunities`).set(s1.auth).send({ hoursPerWeek: 12, ...body }).expect(201)).body.id as string;
    ids.j1 = await start(ids.p1, { kind: 'JOB', employerId: emp.id, title: 'Bakery assistant', startsOn: '2026-07-10', hourlyPayPence: 1221, competitive: true, fourHoursWorkedOn: '2026-07-11' });
    ids.j2 = await start(ids.p2, { kind: 'JOB', title: 'Supported kitchen porter', startsOn: '2026-07-20', hourlyPayPence: 900, competitive: false });
    await t.http().post(`/api/patients/${ids.p2}/opportunities/${ids.j2}/four-hours`).set(s1.auth).send({ fourHoursWorkedOn: '2026-07-21' }).expect(200);
    ids.v1 = await start(ids.p3, { kind: 'VOLUNTEERING', title: 'Charity shop volunteer', startsOn: '2026-07-15', competitive: false });
    await t.http().post(`/api/patients/${ids.p1}/follow-along`).set(s1.auth).send({ opportunityId: ids.j1, contactedOn: '2026-07-30', mode: 'FACE_TO_FACE', withWhom: 'BOTH' }).expect(201); // within a month
    await t.http().post(`/api/patients/${ids.p2}/follow-along`).set(s1.auth).send({ opportunityId: ids.j2, contactedOn: '2026-09-01', mode: 'PHONE', withWhom: 'PERSON' }).expect(201); // too late
  });
  afterAll(() => t.close());

  const items = async (auth: { Authorization: string }, q = period) => {
    const res = await t.http().get(`/api/employment/fidelity?${q}`).set(auth).expect(200);
    return Object.fromEntries((res.body.items as { key: string; value: unknown; score?: number }[]).map((i) => [i.key, i]));
  };

  it('answers { items: [{ key, value, score? }] }', async () => {
    const res = await t.http().get(`/api/employment/fidelity?${period}`).set(w.admin.auth).expect(200);
    expect(res.body).toMatchObject({ from: '2026-07-01', to: '2026-07-28', suppressed: false });
    for (const i of res.body.items) expect(Object.keys(i).sort()).toEqual(expect.arrayContaining(['key', 'value']));
  });

  it('the outcomes report gains starts outside by kind: 2 job starts (after 4 hours of paid work), 1 volunteering; commissioners see "<5"', async () => {
    const admin = await t.http().get(`/api/reports/outcomes?${period}&groupBy=ward`).set(w.admin.auth).expect(200);
    const table = admin.body.outsideStartsByKind as { columns: { key: string }[]; totals: unknown[]; total: unknown; rows: { key: string; cells: unknown[] }[] };
    const col = (k: string) => table.columns.findIndex((c) => c.key === k);
    expect([table.totals[col('JOB')], table.totals[col('EDUCATION')], table.totals[col('TRAINING')], table.totals[col('VOLUNTEERING')], table.total]).toEqual([2, 0, 0, 1, 3]);
    expect(table.rows.find((r) => r.key === w.wardA.id)!.cells[col('JOB')]).toBe(2);
    const c = await t.http().get(`/api/reports/outcomes?${period}&groupBy=site`).set(w.commissioner.auth).expect(200);
    expect(c.body.outsideStartsByKind.totals[col('JOB')]).toBe('<5');
    expect(c.body.outsideStartsByKind.totals[col('EDUCATION')]).toBe(0);
    const csv = await t.http().get(`/api/reports/outcomes.csv?${period}&groupBy=enterprise`).set(w.admin.auth).expect(200);
    expect(csv.text).toContain('outsideStartsByKind,All,JOB,<5');
  });

  it('caseload per full-time specialist: p1, p2, p3 on the caseload on 28 July (p4 closed on the 20th) over 1.5 FTE = 2, scoring 5', async () => {
    const f = await items(w.admin.auth);
    expect(f.caseloadSize.value).toBe(3);
    expect(f.specialistFte.value).toBe(1.5);
    expect(f.caseloadPerFullTimeSpecialist).toEqual({ key: 'caseloadPerFullTimeSpecialist', value: 2, score: 5 });
  });

  it('days from acceptance to first face-to-face employer contact: p1 10, p2 24 (p3 none): median 17; within 30 days 2 of 3 = 66.7%', async () => {
    const f = await items(w.specialistA.auth);
    expect(f.medianDaysToFirstFaceToFaceEmployerContact.value).toBe(17);
    expect(f.firstFaceToFaceEmployerContactWithin30DaysPercent.value).toBe(66.7);
  });

  it('employer contacts per specialist per week: 4 in the period / 2 specialists with FTE / 4 weeks = 0.5; face to face 3 -> 0.4', async () => {
    const f = await items(w.ot.auth);
    expect(f.employerContactsPerSpecialistPerWeek.value).toBe(0.5);
    expect(f.faceToFaceEmployerContactsPerSpecialistPerWeek.value).toBe(0.4);
  });

  it('follow-along in the first month: j1 only of 3 starts = 33.3%; benefits planning before the start: p1 only = 33.3%', async () => {
    const f = await items(w.admin.auth);
    expect(f.followAlongInFirstMonthPercent.value).toBe(33.3);
    expect(f.benefitsPlanningBeforeStartPercent.value).toBe(33.3);
  });

  it('competitive job starts: j1 of j1, j2 = 50%; declines: 1, all with a reason', async () => {
    const f = await items(w.admin.auth);
    expect(f.competitiveJobStartsPercent.value).toBe(50);
    expect(f.declinedReferrals.value).toBe(1);
    expect(f.declinedReferralsWithReasonPercent.value).toBe(100);
  });

  it('employment rate: p1 in competitive work of p1-p4 out of work when accepted = 25%; first and all job starts 2; one volunteering start', async () => {
    const f = await items(w.admin.auth);
    expect(f.employmentRatePercent.value).toBe(25);
    expect(f.jobStartsFirst.value).toBe(2);
    expect(f.jobStartsAll.value).toBe(2);
    expect(f.volunteeringStarts.value).toBe(1);
    expect(f.educationStarts.value).toBe(0);
  });

  it('a job start counts only after the first 4 hours of paid work: a second job for p1 without them is not counted, and is not a first start', async () => {
    const extra = (await t.http().post(`/api/patients/${ids.p1}/opportunities`).set(w.specialistA.auth).send({ kind: 'JOB', title: 'Weekend job', startsOn: '2026-07-25', hoursPerWeek: 6, hourlyPayPence: 1300, competitive: true }).expect(201)).body.id;
    let f = await items(w.admin.auth);
    expect(f.jobStartsAll.value).toBe(2);
    await t.http().post(`/api/patients/${ids.p1}/opportunities/${extra}/four-hours`).set(w.specialistA.auth).send({ fourHoursWorkedOn: '2026-07-26' }).expect(200);
    f = await items(w.admin.auth);
    expect(f.jobStartsAll.value).toBe(3); // p1 twice, p2 once
    expect(f.jobStartsFirst.value).toBe(2); // p1's first was j1
    expect(f.competitiveJobStartsPercent.value).toBe(66.7); // 2 of 3
    await t.http().post(`/api/patients/${ids.p1}/opportunities/${extra}/end`).set(w.specialistA.auth).send({ endsOn: '2026-07-27', endReason: 'RESIGNED' }).expect(200);
  });

  it('commissioners get suppressed figures: counts 1-4 as "<5", rates on fewer than 5 people left out', async () => {
    const res = await t.http().get(`/api/employment/fidelity?${period}`).set(w.commissioner.auth).expect(200);
    expect(res.body.suppressed).toBe(true);
    const f = Object.fromEntries((res.body.items as { key: string; value: unknown }[]).map((i) => [i.key, i]));
    expect(f.caseloadSize).toEqual({ key: 'caseloadSize', value: '<5' });
    expect(f.declinedReferrals.value).toBe('<5');
    expect(f.educationStarts.value).toBe(0);
    expect(f.employmentRatePercent.value).toBeNull();
    expect(f.caseloadPerFullTimeSpecialist).toEqual({ key: 'caseloadPerFullTimeSpecialist', value: null });
    expect(f.employerContactsPerSpecialistPerWeek.value).toBe(0.5);
  });

  it('refuses a period that ends before it starts, and leads and patients cannot ask', async () => {
    await t.http().get('/api/employment/fidelity?from=2026-07-28&to=2026-07-01').set(w.admin.auth).expect(422);
    await t.http().get('/api/employment/fidelity?from=2026-02-30&to=2026-07-01').set(w.admin.auth).expect(422);
    await t.http().get(`/api/employment/fidelity?${period}`).set(w.lead.auth).expect(403);
    await t.http().get(`/api/employment/fidelity?${period}`).set(w.patientUser.auth).expect(403);
  });

  it('quarterly return for admins: one row per person on the caseload in the quarter, by a reference that does not name them', async () => {
    const res = await t.http().get('/api/employment/returns/quarterly.csv?quarter=2026-Q3').set(w.admin.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('quarter,person,referred_on,accepted_on,vocational_profile_started_on,first_employer_contact_on,job_start_dates,job_hours_per_week,education_starts,training_starts,volunteering_starts,closed_on,closure_reason');
    expect(lines).toHaveLength(5); // p4 (accepted 1 June, closed 20 July), p1, p2, p3
    expect(lines[1]).toMatch(/^2026-Q3,R-[0-9A-F]{8},2026-05-29,2026-06-01,,,,,,,,2026-07-20,Chose to stop support$/);
    expect(lines[2]).toMatch(/^2026-Q3,R-[0-9A-F]{8},2026-06-28,2026-07-01,2026-07-03,2026-07-05,2026-07-10 2026-07-25,12 6,,,,,$/);
    expect(lines[4]).toMatch(/,2026-07-15,,$/);
    expect(res.text).not.toContain(ids.p1);
  });

  it('quarterly return for commissioners: counts with small numbers as "<5"', async () => {
    const res = await t.http().get('/api/employment/returns/quarterly.csv?quarter=2026-Q3').set(w.commissioner.auth).expect(200);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('quarter,measure,value');
    expect(lines).toContain('2026-Q3,people on the caseload,<5');
    expect(lines).toContain('2026-Q3,education starts,0');
    expect(res.text).not.toMatch(/R-[0-9A-F]{8}/);
    await t.http().get('/api/employment/returns/quarterly.csv?quarter=2026-Q5').set(w.admin.auth).expect(422);
    await t.http().get('/api/employment/returns/quarterly.csv?quarter=2026-Q3').set(w.specialistA.auth).expect(403);
  });
});
