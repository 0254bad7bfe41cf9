import { addDays } from '../src/common/dates';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Application } from '../src/recruitment/application.entity';
import { Placement } from '../src/recruitment/placement.entity';
import type { Ward } from '../src/wards/ward.entity';
import { RecruitmentWorld } from './recruitment-world';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

// Booting the app and hashing test passwords can pass Jest's 5 s hook default on a busy machine.
jest.setTimeout(60_000);

describe('recruitment API: vacancies, applications, interviews, offers', () => {
  let t: TestApp;
  let w: RecruitmentWorld;
  let wardA: Ward;
  let wardB: Ward;
  let admin: Auth;
  let adminId: string;
  let otA: Auth;
  let otB: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    w = new RecruitmentWorld(t);
    wardA = await t.make.ward();
    wardB = await t.make.ward();
    const a = await t.make.caller('ADMIN');
    admin = a.auth;
    adminId = a.user.id;
    otA = (await t.make.caller('OT', { wardIds: [wardA.id] })).auth;
    otB = (await t.make.caller('OT', { wardIds: [wardB.id] })).auth;
  });
  afterAll(() => t.close());

  async function patientOn(ward: Ward, overrides: { status?: 'ACTIVE' | 'DISCHARGED' } = {}) {
    const patient = await t.make.patient({ wardId: ward.id, ...overrides });
    const { user, auth } = await t.make.caller('PATIENT', { patientId: patient.id });
    return { patient, user, auth };
  }

  const audits = (action: string, patientId?: string) =>
    t.uow.read((em) => em.find(AuditEvent, { where: { action, ...(patientId ? { patientId } : {}) } }));

  describe('vacancies', () => {
    it('lets an admin and the enterprise’s lead open a vacancy, and refuses another lead (403) and an OT (403)', async () => {
      const e = await w.enterprise();
      const role = await w.role(e.id, { positions: 2 });
      const body = { workRoleId: role.id, opensOn: w.today, closesOn: addDays(w.today, 7), positions: 2, description: 'Two baristas' };
      const byAdmin = await t.http().post('/api/vacancies').set(admin).send(body).expect(201);
      expect(byAdmin.body).toMatchObject({ workRoleId: role.id, roleTitle: role.title, enterpriseId: e.id, enterpriseName: e.name, status: 'OPEN', positions: 2, applicantsCount: 0, rolePositions: 2, roleActivePlacements: 0 });

      const { auth: lead } = await w.lead(e.id);
      await t.http().post('/api/vacancies').set(lead).send(body).expect(201);
      const { auth: otherLead } = await w.lead((await w.enterprise()).id);
      const refused = await t.http().post('/api/vacancies').set(otherLead).send(body).expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      await t.http().post('/api/vacancies').set(otA).send(body).expect(403);
      const audit = await audits('vacancy.create');
      expect(audit.map((a) => a.entityId)).toContain(byAdmin.body.id);
    });

    it('refuses a closing date before the opening date, more positions than the role has, zero positions and unknown fields (422)', async () => {
      const role = await w.role((await w.enterprise()).id, { positions: 2 });
      const base = { workRoleId: role.id, opensOn: w.today, closesOn: addDays(w.today, 7), positions: 1 };
      const dates = await t.http().post('/api/vacancies').set(admin).send({ ...base, closesOn: addDays(w.today, -1) }).expect(422);
      expect(dates.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'closesOn' })]));
      const many = await t.http().post('/api/vacancies').set(admin).send({ ...base, positions: 3 }).expect(422);
      expect(many.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'positions' })]));
      await t.http().post('/api/vacancies').set(admin).send({ ...base, positions: 0 }).expect(422);
      await t.http().post('/api/vacancies').set(admin).send({ ...base, salary: 1 }).expect(422);
      await t.http().post('/api/vacancies').set(admin).send({ ...base, opensOn: '2026-02-30' }).expect(422);
    });

    it('refuses a vacancy for an inactive work role (409 ROLE_INACTIVE)', async () => {
      const role = await w.role((await w.enterprise()).id, { active: false });
      const res = await t.http().post('/api/vacancies').set(admin).send({ workRoleId: role.id, opensOn: w.today, closesOn: w.today, positions: 1 }).expect(409);
      expect(res.body.code).toBe('ROLE_INACTIVE');
    });

    it('shows patients only vacancies open today, and staff every status with filters', async () => {
      const e = await w.enterprise();
      const role = await w.role(e.id);
      const open = await w.vacancy(role.id);
      const past = await w.vacancy(role.id, { opensOn: addDays(w.today, -30), closesOn: addDays(w.today, -1) });
      const later = await w.vacancy(role.id, { opensOn: addDays(w.today, 2), closesOn: addDays(w.today, 9) });
      const closed = await w.vacancy(role.id, { status: 'CLOSED' });
      const { auth: patient } = await patientOn(wardA);

      const mine = await t.http().get(`/api/vacancies?enterpriseId=${e.id}`).set(patient).expect(200);
      expect(mine.body.items.map((v: { id: string }) => v.id)).toEqual([open.id]);
      expect(mine.body.items[0]).toMatchObject({ status: 'OPEN', myApplicationId: null });
      expect(mine.body.items[0].applicantsCount).toBeUndefined();
      const askedClosed = await t.http().get(`/api/vacancies?enterpriseId=${e.id}&status=CLOSED`).set(patient).expect(200);
      expect(askedClosed.body.total).toBe(0);
      await t.http().get(`/api/vacancies/${past.id}`).set(patient).expect(404);
      await t.http().get(`/api/vacancies/${open.id}`).set(patient).expect(200);

      const all = await t.http().get(`/api/vacancies?enterpriseId=${e.id}`).set(otA).expect(200);
      expect(all.body.total).toBe(4);
      const statusOf = Object.fromEntries(all.body.items.map((v: { id: string; status: string }) => [v.id, v.status]));
      expect(statusOf).toEqual({ [open.id]: 'OPEN', [past.id]: 'CLOSED', [later.id]: 'UPCOMING', [closed.id]: 'CLOSED' });
      const closedOnly = await t.http().get(`/api/vacancies?enterpriseId=${e.id}&status=CLOSED`).set(otA).expect(200);
      expect(closedOnly.body.items.map((v: { id: string }) => v.id).sort()).toEqual([past.id, closed.id].sort());
      const upcoming = await t.http().get(`/api/vacancies?enterpriseId=${e.id}&status=UPCOMING&limit=1`).set(otA).expect(200);
      expect(upcoming.body).toMatchObject({ total: 1, limit: 1, offset: 0, items: [expect.objectContaining({ id: later.id })] });
      await t.http().get('/api/vacancies?status=SOON').set(otA).expect(422);
    });

    it('closes a vacancy (lead of the enterprise), after which applications are refused', async () => {
      const { enterprise, vacancy } = await w.openVacancy();
      const { auth: lead } = await w.lead(enterprise.id);
      const { auth: patient } = await patientOn(wardA);
      const closed = await t.http().post(`/api/vacancies/${vacancy.id}/close`).set(lead).expect(201);
      expect(closed.body.status).toBe('CLOSED');
      const again = await t.http().post(`/api/vacancies/${vacancy.id}/close`).set(lead).expect(409);
      expect(again.body.code).toBe('VACANCY_CLOSED');
      const res = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(patient).send({}).expect(409);
      expect(res.body.code).toBe('VACANCY_NOT_OPEN');
    });
  });

  describe('applications', () => {
    it('lets a patient apply for themself, once (409 ALREADY_APPLIED), also when staff try again for them', async () => {
      const { vacancy, role } = await w.openVacancy();
      const { patient, auth } = await patientOn(wardA);
      const res = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(auth).send({ statement: 'I like coffee' }).expect(201);
      expect(res.body).toMatchObject({ vacancyId: vacancy.id, patientId: patient.id, workRoleId: role.id, statement: 'I like coffee', status: 'SUBMITTED', stage: 'Applied', interviews: [], offer: null, placementId: null });
      expect(res.body).not.toHaveProperty('restrictionConflicts');
      const again = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(auth).send({}).expect(409);
      expect(again.body.code).toBe('ALREADY_APPLIED');
      const byStaff = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(otA).send({ patientId: patient.id }).expect(409);
      expect(byStaff.body.code).toBe('ALREADY_APPLIED');
      expect(await t.uow.read((em) => em.count(Application, { where: { vacancyId: vacancy.id } }))).toBe(1);
    });

    it('refuses applications to a vacancy past its closing date or not yet open (409 VACANCY_NOT_OPEN)', async () => {
      const { role } = await w.openVacancy();
      const past = await w.vacancy(role.id, { opensOn: addDays(w.today, -20), closesOn: addDays(w.today, -1) });
      const later = await w.vacancy(role.id, { opensOn: addDays(w.today, 1) });
      const { auth } = await patientOn(wardA);
      for (const v of [past, later]) {
        const res = await t.http().post(`/api/vacancies/${v.id}/applications`).set(auth).send({}).expect(409);
        expect(res.body.code).toBe('VACANCY_NOT_OPEN');
      }
      expect(await t.uow.read((em) => em.count(Application, { where: [{ vacancyId: past.id }, { vacancyId: later.id }] }))).toBe(0);
    });

    it('lets staff apply for a patient in their scope only, and needs patientId from staff (422)', async () => {
      const { vacancy } = await w.openVacancy();
      const { patient } = await patientOn(wardA);
      await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(otA).send({}).expect(422);
      await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(otB).send({ patientId: patient.id }).expect(404);
      const ok = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(otA).send({ patientId: patient.id, statement: 'Keen' }).expect(201);
      expect(ok.body).toMatchObject({ patientId: patient.id, restrictionConflicts: [] });
    });

    it('does not let a patient apply for another patient (404, nothing written)', async () => {
      const { vacancy } = await w.openVacancy();
      const { auth } = await patientOn(wardA);
      const { patient: other } = await patientOn(wardA);
      const res = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(auth).send({ patientId: other.id }).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(await t.uow.read((em) => em.count(Application, { where: { patientId: other.id } }))).toBe(0);
    });

    it('refuses an application for a discharged patient (409 PATIENT_NOT_ACTIVE)', async () => {
      const { vacancy } = await w.openVacancy();
      const { patient } = await patientOn(wardA, { status: 'DISCHARGED' });
      const res = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(otA).send({ patientId: patient.id }).expect(409);
      expect(res.body.code).toBe('PATIENT_NOT_ACTIVE');
    });

    it('accepts an application that meets a restriction in force, shows the conflict to staff and hides it from the patient', async () => {
      const { vacancy } = await w.openVacancy({ activities: ['CASH', 'PUBLIC_CONTACT', 'FOOD_PREPARATION'] });
      const { patient, auth } = await patientOn(wardA);
      await w.restriction(patient.id, 'NO_CASH_HANDLING', adminId);
      await w.restriction(patient.id, 'NO_TOOLS', adminId); // does not meet the role's activities
      await w.restriction(patient.id, 'NO_FOOD_PREPARATION', adminId, addDays(w.today, 5)); // not yet in force

      const created = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(auth).send({}).expect(201);
      expect(created.body.status).toBe('SUBMITTED');
      expect(created.body).not.toHaveProperty('restrictionConflicts');

      const staff = await t.http().get(`/api/applications/${created.body.id}`).set(otA).expect(200);
      expect(staff.body.restrictionConflicts).toEqual(['NO_CASH_HANDLING']);
      const list = await t.http().get(`/api/applications?vacancyId=${vacancy.id}`).set(admin).expect(200);
      expect(list.body.items[0].restrictionConflicts).toEqual(['NO_CASH_HANDLING']);

      const own = await t.http().get(`/api/applications/${created.body.id}`).set(auth).expect(200);
      expect(own.body).not.toHaveProperty('restrictionConflicts');
      const ownList = await t.http().get('/api/applications').set(auth).expect(200);
      expect(ownList.body.items).toHaveLength(1);
      expect(JSON.stringify(ownList.body)).not.toContain('NO_CASH_HANDLING');
    });
  });

  describe('scope', () => {
    it('answers 404 when a patient reads another patient’s application, and lists only their own', async () => {
      const { vacancy } = await w.openVacancy();
      const me = await patientOn(wardA);
      const other = await patientOn(wardA);
      const theirs = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(other.auth).send({}).expect(201);
      const mine = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(me.auth).send({}).expect(201);
      await t.http().get(`/api/applications/${theirs.body.id}`).set(me.auth).expect(404);
      await t.http().get(`/api/applications?patientId=${other.patient.id}`).set(me.auth).expect(404);
      const list = await t.http().get(`/api/applications?vacancyId=${vacancy.id}`).set(me.auth).expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([mine.body.id]);
    });

    it('answers 404 when an OT on another ward reads an applicant, and leaves them out of lists and counts', async () => {
      const { vacancy } = await w.openVacancy();
      const { patient } = await patientOn(wardA);
      const app = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(otA).send({ patientId: patient.id }).expect(201);
      await t.http().get(`/api/applications/${app.body.id}`).set(otB).expect(404);
      await t.http().get(`/api/applications?patientId=${patient.id}`).set(otB).expect(404);
      const list = await t.http().get(`/api/applications?vacancyId=${vacancy.id}`).set(otB).expect(200);
      expect(list.body).toMatchObject({ items: [], total: 0 });
      const v = await t.http().get(`/api/vacancies/${vacancy.id}`).set(otB).expect(200);
      expect(v.body.applicantsCount).toBe(0);
      const vA = await t.http().get(`/api/vacancies/${vacancy.id}`).set(otA).expect(200);
      expect(vA.body.applicantsCount).toBe(1);
      await t.http().post(`/api/applications/${app.body.id}/interviews`).set(otB).send({ scheduledAt: '2030-01-01T10:00:00Z', panel: 'x' }).expect(404);
    });

    it('shows a lead the applicants to their enterprises’ vacancies only', async () => {
      const mine = await w.openVacancy();
      const theirs = await w.openVacancy();
      const { auth: lead } = await w.lead(mine.enterprise.id);
      const { patient } = await patientOn(wardA);
      const a1 = await t.http().post(`/api/vacancies/${mine.vacancy.id}/applications`).set(otA).send({ patientId: patient.id }).expect(201);
      const a2 = await t.http().post(`/api/vacancies/${theirs.vacancy.id}/applications`).set(otA).send({ patientId: patient.id }).expect(201);
      await t.http().get(`/api/applications/${a1.body.id}`).set(lead).expect(200);
      await t.http().get(`/api/applications/${a2.body.id}`).set(lead).expect(404);
      const list = await t.http().get(`/api/applications?patientId=${patient.id}`).set(lead).expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([a1.body.id]);
    });

    it('answers 404 when a patient reads another patient’s placement, and lists only their own', async () => {
      const { role } = await w.openVacancy();
      const me = await patientOn(wardA);
      const other = await patientOn(wardA);
      const theirs = await t.http().post('/api/placements').set(otA).send({ patientId: other.patient.id, workRoleId: role.id, startOn: w.today }).expect(201);
      await t.http().get(`/api/placements/${theirs.body.id}`).set(me.auth).expect(404);
      await t.http().get(`/api/placements?patientId=${other.patient.id}`).set(me.auth).expect(404);
      const list = await t.http().get('/api/placements').set(me.auth).expect(200);
      expect(list.body).toMatchObject({ items: [], total: 0 });
      await t.http().get(`/api/placements/${theirs.body.id}`).set(otB).expect(404);
      const own = await t.http().get('/api/placements').set(other.auth).expect(200);
      expect(own.body.items.map((p: { id: string }) => p.id)).toEqual([theirs.body.id]);
    });
  });

  describe('interviews and offers', () => {
    it('runs the whole path: interview, outcome with feedback the patient reads, offer, acceptance that makes the placement', async () => {
      const { vacancy, role, enterprise } = await w.openVacancy();
      const { patient, auth } = await patientOn(wardA);
      const { auth: lead } = await w.lead(enterprise.id);
      const app = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(auth).send({ statement: 'Please' }).expect(201);

      const booked = await t.http().post(`/api/applications/${app.body.id}/interviews`).set(lead).send({ scheduledAt: '2030-03-04T10:30:00+00:00', panel: 'Leon (lead), Olivia (OT)' }).expect(201);
      expect(booked.body).toMatchObject({ status: 'INTERVIEW', stage: 'Interview booked', interviews: [expect.objectContaining({ scheduledAt: '2030-03-04T10:30:00.000Z', outcome: 'PENDING', feedback: null })] });
      const twice = await t.http().post(`/api/applications/${app.body.id}/interviews`).set(lead).send({ scheduledAt: '2030-03-05T10:30:00Z', panel: 'x' }).expect(409);
      expect(twice.body.code).toBe('INTERVIEW_PENDING');
      const early = await t.http().post(`/api/applications/${app.body.id}/offers`).set(lead).send({ startOn: addDays(w.today, 7) }).expect(409);
      expect(early.body.code).toBe('INTERVIEW_PENDING');
      await t.http().post(`/api/applications/${app.body.id}/interviews`).set(auth).send({ scheduledAt: '2030-03-05T10:30:00Z', panel: 'x' }).expect(403);

      const interviewId = booked.body.interviews[0].id;
      const decided = await t.http().patch(`/api/interviews/${interviewId}`).set(lead).send({ outcome: 'SUCCESSFUL', feedback: 'Great customer focus. Work on pace at busy times.' }).expect(200);
      expect(decided.body).toMatchObject({ status: 'INTERVIEW', stage: 'Interviewed' });
      const changed = await t.http().patch(`/api/interviews/${interviewId}`).set(lead).send({ outcome: 'UNSUCCESSFUL' }).expect(409);
      expect(changed.body.code).toBe('INTERVIEW_DECIDED');
      await t.http().patch(`/api/interviews/${interviewId}`).set(lead).send({}).expect(422);

      const seen = await t.http().get(`/api/applications/${app.body.id}`).set(auth).expect(200);
      expect(seen.body.interviews[0]).toMatchObject({ outcome: 'SUCCESSFUL', feedback: 'Great customer focus. Work on pace at busy times.' });

      const startOn = addDays(w.today, 7);
      const offered = await t.http().post(`/api/applications/${app.body.id}/offers`).set(lead).send({ startOn, terms: 'Tue and Thu mornings' }).expect(201);
      expect(offered.body).toMatchObject({ status: 'OFFERED', offer: { startOn, terms: 'Tue and Thu mornings', status: 'MADE' } });
      const second = await t.http().post(`/api/applications/${app.body.id}/offers`).set(lead).send({ startOn }).expect(409);
      expect(second.body.code).toBe('APPLICATION_STAGE');

      const accepted = await t.http().post(`/api/offers/${offered.body.offer.id}/accept`).set(auth).expect(201);
      expect(accepted.body).toMatchObject({ status: 'ACCEPTED', stage: 'Placed', offer: { status: 'ACCEPTED' } });
      expect(accepted.body.placementId).toEqual(expect.any(String));
      const again = await t.http().post(`/api/offers/${offered.body.offer.id}/accept`).set(auth).expect(409);
      expect(again.body.code).toBe('OFFER_NOT_OPEN');

      const placements = await t.http().get(`/api/placements?patientId=${patient.id}`).set(otA).expect(200);
      expect(placements.body.items).toEqual([
        expect.objectContaining({ id: accepted.body.placementId, patientId: patient.id, workRoleId: role.id, roleTitle: role.title, enterpriseName: enterprise.name, applicationId: app.body.id, startOn, endOn: null, status: 'ACTIVE', endReason: null }),
      ]);
      const actions = (await t.uow.read((em) => em.find(AuditEvent, { where: { patientId: patient.id } }))).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['application.create', 'interview.schedule', 'interview.update', 'offer.make', 'offer.accept', 'placement.create']));
    });

    it('ends the application when the interview is unsuccessful; no offer can follow', async () => {
      const { vacancy } = await w.openVacancy();
      const { patient } = await patientOn(wardA);
      const app = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(otA).send({ patientId: patient.id }).expect(201);
      const booked = await t.http().post(`/api/applications/${app.body.id}/interviews`).set(otA).send({ scheduledAt: '2030-01-01T09:00:00Z', panel: 'OT' }).expect(201);
      const res = await t.http().patch(`/api/interviews/${booked.body.interviews[0].id}`).set(otA).send({ outcome: 'UNSUCCESSFUL', feedback: 'Not this time' }).expect(200);
      expect(res.body).toMatchObject({ status: 'UNSUCCESSFUL', stage: 'Unsuccessful' });
      const offer = await t.http().post(`/api/applications/${app.body.id}/offers`).set(otA).send({ startOn: w.today }).expect(409);
      expect(offer.body.code).toBe('APPLICATION_STAGE');
      // feedback can still be improved after the outcome
      const better = await t.http().patch(`/api/interviews/${booked.body.interviews[0].id}`).set(otA).send({ feedback: 'Not this time: try the garden team' }).expect(200);
      expect(better.body.interviews[0].feedback).toBe('Not this time: try the garden team');
    });

    it('offers without an interview (place then train) and lets staff accept on the patient’s behalf', async () => {
      const { vacancy } = await w.openVacancy();
      const { patient } = await patientOn(wardA);
      const { auth: specialist } = await t.make.caller('EMPLOYMENT_SPECIALIST', { wardIds: [wardA.id] });
      const app = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(specialist).send({ patientId: patient.id }).expect(201);
      const offered = await t.http().post(`/api/applications/${app.body.id}/offers`).set(specialist).send({ startOn: w.today }).expect(201);
      const accepted = await t.http().post(`/api/offers/${offered.body.offer.id}/accept`).set(specialist).expect(201);
      expect(accepted.body.status).toBe('ACCEPTED');
      const placement = await t.http().get(`/api/placements/${accepted.body.placementId}`).set(specialist).expect(200);
      expect(placement.body).toMatchObject({ patientId: patient.id, startOn: w.today, status: 'ACTIVE' });
    });

    it('records a declined offer without a placement', async () => {
      const { vacancy } = await w.openVacancy();
      const { auth } = await patientOn(wardA);
      const app = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(auth).send({}).expect(201);
      const offered = await t.http().post(`/api/applications/${app.body.id}/offers`).set(admin).send({ startOn: w.today }).expect(201);
      const declined = await t.http().post(`/api/offers/${offered.body.offer.id}/decline`).set(auth).expect(201);
      expect(declined.body).toMatchObject({ status: 'DECLINED', offer: { status: 'DECLINED' }, placementId: null });
      const accept = await t.http().post(`/api/offers/${offered.body.offer.id}/accept`).set(auth).expect(409);
      expect(accept.body.code).toBe('OFFER_NOT_OPEN');
    });

    it('withdraws an application with its unanswered offer, which can then not be accepted', async () => {
      const { vacancy } = await w.openVacancy();
      const { auth } = await patientOn(wardA);
      const app = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(auth).send({}).expect(201);
      const offered = await t.http().post(`/api/applications/${app.body.id}/offers`).set(admin).send({ startOn: w.today }).expect(201);
      const withdrawn = await t.http().post(`/api/applications/${app.body.id}/withdraw`).set(auth).send({ note: 'Changed my mind' }).expect(201);
      expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', outcomeNote: 'Changed my mind', offer: { status: 'WITHDRAWN' } });
      const accept = await t.http().post(`/api/offers/${offered.body.offer.id}/accept`).set(auth).expect(409);
      expect(accept.body.code).toBe('OFFER_NOT_OPEN');
      const again = await t.http().post(`/api/applications/${app.body.id}/withdraw`).set(auth).send({}).expect(409);
      expect(again.body.code).toBe('APPLICATION_STAGE');
    });

    it('does not let a patient answer another patient’s offer (404)', async () => {
      const { vacancy } = await w.openVacancy();
      const me = await patientOn(wardA);
      const other = await patientOn(wardA);
      const app = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(other.auth).send({}).expect(201);
      const offered = await t.http().post(`/api/applications/${app.body.id}/offers`).set(admin).send({ startOn: w.today }).expect(201);
      await t.http().post(`/api/offers/${offered.body.offer.id}/accept`).set(me.auth).expect(404);
      await t.http().post(`/api/offers/${offered.body.offer.id}/decline`).set(me.auth).expect(404);
      await t.http().post(`/api/applications/${app.body.id}/withdraw`).set(me.auth).send({}).expect(404);
      const still = await t.http().get(`/api/applications/${app.body.id}`).set(other.auth).expect(200);
      expect(still.body).toMatchObject({ status: 'OFFERED', offer: { status: 'MADE' } });
    });

    it('validates interview times and offer dates (422)', async () => {
      const { vacancy } = await w.openVacancy();
      const { patient } = await patientOn(wardA);
      const app = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(otA).send({ patientId: patient.id }).expect(201);
      await t.http().post(`/api/applications/${app.body.id}/interviews`).set(otA).send({ scheduledAt: '2030-01-01', panel: 'x' }).expect(422);
      await t.http().post(`/api/applications/${app.body.id}/interviews`).set(otA).send({ scheduledAt: '2030-01-01T10:00:00', panel: 'x' }).expect(422);
      await t.http().post(`/api/applications/${app.body.id}/interviews`).set(otA).send({ scheduledAt: '2030-01-01T10:00:00Z', panel: '' }).expect(422);
      await t.http().post(`/api/applications/${app.body.id}/offers`).set(otA).send({ startOn: '1 May' }).expect(422);
      await t.http().post(`/api/applications/${app.body.id}/offers`).set(otA).send({ startOn: '2030-02-31' }).expect(422);
    });
  });

  describe('audit of reads', () => {
    it('writes an audit row for each patient in an application or placement list, and for a single read', async () => {
      const { vacancy, role } = await w.openVacancy();
      const p1 = await patientOn(wardA);
      const p2 = await patientOn(wardA);
      const app1 = await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(p1.auth).send({}).expect(201);
      await t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(p2.auth).send({}).expect(201);
      await t.http().post('/api/placements').set(otA).send({ patientId: p1.patient.id, workRoleId: role.id, startOn: w.today }).expect(201);

      const before = (await audits('application.list', p2.patient.id)).length;
      await t.http().get(`/api/applications?vacancyId=${vacancy.id}`).set(otA).expect(200);
      expect((await audits('application.list', p1.patient.id)).length).toBeGreaterThan(0);
      expect((await audits('application.list', p2.patient.id)).length).toBe(before + 1);

      await t.http().get(`/api/placements?workRoleId=${role.id}`).set(otA).expect(200);
      expect(await audits('placement.list', p1.patient.id)).toHaveLength(1);

      await t.http().get(`/api/applications/${app1.body.id}`).set(otA).expect(200);
      const read = await audits('application.read', p1.patient.id);
      expect(read).toEqual([expect.objectContaining({ entityType: 'application', entityId: app1.body.id })]);
      // nobody out of scope: no read recorded for the OT on the other ward
      await t.http().get(`/api/applications?vacancyId=${vacancy.id}`).set(otB).expect(200);
      const lists = await audits('application.list', p1.patient.id);
      expect(lists.every((a) => a.userId !== null)).toBe(true);
      expect(lists).toHaveLength(1);
    });
  });

  describe('who may call what', () => {
    it('keeps commissioners out of vacancies and patients out of staff actions (403)', async () => {
      const { auth: commissioner } = await t.make.caller('COMMISSIONER');
      await t.http().get('/api/vacancies').set(commissioner).expect(403);
      await t.http().get('/api/placements').set(commissioner).expect(403);
      const { auth } = await patientOn(wardA);
      await t.http().post('/api/placements').set(auth).send({}).expect(403);
      await t.http().post('/api/vacancies').set(auth).send({}).expect(403);
    });

    it('documents every recruitment route in the OpenAPI document', async () => {
      const doc = await t.http().get('/api/docs-json').expect(200);
      const paths = Object.keys(doc.body.paths);
      for (const p of [
        '/api/vacancies',
        '/api/vacancies/{id}',
        '/api/vacancies/{id}/close',
        '/api/vacancies/{id}/applications',
        '/api/applications',
        '/api/applications/{id}',
        '/api/applications/{id}/interviews',
        '/api/interviews/{id}',
        '/api/applications/{id}/offers',
        '/api/offers/{id}/accept',
        '/api/offers/{id}/decline',
        '/api/applications/{id}/withdraw',
        '/api/placements',
        '/api/placements/{id}/end',
      ]) {
        expect(paths).toContain(p);
      }
      expect(doc.body.components.schemas.PlacementDto.properties.status.enum).toEqual(['ACTIVE', 'ENDED']);
      expect(doc.body.paths['/api/placements'].post.summary).toEqual(expect.any(String));
    });
  });

  it('never stores two active placements for one patient and role (database check)', async () => {
    const rows = await t.uow.read((em) => em.find(Placement, { where: { status: 'ACTIVE' } }));
    const keys = rows.map((p) => `${p.patientId}/${p.workRoleId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.every((p) => p.activeKey === 'A')).toBe(true);
  });
});
