import { AuditEvent } from '../src/audit/audit-event.entity';
import { addDays, londonDate } from '../src/common/dates';
import { newId } from '../src/database/columns';
import { LeaveEvent } from '../src/patients/leave-event.entity';
import { employmentWorld } from './employment-world';
import { rotaWorld } from './support/rota-fixtures';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

describe('employment support API: referrals, caseload, scope, starts outside and benefits', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof employmentWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await employmentWorld(t);
  });
  afterAll(() => t.close());

  it('documents the contract paths in OpenAPI', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    for (const path of ['/api/employment/referrals', '/api/employment/referrals/{id}/accept', '/api/employment/referrals/{id}/decline', '/api/employment/caseload', '/api/employers', '/api/employer-contacts', '/api/patients/{id}/opportunities', '/api/employment/fidelity', '/api/employment/returns/quarterly.csv']) {
      expect([path, !!doc.body.paths[path]]).toEqual([path, true]);
    }
  });

  describe('referrals', () => {
    it('refers, accepts onto a caseload (ENGAGED) and refuses a second open referral', async () => {
      const p = await t.make.patient({ wardId: w.wardA.id });
      const ref = await t.http().post('/api/employment/referrals').set(w.ot.auth).send({ patientId: p.id, referredOn: '2026-06-01', source: 'OT' }).expect(201);
      expect(ref.body).toMatchObject({ patientId: p.id, referredOn: '2026-06-01', source: 'OT', status: 'PENDING' });
      const again = await t.http().post('/api/employment/referrals').set(w.ot.auth).send({ patientId: p.id, referredOn: '2026-06-02', source: 'OT' }).expect(409);
      expect(again.body.code).toBe('REFERRAL_OPEN');
      const acc = await t.http().post(`/api/employment/referrals/${ref.body.id}/accept`).set(w.specialistA.auth).send({ specialistUserId: w.specialistA.user.id, acceptedOn: '2026-06-03' }).expect(200);
      expect(acc.body).toMatchObject({ status: 'ACCEPTED', caseloadStatus: 'ENGAGED', specialistUserId: w.specialistA.user.id, acceptedOn: '2026-06-03', outOfWorkWhenAccepted: true });
      await t.http().post(`/api/employment/referrals/${ref.body.id}/decline`).set(w.specialistA.auth).send({ reason: 'Too late' }).expect(409);
    });

    it('one open referral per person, also under concurrent requests', async () => {
      const p = await t.make.patient({ wardId: w.wardA.id });
      const results = await Promise.all(Array.from({ length: 8 }, () => t.http().post('/api/employment/referrals').set(w.ot.auth).send({ patientId: p.id, referredOn: '2026-06-01', source: 'OT' })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('REFERRAL_OPEN');
    });

    it('declines only with a reason (zero exclusion), and rejects unknown sources and fields', async () => {
      const p = await t.make.patient({ wardId: w.wardA.id });
      const ref = await t.http().post('/api/employment/referrals').set(w.ot.auth).send({ patientId: p.id, referredOn: '2026-06-01', source: 'CLINICIAN' }).expect(201);
      await t.http().post(`/api/employment/referrals/${ref.body.id}/decline`).set(w.specialistA.auth).send({}).expect(422);
      await t.http().post(`/api/employment/referrals/${ref.body.id}/decline`).set(w.specialistA.auth).send({ reason: '  ' }).expect(422);
      const d = await t.http().post(`/api/employment/referrals/${ref.body.id}/decline`).set(w.specialistA.auth).send({ reason: 'Wants to focus on treatment for now', declinedOn: '2026-06-04' }).expect(200);
      expect(d.body).toMatchObject({ status: 'DECLINED', declineReason: 'Wants to focus on treatment for now', declinedOn: '2026-06-04' });
      await t.http().post('/api/employment/referrals').set(w.ot.auth).send({ patientId: p.id, referredOn: '2026-06-01', source: 'FRIEND' }).expect(422);
      await t.http().post('/api/employment/referrals').set(w.ot.auth).send({ patientId: p.id, referredOn: '2026-06-01', source: 'OT', extra: 1 }).expect((r) => expect([400, 422]).toContain(r.status));
    });

    it('a patient refers themself (SELF only), and cannot refer anyone else', async () => {
      const p = await t.make.patient({ wardId: w.wardA.id });
      const me = await t.make.caller('PATIENT', { patientId: p.id });
      await t.http().post('/api/employment/referrals').set(me.auth).send({ patientId: p.id, referredOn: londonDate(), source: 'OT' }).expect(422);
      await t.http().post('/api/employment/referrals').set(me.auth).send({ patientId: p.id, referredOn: londonDate(), source: 'SELF' }).expect(201);
      await t.http().post('/api/employment/referrals').set(me.auth).send({ patientId: w.pB.id, referredOn: londonDate(), source: 'SELF' }).expect(404);
    });

    it('ward staff refer patients on their wards, and then read nothing of employment support', async () => {
      const p = await t.make.patient({ wardId: w.wardA.id });
      const ref = await t.http().post('/api/employment/referrals').set(w.wardStaff.auth).send({ patientId: p.id, referredOn: londonDate(), source: 'CLINICIAN' }).expect(201);
      expect(ref.body).toMatchObject({ status: 'PENDING', source: 'CLINICIAN' });
      await t.http().post('/api/employment/referrals').set(w.wardStaff.auth).send({ patientId: w.pB.id, referredOn: londonDate(), source: 'CLINICIAN' }).expect(404);
      await t.http().post('/api/employment/referrals').set(w.lead.auth).send({ patientId: p.id, referredOn: londonDate(), source: 'OTHER' }).expect(403);
      await t.http().get(`/api/patients/${p.id}/employment`).set(w.wardStaff.auth).expect(403);
    });

    it('accepting needs an active employment specialist; closing needs a reason', async () => {
      const p = await t.make.patient({ wardId: w.wardA.id });
      const ref = await t.http().post('/api/employment/referrals').set(w.ot.auth).send({ patientId: p.id, referredOn: '2026-06-01', source: 'OT' }).expect(201);
      await t.http().post(`/api/employment/referrals/${ref.body.id}/accept`).set(w.admin.auth).send({ specialistUserId: w.ot.user.id, acceptedOn: '2026-06-02' }).expect(422);
      await t.http().post(`/api/employment/referrals/${ref.body.id}/accept`).set(w.admin.auth).send({ specialistUserId: w.specialistA.user.id, acceptedOn: '2026-05-01' }).expect(422);
      await t.http().post(`/api/employment/referrals/${ref.body.id}/accept`).set(w.admin.auth).send({ specialistUserId: w.specialistA.user.id, acceptedOn: '2026-06-02' }).expect(200);
      await t.http().patch(`/api/employment/referrals/${ref.body.id}`).set(w.specialistA.auth).send({ status: 'CLOSED' }).expect(422);
      const closed = await t.http().patch(`/api/employment/referrals/${ref.body.id}`).set(w.specialistA.auth).send({ status: 'CLOSED', closedReason: 'Moved to another area', closedOn: '2026-08-01' }).expect(200);
      expect(closed.body).toMatchObject({ caseloadStatus: 'CLOSED', closedOn: '2026-08-01', closedReason: 'Moved to another area' });
      // a closed entry allows a new referral
      await t.http().post('/api/employment/referrals').set(w.ot.auth).send({ patientId: p.id, referredOn: '2026-09-01', source: 'SELF' }).expect(201);
    });
  });

  describe('caseload and scope', () => {
    let pOther: string;
    beforeAll(async () => {
      await w.onCaseload(w.pA.id, w.specialistA, '2026-07-01');
      // a person on ward B accepted onto specialist A's caseload: A sees them although not on A's wards
      pOther = (await t.make.patient({ wardId: w.wardB.id })).id;
      await w.onCaseload(pOther, w.specialistA, '2026-07-02');
      const today = londonDate();
      await t.http().post(`/api/patients/${w.pA.id}/employment-plan`).set(w.specialistA.auth).send({ kind: 'STEP', text: 'Update CV with café experience', dueOn: addDays(today, -2) }).expect(201);
      await t.http().post(`/api/patients/${pOther}/employment-plan`).set(w.specialistA.auth).send({ kind: 'STEP', text: 'Visit the college open day', dueOn: addDays(today, 5) }).expect(201);
    });

    it("a specialist's caseload shows each person's next action, overdue first, with the contract shape", async () => {
      const res = await t.http().get('/api/employment/caseload').set(w.specialistA.auth).expect(200);
      expect(res.body.specialistUserId).toBe(w.specialistA.user.id);
      const mine = res.body.items.filter((i: { patientId: string }) => [w.pA.id, pOther].includes(i.patientId));
      expect(mine).toEqual([
        expect.objectContaining({ patientId: w.pA.id, status: 'ENGAGED', nextAction: 'Update CV with café experience', overdue: true }),
        expect.objectContaining({ patientId: pOther, nextAction: 'Visit the college open day', overdue: false }),
      ]);
      const byQuery = await t.http().get(`/api/employment/caseload?specialistUserId=${w.specialistA.user.id}`).set(w.admin.auth).expect(200);
      expect(byQuery.body.items.map((i: { patientId: string }) => i.patientId)).toEqual(expect.arrayContaining([w.pA.id, pOther]));
    });

    it('a specialist sees their caseload and their wards; another ward answers 404 until the person joins their caseload', async () => {
      await t.http().get(`/api/patients/${pOther}/employment`).set(w.specialistA.auth).expect(200);
      await t.http().get(`/api/patients/${w.pB.id}/employment`).set(w.specialistA.auth).expect(404);
      await t.http().get(`/api/patients/${w.pA.id}/employment`).set(w.specialistB.auth).expect(404);
      const b = await t.http().get('/api/employment/caseload').set(w.specialistB.auth).expect(200);
      expect(b.body.items.map((i: { patientId: string }) => i.patientId)).not.toContain(w.pA.id);
    });

    it("an OT sees their wards only (the caseload filtered to them)", async () => {
      await t.http().get(`/api/patients/${w.pA.id}/employment`).set(w.ot.auth).expect(200);
      await t.http().get(`/api/patients/${pOther}/employment`).set(w.ot.auth).expect(404);
      const res = await t.http().get(`/api/employment/caseload?specialistUserId=${w.specialistA.user.id}`).set(w.ot.auth).expect(200);
      const ids = res.body.items.map((i: { patientId: string }) => i.patientId);
      expect(ids).toContain(w.pA.id);
      expect(ids).not.toContain(pOther);
    });

    it('enterprise leads, ward staff and commissioners see nothing of it', async () => {
      for (const who of [w.lead, w.wardStaff, w.commissioner]) {
        await t.http().get(`/api/patients/${w.pA.id}/employment`).set(who.auth).expect(403);
        await t.http().get(`/api/patients/${w.pA.id}/employment-plan`).set(who.auth).expect(403);
        await t.http().get(`/api/patients/${w.pA.id}/opportunities`).set(who.auth).expect(403);
        await t.http().get('/api/employment/caseload').set(who.auth).expect(403);
        await t.http().get('/api/employers').set(who.auth).expect(403);
      }
    });

    it('a patient reads only their own plan and record, and comments on their plan', async () => {
      const plan = await t.http().get(`/api/patients/${w.pA.id}/employment-plan`).set(w.patientUser.auth).expect(200);
      expect(plan.body.map((e: { text: string }) => e.text)).toContain('Update CV with café experience');
      await t.http().get(`/api/patients/${w.pB.id}/employment-plan`).set(w.patientUser.auth).expect(404);
      await t.http().post(`/api/patients/${w.pA.id}/employment-plan`).set(w.patientUser.auth).send({ kind: 'STRENGTH', text: 'x' }).expect(403);
      const c = await t.http().post('/api/my/employment-plan/comments').set(w.patientUser.auth).send({ text: 'I would like weekend hours' }).expect(201);
      expect(c.body).toMatchObject({ kind: 'COMMENT', byPatient: true });
      const after = await t.http().get(`/api/patients/${w.pA.id}/employment-plan`).set(w.specialistA.auth).expect(200);
      expect(after.body.find((e: { kind: string }) => e.kind === 'COMMENT')).toMatchObject({ text: 'I would like weekend hours', byPatient: true });
    });

    it('every read of a person’s employment data is audited', async () => {
      await t.http().get(`/api/patients/${w.pA.id}/employment`).set(w.specialistA.auth).expect(200);
      await t.http().get(`/api/patients/${w.pA.id}/opportunities`).set(w.specialistA.auth).expect(200);
      const events = await t.uow.read((em) => em.find(AuditEvent, { where: { patientId: w.pA.id } }));
      const actions = events.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['employment.record.read', 'employment.opportunities.read', 'employment.caseload.read', 'employment.plan.read']));
    });

    it('a discharged person stays on the caseload until closed', async () => {
      const p = await t.make.patient({ wardId: w.wardA.id });
      await w.onCaseload(p.id, w.specialistA, '2026-07-05');
      await t.http().post(`/api/patients/${p.id}/status`).set(w.ot.auth).send({ status: 'DISCHARGED', effectiveOn: '2026-08-01' }).expect((r) => expect([200, 201]).toContain(r.status));
      const res = await t.http().get('/api/employment/caseload').set(w.specialistA.auth).expect(200);
      expect(res.body.items.find((i: { patientId: string }) => i.patientId === p.id)).toMatchObject({ patientStatus: 'DISCHARGED', status: 'ENGAGED' });
    });
  });

  describe('starts outside and the leave rule', () => {
    const job = (o: Record<string, unknown> = {}) => ({ kind: 'JOB', title: 'Shop assistant', startsOn: londonDate(), hoursPerWeek: 12, hourlyPayPence: 1221, competitive: true, ...o });

    it('refuses a start while detained without unescorted community leave on that date (409 LEAVE_INSUFFICIENT)', async () => {
      const p = await t.make.patient({ wardId: w.wardA.id });
      await w.grantLeave(p.id, 'ESCORTED_COMMUNITY');
      const res = await t.http().post(`/api/patients/${p.id}/opportunities`).set(w.specialistA.auth).send(job()).expect(409);
      expect(res.body).toMatchObject({ code: 'LEAVE_INSUFFICIENT', details: [expect.objectContaining({ code: 'LEAVE_INSUFFICIENT', leaveOnStart: 'ESCORTED_COMMUNITY' })] });
    });

    it('allows it with unescorted community leave on the start date, and refuses it while that leave is suspended', async () => {
      const p = await t.make.patient({ wardId: w.wardA.id });
      await w.grantLeave(p.id, 'UNESCORTED_COMMUNITY', addDays(londonDate(), -10));
      const before = await t.http().post(`/api/patients/${p.id}/opportunities`).set(w.specialistA.auth).send(job({ startsOn: addDays(londonDate(), -20) })).expect(409);
      expect(before.body.code).toBe('LEAVE_INSUFFICIENT');
      const ok = await t.http().post(`/api/patients/${p.id}/opportunities`).set(w.specialistA.auth).send(job()).expect(201);
      expect(ok.body).toMatchObject({ kind: 'JOB', hoursPerWeek: 12, hourlyPayPence: 1221, competitive: true, jobStartCounted: false, detainedAtStart: true });
      await t.uow.run((em) => em.insert(LeaveEvent, { id: newId(), patientId: p.id, kind: 'SUSPEND', level: null, effectiveFrom: addDays(londonDate(), 1), effectiveUntil: null, grantedBy: null, note: 'Incident', recordedByUserId: w.ot.user.id, recordedAt: new Date() }));
      await t.http().post(`/api/patients/${p.id}/opportunities`).set(w.specialistA.auth).send(job({ kind: 'VOLUNTEERING', hourlyPayPence: undefined, competitive: false, startsOn: addDays(londonDate(), 2) })).expect(409);
    });

    it('a discharged person needs no leave', async () => {
      const p = await t.make.patient({ wardId: w.wardA.id, status: 'DISCHARGED' });
      await t.http().post(`/api/patients/${p.id}/opportunities`).set(w.specialistA.auth).send(job({ kind: 'EDUCATION', title: 'Level 2 English', hourlyPayPence: undefined, competitive: false })).expect(201);
      const list = await t.http().get(`/api/patients/${p.id}/opportunities`).set(w.specialistA.auth).expect(200);
      expect(list.body).toEqual([expect.objectContaining({ kind: 'EDUCATION', title: 'Level 2 English', detainedAtStart: false })]);
    });

    it('records the first 4 hours of paid work, follow-along, a disclosure choice, and ends a start with a reason', async () => {
      const p = await t.make.patient({ wardId: w.wardA.id, status: 'DISCHARGED' });
      const emp = await w.employer();
      const o = (await t.http().post(`/api/patients/${p.id}/opportunities`).set(w.specialistA.auth).send(job({ employerId: emp.id, startsOn: '2026-07-10' })).expect(201)).body;
      const counted = await t.http().post(`/api/patients/${p.id}/opportunities/${o.id}/four-hours`).set(w.specialistA.auth).send({ fourHoursWorkedOn: '2026-07-11' }).expect(200);
      expect(counted.body.jobStartCounted).toBe(true);
      await t.http().post(`/api/patients/${p.id}/follow-along`).set(w.specialistA.auth).send({ opportunityId: o.id, contactedOn: '2026-07-17', mode: 'PHONE', withWhom: 'PERSON' }).expect(201);
      await t.http().post(`/api/patients/${p.id}/disclosures`).set(w.specialistA.auth).send({ employerId: emp.id, choice: 'HEALTH_CONDITION', decidedOn: '2026-07-01' }).expect(201);
      await t.http().post(`/api/patients/${p.id}/opportunities/${o.id}/end`).set(w.specialistA.auth).send({ endsOn: '2026-09-01' }).expect(422);
      const ended = await t.http().post(`/api/patients/${p.id}/opportunities/${o.id}/end`).set(w.specialistA.auth).send({ endsOn: '2026-09-01', endReason: 'CONTRACT_ENDED' }).expect(200);
      expect(ended.body).toMatchObject({ endsOn: '2026-09-01', endReason: 'CONTRACT_ENDED' });
      const rec = await t.http().get(`/api/patients/${p.id}/employment`).set(w.specialistA.auth).expect(200);
      expect(rec.body.followAlong).toHaveLength(1);
      expect(rec.body.disclosures).toEqual([expect.objectContaining({ employerId: emp.id, choice: 'HEALTH_CONDITION' })]);
    });

    it('employers and employer contacts follow the contract', async () => {
      const emp = await w.employer('Riverside Garden Centre');
      const list = await t.http().get('/api/employers').set(w.ot.auth).expect(200);
      expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: emp.id, name: 'Riverside Garden Centre', sector: 'Retail' })]));
      const c = await t.http().post('/api/employer-contacts').set(w.specialistA.auth).send({ employerId: emp.id, contactedOn: '2026-07-03', faceToFace: true, purpose: 'JOB_DEVELOPMENT' }).expect(201);
      expect(c.body).toMatchObject({ employerId: emp.id, patientId: null, specialistUserId: w.specialistA.user.id, faceToFace: true, purpose: 'JOB_DEVELOPMENT' });
      await t.http().post('/api/employer-contacts').set(w.specialistA.auth).send({ employerId: emp.id, patientId: w.pB.id, contactedOn: '2026-07-03', faceToFace: true, purpose: 'PLACEMENT_SUPPORT' }).expect(404);
      await t.http().post('/api/employer-contacts').set(w.specialistA.auth).send({ employerId: emp.id, contactedOn: '2026-07-03', faceToFace: true, purpose: 'COFFEE' }).expect(422);
    });
  });

  describe('benefits situations feed the rota caps', () => {
    let r: Awaited<ReturnType<typeof rotaWorld>>;
    const monday = new Date(Date.UTC(2027, 0, 4, 9)); // Monday 4 January 2027
    const day = 86_400_000;
    beforeAll(async () => {
      r = await rotaWorld(t, { rate: 1500 });
    });
    const book = (shiftId: string, patientId: string) => t.http().post(`/api/shifts/${shiftId}/assignments`).set(r.ot.auth).send({ patientId });
    const codes = (res: { body: { details?: { code: string }[] } }) => (res.body.details ?? []).map((d) => d.code).sort();
    const situation = (patientId: string, s: string, extra: Record<string, unknown> = {}) =>
      t.http().put(`/api/patients/${patientId}/benefits-situation`).set(r.ot.auth).send({ situation: s, effectiveFrom: addDays(londonDate(), -1), ...extra }).expect(200);
    /** Two 8-hour shifts in one week: 16 hours and GBP 240, over the site default (under 16 hours, GBP 195.50). */
    const twoLongShifts = async (n: number) => [await r.shift({ startAt: new Date(monday.getTime() + n * 7 * day + day), hours: 8 }), await r.shift({ startAt: new Date(monday.getTime() + n * 7 * day + 2 * day), hours: 8 })];

    it.each([
      ['UNKNOWN', 1, ['EARNINGS_CAP', 'HOURS_CAP']],
      ['LEGACY', 2, ['EARNINGS_CAP', 'HOURS_CAP']],
      ['NONE', 3, []],
      ['UNIVERSAL_CREDIT', 4, []],
    ] as [string, number, string[]][])('%s: the second long shift is %p', async (s, week, refused) => {
      const p = await r.worker();
      await situation(p.id, s);
      const [s1, s2] = await twoLongShifts(week);
      await book(s1.id, p.id).expect(201);
      const res = await book(s2.id, p.id);
      if (refused.length) {
        expect(res.status).toBe(409);
        expect(codes(res)).toEqual(refused);
      } else expect(res.status).toBe(201);
    });

    it('Universal Credit shows the estimated monthly reduction (work allowance, 55% taper) to the OT and the patient', async () => {
      const p = await r.worker();
      const me = await t.make.caller('PATIENT', { patientId: p.id });
      await situation(p.id, 'UNIVERSAL_CREDIT', { workAllowanceMonthlyPence: 41100 });
      // an outside job of 20 hours a week at GBP 12.50: GBP 250 a week = GBP 1,083.33 a month; 55% of (1083.33 - 411) = GBP 369.78
      const emp = await w.employer();
      await t.uow.run((em) => em.insert(LeaveEvent, { id: newId(), patientId: p.id, kind: 'GRANT', level: 'UNESCORTED_COMMUNITY', effectiveFrom: addDays(londonDate(), -5), effectiveUntil: null, grantedBy: null, note: null, recordedByUserId: r.ot.user.id, recordedAt: new Date() }));
      await t.http().post(`/api/patients/${p.id}/opportunities`).set(r.ot.auth).send({ kind: 'JOB', employerId: emp.id, title: 'Warehouse operative', startsOn: addDays(londonDate(), -1), hoursPerWeek: 20, hourlyPayPence: 1250, competitive: true }).expect(201);
      const ot = await t.http().get(`/api/patients/${p.id}/benefits-situation`).set(r.ot.auth).expect(200);
      const weeklyRota = 0; // no bookings this week
      const monthly = Math.round(((25000 + weeklyRota) * 52) / 12);
      expect(monthly).toBe(108333);
      expect(ot.body).toMatchObject({ situation: 'UNIVERSAL_CREDIT', caps: { weeklyEarningsCapPence: null, weeklyHoursCapMinutes: null, source: 'UNIVERSAL_CREDIT' }, universalCredit: { workAllowanceMonthlyPence: 41100, estimatedMonthlyEarningsPence: 108333, estimatedMonthlyReductionPence: 36978 } });
      const mine = await t.http().get(`/api/patients/${p.id}/benefits-situation`).set(me.auth).expect(200);
      expect(mine.body.universalCredit.estimatedMonthlyReductionPence).toBe(36978);
      const patientRecord = await t.http().get(`/api/patients/${p.id}`).set(r.ot.auth).expect(200);
      expect(patientRecord.body.benefitsLimits.source).toBe('UNIVERSAL_CREDIT');
      const week = await (await t.make.browser(me.user)).get('/my/week');
      expect(week.status).toBe(200);
      expect(week.text).toContain('You get Universal Credit.');
    });
  });
});
