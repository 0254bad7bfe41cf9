import { addDays } from '../src/common/dates';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Offer } from '../src/recruitment/offer.entity';
import { Placement } from '../src/recruitment/placement.entity';
import { PlacementsService } from '../src/recruitment/placements.service';
import type { Ward } from '../src/wards/ward.entity';
import { RecruitmentWorld } from './recruitment-world';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

// Booting the app and hashing test passwords can pass Jest's 5 s hook default on a busy machine.
jest.setTimeout(60_000);

describe('recruitment API: placements, positions and endings', () => {
  let t: TestApp;
  let w: RecruitmentWorld;
  let ward: Ward;
  let admin: Auth;
  let ot: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    w = new RecruitmentWorld(t);
    ward = await t.make.ward();
    admin = (await t.make.caller('ADMIN')).auth;
    ot = (await t.make.caller('OT', { wardIds: [ward.id] })).auth;
  });
  afterAll(() => t.close());

  const activeIn = (workRoleId: string) => t.uow.read((em) => em.count(Placement, { where: { workRoleId, status: 'ACTIVE' } }));
  const place = (auth: Auth, patientId: string, workRoleId: string, startOn = w.today) => t.http().post('/api/placements').set(auth).send({ patientId, workRoleId, startOn });

  /** n patients on the ward, each with an application and an offer for the vacancy. */
  async function offers(vacancyId: string, n: number): Promise<{ patientId: string; offerId: string; applicationId: string }[]> {
    const out = [];
    for (let i = 0; i < n; i++) {
      const p = await t.make.patient({ wardId: ward.id });
      const app = await t.http().post(`/api/vacancies/${vacancyId}/applications`).set(ot).send({ patientId: p.id }).expect(201);
      const offered = await t.http().post(`/api/applications/${app.body.id}/offers`).set(ot).send({ startOn: w.today }).expect(201);
      out.push({ patientId: p.id, offerId: offered.body.offer.id as string, applicationId: app.body.id as string });
    }
    return out;
  }

  describe('positions', () => {
    it('refuses an acceptance when the role’s positions are full (409 POSITIONS_FULL) and leaves the offer open', async () => {
      const { vacancy, role } = await w.openVacancy({ positions: 1 });
      const [first, second] = await offers(vacancy.id, 2);
      await t.http().post(`/api/offers/${first.offerId}/accept`).set(ot).expect(201);
      const res = await t.http().post(`/api/offers/${second.offerId}/accept`).set(ot).expect(409);
      expect(res.body.code).toBe('POSITIONS_FULL');
      expect(await activeIn(role.id)).toBe(1);
      const still = await t.http().get(`/api/applications/${second.applicationId}`).set(ot).expect(200);
      expect(still.body).toMatchObject({ status: 'OFFERED', offer: { status: 'MADE' }, placementId: null });
    });

    it('refuses a direct placement when the role’s positions are full (409 POSITIONS_FULL)', async () => {
      const role = await w.role((await w.enterprise()).id, { positions: 2 });
      for (let i = 0; i < 2; i++) await place(ot, (await t.make.patient({ wardId: ward.id })).id, role.id).expect(201);
      const res = await place(ot, (await t.make.patient({ wardId: ward.id })).id, role.id).expect(409);
      expect(res.body.code).toBe('POSITIONS_FULL');
      expect(await activeIn(role.id)).toBe(2);
    });

    it('frees a position when a placement ends', async () => {
      const role = await w.role((await w.enterprise()).id, { positions: 1 });
      const first = await place(ot, (await t.make.patient({ wardId: ward.id })).id, role.id).expect(201);
      const nextPatient = (await t.make.patient({ wardId: ward.id })).id;
      await place(ot, nextPatient, role.id).expect(409);
      await t.http().post(`/api/placements/${first.body.id}/end`).set(ot).send({ endOn: w.today, endReason: 'PROGRESSED_TRAINING' }).expect(201);
      await place(ot, nextPatient, role.id).expect(201);
    });

    it('places exactly as many as the positions when 10 acceptances race for a 2-position role', async () => {
      const { vacancy, role } = await w.openVacancy({ positions: 2 });
      const pending = await offers(vacancy.id, 10);
      const results = await Promise.all(pending.map((o) => t.http().post(`/api/offers/${o.offerId}/accept`).set(ot)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 201, 409, 409, 409, 409, 409, 409, 409, 409]);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'POSITIONS_FULL')).toBe(true);
      expect(await activeIn(role.id)).toBe(2);
      const accepted = await t.uow.read((em) => em.count(Offer, { where: pending.map((o) => ({ id: o.offerId, status: 'ACCEPTED' as const })) }));
      expect(accepted).toBe(2);
    });

    it('places exactly as many as the positions when 10 direct placements race for a 2-position role', async () => {
      const role = await w.role((await w.enterprise()).id, { positions: 2 });
      const patients = await Promise.all(Array.from({ length: 10 }, () => t.make.patient({ wardId: ward.id })));
      const results = await Promise.all(patients.map((p) => place(admin, p.id, role.id)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(2);
      expect(results.filter((r) => r.status === 409 && r.body.code === 'POSITIONS_FULL')).toHaveLength(8);
      expect(await activeIn(role.id)).toBe(2);
    });
  });

  describe('one active placement per patient and role', () => {
    it('refuses a second active placement in the same role (409 ALREADY_PLACED), directly or by accepting an offer', async () => {
      const { vacancy, role } = await w.openVacancy({ positions: 5 });
      const [o] = await offers(vacancy.id, 1);
      await place(ot, o.patientId, role.id).expect(201);
      const direct = await place(ot, o.patientId, role.id).expect(409);
      expect(direct.body.code).toBe('ALREADY_PLACED');
      const viaOffer = await t.http().post(`/api/offers/${o.offerId}/accept`).set(ot).expect(409);
      expect(viaOffer.body.code).toBe('ALREADY_PLACED');
      expect(await t.uow.read((em) => em.count(Placement, { where: { patientId: o.patientId, workRoleId: role.id } }))).toBe(1);
    });

    it('lets a patient hold active placements in two different roles', async () => {
      const e = await w.enterprise();
      const [r1, r2] = [await w.role(e.id), await w.role(e.id)];
      const p = await t.make.patient({ wardId: ward.id });
      await place(ot, p.id, r1.id).expect(201);
      await place(ot, p.id, r2.id).expect(201);
      const list = await t.http().get(`/api/placements?patientId=${p.id}&status=ACTIVE`).set(ot).expect(200);
      expect(list.body.total).toBe(2);
    });

    it('keeps one active placement when five placements of the same patient and role race', async () => {
      const role = await w.role((await w.enterprise()).id, { positions: 5 });
      const p = await t.make.patient({ wardId: ward.id });
      const results = await Promise.all(Array.from({ length: 5 }, () => place(admin, p.id, role.id)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409 && r.body.code === 'ALREADY_PLACED')).toHaveLength(4);
      expect(await activeIn(role.id)).toBe(1);
    });

    it('keeps one application when the same patient applies five times at once (409 ALREADY_APPLIED)', async () => {
      const { vacancy } = await w.openVacancy();
      const p = await t.make.patient({ wardId: ward.id });
      const results = await Promise.all(Array.from({ length: 5 }, () => t.http().post(`/api/vacancies/${vacancy.id}/applications`).set(ot).send({ patientId: p.id })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409 && r.body.code === 'ALREADY_APPLIED')).toHaveLength(4);
    });
  });

  describe('direct placement rules', () => {
    it('refuses to place a discharged patient (409) or into an inactive role (409), and an unknown role is a field error (422)', async () => {
      const role = await w.role((await w.enterprise()).id);
      const discharged = await t.make.patient({ wardId: ward.id, status: 'DISCHARGED' });
      expect((await place(ot, discharged.id, role.id).expect(409)).body.code).toBe('PATIENT_NOT_ACTIVE');
      const inactive = await w.role((await w.enterprise()).id, { active: false });
      const p = await t.make.patient({ wardId: ward.id });
      expect((await place(ot, p.id, inactive.id).expect(409)).body.code).toBe('ROLE_INACTIVE');
      await place(ot, p.id, '00000000-0000-4000-8000-000000000000').expect(422);
      await place(ot, p.id, role.id, '2026-13-01').expect(422);
    });

    it('lets a lead place only into their own enterprises’ roles, and an OT only their ward’s patients', async () => {
      const mine = await w.enterprise();
      const theirs = await w.enterprise();
      const myRole = await w.role(mine.id);
      const theirRole = await w.role(theirs.id);
      const { auth: lead } = await w.lead(mine.id);
      const p = await t.make.patient({ wardId: ward.id });
      // the patient becomes visible to the lead by applying to their vacancy
      const v = await w.vacancy(myRole.id);
      await t.http().post(`/api/vacancies/${v.id}/applications`).set(ot).send({ patientId: p.id }).expect(201);
      await place(lead, p.id, theirRole.id).expect(403);
      await place(lead, p.id, myRole.id).expect(201);
      const otherWard = await t.make.ward();
      const stranger = await t.make.patient({ wardId: otherWard.id });
      await place(ot, stranger.id, myRole.id).expect(404);
      await place(lead, stranger.id, myRole.id).expect(404);
    });
  });

  describe('ending placements', () => {
    it('ends a placement with a date, reason and note; refuses an end before the start (422) and a second end (409)', async () => {
      const role = await w.role((await w.enterprise()).id);
      const p = await t.make.patient({ wardId: ward.id });
      const { auth: patientAuth } = await t.make.caller('PATIENT', { patientId: p.id });
      const placed = await place(ot, p.id, role.id, addDays(w.today, -30)).expect(201);
      const early = await t.http().post(`/api/placements/${placed.body.id}/end`).set(ot).send({ endOn: addDays(w.today, -31), endReason: 'RESIGNED' }).expect(422);
      expect(early.body.details).toEqual([expect.objectContaining({ field: 'endOn' })]);
      await t.http().post(`/api/placements/${placed.body.id}/end`).set(ot).send({ endOn: w.today, endReason: 'SACKED' }).expect(422);
      const ended = await t.http().post(`/api/placements/${placed.body.id}/end`).set(ot).send({ endOn: w.today, endReason: 'PROGRESSED_VOLUNTEERING', note: 'Volunteering at the food bank' }).expect(201);
      expect(ended.body).toMatchObject({ status: 'ENDED', endOn: w.today, endReason: 'PROGRESSED_VOLUNTEERING', endNote: 'Volunteering at the food bank' });
      const again = await t.http().post(`/api/placements/${placed.body.id}/end`).set(ot).send({ endOn: w.today, endReason: 'RESIGNED' }).expect(409);
      expect(again.body.code).toBe('PLACEMENT_ENDED');
      const own = await t.http().get(`/api/placements/${placed.body.id}`).set(patientAuth).expect(200);
      expect(own.body).toMatchObject({ status: 'ENDED', endReason: 'PROGRESSED_VOLUNTEERING' });
      expect(own.body).not.toHaveProperty('endNote');
      await t.http().post(`/api/placements/${placed.body.id}/end`).set(patientAuth).send({ endOn: w.today, endReason: 'RESIGNED' }).expect(403);
      const audit = await t.uow.read((em) => em.find(AuditEvent, { where: { action: 'placement.end', entityId: placed.body.id } }));
      expect(audit).toHaveLength(1);
      // the same patient can be placed in the role again
      await place(ot, p.id, role.id).expect(201);
    });

    it('ends every active placement of a discharged patient through endActivePlacementsFor', async () => {
      const e = await w.enterprise();
      const [r1, r2, r3] = [await w.role(e.id), await w.role(e.id), await w.role(e.id)];
      const p = await t.make.patient({ wardId: ward.id });
      const bystander = await t.make.patient({ wardId: ward.id });
      const a = await place(ot, p.id, r1.id, addDays(w.today, -40)).expect(201);
      const future = await place(ot, p.id, r2.id, addDays(w.today, 10)).expect(201);
      const old = await place(ot, p.id, r3.id, addDays(w.today, -90)).expect(201);
      await t.http().post(`/api/placements/${old.body.id}/end`).set(ot).send({ endOn: addDays(w.today, -60), endReason: 'RESIGNED' }).expect(201);
      const other = await place(ot, bystander.id, r1.id).expect(201);

      const service = t.app.get(PlacementsService);
      const ended = await t.uow.run((em) => service.endActivePlacementsFor(em, p.id, 'DISCHARGED', w.today));
      expect(ended.map((x) => x.id).sort()).toEqual([a.body.id, future.body.id].sort());

      const rows = await t.uow.read((em) => em.find(Placement, { where: { patientId: p.id } }));
      const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
      expect(byId[a.body.id]).toMatchObject({ status: 'ENDED', endReason: 'DISCHARGED', endOn: w.today, activeKey: a.body.id });
      expect(byId[future.body.id]).toMatchObject({ status: 'ENDED', endReason: 'DISCHARGED', endOn: addDays(w.today, 10) });
      expect(byId[old.body.id]).toMatchObject({ endReason: 'RESIGNED', endOn: addDays(w.today, -60) });
      const stillActive = await t.http().get(`/api/placements/${other.body.id}`).set(ot).expect(200);
      expect(stillActive.body.status).toBe('ACTIVE');
      const audit = await t.uow.read((em) => em.find(AuditEvent, { where: { action: 'placement.end', patientId: p.id } }));
      expect(audit.map((x) => x.entityId)).toEqual(expect.arrayContaining([a.body.id, future.body.id]));
      expect(await t.uow.run((em) => service.endActivePlacementsFor(em, p.id, 'DISCHARGED', w.today))).toEqual([]);
    });

    it('rolls back the endings when the surrounding unit of work fails', async () => {
      const role = await w.role((await w.enterprise()).id);
      const p = await t.make.patient({ wardId: ward.id });
      const placed = await place(ot, p.id, role.id).expect(201);
      const service = t.app.get(PlacementsService);
      await expect(
        t.uow.run(async (em) => {
          await service.endActivePlacementsFor(em, p.id, 'TRANSFERRED', w.today);
          throw new Error('patient update failed');
        }),
      ).rejects.toThrow('patient update failed');
      const row = await t.uow.read((em) => em.findOneByOrFail(Placement, { id: placed.body.id }));
      expect(row.status).toBe('ACTIVE');
    });
  });
});
